#include <cmath>

#include "cuda/check.h"
#include "cuda/kernels.h"

namespace reflex::cuda {

namespace {

__device__ bool comes_before(float sa, int a, float sb, int b) {
  const bool na = isnan(sa), nb = isnan(sb);
  if (na != nb) return nb;
  if (!na && sa != sb) return sa > sb;
  return a < b;
}

__global__ void topk_kernel(const float* scores, int n, int k, std::int32_t* out) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const float si = scores[i];
  int rank = 0;
  for (int j = 0; j < n; ++j) rank += comes_before(scores[j], j, si, i) ? 1 : 0;
  if (rank < k) out[rank] = i;
}

__global__ void gather_rows_kernel(const float* src, int cols, const std::int32_t* indices, int k, float* dst) {
  const long long total = static_cast<long long>(k) * cols;
  for (long long e = blockIdx.x * static_cast<long long>(blockDim.x) + threadIdx.x; e < total;
       e += static_cast<long long>(gridDim.x) * blockDim.x) {
    const long long row = e / cols, col = e % cols;
    dst[e] = src[static_cast<long long>(indices[row]) * cols + col];
  }
}

__global__ void patch_similarity_kernel(const float* prev, const float* curr, int width, int channels, int patch,
                                        int grid_w, int patches, float* cosine, float* relative_l1) {
  const int p = blockIdx.x * blockDim.x + threadIdx.x;
  if (p >= patches) return;
  const int py = p / grid_w, px = p % grid_w;
  double dot = 0, na = 0, nb = 0, diff = 0, base = 0;
  for (int y = py * patch; y < (py + 1) * patch; ++y) {
    const long long row = (static_cast<long long>(y) * width + static_cast<long long>(px) * patch) * channels;
    for (int e = 0; e < patch * channels; ++e) {
      const double a = prev[row + e], b = curr[row + e];
      dot += a * b;
      na += a * a;
      nb += b * b;
      diff += fabs(b - a);
      base += fabs(a);
    }
  }
  if (cosine != nullptr) {
    const double norms = na * nb;
    cosine[p] = static_cast<float>(norms > 0 ? dot / sqrt(norms) : ((na == 0 && nb == 0) ? 1.0 : 0.0));
  }
  if (relative_l1 != nullptr) {
    relative_l1[p] = static_cast<float>(base > 0 ? diff / base : (diff == 0 ? 0.0 : INFINITY));
  }
}

__global__ void quantize_kernel(const float* x, std::size_t n, float scale, std::int8_t* q) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    float v = __fdiv_rn(x[i], scale);
    if (isnan(v)) {
      q[i] = 0;
      continue;
    }
    v = fminf(127.0f, fmaxf(-128.0f, v));
    q[i] = static_cast<std::int8_t>(rintf(v));
  }
}

__global__ void dequantize_kernel(const std::int8_t* q, std::size_t n, float scale, float* x) {
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    x[i] = __fmul_rn(static_cast<float>(q[i]), scale);
  }
}

__global__ void axpb_kernel(float* y, int n, float a, float b) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = y[i] * a + b;
}

constexpr int kThreads = 256;
unsigned blocks_for(std::size_t n, unsigned cap = 4096) {
  const std::size_t b = (n + kThreads - 1) / kThreads;
  return static_cast<unsigned>(b == 0 ? 1 : (b > cap ? cap : b));
}

}  // namespace

void launch_topk(const float* scores, int n, int k, std::int32_t* out, cudaStream_t stream) {
  topk_kernel<<<blocks_for(n, 1u << 20), kThreads, 0, stream>>>(scores, n, k, out);
  REFLEX_CUDA_CHECK(cudaGetLastError());
}

void launch_gather_rows(const float* src, int cols, const std::int32_t* indices, int k, float* dst, cudaStream_t stream) {
  gather_rows_kernel<<<blocks_for(static_cast<std::size_t>(k) * cols), kThreads, 0, stream>>>(src, cols, indices, k, dst);
  REFLEX_CUDA_CHECK(cudaGetLastError());
}

void launch_patch_similarity(const float* prev, const float* curr, int height, int width, int channels, int patch,
                             float* cosine, float* relative_l1, cudaStream_t stream) {
  const int grid_w = width / patch, patches = (height / patch) * grid_w;
  patch_similarity_kernel<<<blocks_for(patches, 1u << 20), kThreads, 0, stream>>>(
      prev, curr, width, channels, patch, grid_w, patches, cosine, relative_l1);
  REFLEX_CUDA_CHECK(cudaGetLastError());
}

void launch_quantize_int8(const float* x, std::size_t n, float scale, std::int8_t* q, cudaStream_t stream) {
  quantize_kernel<<<blocks_for(n), kThreads, 0, stream>>>(x, n, scale, q);
  REFLEX_CUDA_CHECK(cudaGetLastError());
}

void launch_dequantize_int8(const std::int8_t* q, std::size_t n, float scale, float* x, cudaStream_t stream) {
  dequantize_kernel<<<blocks_for(n), kThreads, 0, stream>>>(q, n, scale, x);
  REFLEX_CUDA_CHECK(cudaGetLastError());
}

void launch_axpb(float* y, int n, float a, float b, cudaStream_t stream) {
  axpb_kernel<<<blocks_for(n, 1u << 20), kThreads, 0, stream>>>(y, n, a, b);
  REFLEX_CUDA_CHECK(cudaGetLastError());
}

}  // namespace reflex::cuda
