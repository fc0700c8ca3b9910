// `cuda` on the addon: { built: false, reason } where nvcc was absent at build time; otherwise the device
// query, the CUDA kernels (host arrays in, host arrays out, synchronous: used by `npm run test:gpu` to check
// them against the CPU kernels), a TokenSelector that runs top-k + gather through the CudaGraphExecutor (one
// graph per shape), and the kernel-chain timing behind bench/cuda-graph.
#include "binding/modules.h"
#include "binding/typed_array.h"

#ifdef REFLEX_WITH_CUDA
#include <cmath>
#include <map>
#include <memory>
#include <vector>

#include "cuda/chain_bench.h"
#include "cuda/check.h"
#include "cuda/cuda_graph.h"
#include "cuda/device_info.h"
#include "cuda/kernels.h"
#include "kernels/patch_similarity.h"
#endif

namespace reflex::binding {

#ifdef REFLEX_WITH_CUDA
namespace {

using namespace reflex::cuda;

template <typename T>
DeviceBuffer<T> upload(const T* host, std::size_t n, cudaStream_t stream) {
  auto d = device_alloc<T>(n);
  if (n > 0) REFLEX_CUDA_CHECK(cudaMemcpyAsync(d.get(), host, n * sizeof(T), cudaMemcpyHostToDevice, stream));
  return d;
}

template <typename T>
void download(T* host, const DeviceBuffer<T>& d, std::size_t n, cudaStream_t stream) {
  if (n > 0) REFLEX_CUDA_CHECK(cudaMemcpyAsync(host, d.get(), n * sizeof(T), cudaMemcpyDeviceToHost, stream));
}

Napi::Value devices_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const DeviceQuery q = query_devices();
  Napi::Object out = Napi::Object::New(env);
  out.Set("runtimeVersion", q.runtime_version);
  out.Set("driverVersion", q.driver_version);
  out.Set("error", q.error);
  Napi::Array list = Napi::Array::New(env, q.devices.size());
  for (std::size_t i = 0; i < q.devices.size(); ++i) {
    const DeviceInfo& d = q.devices[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("index", d.index);
    o.Set("name", d.name);
    o.Set("computeCapability", std::to_string(d.major) + "." + std::to_string(d.minor));
    o.Set("totalMemoryBytes", static_cast<double>(d.total_memory));
    o.Set("multiprocessors", d.multiprocessors);
    list.Set(static_cast<std::uint32_t>(i), o);
  }
  out.Set("devices", list);
  return out;
}

Napi::Value topk_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> scores = view_of<float>(info[0], "scores");
  const std::size_t k = size_arg(info[1], "k");
  if (k > scores.length) throw Napi::RangeError::New(env, "topk: k > scores.length");
  Napi::Int32Array out = Napi::Int32Array::New(env, k);
  guarded(env, [&] {
    Stream s;
    auto d_scores = upload(scores.data, scores.length, s.get());
    auto d_out = device_alloc<std::int32_t>(k);
    launch_topk(d_scores.get(), static_cast<int>(scores.length), static_cast<int>(k), d_out.get(), s.get());
    download(out.Data(), d_out, k, s.get());
    s.synchronize();
  });
  return out;
}

void check_indices(Napi::Env env, const View<std::int32_t>& idx, std::size_t rows) {
  for (std::size_t j = 0; j < idx.length; ++j) {
    if (idx.data[j] < 0 || static_cast<std::size_t>(idx.data[j]) >= rows) {
      throw Napi::RangeError::New(env, "gatherRows: indices[" + std::to_string(j) + "] outside [0, " + std::to_string(rows) + ")");
    }
  }
}

Napi::Value gather_rows_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> src = view_of<float>(info[0], "src");
  const std::size_t cols = size_arg(info[1], "cols");
  const View<std::int32_t> idx = view_of<std::int32_t>(info[2], "indices");
  if (cols == 0 || src.length % cols != 0) throw Napi::RangeError::New(env, "gatherRows: src.length is not a multiple of cols");
  check_indices(env, idx, src.length / cols);
  Napi::Float32Array out = Napi::Float32Array::New(env, idx.length * cols);
  guarded(env, [&] {
    Stream s;
    auto d_src = upload(src.data, src.length, s.get());
    auto d_idx = upload(idx.data, idx.length, s.get());
    auto d_out = device_alloc<float>(idx.length * cols);
    launch_gather_rows(d_src.get(), static_cast<int>(cols), d_idx.get(), static_cast<int>(idx.length), d_out.get(), s.get());
    download(out.Data(), d_out, idx.length * cols, s.get());
    s.synchronize();
  });
  return out;
}

