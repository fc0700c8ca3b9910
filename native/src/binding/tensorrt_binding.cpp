// `tensorrt` on the addon: { built: false } where TensorRT was absent at build time; otherwise
//   version: number (getInferLibVersion() of the library loaded, e.g. 100300)
//   TrtEngine(enginePath: string, useCudaGraphs: boolean)
//     .io() -> Array<{ name, isInput, dtype, shape: number[] }>      (-1 marks a dynamic axis)
//     .prepare(inputShapes: number[][]) -> number[][]                 (output shapes, io() order)
//     .run(inputs: TypedArray[], outputs: TypedArray[]) -> Promise<{ mode, fallbackReason }>
//         inputs are read and outputs written in place on a worker thread; one run at a time per engine.
//     .dispose()
//   buildFromOnnx(onnxPath, { fp16, int8, calibrationCache, workspaceBytes, profile }) -> Promise<Uint8Array>
#include "binding/modules.h"
#include "binding/typed_array.h"

#ifdef REFLEX_WITH_TENSORRT
#include <NvInferRuntime.h>

#include <memory>
#include <vector>

#include "trt/trt_builder.h"
#include "trt/trt_engine.h"
#endif

namespace reflex::binding {

#ifdef REFLEX_WITH_TENSORRT
namespace {

trt::HostTensor host_tensor(const Napi::Value& value, const std::string& what) {
  if (!value.IsTypedArray()) throw Napi::TypeError::New(value.Env(), what + " must be a TypedArray");
  auto array = value.As<Napi::TypedArray>();
  auto buffer = array.ArrayBuffer();
  return trt::HostTensor{static_cast<std::uint8_t*>(buffer.Data()) + array.ByteOffset(), array.ByteLength()};
}

std::vector<std::int64_t> shape_of(const Napi::Value& value, const std::string& what) {
  if (!value.IsArray()) throw Napi::TypeError::New(value.Env(), what + " must be an array of numbers");
  Napi::Array a = value.As<Napi::Array>();
  std::vector<std::int64_t> shape;
  for (std::uint32_t i = 0; i < a.Length(); ++i) shape.push_back(static_cast<std::int64_t>(size_arg(a.Get(i), what)));
  return shape;
}

Napi::Array to_js(Napi::Env env, const std::vector<std::int64_t>& shape) {
  Napi::Array a = Napi::Array::New(env, shape.size());
  for (std::size_t i = 0; i < shape.size(); ++i) a.Set(static_cast<std::uint32_t>(i), static_cast<double>(shape[i]));
  return a;
}

class TrtEngineWrap : public Napi::ObjectWrap<TrtEngineWrap> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "TrtEngine",
                       {InstanceMethod<&TrtEngineWrap::io>("io"), InstanceMethod<&TrtEngineWrap::prepare>("prepare"),
                        InstanceMethod<&TrtEngineWrap::run>("run"), InstanceMethod<&TrtEngineWrap::dispose>("dispose")});
  }

  explicit TrtEngineWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<TrtEngineWrap>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "TrtEngine(enginePath, useCudaGraphs)");
    const std::string path = info[0].As<Napi::String>().Utf8Value();
    const bool graphs = info.Length() > 1 && info[1].ToBoolean().Value();
    engine_ = guarded(env, [&] { return std::make_unique<trt::TrtEngine>(path, graphs); });
  }

  void finish() { busy_ = false; }
  trt::TrtEngine& engine() { return *engine_; }

 private:
  class RunWorker;

  trt::TrtEngine& live(Napi::Env env) {
    if (!engine_) throw Napi::Error::New(env, "TrtEngine was disposed");
    if (busy_) throw Napi::Error::New(env, "TrtEngine is running: await the previous run() first");
    return *engine_;
  }

  Napi::Value io(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const auto& tensors = live(env).io();
    Napi::Array out = Napi::Array::New(env, tensors.size());
    for (std::size_t i = 0; i < tensors.size(); ++i) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("name", tensors[i].name);
      o.Set("isInput", tensors[i].is_input);
      o.Set("dtype", tensors[i].dtype);
      o.Set("shape", to_js(env, tensors[i].shape));
      out.Set(static_cast<std::uint32_t>(i), o);
    }
    return out;
  }

  Napi::Value prepare(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    trt::TrtEngine& engine = live(env);
    if (info.Length() < 1 || !info[0].IsArray()) throw Napi::TypeError::New(env, "prepare(inputShapes: number[][])");
    Napi::Array shapes = info[0].As<Napi::Array>();
    std::vector<std::vector<std::int64_t>> input_shapes;
    for (std::uint32_t i = 0; i < shapes.Length(); ++i) input_shapes.push_back(shape_of(shapes.Get(i), "inputShapes[" + std::to_string(i) + "]"));
    const auto outputs = guarded(env, [&] { return engine.prepare(input_shapes); });
    Napi::Array out = Napi::Array::New(env, outputs.size());
    for (std::size_t i = 0; i < outputs.size(); ++i) out.Set(static_cast<std::uint32_t>(i), to_js(env, outputs[i]));
    return out;
  }

  Napi::Value run(const Napi::CallbackInfo& info);

  Napi::Value dispose(const Napi::CallbackInfo& info) {
    if (busy_) throw Napi::Error::New(info.Env(), "TrtEngine is running: await run() before dispose()");
    engine_.reset();
    return info.Env().Undefined();
  }

  std::unique_ptr<trt::TrtEngine> engine_;
  bool busy_ = false;
};

