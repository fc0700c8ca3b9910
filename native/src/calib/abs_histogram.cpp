#include "calib/abs_histogram.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace reflex::calib {

namespace {
bool is_power_of_two(int v) { return v > 0 && (v & (v - 1)) == 0; }
// Chunk so per-chunk uint32 sub-histogram counts cannot overflow.
constexpr std::size_t kChunk = std::size_t{1} << 30;
}  // namespace

AbsHistogram::AbsHistogram(int bins) {
  if (!is_power_of_two(bins) || bins < 2) {
    throw std::invalid_argument("histogram bins must be a power of two >= 2, got " + std::to_string(bins));
  }
  counts_.assign(static_cast<std::size_t>(bins), 0.0);
  scratch_.assign(static_cast<std::size_t>(bins) * 4, 0);
}

float finite_max_abs(const float* data, std::size_t n) {
  // Four independent lanes so the compiler vectorises; NaN and Inf fail `a < inf` and count as 0.
  constexpr float inf = std::numeric_limits<float>::infinity();
  float m0 = 0.0f, m1 = 0.0f, m2 = 0.0f, m3 = 0.0f;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    float a0 = std::fabs(data[i]), a1 = std::fabs(data[i + 1]), a2 = std::fabs(data[i + 2]), a3 = std::fabs(data[i + 3]);
    a0 = a0 < inf ? a0 : 0.0f;
    a1 = a1 < inf ? a1 : 0.0f;
    a2 = a2 < inf ? a2 : 0.0f;
    a3 = a3 < inf ? a3 : 0.0f;
    m0 = a0 > m0 ? a0 : m0;
    m1 = a1 > m1 ? a1 : m1;
    m2 = a2 > m2 ? a2 : m2;
    m3 = a3 > m3 ? a3 : m3;
  }
  for (; i < n; ++i) {
    float a = std::fabs(data[i]);
    a = a < inf ? a : 0.0f;
    m0 = a > m0 ? a : m0;
  }
  return std::max(std::max(m0, m1), std::max(m2, m3));
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
  const std::uint32_t top = static_cast<std::uint32_t>(bins - 1);
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
  std::uint32_t* h0 = scratch_.data();
  std::uint32_t* h1 = h0 + bins;
  std::uint32_t* h2 = h1 + bins;
  std::uint32_t* h3 = h2 + bins;
  std::uint64_t skipped = 0;
  auto bin_of = [&](float x, std::uint32_t& idx) -> bool {
    const float a = std::fabs(x);
    if (!(a <= range)) return false;  // NaN, Inf
    const float scaled = a * scale;
    idx = std::min(static_cast<std::uint32_t>(scaled), top);
    return true;
  };

  for (std::size_t start = 0; start < n; start += kChunk) {
    const std::size_t end = std::min(n, start + kChunk);
    std::fill(scratch_.begin(), scratch_.end(), 0u);
    std::size_t i = start;
    for (; i + 4 <= end; i += 4) {
      std::uint32_t b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      const bool ok0 = bin_of(data[i], b0), ok1 = bin_of(data[i + 1], b1), ok2 = bin_of(data[i + 2], b2),
                 ok3 = bin_of(data[i + 3], b3);
      if (ok0 & ok1 & ok2 & ok3) {
        ++h0[b0];
        ++h1[b1];
        ++h2[b2];
        ++h3[b3];
      } else {
        if (ok0) ++h0[b0]; else ++skipped;
        if (ok1) ++h1[b1]; else ++skipped;
        if (ok2) ++h2[b2]; else ++skipped;
        if (ok3) ++h3[b3]; else ++skipped;
      }
    }
    for (; i < end; ++i) {
      std::uint32_t b;
      if (bin_of(data[i], b)) ++h0[b]; else ++skipped;
    }
    for (int j = 0; j < bins; ++j) {
      counts_[static_cast<std::size_t>(j)] +=
          static_cast<double>(std::uint64_t{h0[j]} + h1[j] + h2[j] + h3[j]);
    }
  }
  total_ += n - skipped;
  non_finite_ += skipped;
}

}  // namespace reflex::calib
