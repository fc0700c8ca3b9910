#include "cuda/check.h"

namespace reflex::cuda {

void check(cudaError_t status, const char* expr, const char* file, int line) {
  if (status == cudaSuccess) return;
  throw CudaError(status, std::string(expr) + " failed at " + file + ":" + std::to_string(line) + ": " +
                              cudaGetErrorName(status) + " (" + cudaGetErrorString(status) + ")");
}

Stream::Stream() { REFLEX_CUDA_CHECK(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking)); }

Stream::~Stream() {
  if (stream_ != nullptr) (void)cudaStreamDestroy(stream_);
}

void Stream::synchronize() const { REFLEX_CUDA_CHECK(cudaStreamSynchronize(stream_)); }

}  // namespace reflex::cuda