class TrtEngineWrap::RunWorker : public Napi::AsyncWorker {
 public:
  RunWorker(Napi::Env env, TrtEngineWrap* owner, std::vector<trt::HostTensor> inputs, std::vector<trt::HostTensor> outputs,
            std::vector<Napi::ObjectReference> keep)
      : Napi::AsyncWorker(env, "reflex:tensorrt.run"),
        deferred_(Napi::Promise::Deferred::New(env)),
        owner_(owner),
        owner_ref_(Napi::Persistent(owner->Value())),
        inputs_(std::move(inputs)),
        outputs_(std::move(outputs)),
        keep_(std::move(keep)) {}
  Napi::Promise promise() { return deferred_.Promise(); }
  void Execute() override {
    try {
      report_ = owner_->engine().run(inputs_, outputs_);
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }
  void OnOK() override {
    owner_->finish();
    Napi::Object o = Napi::Object::New(Env());
    o.Set("mode", report_.mode);
    o.Set("fallbackReason", report_.fallback_reason);
    deferred_.Resolve(o);
  }
  void OnError(const Napi::Error& e) override {
    owner_->finish();
    deferred_.Reject(e.Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  TrtEngineWrap* owner_;
  Napi::ObjectReference owner_ref_;
  std::vector<trt::HostTensor> inputs_, outputs_;
  std::vector<Napi::ObjectReference> keep_;
  trt::RunReport report_;
};

Napi::Value TrtEngineWrap::run(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  live(env);
  if (info.Length() < 2 || !info[0].IsArray() || !info[1].IsArray()) throw Napi::TypeError::New(env, "run(inputs[], outputs[])");
  std::vector<trt::HostTensor> inputs, outputs;
  std::vector<Napi::ObjectReference> keep;
  Napi::Array ins = info[0].As<Napi::Array>(), outs = info[1].As<Napi::Array>();
  for (std::uint32_t i = 0; i < ins.Length(); ++i) {
    inputs.push_back(host_tensor(ins.Get(i), "inputs[" + std::to_string(i) + "]"));
    keep.push_back(Napi::Persistent(ins.Get(i).As<Napi::Object>()));
  }
  for (std::uint32_t i = 0; i < outs.Length(); ++i) {
    outputs.push_back(host_tensor(outs.Get(i), "outputs[" + std::to_string(i) + "]"));
    keep.push_back(Napi::Persistent(outs.Get(i).As<Napi::Object>()));
  }
  auto* worker = new RunWorker(env, this, std::move(inputs), std::move(outputs), std::move(keep));  // deleted by node-addon-api after OnOK/OnError
  busy_ = true;
  worker->Queue();
  return worker->promise();
}

class BuildWorker : public Napi::AsyncWorker {
 public:
  BuildWorker(Napi::Env env, std::string path, trt::BuildOptions options)
      : Napi::AsyncWorker(env, "reflex:tensorrt.build"), deferred_(Napi::Promise::Deferred::New(env)),
        path_(std::move(path)), options_(std::move(options)) {}
  Napi::Promise promise() { return deferred_.Promise(); }
  void Execute() override {
    try {
      engine_ = trt::build_engine_from_onnx(path_, options_);
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }
  void OnOK() override {
    Napi::Uint8Array out = Napi::Uint8Array::New(Env(), engine_.size());
    std::copy(engine_.begin(), engine_.end(), out.Data());
    deferred_.Resolve(out);
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::string path_;
  trt::BuildOptions options_;
  std::vector<std::uint8_t> engine_;
};

Napi::Value build_from_onnx_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "buildFromOnnx(onnxPath, options)");
  trt::BuildOptions options;
  if (info.Length() > 1 && info[1].IsObject()) {
    Napi::Object o = info[1].As<Napi::Object>();
    options.fp16 = o.Get("fp16").ToBoolean().Value();
    options.int8 = o.Get("int8").ToBoolean().Value();
    if (o.Get("calibrationCache").IsString()) options.calibration_cache = o.Get("calibrationCache").As<Napi::String>().Utf8Value();
    if (o.Get("workspaceBytes").IsNumber()) options.workspace_bytes = size_arg(o.Get("workspaceBytes"), "workspaceBytes");
    if (o.Get("profile").IsObject()) {
      Napi::Object profile = o.Get("profile").As<Napi::Object>();
      Napi::Array names = profile.GetPropertyNames();
      for (std::uint32_t i = 0; i < names.Length(); ++i) {
        const std::string name = names.Get(i).As<Napi::String>().Utf8Value();
        Napi::Object r = profile.Get(name).As<Napi::Object>();
        options.profile[name] = trt::ShapeRange{shape_of(r.Get("min"), name + ".min"), shape_of(r.Get("opt"), name + ".opt"),
                                                shape_of(r.Get("max"), name + ".max")};
      }
    }
  }
  auto* worker = new BuildWorker(env, info[0].As<Napi::String>().Utf8Value(), std::move(options));
  worker->Queue();
  return worker->promise();
}

}  // namespace
#endif

void register_tensorrt(Napi::Env env, Napi::Object exports) {
  Napi::Object trt = Napi::Object::New(env);
#ifdef REFLEX_WITH_TENSORRT
  trt.Set("built", true);
  trt.Set("version", static_cast<double>(getInferLibVersion()));
  trt.Set("TrtEngine", TrtEngineWrap::define(env));
  trt.Set("buildFromOnnx", Napi::Function::New<build_from_onnx_js>(env, "buildFromOnnx"));
#else
  trt.Set("built", false);
#endif
  exports.Set("tensorrt", trt);
}

}  // namespace reflex::binding
