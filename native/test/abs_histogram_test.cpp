#include <cmath>
#include <limits>
#include <vector>

#include "calib/abs_histogram.h"
#include "check.h"

using reflex::calib::AbsHistogram;

TEST(histogram_first_batch_sets_range_to_max_abs) {
  AbsHistogram h(8);
  const std::vector<float> x{-4.0f, 1.0f, 0.0f, 2.5f};
  h.collect(x.data(), x.size());
  CHECK_EQ(h.range(), 4.0f);
  CHECK_EQ(h.total(), 4u);
  // width 0.5: 0 -> bin 0, 1 -> bin 2, 2.5 -> bin 5, 4 -> top bin 7
  CHECK_EQ(h.counts()[0], 1.0);
  CHECK_EQ(h.counts()[2], 1.0);
  CHECK_EQ(h.counts()[5], 1.0);
  CHECK_EQ(h.counts()[7], 1.0);
}

TEST(histogram_rebins_by_doubling_when_max_grows) {
  AbsHistogram h(8);
  const std::vector<float> a{1.0f, 0.1f, 0.6f};  // range 1, width 0.125: bins 7, 0, 4
  h.collect(a.data(), a.size());
  const std::vector<float> b{3.5f};  // range grows 1 -> 2 -> 4: factor 4, bins merge 4:1
  h.collect(b.data(), b.size());
  CHECK_EQ(h.range(), 4.0f);
  CHECK_EQ(h.counts()[0], 1.0);  // old bin 0
  CHECK_EQ(h.counts()[1], 2.0);  // old bins 4 and 7
  CHECK_EQ(h.counts()[7], 1.0);  // 3.5 / 0.5 = 7
  double sum = 0;
  for (double c : h.counts()) sum += c;
  CHECK_EQ(sum, 4.0);
  CHECK_EQ(h.max_abs(), 3.5f);
}

TEST(histogram_keeps_zeros_seen_before_the_first_nonzero_batch) {
  AbsHistogram h(16);
  const std::vector<float> zeros(10, 0.0f);
  h.collect(zeros.data(), zeros.size());
  CHECK_EQ(h.range(), 0.0f);
  const std::vector<float> x{2.0f};
  h.collect(x.data(), x.size());
  CHECK_EQ(h.counts()[0], 10.0);
  CHECK_EQ(h.counts()[15], 1.0);
  CHECK_EQ(h.total(), 11u);
}

TEST(histogram_counts_non_finite_apart) {
  AbsHistogram h(16);
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<float> x{1.0f, std::nanf(""), inf, -inf, -0.5f};
  h.collect(x.data(), x.size());
  CHECK_EQ(h.range(), 1.0f);
  CHECK_EQ(h.total(), 2u);
  CHECK_EQ(h.non_finite(), 3u);
}

TEST(histogram_rejects_non_power_of_two_bins) { CHECK_THROWS(AbsHistogram(100)); }

TEST(histogram_large_batch_total_matches_count) {
  AbsHistogram h;
  std::vector<float> x(100003);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(static_cast<float>(i)) * 3.0f;
  h.collect(x.data(), x.size());
  double sum = 0;
  for (double c : h.counts()) sum += c;
  CHECK_EQ(sum, 100003.0);
}

TEST(histogram_threads_and_one_pass_give_the_same_counts_as_one_thread) {
  // Three batches over 2^20 values: sets the range, stays within it (one pass), grows it (re-bin).
  std::vector<std::vector<float>> batches(3, std::vector<float>(1200007));
  const float gains[3] = {2.0f, 1.0f, 9.0f};
  for (int b = 0; b < 3; ++b) {
    for (std::size_t i = 0; i < batches[b].size(); ++i) batches[b][i] = std::sin(static_cast<float>(i) * 0.37f + b) * gains[b];
  }
  batches[1][77] = std::numeric_limits<float>::quiet_NaN();
  AbsHistogram one(2048, 1), four(2048, 4);
  for (const auto& x : batches) {
    one.collect(x.data(), x.size());
    four.collect(x.data(), x.size());
  }
  CHECK_EQ(four.threads(), 4);
  CHECK_EQ(one.range(), four.range());
  CHECK_EQ(one.total(), four.total());
  CHECK_EQ(four.non_finite(), 1u);
  CHECK(one.counts() == four.counts());
  CHECK_EQ(one.total(), std::uint64_t{3 * 1200007 - 1});
}
