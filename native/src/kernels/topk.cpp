#include "kernels/topk.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace reflex::kernels {

void topk(const float* scores, std::size_t n, std::size_t k, std::int32_t* out) {
  if (k > n) throw std::invalid_argument("topk: k=" + std::to_string(k) + " > n=" + std::to_string(n));
  if (n > static_cast<std::size_t>(INT32_MAX)) throw std::invalid_argument("topk: more than 2^31-1 scores");
  std::vector<std::int32_t> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  auto before = [scores](std::int32_t a, std::int32_t b) {
    const float sa = scores[a], sb = scores[b];
    const bool na = std::isnan(sa), nb = std::isnan(sb);
    if (na != nb) return nb;  // the number first
    if (!na && sa != sb) return sa > sb;
    return a < b;
  };
  const auto middle = idx.begin() + static_cast<std::ptrdiff_t>(k);
  if (k < n) std::nth_element(idx.begin(), middle, idx.end(), before);
  std::sort(idx.begin(), middle, before);
  std::copy(idx.begin(), middle, out);
}

}  // namespace reflex::kernels
