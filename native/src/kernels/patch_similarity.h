// Per-patch change between two frames (or two token matrices): cosine similarity and relative L1 change.
//
// Images are row-major [height, width, channels] float32; patches are patch x patch squares in a row-major
// grid, so out has (height / patch) * (width / patch) entries. A token matrix [tokens, dim] is the image
// height=tokens, width=1, channels=dim, patch=1: one value per token.
// Sums run in double in the order (row, column, channel) and the result is rounded once to float32, so the
// TypeScript version is bit-identical.
//   cosine      = dot(a, b) / sqrt(|a|^2 |b|^2); 1 when both patches are zero, 0 when only one is.
//   relative_l1 = sum |b - a| / sum |a|; 0 when both sums are zero, +Inf when only |a| is zero.
#pragma once

#include <cstddef>

namespace reflex::kernels {

struct PatchGrid {
  std::size_t height = 0, width = 0, channels = 0, patch = 0;
  std::size_t patches() const { return (height / patch) * (width / patch); }
  /// Throws std::invalid_argument when patch is 0 or does not divide height and width.
  void validate() const;
};

/// Either output may be null.
void patch_similarity(const float* prev, const float* curr, const PatchGrid& grid, float* cosine, float* relative_l1);

}  // namespace reflex::kernels
