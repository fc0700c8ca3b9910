#include "calib/entropy_threshold.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace reflex::calib {

ThresholdResult entropy_threshold(const double* counts, int bins, double range, int quant_bins,
                                  std::vector<double>* curve) {
  if (quant_bins < 1 || quant_bins > bins) {
    throw std::invalid_argument("quant_bins must be in [1, bins], got " + std::to_string(quant_bins));
  }
  const std::size_t nb = static_cast<std::size_t>(bins);
  std::vector<double> cum(nb + 1, 0.0), cum_clogc(nb + 1, 0.0);
  std::vector<int> cum_nonzero(nb + 1, 0);
  for (std::size_t k = 0; k < nb; ++k) {
    const double c = counts[k];
    if (c < 0 || !std::isfinite(c)) throw std::invalid_argument("histogram count " + std::to_string(k) + " is negative or not finite");
    cum[k + 1] = cum[k] + c;
    cum_nonzero[k + 1] = cum_nonzero[k] + (c > 0 ? 1 : 0);
    cum_clogc[k + 1] = cum_clogc[k] + (c > 0 ? c * std::log(c) : 0.0);
  }
  const double total = cum[nb];
  if (curve != nullptr) curve->assign(nb - static_cast<std::size_t>(quant_bins) + 1, std::numeric_limits<double>::quiet_NaN());
  ThresholdResult best;
  if (total <= 0) return best;

  // Candidates stop at the bin holding the largest value: after a doubling re-bin the top bins are empty and
  // cutting there would clip nothing. With range == max|x| (no re-bin) this is the full [quant_bins, bins].
  int last = bins;
  while (last > 0 && counts[last - 1] <= 0) --last;
  const int stop = last < quant_bins ? quant_bins : last;
  const double log_total = std::log(total);
  const double inf = std::numeric_limits<double>::infinity();
  double best_kl = inf;
  int best_i = stop;
  for (int i = quant_bins; i <= stop; ++i) {
    const double inside = cum[static_cast<std::size_t>(i)];
    const double outliers = total - inside;
    const double last = counts[i - 1];
    double kl;
    if (inside <= 0 || (last <= 0 && outliers > 0)) {
      kl = inf;  // P has mass where Q has none
    } else {
      double spread = 0.0;  // sum over groups of G * log(G / n)
      double last_group_log = 0.0;
      int start = 0;
      for (int g = 0; g < quant_bins; ++g) {
        const int end = static_cast<int>((static_cast<long long>(g + 1) * i + quant_bins - 1) / quant_bins);
        const double group = cum[static_cast<std::size_t>(end)] - cum[static_cast<std::size_t>(start)];
        const int nonzero = cum_nonzero[static_cast<std::size_t>(end)] - cum_nonzero[static_cast<std::size_t>(start)];
        if (group > 0) {
          const double lg = std::log(group / nonzero);
          spread += group * lg;
          if (end == i) last_group_log = lg;
        }
        start = end;
      }
      const double w_last = last + outliers;
      const double plogp = cum_clogc[static_cast<std::size_t>(i - 1)] + (w_last > 0 ? w_last * std::log(w_last) : 0.0);
      kl = (plogp - spread - outliers * last_group_log) / total - log_total + std::log(inside);
    }
    if (curve != nullptr) (*curve)[static_cast<std::size_t>(i - quant_bins)] = kl;
    if (kl <= best_kl) {
      best_kl = kl;
      best_i = i;
    }
  }
  best.bin = best_i;
  best.divergence = best_kl;
  best.amax = range * best_i / bins;
  return best;
}

}  // namespace reflex::calib
