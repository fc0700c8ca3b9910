#include "trt/trt_logger.h"

#include <cstdio>

namespace reflex::trt {

void Logger::log(Severity severity, nvinfer1::AsciiChar const* msg) noexcept {
  if (severity <= Severity::kERROR) {
    std::lock_guard<std::mutex> lock(mutex_);
    last_error_ = msg;
  }
  if (severity > min_severity_) return;
  const char* tag = severity <= Severity::kERROR ? "error" : (severity == Severity::kWARNING ? "warning" : "info");
  std::fprintf(stderr, "[reflex tensorrt %s] %s\n", tag, msg);
}

std::string Logger::last_error() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_error_;
}

}  // namespace reflex::trt
