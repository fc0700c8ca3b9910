// Histogram of |x| for one tensor, collected batch by batch (the first step of INT8 calibration).
//
// Bins cover [0, range) evenly; bin j holds |x| in [j*w, (j+1)*w) with w = range / bins, and the top bin
// also holds |x| == range. The first non-zero batch sets range = its max |x|. When a later batch has a
// larger max, range doubles (as often as needed) and every 2^k neighbouring bins merge into one, so counts
// stay exact integers and no count is ever split. Non-finite values (NaN, +-Inf) are counted apart and left
// out. The bin of |x| is min(trunc(float32(|x| * s)), bins - 1) with s = float32(bins / range), all in
// float32 arithmetic, so the TypeScript reference (sdk/native/calibration-reference.ts) reproduces it bit
// for bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reflex::calib {

constexpr int kDefaultHistogramBins = 2048;

class AbsHistogram {
 public:
  explicit AbsHistogram(int bins = kDefaultHistogramBins);

  /// Adds one batch. Reads `data` in place; never keeps the pointer.
  void collect(const float* data, std::size_t n);

  int bins() const { return static_cast<int>(counts_.size()); }
  /// Upper edge of the top bin; 0 while every value seen was zero.
  float range() const { return range_; }
  /// Largest finite |x| seen.
  float max_abs() const { return max_abs_; }
  /// Finite values counted (the sum of all bins).
  std::uint64_t total() const { return total_; }
  std::uint64_t non_finite() const { return non_finite_; }
  /// Counts per bin; doubles so the threshold searches read them without conversion (exact below 2^53).
  const std::vector<double>& counts() const { return counts_; }

 private:
  void grow_to(float batch_max);

  std::vector<double> counts_;
  std::vector<std::uint32_t> scratch_;  // 4 sub-histograms per batch chunk, merged into counts_
  float range_ = 0.0f;
  float max_abs_ = 0.0f;
  std::uint64_t total_ = 0;
  std::uint64_t non_finite_ = 0;
};

/// Max |x| over the finite values of data (0 when none).
float finite_max_abs(const float* data, std::size_t n);

}  // namespace reflex::calib
