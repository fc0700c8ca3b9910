// CudaGraphExecutor: runs a fixed sequence of stream work per tick as a CUDA graph, one graph per shape key.
//
// First tick for a key: the work runs plainly on the (non-default) stream and the stream is synchronised, so
// one-time initialisation (allocations, lazy module loads, TensorRT setup) is never captured. Second tick:
// the work is captured (cudaStreamBeginCapture / EndCapture), instantiated and launched. Later ticks: the graph
// is launched. If capture or instantiation fails (the work synchronises, allocates, or uses the legacy stream),
// the capture is ended, the error cleared, the reason recorded, and that key runs plainly from then on.
// A graph fixes kernel arguments and addresses: call invalidate() when a buffer the work uses moves.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "cuda/check.h"

namespace reflex::cuda {

enum class GraphMode { Warmup, Captured, Replayed, Fallback };
const char* to_string(GraphMode mode);

class CudaGraphExecutor {
 public:
  using Work = std::function<void(cudaStream_t)>;

  /// `stream` must be a stream created by the caller, not the legacy default stream.
  explicit CudaGraphExecutor(cudaStream_t stream, bool enabled = true);

  /// Enqueues this tick's work for `shape_key`; does not synchronise (except after the warm-up run).
  GraphMode run(const std::string& shape_key, const Work& work);

  /// The reason capture failed for this key ("" when it did not).
  std::string fallback_reason(const std::string& shape_key) const;
  std::size_t graphs() const;
  void invalidate() { entries_.clear(); }

 private:
  struct Entry {
    bool warmed = false;
    bool failed = false;
    std::string reason;
    GraphExecHandle exec;
  };
  bool capture(Entry& entry, const Work& work);

  cudaStream_t stream_;
  bool enabled_;
  std::map<std::string, Entry> entries_;
};

}  // namespace reflex::cuda
