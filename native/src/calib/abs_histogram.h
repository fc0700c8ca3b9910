// Histogram of |x| for one tensor, collected batch by batch (the first step of INT8 calibration).
//
// Bins cover [0, range) evenly; bin j holds |x| in [j*w, (j+1)*w) with w = range / bins, and the top bin
// also holds |x| == range. The first non-zero batch sets range = its max |x|. When a later batch has a
// larger max, range doubles (as often as needed) and every 2^k neighbouring bins merge into one, so counts
// stay exact integers and no count is ever split. Non-finite values (NaN, +-Inf) are counted apart and left
// out. The bin of |x| is min(trunc(float32(|x| * s)), bins - 1) with s = float32(bins / range), all in
// float32 arithmetic, so the TypeScript reference (sdk/native/calibration-reference.ts) reproduces it bit
// for bit.
//
// Speed (see bench/calibration): once the range is set, a batch is binned in ONE pass against the current
// range while its max is taken alongside; only if that max exceeds the range (the range must grow) are the
// provisional counts dropped and the batch binned again. The first batch needs its max before any bin is
// known, so it takes two passes. Large batches are split over worker threads (contiguous chunks, integer
// partial counts summed in a fixed order), so results do not depend on the thread count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace reflex::calib {

constexpr int kDefaultHistogramBins = 2048;
/// Below this many values per thread a batch is not split (thread start-up would cost more than it saves).
constexpr std::size_t kMinValuesPerThread = std::size_t{1} << 19;

class AbsHistogram {
 public:
  /// threads: the most worker threads one collect() may use; 0 = the machine's hardware threads (max 8).
  explicit AbsHistogram(int bins = kDefaultHistogramBins, int threads = 1);

  /// Adds one batch. Reads `data` in place; never keeps the pointer.
  void collect(const float* data, std::size_t n);

  int bins() const { return static_cast<int>(counts_.size()); }
  int threads() const { return threads_; }
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
  /// Per-thread partial result of one pass over a chunk.
  struct Partial {
    std::vector<double> counts;           // bins + 1: the last slot holds values outside [0, range] (or non-finite)
    std::vector<std::uint32_t> scratch;   // 4 sub-histograms of bins + 1
    std::int32_t max_bits = 0;            // max finite |x| as its IEEE bit pattern
  };

  void grow_to(float batch_max);
  int threads_for(std::size_t n) const;
  /// Bins data into parts (one per thread) against `range`; each part also records its chunk's max.
  void bin_pass(const float* data, std::size_t n, float range, int threads);
  /// Max finite |x| of data, split over threads.
  float max_pass(const float* data, std::size_t n, int threads);
  void commit(std::size_t n, int threads);

  std::vector<double> counts_;
  std::vector<Partial> parts_;
  int threads_ = 1;
  float range_ = 0.0f;
  float max_abs_ = 0.0f;
  std::uint64_t total_ = 0;
  std::uint64_t non_finite_ = 0;
};

/// Max |x| over the finite values of data (0 when none).
float finite_max_abs(const float* data, std::size_t n);

}  // namespace reflex::calib
