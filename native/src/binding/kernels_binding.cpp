// CPU tensor kernels, synchronous (each call is microseconds to a few milliseconds on token-sized tensors).
// Arguments and outputs as kernel_args.h reads them (caller-owned outputs last; the CUDA twins take the same):
// JS: topk(scores: Float32Array, k, out: Int32Array) -> void
//     gatherRows(src: Float32Array, cols, indices: Int32Array, out: Float32Array) -> void
//     patchSimilarity(prev, curr: Float32Array, height, width, channels, patch, cosine: Float32Array | null,
//                     relativeL1: Float32Array | null) -> void   (writes the outputs given)
//     relativeL1(prev, curr: Float32Array) -> number
//     quantizeInt8(x: Float32Array, scale, out: Int8Array) -> void
//     dequantizeInt8(q: Int8Array, scale, out: Float32Array) -> void
//     efficientvlaSelect(tokens: Float32Array, dim, relevance: Float32Array, relevanceCount, budget,
//                        out: Int32Array) -> number   (kept indices ascending in out[0..n), returns n)
#include "binding/kernel_args.h"
#include "binding/modules.h"
#include "binding/typed_array.h"
#include "kernels/efficientvla_select.h"
#include "kernels/gather_rows.h"
#include "kernels/int8_quantize.h"
#include "kernels/patch_similarity.h"
#include "kernels/relative_l1.h"
#include "kernels/topk.h"

namespace reflex::binding {

namespace {

// The kernels the CUDA binding has too (register_tensor_kernels names them).
struct CpuKernels {
  static Napi::Value topk(const Napi::CallbackInfo& info) {
    const TopkArgs a = topk_args(info);
    guarded(info.Env(), [&] { kernels::topk(a.scores.data, a.scores.length, a.k, a.out.data); });
    return info.Env().Undefined();
  }

  static Napi::Value gather_rows(const Napi::CallbackInfo& info) {
    const GatherRowsArgs a = gather_rows_args(info);
    guarded(info.Env(), [&] { kernels::gather_rows(a.src.data, a.rows(), a.cols, a.indices.data, a.indices.length, a.out.data); });
    return info.Env().Undefined();
  }

  static Napi::Value patch_similarity(const Napi::CallbackInfo& info) {
    const PatchSimilarityArgs a = patch_similarity_args(info);
    guarded(info.Env(), [&] { kernels::patch_similarity(a.prev.data, a.curr.data, a.grid, a.cosine, a.relative_l1); });
    return info.Env().Undefined();
  }

  static Napi::Value quantize_int8(const Napi::CallbackInfo& info) {
    const auto a = int8_args<float, std::int8_t>(info, "x", "quantizeInt8");
    guarded(info.Env(), [&] { kernels::quantize_int8(a.in.data, a.in.length, a.scale, a.out.data); });
    return info.Env().Undefined();
  }

  static Napi::Value dequantize_int8(const Napi::CallbackInfo& info) {
    const auto a = int8_args<std::int8_t, float>(info, "q", "dequantizeInt8");
    guarded(info.Env(), [&] { kernels::dequantize_int8(a.in.data, a.in.length, a.scale, a.out.data); });
    return info.Env().Undefined();
  }
};

Napi::Value relative_l1_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> prev = view_of<float>(info[0], "prev");
  const View<float> curr = view_of<float>(info[1], "curr");
  if (prev.length != curr.length) throw Napi::RangeError::New(env, "relativeL1: prev and curr differ in length");
  return Napi::Number::New(env, kernels::relative_l1(prev.data, curr.data, prev.length));
}

Napi::Value efficientvla_select_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> tokens = view_of<float>(info[0], "tokens");
  const std::size_t dim = size_arg(info[1], "dim");
  const View<float> relevance = view_of<float>(info[2], "relevance");
  const std::size_t relevance_count = size_arg(info[3], "relevanceCount");
  const std::size_t budget = size_arg(info[4], "budget");
  const View<std::int32_t> out = view_of<std::int32_t>(info[5], "out");
  if (dim == 0 || tokens.length % dim != 0) {
    throw Napi::RangeError::New(env, "efficientvlaSelect: tokens.length " + std::to_string(tokens.length) + " is not a multiple of dim " + std::to_string(dim));
  }
  const std::size_t count = tokens.length / dim;
  if (relevance.length != count) {
    throw Napi::RangeError::New(env, "efficientvlaSelect: " + std::to_string(count) + " tokens need as many relevance scores, got " + std::to_string(relevance.length));
  }
  if (out.length < budget) throw Napi::RangeError::New(env, "efficientvlaSelect: out must hold budget indices");
  guarded(env, [&] { kernels::efficientvla_select(tokens.data, count, dim, relevance.data, relevance_count, budget, out.data); });
  return Napi::Number::New(env, static_cast<double>(budget));
}

}  // namespace

void register_kernels(Napi::Env env, Napi::Object exports) {
  register_tensor_kernels<CpuKernels>(env, exports);
  exports.Set("relativeL1", Napi::Function::New<relative_l1_js>(env, "relativeL1"));
  exports.Set("efficientvlaSelect", Napi::Function::New<efficientvla_select_js>(env, "efficientvlaSelect"));
}

}  // namespace reflex::binding