Napi::Value patch_similarity_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> prev = view_of<float>(info[0], "prev");
  const View<float> curr = view_of<float>(info[1], "curr");
  kernels::PatchGrid grid{size_arg(info[2], "height"), size_arg(info[3], "width"), size_arg(info[4], "channels"),
                          size_arg(info[5], "patch")};
  guarded(env, [&] { grid.validate(); });
  const std::size_t n = grid.height * grid.width * grid.channels, patches = grid.patches();
  if (prev.length != n || curr.length != n) throw Napi::RangeError::New(env, "patchSimilarity: prev/curr size mismatch");
  Napi::Float32Array cosine = Napi::Float32Array::New(env, patches);
  Napi::Float32Array rel = Napi::Float32Array::New(env, patches);
  guarded(env, [&] {
    Stream s;
    auto d_prev = upload(prev.data, n, s.get());
    auto d_curr = upload(curr.data, n, s.get());
    auto d_cos = device_alloc<float>(patches);
    auto d_rel = device_alloc<float>(patches);
    launch_patch_similarity(d_prev.get(), d_curr.get(), static_cast<int>(grid.height), static_cast<int>(grid.width),
                            static_cast<int>(grid.channels), static_cast<int>(grid.patch), d_cos.get(), d_rel.get(), s.get());
    download(cosine.Data(), d_cos, patches, s.get());
    download(rel.Data(), d_rel, patches, s.get());
    s.synchronize();
  });
  Napi::Object out = Napi::Object::New(env);
  out.Set("cosine", cosine);
  out.Set("relativeL1", rel);
  return out;
}

Napi::Value quantize_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> x = view_of<float>(info[0], "x");
  const float scale = static_cast<float>(number_arg(info[1], "scale"));
  if (!(scale > 0.0f) || !std::isfinite(scale)) throw Napi::RangeError::New(env, "scale must be finite and > 0");
  Napi::Int8Array out = Napi::Int8Array::New(env, x.length);
  guarded(env, [&] {
    Stream s;
    auto d_x = upload(x.data, x.length, s.get());
    auto d_q = device_alloc<std::int8_t>(x.length);
    launch_quantize_int8(d_x.get(), x.length, scale, d_q.get(), s.get());
    download(out.Data(), d_q, x.length, s.get());
    s.synchronize();
  });
  return out;
}

Napi::Value dequantize_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<std::int8_t> q = view_of<std::int8_t>(info[0], "q");
  const float scale = static_cast<float>(number_arg(info[1], "scale"));
  if (!(scale > 0.0f) || !std::isfinite(scale)) throw Napi::RangeError::New(env, "scale must be finite and > 0");
  Napi::Float32Array out = Napi::Float32Array::New(env, q.length);
  guarded(env, [&] {
    Stream s;
    auto d_q = upload(q.data, q.length, s.get());
    auto d_x = device_alloc<float>(q.length);
    launch_dequantize_int8(d_q.get(), q.length, scale, d_x.get(), s.get());
    download(out.Data(), d_x, q.length, s.get());
    s.synchronize();
  });
  return out;
}

Napi::Value abs_histogram_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> x = view_of<float>(info[0], "x");
  const float range = static_cast<float>(number_arg(info[1], "range"));
  const std::size_t bins = size_arg(info[2], "bins");
  if (bins == 0 || bins > 8192) throw Napi::RangeError::New(env, "bins must be in [1, 8192]");
  Napi::Float64Array out = Napi::Float64Array::New(env, bins);
  guarded(env, [&] {
    Stream s;
    auto d_x = upload(x.data, x.length, s.get());
    auto d_counts = device_alloc<unsigned long long>(bins);
    REFLEX_CUDA_CHECK(cudaMemsetAsync(d_counts.get(), 0, bins * sizeof(unsigned long long), s.get()));
    launch_abs_histogram(d_x.get(), x.length, range, static_cast<int>(bins), d_counts.get(), s.get());
    std::vector<unsigned long long> host(bins);
    download(host.data(), d_counts, bins, s.get());
    s.synchronize();
    for (std::size_t j = 0; j < bins; ++j) out.Data()[j] = static_cast<double>(host[j]);
  });
  return out;
}

Napi::Value chain_bench_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int kernels = static_cast<int>(size_arg(info[0], "kernels"));
  const int elements = static_cast<int>(size_arg(info[1], "elements"));
  const int iterations = static_cast<int>(size_arg(info[2], "iterations"));
  if (kernels < 1 || elements < 1 || iterations < 1) throw Napi::RangeError::New(env, "chainBench: all arguments must be >= 1");
  const ChainTiming t = guarded(env, [&] { return time_kernel_chain(kernels, elements, iterations); });
  Napi::Object out = Napi::Object::New(env);
  out.Set("eagerUsPerChain", t.eager_us_per_chain);
  out.Set("graphUsPerChain", t.graph_us_per_chain);
  out.Set("graphUsed", t.graph_used);
  out.Set("fallbackReason", t.fallback_reason);
  out.Set("resultsMatch", t.results_match);
  return out;
}

