#include <chrono>
#include <vector>

#include "cuda/chain_bench.h"
#include "cuda/check.h"
#include "cuda/cuda_graph.h"
#include "cuda/kernels.h"

namespace reflex::cuda {

ChainTiming time_kernel_chain(int kernels, int elements, int iterations) {
  Stream stream;
  auto eager_buf = device_alloc<float>(static_cast<std::size_t>(elements));
  auto graph_buf = device_alloc<float>(static_cast<std::size_t>(elements));
  REFLEX_CUDA_CHECK(cudaMemsetAsync(eager_buf.get(), 0, elements * sizeof(float), stream.get()));
  REFLEX_CUDA_CHECK(cudaMemsetAsync(graph_buf.get(), 0, elements * sizeof(float), stream.get()));
  auto chain = [&](float* y) {
    return [=](cudaStream_t s) {
      for (int k = 0; k < kernels; ++k) launch_axpb(y, elements, 0.5f, 1.0f, s);
    };
  };
  const auto eager_work = chain(eager_buf.get());
  const auto graph_work = chain(graph_buf.get());
  using clock = std::chrono::steady_clock;

  // Warm both paths (module load, first launches) outside the timed loops.
  eager_work(stream.get());
  stream.synchronize();
  CudaGraphExecutor graphs(stream.get());
  graphs.run("chain", graph_work);  // warm-up run
  stream.synchronize();

  auto t0 = clock::now();
  for (int it = 0; it < iterations; ++it) {
    eager_work(stream.get());
    stream.synchronize();
  }
  auto t1 = clock::now();
  ChainTiming timing;
  for (int it = 0; it < iterations; ++it) {
    const GraphMode mode = graphs.run("chain", graph_work);
    if (mode == GraphMode::Captured || mode == GraphMode::Replayed) timing.graph_used = true;
    stream.synchronize();
  }
  auto t2 = clock::now();
  timing.fallback_reason = graphs.fallback_reason("chain");
  timing.eager_us_per_chain = std::chrono::duration<double, std::micro>(t1 - t0).count() / iterations;
  timing.graph_us_per_chain = std::chrono::duration<double, std::micro>(t2 - t1).count() / iterations;

  std::vector<float> a(static_cast<std::size_t>(elements)), b(static_cast<std::size_t>(elements));
  REFLEX_CUDA_CHECK(cudaMemcpy(a.data(), eager_buf.get(), elements * sizeof(float), cudaMemcpyDeviceToHost));
  REFLEX_CUDA_CHECK(cudaMemcpy(b.data(), graph_buf.get(), elements * sizeof(float), cudaMemcpyDeviceToHost));
  timing.results_match = a == b;
  return timing;
}

}  // namespace reflex::cuda
