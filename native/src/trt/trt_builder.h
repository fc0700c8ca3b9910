// ONNX -> serialized TensorRT engine, with FP16 and the INT8 path that takes Reflex's calibration.
//
// INT8 (TensorRT 10.x): an IInt8EntropyCalibrator2 whose readCalibrationCache() hands TensorRT the cache text
// Reflex wrote from its own histograms (sdk/native/calibration-cache.ts), so TensorRT takes our scales and
// runs no calibration batches of its own. Implicit INT8 is deprecated from TensorRT 10.1 and removed in 11:
// built against TensorRT >= 11 this path reports that and asks for an explicitly quantised (QDQ) model.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace reflex::trt {

struct ShapeRange {
  std::vector<std::int64_t> min, opt, max;
};

struct BuildOptions {
  bool fp16 = false;
  bool int8 = false;
  std::string calibration_cache;                 // required when int8
  std::size_t workspace_bytes = std::size_t{1} << 30;
  std::map<std::string, ShapeRange> profile;     // for inputs with dynamic axes
};

/// Returns the serialized engine. Throws std::runtime_error with the parser's / builder's messages.
std::vector<std::uint8_t> build_engine_from_onnx(const std::string& onnx_path, const BuildOptions& options);

}  // namespace reflex::trt
