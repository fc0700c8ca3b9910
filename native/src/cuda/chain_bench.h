// The launch-overhead benchmark behind bench/cuda-graph: a chain of `kernels` tiny kernels on `elements`
// floats, launched one by one per tick, then captured once and replayed as a graph per tick.
#pragma once

#include <string>

namespace reflex::cuda {

struct ChainTiming {
  double eager_us_per_chain = 0;
  double graph_us_per_chain = 0;
  bool graph_used = false;
  std::string fallback_reason;
  bool results_match = false;  // the graph run leaves the buffer equal to the eager run
};

ChainTiming time_kernel_chain(int kernels, int elements, int iterations);

}  // namespace reflex::cuda
