// Top-k index selection: the k highest scores, highest first; equal scores keep the lower index first;
// NaN ranks below every number. Deterministic, so the TypeScript version gives the same indices.
#pragma once

#include <cstddef>
#include <cstdint>

namespace reflex::kernels {

/// Writes k indices into `out`. Throws std::invalid_argument when k > n.
void topk(const float* scores, std::size_t n, std::size_t k, std::int32_t* out);

}  // namespace reflex::kernels
