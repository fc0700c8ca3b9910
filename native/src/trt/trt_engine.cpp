#include "trt/trt_engine.h"

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace reflex::trt {

std::string dtype_name(nvinfer1::DataType type, std::size_t* element_size) {
  using nvinfer1::DataType;
  switch (type) {
    case DataType::kFLOAT: *element_size = 4; return "float32";
    case DataType::kHALF: *element_size = 2; return "float16";
    case DataType::kINT8: *element_size = 1; return "int8";
    case DataType::kUINT8: *element_size = 1; return "uint8";
    case DataType::kINT32: *element_size = 4; return "int32";
    case DataType::kINT64: *element_size = 8; return "int64";
    case DataType::kBOOL: *element_size = 1; return "bool";
    default: break;
  }
  throw std::runtime_error("TensorRT data type " + std::to_string(static_cast<int>(type)) +
                           " (fp8/bf16/int4) is not carried by Reflex tensors");
}

TrtEngine::TrtEngine(const std::string& engine_path, bool use_cuda_graphs) : use_cuda_graphs_(use_cuda_graphs) {
  std::ifstream file(engine_path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot open TensorRT engine file " + engine_path);
  const std::vector<char> blob((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (blob.empty()) throw std::runtime_error("TensorRT engine file " + engine_path + " is empty");

  runtime_.reset(nvinfer1::createInferRuntime(logger_));
  if (!runtime_) throw std::runtime_error("createInferRuntime failed: " + logger_.last_error());
  engine_.reset(runtime_->deserializeCudaEngine(blob.data(), blob.size()));
  if (!engine_) {
    throw std::runtime_error("cannot deserialize " + engine_path + ": " + logger_.last_error() +
                             " (an engine only runs on the TensorRT version and GPU it was built for)");
  }
  context_.reset(engine_->createExecutionContext());
  if (!context_) throw std::runtime_error("createExecutionContext failed: " + logger_.last_error());
  stream_ = std::make_unique<cuda::Stream>();
  graphs_ = std::make_unique<cuda::CudaGraphExecutor>(stream_->get(), use_cuda_graphs);

  const int32_t n = engine_->getNbIOTensors();
  for (int32_t i = 0; i < n; ++i) {
    IoTensor t;
    t.name = engine_->getIOTensorName(i);
    t.is_input = engine_->getTensorIOMode(t.name.c_str()) == nvinfer1::TensorIOMode::kINPUT;
    t.dtype = dtype_name(engine_->getTensorDataType(t.name.c_str()), &t.element_size);
    const nvinfer1::Dims dims = engine_->getTensorShape(t.name.c_str());
    for (int32_t d = 0; d < dims.nbDims; ++d) t.shape.push_back(dims.d[d]);
    io_.push_back(std::move(t));
  }
  buffers_.resize(io_.size());
  capacity_.assign(io_.size(), 0);
  bytes_.assign(io_.size(), 0);
}

TrtEngine::~TrtEngine() {
  // Graphs and buffers go before the context and stream they were made with.
  graphs_.reset();
  buffers_.clear();
  context_.reset();
  engine_.reset();
  runtime_.reset();
  stream_.reset();
}

void TrtEngine::ensure_buffer(std::size_t i, std::size_t bytes) {
  if (bytes <= capacity_[i] && buffers_[i]) return;
  buffers_[i] = cuda::device_alloc<std::uint8_t>(bytes);
  capacity_[i] = bytes;
  graphs_->invalidate();  // captured graphs hold the old addresses
  if (!context_->setTensorAddress(io_[i].name.c_str(), buffers_[i].get())) {
    throw std::runtime_error("setTensorAddress(" + io_[i].name + ") failed: " + logger_.last_error());
  }
}

std::vector<std::vector<std::int64_t>> TrtEngine::prepare(const std::vector<std::vector<std::int64_t>>& input_shapes) {
  std::size_t next_input = 0;
  std::string key;
  for (std::size_t i = 0; i < io_.size(); ++i) {
    if (!io_[i].is_input) continue;
    if (next_input >= input_shapes.size()) throw std::invalid_argument("prepare: fewer shapes than engine inputs");
    const auto& shape = input_shapes[next_input++];
    nvinfer1::Dims dims{};
    if (shape.size() > static_cast<std::size_t>(nvinfer1::Dims::MAX_DIMS)) throw std::invalid_argument("prepare: too many dimensions");
    dims.nbDims = static_cast<int32_t>(shape.size());
    std::size_t volume = 1;
    for (std::size_t d = 0; d < shape.size(); ++d) {
      dims.d[d] = shape[d];
      volume *= static_cast<std::size_t>(shape[d]);
      key += std::to_string(shape[d]) + (d + 1 < shape.size() ? "x" : ";");
    }
    if (!context_->setInputShape(io_[i].name.c_str(), dims)) {
      throw std::invalid_argument("input \"" + io_[i].name + "\": shape rejected by the engine's optimisation profile: " +
                                  logger_.last_error());
    }
    bytes_[i] = volume * io_[i].element_size;
    ensure_buffer(i, bytes_[i]);
  }
  if (next_input != input_shapes.size()) throw std::invalid_argument("prepare: more shapes than engine inputs");
  std::vector<std::vector<std::int64_t>> out;
  for (std::size_t i = 0; i < io_.size(); ++i) {
    if (io_[i].is_input) continue;
    const nvinfer1::Dims dims = context_->getTensorShape(io_[i].name.c_str());
    std::vector<std::int64_t> shape;
    std::size_t volume = 1;
    for (int32_t d = 0; d < dims.nbDims; ++d) {
      if (dims.d[d] < 0) {
        throw std::runtime_error("output \"" + io_[i].name + "\" has a data-dependent shape; Reflex does not support those yet");
      }
      shape.push_back(dims.d[d]);
      volume *= static_cast<std::size_t>(dims.d[d]);
    }
    bytes_[i] = volume * io_[i].element_size;
    ensure_buffer(i, bytes_[i]);
    out.push_back(std::move(shape));
  }
  shape_key_ = key;
  return out;
}

RunReport TrtEngine::run(const std::vector<HostTensor>& inputs, const std::vector<HostTensor>& outputs) {
  cudaStream_t s = stream_->get();
  std::size_t in = 0, out = 0;
  for (std::size_t i = 0; i < io_.size(); ++i) {
    if (!io_[i].is_input) continue;
    if (in >= inputs.size() || inputs[in].bytes != bytes_[i]) {
      throw std::invalid_argument("input \"" + io_[i].name + "\": byte size does not match the prepared shape");
    }
    REFLEX_CUDA_CHECK(cudaMemcpyAsync(buffers_[i].get(), inputs[in].data, bytes_[i], cudaMemcpyHostToDevice, s));
    ++in;
  }
  RunReport report;
  nvinfer1::IExecutionContext* context = context_.get();
  Logger* logger = &logger_;
  const auto enqueue = [context, logger](cudaStream_t st) {
    if (!context->enqueueV3(st)) throw std::runtime_error("enqueueV3 failed: " + logger->last_error());
  };
  if (use_cuda_graphs_) {
    const cuda::GraphMode mode = graphs_->run(shape_key_, enqueue);
    report.mode = cuda::to_string(mode);
    report.fallback_reason = graphs_->fallback_reason(shape_key_);
  } else {
    enqueue(s);
    report.mode = "stream";
  }
  for (std::size_t i = 0; i < io_.size(); ++i) {
    if (io_[i].is_input) continue;
    if (out >= outputs.size() || outputs[out].bytes != bytes_[i]) {
      throw std::invalid_argument("output \"" + io_[i].name + "\": byte size does not match the prepared shape");
    }
    REFLEX_CUDA_CHECK(cudaMemcpyAsync(outputs[out].data, buffers_[i].get(), bytes_[i], cudaMemcpyDeviceToHost, s));
    ++out;
  }
  stream_->synchronize();
  return report;
}

}  // namespace reflex::trt
