// Min-max and percentile thresholds over an |x| histogram.
#pragma once

#include "calib/entropy_threshold.h"

namespace reflex::calib {

/// amax = upper edge of the first bin k where the running count reaches percentile/100 of the total
/// (percentile in (0, 100]); bin = k + 1.
ThresholdResult percentile_threshold(const double* counts, int bins, double range, double percentile);

}  // namespace reflex::calib
