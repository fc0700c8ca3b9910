// Symmetric INT8 quantize / dequantize with one scale per tensor, as ONNX QuantizeLinear/DequantizeLinear
// with zero point 0: q = saturate(round_half_even(x / scale)) in [-128, 127], NaN -> 0; x' = q * scale.
// All in float32 arithmetic (the TypeScript version reproduces it bit for bit).
#pragma once

#include <cstddef>
#include <cstdint>

namespace reflex::kernels {

/// Throws std::invalid_argument unless scale is finite and > 0.
void quantize_int8(const float* x, std::size_t n, float scale, std::int8_t* q);
void dequantize_int8(const std::int8_t* q, std::size_t n, float scale, float* x);

}  // namespace reflex::kernels
