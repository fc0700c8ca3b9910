// The addon's entry point: build features, then each family of bindings.
#include <napi.h>

#include "binding/modules.h"

namespace {

Napi::Object build_info(Napi::Env env) {
  Napi::Object info = Napi::Object::New(env);
  info.Set("cpu", REFLEX_CPU_DESC);
  Napi::Object cuda = Napi::Object::New(env);
#ifdef REFLEX_WITH_CUDA
  cuda.Set("enabled", true);
#else
  cuda.Set("enabled", false);
#endif
  cuda.Set("version", REFLEX_CUDA_VERSION_STR);
  cuda.Set("architectures", REFLEX_CUDA_ARCHS_STR);
  cuda.Set("reason", REFLEX_CUDA_REASON_STR);
  info.Set("cuda", cuda);
  Napi::Object trt = Napi::Object::New(env);
#ifdef REFLEX_WITH_TENSORRT
  trt.Set("enabled", true);
#else
  trt.Set("enabled", false);
#endif
  trt.Set("version", REFLEX_TRT_VERSION_STR);
  trt.Set("reason", REFLEX_TRT_REASON_STR);
  info.Set("tensorrt", trt);
  info.Set("napiVersion", NAPI_VERSION);
  return info;
}

Napi::Object init(Napi::Env env, Napi::Object exports) {
  exports.Set("buildInfo", build_info(env));
  reflex::binding::register_calibrator(env, exports);
  reflex::binding::register_kernels(env, exports);
  reflex::binding::register_cuda(env, exports);
  reflex::binding::register_tensorrt(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(reflex_native, init)
