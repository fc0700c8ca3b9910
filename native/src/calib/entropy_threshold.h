// Entropy (KL-divergence) threshold search over an |x| histogram, the TensorRT "EntropyCalibration2" family.
//
// For each candidate cut-off i in [quant_bins, last] (last = 1 + the highest non-empty bin; = bins when the
// range is the max, as it is until a re-bin doubles it): P = bins[0..i) with every count at or beyond i added
// into bin i-1; Q = bins[0..i) merged into quant_bins groups (bin k goes to group floor(k * quant_bins / i)),
// each group's count spread evenly over its non-zero bins; both normalised; KL(P || Q) (infinite where P has
// mass and Q none). The smallest KL wins, ties to the largest i; amax = i * range / bins (the upper edge of
// bin i-1), scale = amax / 127.
//
// The search is O(bins * quant_bins): KL is rewritten with prefix sums over counts, non-zero counts and
// c*log(c), so each candidate costs one log per group, not one per bin.
#pragma once

#include <vector>

namespace reflex::calib {

constexpr int kDefaultQuantBins = 128;

struct ThresholdResult {
  int bin = 0;            // cut-off bin count i (entropy, percentile); 0 for an empty histogram
  double amax = 0.0;      // clipping threshold in the tensor's units
  double divergence = 0;  // KL at the chosen i (entropy only)
};

/// `counts` has `bins` entries covering [0, range). `curve`, when given, receives KL for i = quant_bins..bins (NaN past the last candidate).
ThresholdResult entropy_threshold(const double* counts, int bins, double range, int quant_bins = kDefaultQuantBins,
                                  std::vector<double>* curve = nullptr);

}  // namespace reflex::calib
