// Relative L1 change of a whole tensor, sum |b - a| / sum |a| (TeaCache's per-step change indicator),
// summed in double in index order; 0 when both sums are zero, +Inf when only sum |a| is.
#pragma once

#include <cstddef>

namespace reflex::kernels {

double relative_l1(const float* prev, const float* curr, std::size_t n);

}  // namespace reflex::kernels
