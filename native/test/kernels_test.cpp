#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "check.h"
#include "kernels/efficientvla_select.h"
#include "kernels/gather_rows.h"
#include "kernels/int8_quantize.h"
#include "kernels/patch_similarity.h"
#include "kernels/relative_l1.h"
#include "kernels/topk.h"

using namespace reflex::kernels;

TEST(topk_orders_by_score_then_index_with_nan_last) {
  const std::vector<float> s{0.5f, std::nanf(""), 2.0f, 0.5f, -1.0f, 2.0f};
  std::vector<std::int32_t> out(6);
  topk(s.data(), s.size(), 6, out.data());
  const std::vector<std::int32_t> want{2, 5, 0, 3, 4, 1};
  CHECK(out == want);
  std::vector<std::int32_t> three(3);
  topk(s.data(), s.size(), 3, three.data());
  CHECK((three == std::vector<std::int32_t>{2, 5, 0}));
  CHECK_THROWS(topk(s.data(), s.size(), 7, three.data()));
}

TEST(gather_rows_copies_selected_rows_and_checks_bounds) {
  const std::vector<float> m{0, 1, 10, 11, 20, 21};
  const std::vector<std::int32_t> idx{2, 0};
  std::vector<float> out(4);
  gather_rows(m.data(), 3, 2, idx.data(), 2, out.data());
  CHECK((out == std::vector<float>{20, 21, 0, 1}));
  const std::vector<std::int32_t> bad{3};
  CHECK_THROWS(gather_rows(m.data(), 3, 2, bad.data(), 1, out.data()));
}

TEST(patch_similarity_identical_and_opposite_patches) {
  // 2x4 image, 1 channel, patch 2 -> 2 patches
  const std::vector<float> a{1, 2, 3, 4, 5, 6, 7, 8};
  const std::vector<float> b{1, 2, -3, -4, 5, 6, -7, -8};
  std::vector<float> cos(2), rel(2);
  patch_similarity(a.data(), b.data(), PatchGrid{2, 4, 1, 2}, cos.data(), rel.data());
  CHECK_NEAR(cos[0], 1.0, 1e-7);
  CHECK_NEAR(cos[1], -1.0, 1e-7);
  CHECK_EQ(rel[0], 0.0f);
  CHECK_EQ(rel[1], 2.0f);
  CHECK_THROWS(patch_similarity(a.data(), b.data(), PatchGrid{2, 4, 1, 3}, cos.data(), rel.data()));
}

TEST(relative_l1_of_whole_tensor) {
  const std::vector<float> a{1, -1, 2};
  const std::vector<float> b{1, 1, 2};
  CHECK_EQ(relative_l1(a.data(), b.data(), 3), 0.5);
  const std::vector<float> z{0, 0, 0};
  CHECK_EQ(relative_l1(z.data(), z.data(), 3), 0.0);
  CHECK(std::isinf(relative_l1(z.data(), b.data(), 3)));
}

TEST(int8_quantize_rounds_half_to_even_and_saturates) {
  const std::vector<float> x{0.5f, 1.5f, 2.5f, -2.5f, 1000.0f, -1000.0f, std::nanf("")};
  std::vector<std::int8_t> q(x.size());
  quantize_int8(x.data(), x.size(), 1.0f, q.data());
  CHECK((q == std::vector<std::int8_t>{0, 2, 2, -2, 127, -128, 0}));
  std::vector<float> back(q.size());
  dequantize_int8(q.data(), q.size(), 0.5f, back.data());
  CHECK_EQ(back[1], 1.0f);
  CHECK_EQ(back[5], -64.0f);
  CHECK_THROWS(quantize_int8(x.data(), 1, 0.0f, q.data()));
}

TEST(efficientvla_select_takes_relevance_then_the_least_similar_token) {
  // 4 tokens of dim 2: 0 and 1 nearly the same direction, 2 orthogonal, 3 opposite to 0.
  const std::vector<float> t{1, 0, 1, 0.1f, 0, 1, -1, 0};
  const std::vector<float> rel{0.9f, 0.8f, 0.1f, 0.2f};
  std::vector<std::int32_t> out(2);
  efficientvla_select(t.data(), 4, 2, rel.data(), 2, 2, out.data());
  CHECK((out == std::vector<std::int32_t>{0, 1}));  // relevance alone
  efficientvla_select(t.data(), 4, 2, rel.data(), 1, 2, out.data());
  CHECK((out == std::vector<std::int32_t>{0, 3}));  // 3 (cosine -1 to 0) beats 2 (cosine 0) and 1 (~1)
  std::vector<std::int32_t> three(3);
  efficientvla_select(t.data(), 4, 2, rel.data(), 1, 3, three.data());
  CHECK((three == std::vector<std::int32_t>{0, 2, 3}));
  CHECK_THROWS(efficientvla_select(t.data(), 4, 2, rel.data(), 3, 2, out.data()));
  CHECK_THROWS(efficientvla_select(t.data(), 4, 2, rel.data(), 1, 5, out.data()));
}
