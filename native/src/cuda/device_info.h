// What CUDA sees at run time: runtime and driver versions, devices, or why there are none.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace reflex::cuda {

struct DeviceInfo {
  int index = 0;
  std::string name;
  int major = 0, minor = 0;
  std::size_t total_memory = 0;
  int multiprocessors = 0;
};

struct DeviceQuery {
  int runtime_version = 0;  // e.g. 13000
  int driver_version = 0;   // 0 when no driver is installed
  std::vector<DeviceInfo> devices;
  std::string error;        // why there are no devices ("" when there are)
};

/// Never throws: a machine without a driver or GPU gives an empty device list and the reason.
DeviceQuery query_devices();

}  // namespace reflex::cuda
