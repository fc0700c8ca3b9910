// |x| histogram on the GPU: per-block shared-memory counts, merged with atomics. Counts are integers, so the
// result equals the CPU histogram exactly whatever the order of the atomics.
#include "cuda/check.h"
#include "cuda/kernels.h"

namespace reflex::cuda {

namespace {

__global__ void abs_histogram_kernel(const float* x, std::size_t n, float range, float scale, int bins,
                                     unsigned long long* counts) {
  extern __shared__ unsigned int local[];
  for (int j = threadIdx.x; j < bins; j += blockDim.x) local[j] = 0;
  __syncthreads();
  const unsigned top = static_cast<unsigned>(bins - 1);
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    const float a = fabsf(x[i]);
    if (!(a <= range)) continue;
    const float scaled = __fmul_rn(a, scale);
    unsigned idx = static_cast<unsigned>(scaled);
    idx = idx < top ? idx : top;
    atomicAdd(&local[idx], 1u);
  }
  __syncthreads();
  for (int j = threadIdx.x; j < bins; j += blockDim.x) {
    if (local[j] != 0) atomicAdd(&counts[j], static_cast<unsigned long long>(local[j]));
  }
}

}  // namespace

void launch_abs_histogram(const float* x, std::size_t n, float range, int bins, unsigned long long* counts,
                          cudaStream_t stream) {
  if (range <= 0.0f || n == 0) return;
  const float scale = static_cast<float>(static_cast<double>(bins) / static_cast<double>(range));
  std::size_t blocks = (n + 255) / 256;
  if (blocks > 1024) blocks = 1024;
  abs_histogram_kernel<<<static_cast<unsigned>(blocks), 256, static_cast<std::size_t>(bins) * sizeof(unsigned), stream>>>(
      x, n, range, scale, bins, counts);
  REFLEX_CUDA_CHECK(cudaGetLastError());
}

}  // namespace reflex::cuda
