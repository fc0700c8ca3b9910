// `cuda` on the addon: { built: false } where nvcc was absent at build time (buildInfo.cuda.reason says why);
// otherwise the device query, the CUDA kernels (host arrays in, synchronous; the same arguments as the CPU
// kernels, read by kernel_args.h, outputs caller-owned: used by `npm run test:gpu` to check them against the
// CPU kernels), a TokenSelector that runs top-k + gather through the CudaGraphExecutor (one
// graph per shape), and the kernel-chain timing behind bench/cuda-graph.
#include "binding/kernel_args.h"
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

// The device kernel cannot throw, so rows are checked here (the CPU kernel checks them itself).
void check_indices(Napi::Env env, const View<std::int32_t>& idx, std::size_t rows) {
  for (std::size_t j = 0; j < idx.length; ++j) {
    if (idx.data[j] < 0 || static_cast<std::size_t>(idx.data[j]) >= rows) {
      throw Napi::RangeError::New(env, "gatherRows: indices[" + std::to_string(j) + "] outside [0, " + std::to_string(rows) + ")");
    }
  }
}

// The device kernels cannot throw, so the scale is checked here (the CPU kernel checks it itself).
void check_scale(Napi::Env env, float scale) {
  if (!(scale > 0.0f) || !std::isfinite(scale)) throw Napi::RangeError::New(env, "scale must be finite and > 0");
}

template <typename From, typename To, typename Launch>
Napi::Value run_int8(const Napi::CallbackInfo& info, const Int8Args<From, To>& a, Launch launch) {
  check_scale(info.Env(), a.scale);
  guarded(info.Env(), [&] {
    Stream s;
    auto d_in = upload(a.in.data, a.in.length, s.get());
    auto d_out = device_alloc<To>(a.in.length);
    launch(d_in.get(), a.in.length, a.scale, d_out.get(), s.get());
    download(a.out.data, d_out, a.in.length, s.get());
    s.synchronize();
  });
  return info.Env().Undefined();
}

// Each kernel: upload the inputs, launch on a fresh stream, download into the caller's output, synchronise.
struct CudaKernels {
  static Napi::Value topk(const Napi::CallbackInfo& info) {
    const TopkArgs a = topk_args(info);
    guarded(info.Env(), [&] {
      Stream s;
      auto d_scores = upload(a.scores.data, a.scores.length, s.get());
      auto d_out = device_alloc<std::int32_t>(a.k);
      launch_topk(d_scores.get(), static_cast<int>(a.scores.length), static_cast<int>(a.k), d_out.get(), s.get());
      download(a.out.data, d_out, a.k, s.get());
      s.synchronize();
    });
    return info.Env().Undefined();
  }

  static Napi::Value gather_rows(const Napi::CallbackInfo& info) {
    const GatherRowsArgs a = gather_rows_args(info);
    check_indices(info.Env(), a.indices, a.rows());
    guarded(info.Env(), [&] {
      Stream s;
      auto d_src = upload(a.src.data, a.src.length, s.get());
      auto d_idx = upload(a.indices.data, a.indices.length, s.get());
      auto d_out = device_alloc<float>(a.out.length);
      launch_gather_rows(d_src.get(), static_cast<int>(a.cols), d_idx.get(), static_cast<int>(a.indices.length), d_out.get(), s.get());
      download(a.out.data, d_out, a.out.length, s.get());
      s.synchronize();
    });
    return info.Env().Undefined();
  }

  static Napi::Value patch_similarity(const Napi::CallbackInfo& info) {
    const PatchSimilarityArgs a = patch_similarity_args(info);
    const std::size_t patches = a.grid.patches();
    guarded(info.Env(), [&] {
      Stream s;
      auto d_prev = upload(a.prev.data, a.prev.length, s.get());
      auto d_curr = upload(a.curr.data, a.curr.length, s.get());
      auto d_cos = device_alloc<float>(patches);
      auto d_rel = device_alloc<float>(patches);
      launch_patch_similarity(d_prev.get(), d_curr.get(), static_cast<int>(a.grid.height), static_cast<int>(a.grid.width),
                              static_cast<int>(a.grid.channels), static_cast<int>(a.grid.patch), d_cos.get(), d_rel.get(), s.get());
      if (a.cosine != nullptr) download(a.cosine, d_cos, patches, s.get());
      if (a.relative_l1 != nullptr) download(a.relative_l1, d_rel, patches, s.get());
      s.synchronize();
    });
    return info.Env().Undefined();
  }