// Top-k + gather of token rows through the CudaGraphExecutor; device buffers are kept per shape so a
// captured graph's addresses stay valid.
class TokenSelectorWrap : public Napi::ObjectWrap<TokenSelectorWrap> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "TokenSelector", {InstanceMethod<&TokenSelectorWrap::select>("select"),
                                              InstanceMethod<&TokenSelectorWrap::graphs>("graphs")});
  }
  explicit TokenSelectorWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TokenSelectorWrap>(info) {
    const bool use_graphs = info.Length() < 1 || info[0].ToBoolean().Value();
    guarded(info.Env(), [&] {
      stream_ = std::make_unique<Stream>();
      executor_ = std::make_unique<CudaGraphExecutor>(stream_->get(), use_graphs);
    });
  }

 private:
  struct Buffers {
    DeviceBuffer<float> scores, tokens, out;
    DeviceBuffer<std::int32_t> indices;
  };

  // select(scores: Float32Array[n], tokens: Float32Array[n*cols], cols, k) -> { indices, tokens, mode, fallbackReason }
  Napi::Value select(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const View<float> scores = view_of<float>(info[0], "scores");
    const View<float> tokens = view_of<float>(info[1], "tokens");
    const std::size_t cols = size_arg(info[2], "cols");
    const std::size_t k = size_arg(info[3], "k");
    const std::size_t n = scores.length;
    if (cols == 0 || tokens.length != n * cols) throw Napi::RangeError::New(env, "select: tokens must hold scores.length * cols floats");
    if (k > n) throw Napi::RangeError::New(env, "select: k > scores.length");
    Napi::Int32Array indices = Napi::Int32Array::New(env, k);
    Napi::Float32Array out = Napi::Float32Array::New(env, k * cols);
    const std::string key = std::to_string(n) + "x" + std::to_string(cols) + "k" + std::to_string(k);
    GraphMode mode = GraphMode::Fallback;
    guarded(env, [&] {
      Buffers& b = buffers_[key];
      if (!b.scores) {
        b.scores = device_alloc<float>(n);
        b.tokens = device_alloc<float>(n * cols);
        b.out = device_alloc<float>(k * cols);
        b.indices = device_alloc<std::int32_t>(k);
      }
      cudaStream_t s = stream_->get();
      REFLEX_CUDA_CHECK(cudaMemcpyAsync(b.scores.get(), scores.data, n * sizeof(float), cudaMemcpyHostToDevice, s));
      REFLEX_CUDA_CHECK(cudaMemcpyAsync(b.tokens.get(), tokens.data, n * cols * sizeof(float), cudaMemcpyHostToDevice, s));
      float* d_scores = b.scores.get();
      float* d_tokens = b.tokens.get();
      float* d_out = b.out.get();
      std::int32_t* d_idx = b.indices.get();
      mode = executor_->run(key, [=](cudaStream_t st) {
        launch_topk(d_scores, static_cast<int>(n), static_cast<int>(k), d_idx, st);
        launch_gather_rows(d_tokens, static_cast<int>(cols), d_idx, static_cast<int>(k), d_out, st);
      });
      REFLEX_CUDA_CHECK(cudaMemcpyAsync(indices.Data(), d_idx, k * sizeof(std::int32_t), cudaMemcpyDeviceToHost, s));
      REFLEX_CUDA_CHECK(cudaMemcpyAsync(out.Data(), d_out, k * cols * sizeof(float), cudaMemcpyDeviceToHost, s));
      stream_->synchronize();
    });
    Napi::Object result = Napi::Object::New(env);
    result.Set("indices", indices);
    result.Set("tokens", out);
    result.Set("mode", to_string(mode));
    result.Set("fallbackReason", executor_->fallback_reason(key));
    return result;
  }

  Napi::Value graphs(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(executor_->graphs()));
  }

  // Declared before the executor and buffers so it is destroyed after them.
  std::unique_ptr<Stream> stream_;
  std::map<std::string, Buffers> buffers_;
  std::unique_ptr<CudaGraphExecutor> executor_;
};

}  // namespace
#endif

void register_cuda(Napi::Env env, Napi::Object exports) {
  Napi::Object cuda = Napi::Object::New(env);
#ifdef REFLEX_WITH_CUDA
  cuda.Set("built", true);
  cuda.Set("devices", Napi::Function::New<devices_js>(env, "devices"));
  cuda.Set("topk", Napi::Function::New<topk_js>(env, "topk"));
  cuda.Set("gatherRows", Napi::Function::New<gather_rows_js>(env, "gatherRows"));
  cuda.Set("patchSimilarity", Napi::Function::New<patch_similarity_js>(env, "patchSimilarity"));
  cuda.Set("quantizeInt8", Napi::Function::New<quantize_js>(env, "quantizeInt8"));
  cuda.Set("dequantizeInt8", Napi::Function::New<dequantize_js>(env, "dequantizeInt8"));
  cuda.Set("absHistogram", Napi::Function::New<abs_histogram_js>(env, "absHistogram"));
  cuda.Set("chainBench", Napi::Function::New<chain_bench_js>(env, "chainBench"));
  cuda.Set("TokenSelector", TokenSelectorWrap::define(env));
#else
  cuda.Set("built", false);
#endif
  exports.Set("cuda", cuda);
}

}  // namespace reflex::binding
