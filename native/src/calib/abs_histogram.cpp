#include "calib/abs_histogram.h"

#include <algorithm>
#include <cstring>
#include <cmath>
#include <limits>
#include <stdexcept>

// On x86-64 the two vectorised loops are also compiled for AVX2 and picked at load time (ifunc); results
// are the same bits either way (IEEE single-precision multiply and truncation, no contraction).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define REFLEX_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define REFLEX_VECTOR_CLONES
#endif

namespace reflex::calib {

namespace {
bool is_power_of_two(int v) { return v > 0 && (v & (v - 1)) == 0; }
// Chunk so per-chunk uint32 sub-histogram counts cannot overflow.
constexpr std::size_t kChunk = std::size_t{1} << 30;
constexpr std::size_t kBlock = 1024;
}  // namespace

AbsHistogram::AbsHistogram(int bins) {
  if (!is_power_of_two(bins) || bins < 2) {
    throw std::invalid_argument("histogram bins must be a power of two >= 2, got " + std::to_string(bins));
  }
  counts_.assign(static_cast<std::size_t>(bins), 0.0);
  scratch_.assign((static_cast<std::size_t>(bins) + 1) * 4, 0);
}

REFLEX_VECTOR_CLONES float finite_max_abs(const float* data, std::size_t n) {
  // On the IEEE-754 bit patterns: for finite non-negative floats, integer order is float order, so |x| is
  // `bits & 0x7fffffff`, non-finite values are patterns >= 0x7f800000 (dropped to 0), and the max is an
  // unsigned integer max, which the compiler vectorises without -ffast-math.
  // Masked patterns are < 2^31, so signed compares (available on SSE2) order them correctly.
  std::int32_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::int32_t b;
    std::memcpy(&b, data + i, sizeof b);
    b &= 0x7fffffff;
    b = b < 0x7f800000 ? b : 0;
    m = b > m ? b : m;
  }
  float out;
  std::memcpy(&out, &m, sizeof out);
  return out;
}

// Pass 1 of a block (vectorised): bin index per value, branch-free; NaN and Inf fail `a <= range`.
REFLEX_VECTOR_CLONES static void bin_indices(const float* x, std::size_t len, float range, float scale,
                                             std::int32_t top, std::int32_t skip_bin, std::int32_t* out) {
  // Integer selects on the bit patterns keep the loop free of floating-point control flow (so it vectorises
  // under the default -ftrapping-math): |x| <= range compares as integers, NaN/Inf patterns exceed range's.
  std::int32_t range_bits;
  std::memcpy(&range_bits, &range, sizeof range_bits);
  for (std::size_t j = 0; j < len; ++j) {
    std::int32_t b;
    std::memcpy(&b, x + j, sizeof b);
    b &= 0x7fffffff;
    const bool ok = b <= range_bits;
    b = ok ? b : 0;
    float a;
    std::memcpy(&a, &b, sizeof a);
    std::int32_t k = static_cast<std::int32_t>(a * scale);
    k = k < top ? k : top;
    out[j] = ok ? k : skip_bin;
  }
}

void AbsHistogram::grow_to(float batch_max) {
  const int bins = this->bins();
  int factor = 1;
  float range = range_;
  while (range < batch_max) {
    const float doubled = range * 2.0f;
    if (!(doubled < std::numeric_limits<float>::infinity())) {
      throw std::overflow_error("histogram range would overflow float32 while growing to " + std::to_string(batch_max));
    }
    range = doubled;
    factor = factor >= bins ? bins : factor * 2;
  }
  if (factor > 1) {
    std::vector<double> merged(counts_.size(), 0.0);
    for (int j = 0; j < bins; ++j) merged[static_cast<std::size_t>(j / factor)] += counts_[static_cast<std::size_t>(j)];
    counts_.swap(merged);
  }
  range_ = range;
}

void AbsHistogram::collect(const float* data, std::size_t n) {
  if (n == 0) return;
  const float batch_max = finite_max_abs(data, n);
  max_abs_ = std::max(max_abs_, batch_max);
  if (range_ == 0.0f) {
    if (batch_max > 0.0f) range_ = batch_max;  // zeros seen so far already sit in bin 0
  } else if (batch_max > range_) {
    grow_to(batch_max);
  }

  const int bins = this->bins();
  if (range_ == 0.0f) {
    // Every finite value is zero: bin 0 whatever the range becomes.
    std::uint64_t finite = 0;
    for (std::size_t i = 0; i < n; ++i) finite += std::isfinite(data[i]) ? 1 : 0;
    counts_[0] += static_cast<double>(finite);
    total_ += finite;
    non_finite_ += n - finite;
    return;
  }

  const float range = range_;
  const float scale = static_cast<float>(static_cast<double>(bins) / static_cast<double>(range));
  const std::int32_t top = bins - 1;
  const std::int32_t skip_bin = bins;  // non-finite values land here
  const std::size_t stride = static_cast<std::size_t>(bins) + 1;
  std::uint32_t* h0 = scratch_.data();
  std::uint32_t* h1 = h0 + stride;
  std::uint32_t* h2 = h1 + stride;
  std::uint32_t* h3 = h2 + stride;
  std::int32_t index[kBlock];
  std::uint64_t skipped = 0;

  for (std::size_t start = 0; start < n; start += kChunk) {
    const std::size_t end = std::min(n, start + kChunk);
    std::fill(scratch_.begin(), scratch_.end(), 0u);
    for (std::size_t block = start; block < end; block += kBlock) {
      const std::size_t len = std::min(kBlock, end - block);
      const float* x = data + block;
      bin_indices(x, len, range, scale, top, skip_bin, index);
      // Pass 2: counts into four sub-histograms so consecutive increments do not wait on each other.
      std::size_t j = 0;
      for (; j + 4 <= len; j += 4) {
        ++h0[index[j]];
        ++h1[index[j + 1]];
        ++h2[index[j + 2]];
        ++h3[index[j + 3]];
      }
      for (; j < len; ++j) ++h0[index[j]];
    }
    for (int b = 0; b < bins; ++b) {
      counts_[static_cast<std::size_t>(b)] += static_cast<double>(std::uint64_t{h0[b]} + h1[b] + h2[b] + h3[b]);
    }
    skipped += std::uint64_t{h0[bins]} + h1[bins] + h2[bins] + h3[bins];
  }
  total_ += n - skipped;
  non_finite_ += skipped;
}

}  // namespace reflex::calib
