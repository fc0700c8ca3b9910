#include "trt/trt_builder.h"

#include <NvInfer.h>
#include <NvOnnxParser.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "trt/trt_logger.h"

namespace reflex::trt {

namespace {

#if NV_TENSORRT_MAJOR < 11
// Hands TensorRT a calibration cache made by Reflex; never supplies batches (TensorRT only asks for them
// when the cache is missing or rejected, and then the build fails with a clear message).
class CacheCalibrator : public nvinfer1::IInt8EntropyCalibrator2 {
 public:
  explicit CacheCalibrator(std::string cache) : cache_(std::move(cache)) {}
  int32_t getBatchSize() const noexcept override { return 1; }
  bool getBatch(void* /*bindings*/[], char const* /*names*/[], int32_t /*nbBindings*/) noexcept override {
    asked_for_batches_ = true;
    return false;
  }
  void const* readCalibrationCache(std::size_t& length) noexcept override {
    length = cache_.size();
    return cache_.empty() ? nullptr : cache_.data();
  }
  void writeCalibrationCache(void const* /*cache*/, std::size_t /*length*/) noexcept override {}
  bool asked_for_batches() const { return asked_for_batches_; }

 private:
  std::string cache_;
  bool asked_for_batches_ = false;
};
#endif

nvinfer1::Dims to_dims(const std::vector<std::int64_t>& shape) {
  nvinfer1::Dims dims{};
  dims.nbDims = static_cast<int32_t>(shape.size());
  for (std::size_t i = 0; i < shape.size(); ++i) dims.d[i] = shape[i];
  return dims;
}

}  // namespace

std::vector<std::uint8_t> build_engine_from_onnx(const std::string& onnx_path, const BuildOptions& options) {
  Logger logger;
  std::unique_ptr<nvinfer1::IBuilder> builder(nvinfer1::createInferBuilder(logger));
  if (!builder) throw std::runtime_error("createInferBuilder failed: " + logger.last_error());
  std::unique_ptr<nvinfer1::INetworkDefinition> network(builder->createNetworkV2(0));  // explicit batch is the only mode in 10.x
  if (!network) throw std::runtime_error("createNetworkV2 failed: " + logger.last_error());
  std::unique_ptr<nvonnxparser::IParser> parser(nvonnxparser::createParser(*network, logger));
  if (!parser) throw std::runtime_error("createParser failed: " + logger.last_error());
  if (!parser->parseFromFile(onnx_path.c_str(), static_cast<int>(nvinfer1::ILogger::Severity::kWARNING))) {
    std::string errors;
    for (int32_t i = 0; i < parser->getNbErrors(); ++i) errors += std::string("\n  ") + parser->getError(i)->desc();
    throw std::runtime_error("TensorRT's ONNX parser rejected " + onnx_path + ":" + errors);
  }

  std::unique_ptr<nvinfer1::IBuilderConfig> config(builder->createBuilderConfig());
  if (!config) throw std::runtime_error("createBuilderConfig failed: " + logger.last_error());
  config->setMemoryPoolLimit(nvinfer1::MemoryPoolType::kWORKSPACE, options.workspace_bytes);
#if NV_TENSORRT_MAJOR < 11
  if (options.fp16) config->setFlag(nvinfer1::BuilderFlag::kFP16);
#else
  if (options.fp16) {
    throw std::invalid_argument("TensorRT " + std::to_string(NV_TENSORRT_MAJOR) +
                                " builds strongly typed networks only: export the ONNX model in FP16 instead of asking for fp16");
  }
#endif

  if (!options.profile.empty()) {
    nvinfer1::IOptimizationProfile* profile = builder->createOptimizationProfile();  // owned by the builder
    for (const auto& [name, range] : options.profile) {
      using nvinfer1::OptProfileSelector;
      if (!profile->setDimensions(name.c_str(), OptProfileSelector::kMIN, to_dims(range.min)) ||
          !profile->setDimensions(name.c_str(), OptProfileSelector::kOPT, to_dims(range.opt)) ||
          !profile->setDimensions(name.c_str(), OptProfileSelector::kMAX, to_dims(range.max))) {
        throw std::runtime_error("optimisation profile for input \"" + name + "\" rejected: " + logger.last_error());
      }
    }
    if (config->addOptimizationProfile(profile) < 0) throw std::runtime_error("addOptimizationProfile failed: " + logger.last_error());
  }

#if NV_TENSORRT_MAJOR < 11
  std::unique_ptr<CacheCalibrator> calibrator;
  if (options.int8) {
    if (options.calibration_cache.empty()) {
      throw std::invalid_argument("int8 needs a calibration cache (reflex calibrate --out <file>)");
    }
    calibrator = std::make_unique<CacheCalibrator>(options.calibration_cache);
    config->setFlag(nvinfer1::BuilderFlag::kINT8);
    config->setInt8Calibrator(calibrator.get());
  }
#else
  if (options.int8) {
    throw std::invalid_argument("TensorRT " + std::to_string(NV_TENSORRT_MAJOR) +
                                " removed implicit INT8 calibration: export a QDQ (explicitly quantised) ONNX model");
  }
#endif

  std::unique_ptr<nvinfer1::IHostMemory> serialized(builder->buildSerializedNetwork(*network, *config));
  if (!serialized) {
    std::string why = logger.last_error();
#if NV_TENSORRT_MAJOR < 11
    if (calibrator && calibrator->asked_for_batches()) {
      why += " (TensorRT rejected the calibration cache and asked for batches: check its header version and tensor names)";
    }
#endif
    throw std::runtime_error("buildSerializedNetwork failed: " + why);
  }
  const auto* bytes = static_cast<const std::uint8_t*>(serialized->data());
  return std::vector<std::uint8_t>(bytes, bytes + serialized->size());
}

}  // namespace reflex::trt