  static Napi::Value quantize_int8(const Napi::CallbackInfo& info) {
    return run_int8(info, int8_args<float, std::int8_t>(info, "x", "quantizeInt8"), launch_quantize_int8);
  }

  static Napi::Value dequantize_int8(const Napi::CallbackInfo& info) {
    return run_int8(info, int8_args<std::int8_t, float>(info, "q", "dequantizeInt8"), launch_dequantize_int8);
  }
};

// absHistogram(x: Float32Array, range, bins, out: Float64Array[bins]) -> void
Napi::Value abs_histogram_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> x = view_of<float>(info[0], "x");
  const float range = static_cast<float>(number_arg(info[1], "range"));
  const std::size_t bins = size_arg(info[2], "bins");
  if (bins == 0 || bins > 8192) throw Napi::RangeError::New(env, "bins must be in [1, 8192]");
  const View<double> out = out_of<double>(info[3], bins, "absHistogram: out");
  guarded(env, [&] {
    Stream s;
    auto d_x = upload(x.data, x.length, s.get());
    auto d_counts = device_alloc<unsigned long long>(bins);
    REFLEX_CUDA_CHECK(cudaMemsetAsync(d_counts.get(), 0, bins * sizeof(unsigned long long), s.get()));
    launch_abs_histogram(d_x.get(), x.length, range, static_cast<int>(bins), d_counts.get(), s.get());
    std::vector<unsigned long long> host(bins);
    download(host.data(), d_counts, bins, s.get());
    s.synchronize();
    for (std::size_t j = 0; j < bins; ++j) out.data[j] = static_cast<double>(host[j]);
  });
  return env.Undefined();
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

  // select(scores: Float32Array[n], tokens: Float32Array[n*cols], cols, k, indices: Int32Array[k],
  //        out: Float32Array[k*cols]) -> { mode, fallbackReason }
  Napi::Value select(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const View<float> scores = view_of<float>(info[0], "scores");
    const View<float> tokens = view_of<float>(info[1], "tokens");
    const std::size_t cols = size_arg(info[2], "cols");
    const std::size_t k = size_arg(info[3], "k");
    const std::size_t n = scores.length;
    if (cols == 0 || tokens.length != n * cols) throw Napi::RangeError::New(env, "select: tokens must hold scores.length * cols floats");
    if (k > n) throw Napi::RangeError::New(env, "select: k > scores.length");
    const View<std::int32_t> indices = out_of<std::int32_t>(info[4], k, "select: indices");
    const View<float> out = out_of<float>(info[5], k * cols, "select: out");
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
      REFLEX_CUDA_CHECK(cudaMemcpyAsync(indices.data, d_idx, k * sizeof(std::int32_t), cudaMemcpyDeviceToHost, s));
      REFLEX_CUDA_CHECK(cudaMemcpyAsync(out.data, d_out, k * cols * sizeof(float), cudaMemcpyDeviceToHost, s));
      stream_->synchronize();
    });
    Napi::Object result = Napi::Object::New(env);
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
  register_tensor_kernels<CudaKernels>(env, cuda);
  cuda.Set("absHistogram", Napi::Function::New<abs_histogram_js>(env, "absHistogram"));
  cuda.Set("chainBench", Napi::Function::New<chain_bench_js>(env, "chainBench"));
  cuda.Set("TokenSelector", TokenSelectorWrap::define(env));
#else
  cuda.Set("built", false);
#endif
  exports.Set("cuda", cuda);
}

}  // namespace reflex::binding
