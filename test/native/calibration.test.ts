import assert from "node:assert/strict";

import { loadNative } from "../../sdk/native/addon.js";
import {
  ReferenceAbsHistogram,
  referenceDivergence,
  referenceEntropyThreshold,
  referencePercentileThreshold,
} from "../../sdk/quant/calibration-reference.js";
import { Calibrator, int8Scale } from "../../sdk/quant/calibrator.js";
import { DISTRIBUTIONS, sample } from "./distributions.js";

const addon = loadNative();

// Three batches whose max grows, so the doubling re-bin runs on every distribution.
function batches(kind: (typeof DISTRIBUTIONS)[number], seed: number): Float32Array[] {
  return [sample(kind, 16384, seed, 1), sample(kind, 16384, seed + 1, 1.5), sample(kind, 16384, seed + 2, 3)];
}

describe("native Calibrator against the TypeScript reference", () => {
  for (const kind of DISTRIBUTIONS) {
    it(`${kind}: histograms are identical, and entropy, percentile and minmax amax match exactly`, async () => {
      const cal = new Calibrator();
      const ref = new ReferenceAbsHistogram();
      for (const b of batches(kind, 42)) {
        await cal.collect({ act: b });
        ref.collect(b);
      }
      const h = await cal.histogram("act");
      assert.ok(h);
      assert.equal(h.range, ref.range);
      assert.equal(h.total, ref.total);
      assert.equal(h.maxAbs, ref.maxAbs);
      assert.deepEqual(Array.from(h.counts), Array.from(ref.counts));

      const entropy = (await cal.compute({ method: "entropy" })).get("act");
      const want = referenceEntropyThreshold(ref.counts, ref.range);
      assert.ok(entropy);
      assert.equal(entropy.bin, want.bin);
      assert.equal(entropy.amax, want.amax);
      assert.equal(entropy.scale, int8Scale(want.amax));
      assert.ok(Math.abs(entropy.divergence - want.divergence) < 1e-9, `${entropy.divergence} vs ${want.divergence}`);

      const pct = (await cal.compute({ method: "percentile", percentile: 99.9 })).get("act");
      assert.equal(pct?.amax, referencePercentileThreshold(ref.counts, ref.range, 99.9).amax);
      const minmax = (await cal.compute({ method: "minmax" })).get("act");
      assert.equal(minmax?.amax, ref.maxAbs);
    });
  }

  it("the native KL curve equals the textbook divergence at every sampled cut-off", () => {
    const ref = new ReferenceAbsHistogram();
    ref.collect(sample("laplace", 50000, 7));
    const native = addon.entropyThreshold(ref.counts, ref.range, 128, true);
    assert.ok(native.curve);
    for (let i = 128; i <= 2048; i += 37) {
      const want = referenceDivergence(ref.counts, i);
      const got = native.curve[i - 128] as number;
      if (Number.isNaN(got)) continue; // past the last non-empty bin: not a candidate
      if (want === Infinity) assert.equal(got, Infinity);
      else assert.ok(Math.abs(got - want) < 1e-9, `i=${i}: ${got} vs ${want}`);
    }
  });

  // The KL optimum of an exact Gaussian rises with the sample count (bench/calibration prints the trend):
  // about 3.7 sigma at 16K samples, 4.1 at 64K, 4.7 at 4M. 32K samples is a typical per-tensor calibration set.
  it("a Gaussian's entropy amax lands between 2.5 and 4.5 sigma (32K samples in 2 batches, 8 seeds, sigma 2)", async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const cal = new Calibrator();
      for (let b = 0; b < 2; b++) await cal.collect({ g: sample("gaussian", 16384, seed * 10 + b, 2) });
      const r = (await cal.compute({ method: "entropy" })).get("g");
      assert.ok(r);
      assert.ok(r.amax / 2 > 2.5 && r.amax / 2 < 4.5, `seed ${seed}: amax ${r.amax / 2} sigma`);
      assert.ok(r.amax <= r.maxAbs * 1.001, `amax ${r.amax} above the max ${r.maxAbs}`);
    }
  });

  it("with outliers, entropy clips far below the max while minmax keeps it", async () => {
    const cal = new Calibrator();
    await cal.collect({ x: sample("outliers", 100000, 3) });
    const e = (await cal.compute({ method: "entropy" })).get("x");
    const m = (await cal.compute({ method: "minmax" })).get("x");
    assert.ok(e && m);
    assert.ok(m.amax > 20, `max ${m.amax}`);
    assert.ok(e.amax < m.amax / 3, `entropy ${e.amax} vs max ${m.amax}`);
  });

  it("collects several named tensors per batch and counts non-finite values apart", async () => {
    const cal = new Calibrator();
    await cal.collect({ a: Float32Array.of(1, -2, NaN), b: Float32Array.of(Infinity, 0.5) });
    await cal.collect({ a: Float32Array.of(4) });
    assert.deepEqual((await cal.tensorNames()).sort(), ["a", "b"]);
    const r = await cal.compute({ method: "minmax" });
    assert.equal(r.get("a")?.amax, 4);
    assert.equal(r.get("a")?.samples, 3);
    assert.equal(r.get("a")?.nonFinite, 1);
    assert.equal(r.get("b")?.nonFinite, 1);
  });

  it("runs collect off the event loop: a timer fires while a 64 MB batch is histogrammed", async () => {
    const cal = new Calibrator();
    const big = sample("gaussian", 16 << 20, 5);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await cal.collect({ big });
    clearInterval(timer);
    const h = await cal.histogram("big");
    assert.equal(h?.total, big.length);
    assert.ok(ticks >= 1, "the event loop was blocked during collect");
  });

  // Batches above 2^20 values are split over threads, and once the range is set a batch is binned in one
  // pass against it (binned again only when its max exceeds the range). Every path must equal the reference.
  it("threaded and one-pass collection give the reference's counts exactly (1, 2 and 3 threads; steady, growing, non-finite batches)", async () => {
    const big = 1_600_000; // 3 chunks of at least 2^19 values
    const withSpecials = sample("gaussian", big, 11, 0.8);
    withSpecials[5] = NaN;
    withSpecials[big - 1] = -Infinity;
    withSpecials[big >> 1] = Infinity;
    const stream = [
      new Float32Array(1000), // zeros first: range stays 0
      sample("gaussian", big, 1, 1), // sets the range
      sample("gaussian", big, 2, 0.5), // max within the range: one pass
      withSpecials, // within the range too, with NaN and +-Inf set aside
      sample("laplace", big, 12, 1), // max grows (about 14 vs 5): re-binned on the doubled range
      sample("outliers", big, 3, 2), // grows again, by several doublings
      sample("relu", 300, 4, 1), // small batch: one thread
    ];
    const ref = new ReferenceAbsHistogram();
    const ranges: number[] = [];
    for (const b of stream) {
      ref.collect(b);
      ranges.push(ref.range);
    }
    // The stream takes each path at least once: steady range twice, then growth twice.
    assert.ok(ranges[1] === ranges[2] && ranges[2] === ranges[3] && (ranges[4] as number) > (ranges[3] as number) && (ranges[5] as number) > (ranges[4] as number), `ranges ${ranges.join(", ")}`);
    for (const threads of [1, 2, 3]) {
      const cal = new Calibrator({ threads });
      assert.equal(cal.threads, threads);
      for (const b of stream) await cal.collect({ act: b });
      const h = await cal.histogram("act");
      assert.ok(h);
      assert.equal(h.range, ref.range, `threads ${threads}`);
      assert.equal(h.maxAbs, ref.maxAbs, `threads ${threads}`);
      assert.equal(h.total, ref.total, `threads ${threads}`);
      assert.equal(h.nonFinite, 3, `threads ${threads}`);
      assert.deepEqual(Array.from(h.counts), Array.from(ref.counts), `threads ${threads}`);
    }
    assert.ok(new Calibrator({ threads: 0 }).threads >= 1);
    assert.throws(() => new Calibrator({ threads: 65 }), /threads must be in \[0, 64\]/);
  });

  it("rejects a non-Float32Array and bad methods with messages naming them", async () => {
    const cal = new Calibrator();
    assert.throws(() => cal.collect({ x: new Float64Array(3) as unknown as Float32Array }), /"x" must be a Float32Array/);
    await assert.rejects(cal.compute({ method: "nope" as "entropy" }), /entropy, minmax or percentile/);
    await assert.rejects(cal.compute({ method: "percentile", percentile: 0 }), /percentile/);
    assert.throws(() => new Calibrator({ bins: 1000 }), /power of two/);
  });
});
