#include "cuda/device_info.h"

#include <cuda_runtime_api.h>

namespace reflex::cuda {

DeviceQuery query_devices() {
  DeviceQuery q;
  if (cudaRuntimeGetVersion(&q.runtime_version) != cudaSuccess) q.runtime_version = 0;
  if (cudaDriverGetVersion(&q.driver_version) != cudaSuccess) q.driver_version = 0;
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    q.error = std::string(cudaGetErrorName(status)) + ": " + cudaGetErrorString(status);
    (void)cudaGetLastError();  // clear the sticky-free error so later calls start clean
    return q;
  }
  for (int i = 0; i < count; ++i) {
    cudaDeviceProp prop{};
    const cudaError_t s = cudaGetDeviceProperties(&prop, i);
    if (s != cudaSuccess) {
      q.error = std::string("cudaGetDeviceProperties(") + std::to_string(i) + "): " + cudaGetErrorString(s);
      continue;
    }
    q.devices.push_back(DeviceInfo{i, prop.name, prop.major, prop.minor, prop.totalGlobalMem, prop.multiProcessorCount});
  }
  if (count == 0 && q.error.empty()) q.error = "no CUDA device";
  return q;
}

}  // namespace reflex::cuda
