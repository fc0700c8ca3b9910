#include "calib/percentile_threshold.h"

#include <stdexcept>
#include <string>

namespace reflex::calib {

ThresholdResult percentile_threshold(const double* counts, int bins, double range, double percentile) {
  if (!(percentile > 0.0 && percentile <= 100.0)) {
    throw std::invalid_argument("percentile must be in (0, 100], got " + std::to_string(percentile));
  }
  double total = 0.0;
  for (int k = 0; k < bins; ++k) total += counts[k];
  ThresholdResult result;
  if (total <= 0) return result;
  const double target = percentile / 100.0 * total;
  double running = 0.0;
  for (int k = 0; k < bins; ++k) {
    running += counts[k];
    if (running >= target) {
      result.bin = k + 1;
      result.amax = range * (k + 1) / bins;
      return result;
    }
  }
  result.bin = bins;
  result.amax = range;
  return result;
}

}  // namespace reflex::calib
