#include <vector>

#include "calib/percentile_threshold.h"
#include "check.h"

using namespace reflex::calib;

TEST(percentile_finds_the_bin_reaching_the_fraction) {
  std::vector<double> counts(10, 0.0);
  counts[0] = 90;
  counts[5] = 9;
  counts[9] = 1;
  CHECK_EQ(percentile_threshold(counts.data(), 10, 10.0, 90.0).amax, 1.0);
  CHECK_EQ(percentile_threshold(counts.data(), 10, 10.0, 99.0).amax, 6.0);
  CHECK_EQ(percentile_threshold(counts.data(), 10, 10.0, 99.5).amax, 10.0);
  CHECK_EQ(percentile_threshold(counts.data(), 10, 10.0, 100.0).bin, 10);
}

TEST(percentile_rejects_out_of_range) {
  std::vector<double> counts(4, 1.0);
  CHECK_THROWS(percentile_threshold(counts.data(), 4, 1.0, 0.0));
  CHECK_THROWS(percentile_threshold(counts.data(), 4, 1.0, 100.5));
}
