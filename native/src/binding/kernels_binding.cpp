// CPU tensor kernels, synchronous (each call is microseconds to a few milliseconds on token-sized tensors).
//
// JS: topk(scores: Float32Array, k) -> Int32Array
//     gatherRows(src: Float32Array, cols, indices: Int32Array, out?: Float32Array) -> Float32Array
//     patchSimilarity(prev, curr: Float32Array, height, width, channels, patch, cosine?: Float32Array | null,
//                     relativeL1?: Float32Array | null) -> void   (writes the outputs given)
//     relativeL1(prev, curr: Float32Array) -> number
//     quantizeInt8(x: Float32Array, scale, out: Int8Array) -> void
//     dequantizeInt8(q: Int8Array, scale, out: Float32Array) -> void
//     efficientvlaSelect(tokens: Float32Array, dim, relevance: Float32Array, relevanceCount, budget,
//                        out: Int32Array) -> number   (kept indices ascending in out[0..n), returns n)
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

Napi::Value topk_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> scores = view_of<float>(info[0], "scores");
  const std::size_t k = size_arg(info[1], "k");
  if (k > scores.length) throw Napi::RangeError::New(env, "topk: k=" + std::to_string(k) + " > scores.length=" + std::to_string(scores.length));
  Napi::Int32Array out = Napi::Int32Array::New(env, k);
  guarded(env, [&] { kernels::topk(scores.data, scores.length, k, out.Data()); });
  return out;
}

Napi::Value gather_rows_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> src = view_of<float>(info[0], "src");
  const std::size_t cols = size_arg(info[1], "cols");
  const View<std::int32_t> idx = view_of<std::int32_t>(info[2], "indices");
  if (cols == 0 || src.length % cols != 0) {
    throw Napi::RangeError::New(env, "gatherRows: src.length " + std::to_string(src.length) + " is not a multiple of cols " + std::to_string(cols));
  }
  Napi::Float32Array out;
  if (info.Length() > 3 && !info[3].IsUndefined()) {
    out = info[3].As<Napi::Float32Array>();
    const View<float> v = view_of<float>(info[3], "out");
    if (v.length != idx.length * cols) throw Napi::RangeError::New(env, "gatherRows: out must hold indices.length * cols floats");
  } else {
    out = Napi::Float32Array::New(env, idx.length * cols);
  }
  guarded(env, [&] { kernels::gather_rows(src.data, src.length / cols, cols, idx.data, idx.length, out.Data()); });
  return out;
}

float* optional_out(const Napi::CallbackInfo& info, std::size_t i, std::size_t want, const char* what) {
  if (info.Length() <= i || info[i].IsUndefined() || info[i].IsNull()) return nullptr;
  const View<float> v = view_of<float>(info[i], what);
  if (v.length != want) {
    throw Napi::RangeError::New(info.Env(), std::string(what) + " must hold " + std::to_string(want) + " floats, has " + std::to_string(v.length));
  }
  return v.data;
}

Napi::Value patch_similarity_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> prev = view_of<float>(info[0], "prev");
  const View<float> curr = view_of<float>(info[1], "curr");
  kernels::PatchGrid grid{size_arg(info[2], "height"), size_arg(info[3], "width"), size_arg(info[4], "channels"),
                          size_arg(info[5], "patch")};
  guarded(env, [&] { grid.validate(); });
  const std::size_t n = grid.height * grid.width * grid.channels;
  if (prev.length != n || curr.length != n) {
    throw Napi::RangeError::New(env, "patchSimilarity: prev and curr must hold height*width*channels = " + std::to_string(n) + " floats");
  }
  float* cosine = optional_out(info, 6, grid.patches(), "cosine");
  float* rel = optional_out(info, 7, grid.patches(), "relativeL1");
  guarded(env, [&] { kernels::patch_similarity(prev.data, curr.data, grid, cosine, rel); });
  return env.Undefined();
}

Napi::Value relative_l1_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> prev = view_of<float>(info[0], "prev");
  const View<float> curr = view_of<float>(info[1], "curr");
  if (prev.length != curr.length) throw Napi::RangeError::New(env, "relativeL1: prev and curr differ in length");
  return Napi::Number::New(env, kernels::relative_l1(prev.data, curr.data, prev.length));
}

Napi::Value quantize_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<float> x = view_of<float>(info[0], "x");
  const float scale = static_cast<float>(number_arg(info[1], "scale"));
  const View<std::int8_t> q = view_of<std::int8_t>(info[2], "out");
  if (q.length != x.length) throw Napi::RangeError::New(env, "quantizeInt8: out must have x.length elements");
  guarded(env, [&] { kernels::quantize_int8(x.data, x.length, scale, q.data); });
  return env.Undefined();
}

Napi::Value dequantize_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<std::int8_t> q = view_of<std::int8_t>(info[0], "q");
  const float scale = static_cast<float>(number_arg(info[1], "scale"));
  const View<float> x = view_of<float>(info[2], "out");
  if (q.length != x.length) throw Napi::RangeError::New(env, "dequantizeInt8: out must have q.length elements");
  guarded(env, [&] { kernels::dequantize_int8(q.data, q.length, scale, x.data); });
  return env.Undefined();
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
  exports.Set("topk", Napi::Function::New<topk_js>(env, "topk"));
  exports.Set("gatherRows", Napi::Function::New<gather_rows_js>(env, "gatherRows"));
  exports.Set("patchSimilarity", Napi::Function::New<patch_similarity_js>(env, "patchSimilarity"));
  exports.Set("relativeL1", Napi::Function::New<relative_l1_js>(env, "relativeL1"));
  exports.Set("quantizeInt8", Napi::Function::New<quantize_js>(env, "quantizeInt8"));
  exports.Set("dequantizeInt8", Napi::Function::New<dequantize_js>(env, "dequantizeInt8"));
  exports.Set("efficientvlaSelect", Napi::Function::New<efficientvla_select_js>(env, "efficientvlaSelect"));
}

}  // namespace reflex::binding
