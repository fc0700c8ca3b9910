// Reading JS TypedArrays in place: pointer + length views with the type checked, and argument errors that
// name the argument.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace reflex::binding {

template <typename T>
struct View {
  T* data = nullptr;
  std::size_t length = 0;
};

template <typename T>
struct TypedArrayKind;
template <>
struct TypedArrayKind<float> {
  static constexpr napi_typedarray_type type = napi_float32_array;
  static constexpr const char* name = "Float32Array";
};
template <>
struct TypedArrayKind<double> {
  static constexpr napi_typedarray_type type = napi_float64_array;
  static constexpr const char* name = "Float64Array";
};
template <>
struct TypedArrayKind<std::int32_t> {
  static constexpr napi_typedarray_type type = napi_int32_array;
  static constexpr const char* name = "Int32Array";
};
template <>
struct TypedArrayKind<std::int8_t> {
  static constexpr napi_typedarray_type type = napi_int8_array;
  static constexpr const char* name = "Int8Array";
};
template <>
struct TypedArrayKind<std::uint8_t> {
  static constexpr napi_typedarray_type type = napi_uint8_array;
  static constexpr const char* name = "Uint8Array";
};

/// Throws a JS TypeError naming `what` unless `value` is a TypedArray of T.
template <typename T>
View<T> view_of(const Napi::Value& value, const std::string& what) {
  if (!value.IsTypedArray() || value.As<Napi::TypedArray>().TypedArrayType() != TypedArrayKind<T>::type) {
    throw Napi::TypeError::New(value.Env(), what + " must be a " + TypedArrayKind<T>::name);
  }
  auto array = value.As<Napi::TypedArrayOf<T>>();
  return View<T>{array.Data(), array.ElementLength()};
}

std::size_t size_arg(const Napi::Value& value, const std::string& what);
double number_arg(const Napi::Value& value, const std::string& what);

/// Runs `body`, turning C++ exceptions (std::invalid_argument -> RangeError, others -> Error) into JS ones.
template <typename F>
auto guarded(Napi::Env env, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw Napi::RangeError::New(env, e.what());
  } catch (const std::out_of_range& e) {
    throw Napi::RangeError::New(env, e.what());
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, e.what());
  }
}

}  // namespace reflex::binding
