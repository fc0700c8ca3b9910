#include "kernels/relative_l1.h"

#include <cmath>
#include <limits>

namespace reflex::kernels {

double relative_l1(const float* prev, const float* curr, std::size_t n) {
  double diff = 0, base = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double a = prev[i], b = curr[i];
    diff += std::fabs(b - a);
    base += std::fabs(a);
  }
  if (base > 0) return diff / base;
  return diff == 0 ? 0.0 : std::numeric_limits<double>::infinity();
}

}  // namespace reflex::kernels
