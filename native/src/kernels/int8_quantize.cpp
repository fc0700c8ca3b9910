#include "kernels/int8_quantize.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace reflex::kernels {

namespace {
void check_scale(float scale) {
  if (!(scale > 0.0f) || !std::isfinite(scale)) {
    throw std::invalid_argument("int8 scale must be finite and > 0, got " + std::to_string(scale));
  }
}
}  // namespace

void quantize_int8(const float* x, std::size_t n, float scale, std::int8_t* q) {
  check_scale(scale);
  for (std::size_t i = 0; i < n; ++i) {
    float v = x[i] / scale;
    if (std::isnan(v)) {
      q[i] = 0;
      continue;
    }
    v = v < -128.0f ? -128.0f : (v > 127.0f ? 127.0f : v);
    q[i] = static_cast<std::int8_t>(std::nearbyint(v));  // default rounding mode: half to even
  }
}

void dequantize_int8(const std::int8_t* q, std::size_t n, float scale, float* x) {
  check_scale(scale);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<float>(q[i]) * scale;
}

}  // namespace reflex::kernels
