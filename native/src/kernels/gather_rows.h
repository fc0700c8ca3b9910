// Gather rows of a row-major [rows, cols] token matrix by index: dst[j, :] = src[indices[j], :].
#pragma once

#include <cstddef>
#include <cstdint>

namespace reflex::kernels {

/// Throws std::out_of_range when an index is outside [0, rows).
void gather_rows(const float* src, std::size_t rows, std::size_t cols, const std::int32_t* indices, std::size_t k,
                 float* dst);

}  // namespace reflex::kernels
