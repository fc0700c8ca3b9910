// EfficientVLA-style visual-token selection (task relevance, then diversity) over a [count, dim] token
// matrix: the `relevance_count` most relevant tokens (ties to the lower index, NaN below every
// number), then,
// greedily until `budget`, the token whose highest cosine similarity to any kept token is lowest (ties to
// the lower index). Same arithmetic, operation for operation, as efficientVlaSelectReference in
// sdk/native/kernels-reference.ts (float32 dot products in eight lanes, norms and cosines in double, the
// running maximum similarity stored as float32), so both choose the same tokens.
#pragma once

#include <cstddef>
#include <cstdint>

namespace reflex::kernels {

/// Writes `budget` kept indices into `out`, ascending. Throws std::invalid_argument when
/// relevance_count > budget or budget > count.
void efficientvla_select(const float* tokens, std::size_t count, std::size_t dim, const float* relevance,
                         std::size_t relevance_count, std::size_t budget, std::int32_t* out);

}  // namespace reflex::kernels
