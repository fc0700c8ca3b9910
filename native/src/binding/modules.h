// Each binding file adds its functions and classes to the addon's exports.
#pragma once

#include <napi.h>

namespace reflex::binding {

void register_calibrator(Napi::Env env, Napi::Object exports);
void register_kernels(Napi::Env env, Napi::Object exports);
/// Adds `cuda` (an object with `built: boolean` and, where built, the device query, kernels and graph bench).
void register_cuda(Napi::Env env, Napi::Object exports);
/// Adds `tensorrt` (`built: boolean` and, where built, the TrtEngine class and the ONNX builder).
void register_tensorrt(Napi::Env env, Napi::Object exports);

}  // namespace reflex::binding
