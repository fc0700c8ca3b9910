#include "cuda/cuda_graph.h"

namespace reflex::cuda {

const char* to_string(GraphMode mode) {
  switch (mode) {
    case GraphMode::Warmup: return "warmup";
    case GraphMode::Captured: return "captured";
    case GraphMode::Replayed: return "replayed";
    case GraphMode::Fallback: return "fallback";
  }
  return "?";
}

CudaGraphExecutor::CudaGraphExecutor(cudaStream_t stream, bool enabled) : stream_(stream), enabled_(enabled) {
  if (stream == nullptr) throw std::invalid_argument("CudaGraphExecutor needs a non-default stream");
}

bool CudaGraphExecutor::capture(Entry& entry, const Work& work) {
  REFLEX_CUDA_CHECK(cudaStreamBeginCapture(stream_, cudaStreamCaptureModeThreadLocal));
  std::string failure;
  try {
    work(stream_);
  } catch (const std::exception& e) {
    failure = std::string("work failed during capture: ") + e.what();
  }
  cudaGraph_t raw_graph = nullptr;
  const cudaError_t end = cudaStreamEndCapture(stream_, &raw_graph);  // always end, even after a failure
  GraphHandle graph(raw_graph);
  if (failure.empty() && end != cudaSuccess) {
    failure = std::string("cudaStreamEndCapture: ") + cudaGetErrorName(end) + " (" + cudaGetErrorString(end) + ")";
  }
  if (failure.empty()) {
    cudaGraphExec_t raw_exec = nullptr;
    const cudaError_t inst = cudaGraphInstantiate(&raw_exec, graph.get(), 0);
    if (inst != cudaSuccess) {
      failure = std::string("cudaGraphInstantiate: ") + cudaGetErrorName(inst) + " (" + cudaGetErrorString(inst) + ")";
    } else {
      entry.exec.reset(raw_exec);
    }
  }
  if (!failure.empty()) {
    (void)cudaGetLastError();  // clear the capture error so plain execution can go on
    entry.failed = true;
    entry.reason = failure;
    return false;
  }
  return true;
}

GraphMode CudaGraphExecutor::run(const std::string& shape_key, const Work& work) {
  Entry& entry = entries_[shape_key];
  if (!enabled_ || entry.failed) {
    if (!enabled_ && entry.reason.empty()) entry.reason = "graphs disabled";
    work(stream_);
    return GraphMode::Fallback;
  }
  if (!entry.warmed) {
    work(stream_);
    REFLEX_CUDA_CHECK(cudaStreamSynchronize(stream_));
    entry.warmed = true;
    return GraphMode::Warmup;
  }
  if (!entry.exec) {
    if (!capture(entry, work)) {
      work(stream_);  // capture recorded but did not execute the work: run it plainly for this tick
      return GraphMode::Fallback;
    }
    REFLEX_CUDA_CHECK(cudaGraphLaunch(entry.exec.get(), stream_));
    return GraphMode::Captured;
  }
  REFLEX_CUDA_CHECK(cudaGraphLaunch(entry.exec.get(), stream_));
  return GraphMode::Replayed;
}

std::string CudaGraphExecutor::fallback_reason(const std::string& shape_key) const {
  const auto it = entries_.find(shape_key);
  return it == entries_.end() ? std::string() : it->second.reason;
}

std::size_t CudaGraphExecutor::graphs() const {
  std::size_t n = 0;
  for (const auto& e : entries_) n += e.second.exec ? 1 : 0;
  return n;
}

}  // namespace reflex::cuda
