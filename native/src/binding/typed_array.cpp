#include "binding/typed_array.h"

#include <cmath>

namespace reflex::binding {

std::size_t size_arg(const Napi::Value& value, const std::string& what) {
  if (!value.IsNumber()) throw Napi::TypeError::New(value.Env(), what + " must be a number");
  const double v = value.As<Napi::Number>().DoubleValue();
  if (!(v >= 0) || v != std::floor(v) || v > 9007199254740991.0) {
    throw Napi::RangeError::New(value.Env(), what + " must be a non-negative integer, got " + std::to_string(v));
  }
  return static_cast<std::size_t>(v);
}

double number_arg(const Napi::Value& value, const std::string& what) {
  if (!value.IsNumber()) throw Napi::TypeError::New(value.Env(), what + " must be a number");
  return value.As<Napi::Number>().DoubleValue();
}

}  // namespace reflex::binding
