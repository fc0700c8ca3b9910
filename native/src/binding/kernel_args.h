// The arguments of the tensor kernels, read and checked once for both bindings (kernels_binding.cpp on the
// CPU, cuda_binding.cpp on the GPU), so the two take the same JS arguments and reject bad ones with the same
// words. Calling convention (see sdk/native/addon.ts): outputs are caller-owned typed arrays passed last,
// checked for length here; the functions return nothing but scalars.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "binding/typed_array.h"
#include "kernels/patch_similarity.h"

namespace reflex::binding {

/// `what` must hold exactly `want` elements.
template <typename T>
View<T> out_of(const Napi::Value& value, std::size_t want, const std::string& what) {
  const View<T> v = view_of<T>(value, what);
  if (v.length != want) {
    throw Napi::RangeError::New(value.Env(), what + " must hold " + std::to_string(want) + " elements, has " + std::to_string(v.length));
  }
  return v;
}

struct TopkArgs {
  View<float> scores;
  std::size_t k = 0;
  View<std::int32_t> out;
};

/// topk(scores: Float32Array, k, out: Int32Array[k])
inline TopkArgs topk_args(const Napi::CallbackInfo& info) {
  TopkArgs a;
  a.scores = view_of<float>(info[0], "scores");
  a.k = size_arg(info[1], "k");
  if (a.k > a.scores.length) {
    throw Napi::RangeError::New(info.Env(), "topk: k=" + std::to_string(a.k) + " > scores.length=" + std::to_string(a.scores.length));
  }
  a.out = out_of<std::int32_t>(info[2], a.k, "topk: out");
  return a;
}

struct GatherRowsArgs {
  View<float> src;
  std::size_t cols = 0;
  View<std::int32_t> indices;
  View<float> out;
  std::size_t rows() const { return src.length / cols; }
};

/// gatherRows(src: Float32Array[rows*cols], cols, indices: Int32Array, out: Float32Array[indices.length*cols])
inline GatherRowsArgs gather_rows_args(const Napi::CallbackInfo& info) {
  GatherRowsArgs a;
  a.src = view_of<float>(info[0], "src");
  a.cols = size_arg(info[1], "cols");
  a.indices = view_of<std::int32_t>(info[2], "indices");
  if (a.cols == 0 || a.src.length % a.cols != 0) {
    throw Napi::RangeError::New(info.Env(), "gatherRows: src.length " + std::to_string(a.src.length) + " is not a multiple of cols " + std::to_string(a.cols));
  }
  a.out = out_of<float>(info[3], a.indices.length * a.cols, "gatherRows: out");
  return a;
}

struct PatchSimilarityArgs {
  View<float> prev, curr;
  kernels::PatchGrid grid;
  float* cosine = nullptr;       // null: not wanted
  float* relative_l1 = nullptr;  // null: not wanted
};

/// patchSimilarity(prev, curr: Float32Array[height*width*channels], height, width, channels, patch,
///                 cosine: Float32Array[patches] | null, relativeL1: Float32Array[patches] | null)
inline PatchSimilarityArgs patch_similarity_args(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  PatchSimilarityArgs a;
  a.prev = view_of<float>(info[0], "prev");
  a.curr = view_of<float>(info[1], "curr");
  a.grid = kernels::PatchGrid{size_arg(info[2], "height"), size_arg(info[3], "width"), size_arg(info[4], "channels"), size_arg(info[5], "patch")};
  guarded(env, [&] { a.grid.validate(); });
  const std::size_t n = a.grid.height * a.grid.width * a.grid.channels;
  if (a.prev.length != n || a.curr.length != n) {
    throw Napi::RangeError::New(env, "patchSimilarity: prev and curr must hold height*width*channels = " + std::to_string(n) + " floats");
  }
  const auto optional = [&](std::size_t i, const char* what) -> float* {
    if (info.Length() <= i || info[i].IsUndefined() || info[i].IsNull()) return nullptr;
    return out_of<float>(info[i], a.grid.patches(), what).data;
  };
  a.cosine = optional(6, "cosine");
  a.relative_l1 = optional(7, "relativeL1");
  return a;
}

template <typename From, typename To>
struct Int8Args {
  View<From> in;
  float scale = 0;
  View<To> out;
};

/// quantizeInt8(x: Float32Array, scale, out: Int8Array[x.length]) and
/// dequantizeInt8(q: Int8Array, scale, out: Float32Array[q.length])
template <typename From, typename To>
Int8Args<From, To> int8_args(const Napi::CallbackInfo& info, const char* in_name, const char* fn) {
  Int8Args<From, To> a;
  a.in = view_of<From>(info[0], in_name);
  a.scale = static_cast<float>(number_arg(info[1], "scale"));
  a.out = out_of<To>(info[2], a.in.length, std::string(fn) + ": out");
  return a;
}

/// Registers the kernels both bindings have on `target` under one set of names. Impl (CpuKernels in
/// kernels_binding.cpp, CudaKernels in cuda_binding.cpp) has them as static Napi callbacks.
template <typename Impl>
void register_tensor_kernels(Napi::Env env, Napi::Object target) {
  target.Set("topk", Napi::Function::New<Impl::topk>(env, "topk"));
  target.Set("gatherRows", Napi::Function::New<Impl::gather_rows>(env, "gatherRows"));
  target.Set("patchSimilarity", Napi::Function::New<Impl::patch_similarity>(env, "patchSimilarity"));
  target.Set("quantizeInt8", Napi::Function::New<Impl::quantize_int8>(env, "quantizeInt8"));
  target.Set("dequantizeInt8", Napi::Function::New<Impl::dequantize_int8>(env, "dequantizeInt8"));
}

}  // namespace reflex::binding
