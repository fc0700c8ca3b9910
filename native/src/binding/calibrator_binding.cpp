// Calibrator: named |x| histograms fed batch by batch off the event loop, and threshold searches.
//
// JS: new Calibrator(bins, threads)  (threads: most worker threads per tensor per collect; 0 = hardware threads)
//       .collect(names: string[], arrays: Float32Array[]) -> Promise<void>  (reads the arrays in place; the
//         caller must not write to them until the promise settles)
//       .compute(method: "entropy"|"minmax"|"percentile", percentile: number, quantBins: number)
//         -> Promise<Array<{ name, amax, bin, divergence, maxAbs, total, nonFinite }>>
//       .histogram(name) -> { counts: Float64Array, range, maxAbs, total, nonFinite } | undefined
//       .names() -> string[]
//     entropyThreshold(counts: Float64Array, range, quantBins, withCurve) -> { bin, amax, divergence, curve? }
//     percentileThreshold(counts: Float64Array, range, percentile) -> { bin, amax }
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "binding/modules.h"
#include "binding/typed_array.h"
#include "calib/abs_histogram.h"
#include "calib/entropy_threshold.h"
#include "calib/percentile_threshold.h"

namespace reflex::binding {

namespace {

using calib::AbsHistogram;
using calib::ThresholdResult;

enum class Method { Entropy, MinMax, Percentile };

struct TensorResult {
  std::string name;
  ThresholdResult threshold;
  float max_abs = 0;
  std::uint64_t total = 0;
  std::uint64_t non_finite = 0;
};

class CalibratorWrap : public Napi::ObjectWrap<CalibratorWrap> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "Calibrator",
                       {InstanceMethod<&CalibratorWrap::collect>("collect"),
                        InstanceMethod<&CalibratorWrap::compute>("compute"),
                        InstanceMethod<&CalibratorWrap::histogram>("histogram"),
                        InstanceMethod<&CalibratorWrap::names>("names"),
                        InstanceAccessor<&CalibratorWrap::threads>("threads")});
  }

  explicit CalibratorWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<CalibratorWrap>(info) {
    bins_ = info.Length() > 0 && !info[0].IsUndefined() ? static_cast<int>(size_arg(info[0], "bins"))
                                                          : calib::kDefaultHistogramBins;
    threads_ = info.Length() > 1 && !info[1].IsUndefined() ? static_cast<int>(std::min<std::size_t>(size_arg(info[1], "threads"), 65)) : 0;
    threads_ = guarded(info.Env(), [&] { return AbsHistogram(bins_, threads_).threads(); });  // validates, resolves 0
  }

  void finish() { busy_ = false; }

 private:
  class CollectWorker;
  class ComputeWorker;

  void ensure_idle(Napi::Env env) const {
    if (busy_) throw Napi::Error::New(env, "Calibrator is busy: await the previous collect()/compute() first");
  }

  Napi::Value collect(const Napi::CallbackInfo& info);
  Napi::Value compute(const Napi::CallbackInfo& info);

  Napi::Value histogram(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    ensure_idle(env);
    if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "histogram(name): name must be a string");
    const auto it = histograms_.find(info[0].As<Napi::String>().Utf8Value());
    if (it == histograms_.end()) return env.Undefined();
    const AbsHistogram& h = *it->second;
    Napi::Float64Array counts = Napi::Float64Array::New(env, h.counts().size());
    std::copy(h.counts().begin(), h.counts().end(), counts.Data());
    Napi::Object out = Napi::Object::New(env);
    out.Set("counts", counts);
    out.Set("range", static_cast<double>(h.range()));
    out.Set("maxAbs", static_cast<double>(h.max_abs()));
    out.Set("total", static_cast<double>(h.total()));
    out.Set("nonFinite", static_cast<double>(h.non_finite()));
    return out;
  }

  Napi::Value names(const Napi::CallbackInfo& info) {
    Napi::Array out = Napi::Array::New(info.Env(), histograms_.size());
    std::uint32_t i = 0;
    for (const auto& entry : histograms_) out.Set(i++, entry.first);
    return out;
  }

  Napi::Value threads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), threads_); }

  int bins_ = calib::kDefaultHistogramBins;
  int threads_ = 1;
  bool busy_ = false;
  std::map<std::string, std::unique_ptr<AbsHistogram>> histograms_;
};

