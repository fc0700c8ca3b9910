// Every CUDA runtime call goes through REFLEX_CUDA_CHECK: a failure throws CudaError naming the call, the
// file:line and CUDA's message. RAII owners for device memory, streams, graphs and graph executables.
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

namespace reflex::cuda {

class CudaError : public std::runtime_error {
 public:
  CudaError(cudaError_t code, const std::string& what) : std::runtime_error(what), code_(code) {}
  cudaError_t code() const { return code_; }

 private:
  cudaError_t code_;
};

void check(cudaError_t status, const char* expr, const char* file, int line);

#define REFLEX_CUDA_CHECK(expr) ::reflex::cuda::check((expr), #expr, __FILE__, __LINE__)

// Destructors cannot throw; a failing free at teardown has nothing left to recover, so its status is dropped.
struct DeviceFree {
  void operator()(void* p) const noexcept { (void)cudaFree(p); }
};
template <typename T>
using DeviceBuffer = std::unique_ptr<T, DeviceFree>;

template <typename T>
DeviceBuffer<T> device_alloc(std::size_t count) {
  void* p = nullptr;
  REFLEX_CUDA_CHECK(cudaMalloc(&p, (count == 0 ? 1 : count) * sizeof(T)));
  return DeviceBuffer<T>(static_cast<T*>(p));
}

/// A non-blocking stream (never the legacy default stream, which cannot be captured).
class Stream {
 public:
  Stream();
  ~Stream();
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  cudaStream_t get() const { return stream_; }
  void synchronize() const;

 private:
  cudaStream_t stream_ = nullptr;
};

struct GraphDestroy {
  void operator()(cudaGraph_t g) const noexcept { (void)cudaGraphDestroy(g); }
};
struct GraphExecDestroy {
  void operator()(cudaGraphExec_t g) const noexcept { (void)cudaGraphExecDestroy(g); }
};
using GraphHandle = std::unique_ptr<std::remove_pointer_t<cudaGraph_t>, GraphDestroy>;
using GraphExecHandle = std::unique_ptr<std::remove_pointer_t<cudaGraphExec_t>, GraphExecDestroy>;

}  // namespace reflex::cuda
