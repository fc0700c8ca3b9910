// CUDA versions of the tensor kernels. Launchers take device pointers and a stream and only enqueue work
// (graph-capturable: no allocation, no synchronisation). Each gives the CPU kernel's result bit for bit:
// top-k ranks every element against every other with the CPU's order; patch sums run in one thread per
// patch in the CPU's order in double (compiled with --fmad=false); quantisation uses IEEE division and rint.
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

namespace reflex::cuda {

/// O(n^2) rank selection, meant for token counts (n up to a few thousand).
void launch_topk(const float* scores, int n, int k, std::int32_t* out, cudaStream_t stream);
/// Indices must have been checked to lie in [0, rows) by the caller.
void launch_gather_rows(const float* src, int cols, const std::int32_t* indices, int k, float* dst, cudaStream_t stream);
void launch_patch_similarity(const float* prev, const float* curr, int height, int width, int channels, int patch,
                             float* cosine, float* relative_l1, cudaStream_t stream);
void launch_quantize_int8(const float* x, std::size_t n, float scale, std::int8_t* q, cudaStream_t stream);
void launch_dequantize_int8(const std::int8_t* q, std::size_t n, float scale, float* x, cudaStream_t stream);
/// Adds |x| counts into `counts` (bins entries, zeroed by the caller) with the CPU histogram's bin rule.
void launch_abs_histogram(const float* x, std::size_t n, float range, int bins, unsigned long long* counts,
                          cudaStream_t stream);
/// One tiny kernel, y = y * a + b over n floats: the unit of the launch-overhead benchmark.
void launch_axpb(float* y, int n, float a, float b, cudaStream_t stream);

}  // namespace reflex::cuda
