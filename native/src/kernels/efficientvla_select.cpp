#include "kernels/efficientvla_select.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace reflex::kernels {

namespace {

// Four interleaved partial sums, added left to right at the end: the order the TypeScript version uses
// (no reassociation here: the build has no fast-math and no FMA contraction).
double dot_rows(const float* m, std::size_t i, std::size_t j, std::size_t dim) {
  const float* a = m + i * dim;
  const float* b = m + j * dim;
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t k = 0;
  for (; k + 3 < dim; k += 4) {
    s0 += static_cast<double>(a[k]) * b[k];
    s1 += static_cast<double>(a[k + 1]) * b[k + 1];
    s2 += static_cast<double>(a[k + 2]) * b[k + 2];
    s3 += static_cast<double>(a[k + 3]) * b[k + 3];
  }
  for (; k < dim; ++k) s0 += static_cast<double>(a[k]) * b[k];
  return s0 + s1 + s2 + s3;
}

}  // namespace

void efficientvla_select(const float* tokens, std::size_t count, std::size_t dim, const float* relevance,
                         std::size_t relevance_count, std::size_t budget, std::int32_t* out) {
  if (budget > count || relevance_count > budget) {
    throw std::invalid_argument("efficientvlaSelect: need relevanceCount <= budget <= count, got " +
                                std::to_string(relevance_count) + ", " + std::to_string(budget) + ", " +
                                std::to_string(count));
  }
  if (count > static_cast<std::size_t>(INT32_MAX)) throw std::invalid_argument("efficientvlaSelect: more than 2^31-1 tokens");
  if (budget == 0) return;
  std::vector<std::int32_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  // The topk kernel's order (score, NaN below every number, then index): a total order, so a partial
  // sort gives the same prefix as a full one.
  auto before = [relevance](std::int32_t a, std::int32_t b) {
    const float sa = relevance[a], sb = relevance[b];
    const bool na = std::isnan(sa), nb = std::isnan(sb);
    if (na != nb) return nb;
    if (!na && sa != sb) return sa > sb;
    return a < b;
  };
  const auto middle = order.begin() + static_cast<std::ptrdiff_t>(relevance_count);
  std::partial_sort(order.begin(), middle, order.end(), before);

  std::vector<double> norms(count);
  for (std::size_t i = 0; i < count; ++i) norms[i] = std::sqrt(dot_rows(tokens, i, i, dim));
  std::vector<std::uint8_t> chosen(count, 0);
  std::vector<float> max_sim(count, -std::numeric_limits<float>::infinity());
  std::size_t n = 0;
  auto keep = [&](std::size_t j) {
    chosen[j] = 1;
    out[n++] = static_cast<std::int32_t>(j);
    if (n == budget || relevance_count == budget) return;
    const double nj = norms[j];
    for (std::size_t i = 0; i < count; ++i) {
      if (chosen[i]) continue;
      const double ni = norms[i];
      const double s = (ni == 0 || nj == 0) ? 0.0 : dot_rows(tokens, i, j, dim) / (ni * nj);
      if (s > static_cast<double>(max_sim[i])) max_sim[i] = static_cast<float>(s);
    }
  };
  for (std::size_t r = 0; r < relevance_count; ++r) keep(static_cast<std::size_t>(order[r]));
  while (n < budget) {
    std::size_t best = count;
    float best_sim = std::numeric_limits<float>::infinity();
    for (std::size_t i = 0; i < count; ++i) {
      if (!chosen[i] && max_sim[i] < best_sim) {
        best = i;
        best_sim = max_sim[i];
      }
    }
    // Unreachable (max_sim is never NaN or +inf: a NaN similarity is never stored), kept so a bad input
    // can never index out of range.
    if (best == count) break;
    keep(best);
  }
  std::sort(out, out + n);
}

}  // namespace reflex::kernels