class CalibratorWrap::CollectWorker : public Napi::AsyncWorker {
 public:
  struct Job {
    AbsHistogram* histogram;
    const float* data;
    std::size_t length;
  };

  CollectWorker(Napi::Env env, CalibratorWrap* owner, std::vector<Job> jobs, std::vector<Napi::ObjectReference> keep)
      : Napi::AsyncWorker(env, "reflex:calibrator.collect"),
        deferred_(Napi::Promise::Deferred::New(env)),
        owner_(owner),
        owner_ref_(Napi::Persistent(owner->Value())),
        jobs_(std::move(jobs)),
        keep_(std::move(keep)) {}

  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      for (const Job& job : jobs_) job.histogram->collect(job.data, job.length);
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }
  void OnOK() override {
    owner_->finish();
    deferred_.Resolve(Env().Undefined());
  }
  void OnError(const Napi::Error& error) override {
    owner_->finish();
    deferred_.Reject(error.Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  CalibratorWrap* owner_;
  Napi::ObjectReference owner_ref_;         // keeps the calibrator alive while the worker runs
  std::vector<Job> jobs_;
  std::vector<Napi::ObjectReference> keep_;  // keeps the arrays alive: they are read in place
};

Napi::Value CalibratorWrap::collect(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ensure_idle(env);
  if (info.Length() < 2 || !info[0].IsArray() || !info[1].IsArray()) {
    throw Napi::TypeError::New(env, "collect(names, arrays): two arrays of equal length expected");
  }
  Napi::Array names = info[0].As<Napi::Array>();
  Napi::Array arrays = info[1].As<Napi::Array>();
  if (names.Length() != arrays.Length()) throw Napi::TypeError::New(env, "collect: names and arrays differ in length");
  std::vector<CollectWorker::Job> jobs;
  std::vector<Napi::ObjectReference> keep;
  for (std::uint32_t i = 0; i < names.Length(); ++i) {
    Napi::Value name_value = names.Get(i);
    if (!name_value.IsString()) throw Napi::TypeError::New(env, "collect: names[" + std::to_string(i) + "] must be a string");
    const std::string name = name_value.As<Napi::String>().Utf8Value();
    Napi::Value array = arrays.Get(i);
    const View<float> view = view_of<float>(array, "tensor \"" + name + "\"");
    auto& slot = histograms_[name];
    if (!slot) slot = std::make_unique<AbsHistogram>(bins_, threads_);
    jobs.push_back({slot.get(), view.data, view.length});
    keep.push_back(Napi::Persistent(array.As<Napi::Object>()));
  }
  auto* worker = new CollectWorker(env, this, std::move(jobs), std::move(keep));  // owned by libuv: deleted after OnOK/OnError
  busy_ = true;
  worker->Queue();
  return worker->promise();
}

class CalibratorWrap::ComputeWorker : public Napi::AsyncWorker {
 public:
  ComputeWorker(Napi::Env env, CalibratorWrap* owner, Method method, double percentile, int quant_bins)
      : Napi::AsyncWorker(env, "reflex:calibrator.compute"),
        deferred_(Napi::Promise::Deferred::New(env)),
        owner_(owner),
        owner_ref_(Napi::Persistent(owner->Value())),
        method_(method),
        percentile_(percentile),
        quant_bins_(quant_bins) {}

  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      for (const auto& [name, h] : owner_->histograms_) {
        TensorResult r;
        r.name = name;
        r.max_abs = h->max_abs();
        r.total = h->total();
        r.non_finite = h->non_finite();
        switch (method_) {
          case Method::Entropy:
            r.threshold = calib::entropy_threshold(h->counts().data(), h->bins(), h->range(), quant_bins_);
            break;
          case Method::Percentile:
            r.threshold = calib::percentile_threshold(h->counts().data(), h->bins(), h->range(), percentile_);
            break;
          case Method::MinMax:
            r.threshold.amax = h->max_abs();
            r.threshold.bin = h->bins();
            break;
        }
        results_.push_back(std::move(r));
      }
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }
  void OnOK() override {
    owner_->finish();
    Napi::Env env = Env();
    Napi::Array out = Napi::Array::New(env, results_.size());
    for (std::size_t i = 0; i < results_.size(); ++i) {
      const TensorResult& r = results_[i];
      Napi::Object o = Napi::Object::New(env);
      o.Set("name", r.name);
      o.Set("amax", r.threshold.amax);
      o.Set("bin", r.threshold.bin);
      o.Set("divergence", r.threshold.divergence);
      o.Set("maxAbs", static_cast<double>(r.max_abs));
      o.Set("total", static_cast<double>(r.total));
      o.Set("nonFinite", static_cast<double>(r.non_finite));
      out.Set(static_cast<std::uint32_t>(i), o);
    }
    deferred_.Resolve(out);
  }
  void OnError(const Napi::Error& error) override {
    owner_->finish();
    deferred_.Reject(error.Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  CalibratorWrap* owner_;
  Napi::ObjectReference owner_ref_;
  Method method_;
  double percentile_;
  int quant_bins_;
  std::vector<TensorResult> results_;
};

Napi::Value CalibratorWrap::compute(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ensure_idle(env);
  if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "compute(method, percentile, quantBins)");
  const std::string m = info[0].As<Napi::String>().Utf8Value();
  Method method;
  if (m == "entropy") method = Method::Entropy;
  else if (m == "minmax") method = Method::MinMax;
  else if (m == "percentile") method = Method::Percentile;
  else throw Napi::RangeError::New(env, "method must be entropy, minmax or percentile, got " + m);
  const double percentile = info.Length() > 1 && !info[1].IsUndefined() ? number_arg(info[1], "percentile") : 99.99;
  const int quant_bins = info.Length() > 2 && !info[2].IsUndefined() ? static_cast<int>(size_arg(info[2], "quantBins"))
                                                                     : calib::kDefaultQuantBins;
  if (method == Method::Percentile && !(percentile > 0 && percentile <= 100)) {
    throw Napi::RangeError::New(env, "percentile must be in (0, 100]");
  }
  if (quant_bins < 1 || quant_bins > bins_) throw Napi::RangeError::New(env, "quantBins must be in [1, bins]");
  auto* worker = new ComputeWorker(env, this, method, percentile, quant_bins);
  busy_ = true;
  worker->Queue();
  return worker->promise();
}

Napi::Value entropy_threshold_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<double> counts = view_of<double>(info[0], "counts");
  const double range = number_arg(info[1], "range");
  const int quant_bins = info.Length() > 2 && !info[2].IsUndefined() ? static_cast<int>(size_arg(info[2], "quantBins"))
                                                                     : calib::kDefaultQuantBins;
  const bool with_curve = info.Length() > 3 && info[3].ToBoolean().Value();
  std::vector<double> curve;
  const ThresholdResult r = guarded(env, [&] {
    return calib::entropy_threshold(counts.data, static_cast<int>(counts.length), range, quant_bins,
                                    with_curve ? &curve : nullptr);
  });
  Napi::Object out = Napi::Object::New(env);
  out.Set("bin", r.bin);
  out.Set("amax", r.amax);
  out.Set("divergence", r.divergence);
  if (with_curve) {
    Napi::Float64Array c = Napi::Float64Array::New(env, curve.size());
    std::copy(curve.begin(), curve.end(), c.Data());
    out.Set("curve", c);
  }
  return out;
}

Napi::Value percentile_threshold_js(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const View<double> counts = view_of<double>(info[0], "counts");
  const double range = number_arg(info[1], "range");
  const double percentile = number_arg(info[2], "percentile");
  const ThresholdResult r = guarded(env, [&] {
    return calib::percentile_threshold(counts.data, static_cast<int>(counts.length), range, percentile);
  });
  Napi::Object out = Napi::Object::New(env);
  out.Set("bin", r.bin);
  out.Set("amax", r.amax);
  return out;
}

}  // namespace

void register_calibrator(Napi::Env env, Napi::Object exports) {
  exports.Set("Calibrator", CalibratorWrap::define(env));
  exports.Set("entropyThreshold", Napi::Function::New<entropy_threshold_js>(env, "entropyThreshold"));
  exports.Set("percentileThreshold", Napi::Function::New<percentile_threshold_js>(env, "percentileThreshold"));
}

}  // namespace reflex::binding
