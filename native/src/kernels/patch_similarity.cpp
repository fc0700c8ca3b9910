#include "kernels/patch_similarity.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace reflex::kernels {

void PatchGrid::validate() const {
  if (patch == 0 || height % patch != 0 || width % patch != 0 || channels == 0) {
    throw std::invalid_argument("patch grid: patch " + std::to_string(patch) + " must divide height " +
                                std::to_string(height) + " and width " + std::to_string(width) +
                                ", channels must be > 0");
  }
}

void patch_similarity(const float* prev, const float* curr, const PatchGrid& grid, float* cosine, float* relative_l1) {
  grid.validate();
  const std::size_t P = grid.patch, W = grid.width, C = grid.channels;
  const std::size_t gw = grid.width / P, gh = grid.height / P;
  for (std::size_t py = 0; py < gh; ++py) {
    for (std::size_t px = 0; px < gw; ++px) {
      double dot = 0, na = 0, nb = 0, diff = 0, base = 0;
      for (std::size_t y = py * P; y < (py + 1) * P; ++y) {
        const std::size_t row = (y * W + px * P) * C;
        for (std::size_t e = 0; e < P * C; ++e) {
          const double a = prev[row + e], b = curr[row + e];
          dot += a * b;
          na += a * a;
          nb += b * b;
          diff += std::fabs(b - a);
          base += std::fabs(a);
        }
      }
      const std::size_t out = py * gw + px;
      if (cosine != nullptr) {
        const double norms = na * nb;
        double cos;
        if (norms > 0) cos = dot / std::sqrt(norms);
        else cos = (na == 0 && nb == 0) ? 1.0 : 0.0;
        cosine[out] = static_cast<float>(cos);
      }
      if (relative_l1 != nullptr) {
        double rel;
        if (base > 0) rel = diff / base;
        else rel = diff == 0 ? 0.0 : std::numeric_limits<double>::infinity();
        relative_l1[out] = static_cast<float>(rel);
      }
    }
  }
}

}  // namespace reflex::kernels
