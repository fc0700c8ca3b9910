// A deserialized TensorRT engine with one execution context, run on its own non-default stream.
//
// prepare() sets the input shapes and returns the output shapes; run() copies inputs in, enqueues (enqueueV3,
// or a CUDA graph per input-shape set when graphs are on and the engine allows capture), copies outputs out
// and waits for the stream. run() blocks its thread: the binding calls it from an AsyncWorker.
#pragma once

#include <NvInferRuntime.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cuda/check.h"
#include "cuda/cuda_graph.h"
#include "trt/trt_logger.h"

namespace reflex::trt {

struct IoTensor {
  std::string name;
  bool is_input = false;
  std::string dtype;                // float32 | float16 | int8 | uint8 | int32 | int64 | bool
  std::size_t element_size = 0;
  std::vector<std::int64_t> shape;  // -1 for a dynamic axis
};

struct HostTensor {
  void* data = nullptr;
  std::size_t bytes = 0;
};

struct RunReport {
  std::string mode;  // "stream" without graphs, else warmup | captured | replayed | fallback
  std::string fallback_reason;
};

/// TensorRT 10 data type -> Reflex dtype name; throws for types Reflex does not carry (fp8, bf16, int4).
std::string dtype_name(nvinfer1::DataType type, std::size_t* element_size);

class TrtEngine {
 public:
  TrtEngine(const std::string& engine_path, bool use_cuda_graphs);
  ~TrtEngine();
  TrtEngine(const TrtEngine&) = delete;
  TrtEngine& operator=(const TrtEngine&) = delete;

  const std::vector<IoTensor>& io() const { return io_; }
  /// Input shapes in the order inputs appear in io(); returns output shapes in the order outputs appear.
  std::vector<std::vector<std::int64_t>> prepare(const std::vector<std::vector<std::int64_t>>& input_shapes);
  /// Inputs and outputs in io() order; sizes must match the last prepare().
  RunReport run(const std::vector<HostTensor>& inputs, const std::vector<HostTensor>& outputs);

 private:
  void ensure_buffer(std::size_t io_index, std::size_t bytes);

  Logger logger_;
  std::unique_ptr<nvinfer1::IRuntime> runtime_;
  std::unique_ptr<nvinfer1::ICudaEngine> engine_;
  std::unique_ptr<nvinfer1::IExecutionContext> context_;
  std::unique_ptr<cuda::Stream> stream_;
  std::vector<IoTensor> io_;
  std::vector<cuda::DeviceBuffer<std::uint8_t>> buffers_;
  std::vector<std::size_t> capacity_;
  std::vector<std::size_t> bytes_;  // bytes per tensor for the prepared shapes
  std::string shape_key_;
  bool use_cuda_graphs_;
  std::unique_ptr<cuda::CudaGraphExecutor> graphs_;
};

}  // namespace reflex::trt
