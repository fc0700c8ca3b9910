#include "kernels/efficientvla_select.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace reflex::kernels {

namespace {

// Float32 dot product in eight lanes (lane l sums the products k = l, l+8, l+16, ...), each product and
// sum rounded to float32, the lanes then added pairwise: ((0+1)+(2+3))+((4+5)+(6+7)). The lanes are two
// 4-float vectors (GCC/Clang vector extensions: SSE on x86-64, NEON on aarch64); element-wise vector
// arithmetic is the scalar arithmetic per lane, so the TypeScript reference (Math.fround per step) gets
// the same bits.
typedef float v4 __attribute__((vector_size(16)));

inline v4 load4(const float* p) {
  v4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline float reduce(v4 lo, v4 hi) {
  return ((lo[0] + lo[1]) + (lo[2] + lo[3])) + ((hi[0] + hi[1]) + (hi[2] + hi[3]));
}

// Lanes for the elements past the last full group of eight (lane l gets element k + l).
inline void tail(const float* a, const float* b, std::size_t k, std::size_t dim, v4& lo, v4& hi) {
  for (std::size_t l = 0; k + l < dim; ++l) {
    const float p = a[k + l] * b[k + l];
    if (l < 4) lo[l] += p;
    else hi[l - 4] += p;
  }
}

float dot_rows(const float* m, std::size_t i, std::size_t j, std::size_t dim) {
  const float* a = m + i * dim;
  const float* b = m + j * dim;
  v4 lo = {0, 0, 0, 0}, hi = {0, 0, 0, 0};
  std::size_t k = 0;
  for (; k + 8 <= dim; k += 8) {
    lo += load4(a + k) * load4(b + k);
    hi += load4(a + k + 4) * load4(b + k + 4);
  }
  tail(a, b, k, dim, lo, hi);
  return reduce(lo, hi);
}

// The same dot product for four rows against one (each row's lanes and order exactly as dot_rows): four
// independent accumulator pairs keep the SIMD units busy where one dot would wait on its own additions.
void dot_rows_x4(const float* m, const std::size_t* rows, std::size_t j, std::size_t dim, float* out) {
  const float* r0 = m + rows[0] * dim;
  const float* r1 = m + rows[1] * dim;
  const float* r2 = m + rows[2] * dim;
  const float* r3 = m + rows[3] * dim;
  const float* b = m + j * dim;
  const v4 z = {0, 0, 0, 0};
  v4 l0 = z, h0 = z, l1 = z, h1 = z, l2 = z, h2 = z, l3 = z, h3 = z;
  std::size_t k = 0;
  for (; k + 8 <= dim; k += 8) {
    const v4 bl = load4(b + k), bh = load4(b + k + 4);
    l0 += load4(r0 + k) * bl;
    h0 += load4(r0 + k + 4) * bh;
    l1 += load4(r1 + k) * bl;
    h1 += load4(r1 + k + 4) * bh;
    l2 += load4(r2 + k) * bl;
    h2 += load4(r2 + k + 4) * bh;
    l3 += load4(r3 + k) * bl;
    h3 += load4(r3 + k + 4) * bh;
  }
  tail(r0, b, k, dim, l0, h0);
  tail(r1, b, k, dim, l1, h1);
  tail(r2, b, k, dim, l2, h2);
  tail(r3, b, k, dim, l3, h3);
  out[0] = reduce(l0, h0);
  out[1] = reduce(l1, h1);
  out[2] = reduce(l2, h2);
  out[3] = reduce(l3, h3);
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
  for (std::size_t i = 0; i < count; ++i) norms[i] = std::sqrt(static_cast<double>(dot_rows(tokens, i, i, dim)));
  std::vector<std::uint8_t> chosen(count, 0);
  std::vector<float> max_sim(count, -std::numeric_limits<float>::infinity());
  std::size_t n = 0;
  std::vector<std::size_t> open;  // tokens not chosen yet, ascending
  open.reserve(count);
  float dots[4];
  auto update = [&](std::size_t i, double nj, float dot) {
    const double ni = norms[i];
    const double s = (ni == 0 || nj == 0) ? 0.0 : static_cast<double>(dot) / (ni * nj);
    if (s > static_cast<double>(max_sim[i])) max_sim[i] = static_cast<float>(s);
  };
  auto keep = [&](std::size_t j) {
    chosen[j] = 1;
    out[n++] = static_cast<std::int32_t>(j);
    if (n == budget || relevance_count == budget) return;
    const double nj = norms[j];
    open.clear();
    for (std::size_t i = 0; i < count; ++i)
      if (!chosen[i]) open.push_back(i);
    std::size_t o = 0;
    for (; o + 4 <= open.size(); o += 4) {
      dot_rows_x4(tokens, open.data() + o, j, dim, dots);
      for (int r = 0; r < 4; ++r) update(open[o + r], nj, dots[r]);
    }
    for (; o < open.size(); ++o) update(open[o], nj, dot_rows(tokens, open[o], j, dim));
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
