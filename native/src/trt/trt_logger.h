// TensorRT's logger: warnings and errors to stderr with a prefix; the last error kept for exception messages.
#pragma once

#include <NvInferRuntime.h>

#include <mutex>
#include <string>

namespace reflex::trt {

class Logger : public nvinfer1::ILogger {
 public:
  explicit Logger(Severity min_severity = Severity::kWARNING) : min_severity_(min_severity) {}
  void log(Severity severity, nvinfer1::AsciiChar const* msg) noexcept override;
  std::string last_error() const;

 private:
  Severity min_severity_;
  mutable std::mutex mutex_;
  std::string last_error_;
};

}  // namespace reflex::trt
