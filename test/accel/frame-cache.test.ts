import assert from "node:assert/strict";
import { FrameCache, type FrameCacheOptions, type FrameCacheReport } from "../../sdk/accel/frame-cache.js";

// Synthetic frames: 16 patches of 12 pixel values in [0.2, 1). A patch is "static" when its pixels are
// copied unchanged from the previous frame; a "changed" patch gets fresh random pixels.
const P = 16;
const PD = 12;
const D = 4;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomFrame(seed: number): Float32Array {
  const r = lcg(seed);
  return Float32Array.from({ length: P * PD }, () => 0.2 + 0.8 * r());
}

function changePatches(frame: Float32Array, patches: number[], seed: number): Float32Array {
  const next = frame.slice();
  const r = lcg(seed);
  for (const p of patches) for (let k = 0; k < PD; k++) next[p * PD + k] = 0.2 + 0.8 * r();
  return next;
}

/** A patch-local stand-in encoder: token = first D pixels + patch index; relevance from a table. */
function encode(frame: Float32Array, recompute: Int32Array, relevanceOf: (p: number) => number): { tokens: Float32Array; relevance: Float32Array } {
  const tokens = new Float32Array(recompute.length * D);
  const relevance = new Float32Array(recompute.length);
  recompute.forEach((p, r) => {
    for (let k = 0; k < D; k++) tokens[r * D + k] = (frame[p * PD + k] as number) + p;
    relevance[r] = relevanceOf(p);
  });
  return { tokens, relevance };
}

function step(cache: FrameCache, frame: Float32Array, relevanceOf: (p: number) => number = () => 0): FrameCacheReport {
  const plan = cache.plan(frame);
  const { tokens, relevance } = encode(frame, plan.recompute, relevanceOf);
  return cache.commit(tokens, relevance);
}

function cache(opts: Partial<FrameCacheOptions> = {}): FrameCache {
  return new FrameCache({ patches: P, patchDim: PD, tokenDim: D, ...opts });
}

describe("accel: frame cache", () => {
  it("computes every patch on the first frame, then reuses exactly the static ones", () => {
    const c = cache({ max_age: 100 });
    const f0 = randomFrame(1);
    const first = step(c, f0);
    assert.equal(first.cold, P);
    assert.equal(first.recompute.length, P);
    assert.equal(first.hitRate, 0);

    const f1 = changePatches(f0, [1, 5, 10], 2);
    const second = step(c, f1);
    assert.deepEqual([...second.recompute], [1, 5, 10]);
    assert.equal(second.changed, 3);
    assert.equal(second.reused, 13);
    assert.equal(second.hitRate, 13 / 16);
  });

  it("merges fresh and cached tokens into the frame's full set, equal to encoding the whole frame", () => {
    const c = cache({ max_age: 100 });
    const f0 = randomFrame(3);
    step(c, f0);
    const f1 = changePatches(f0, [0, 15], 4);
    step(c, f1);
    const all = encode(f1, Int32Array.from({ length: P }, (_, i) => i), () => 0);
    assert.deepEqual([...c.tokens], [...all.tokens]);
  });

  it("always recomputes the top-k patches by cached relevance, even when static", () => {
    const c = cache({ always_recompute_top: 2, max_age: 100 });
    // Patches 7 and 3 are the most relevant to the task.
    const relevanceOf = (p: number): number => (p === 7 ? 5 : p === 3 ? 4 : p * 0.01);
    const f0 = randomFrame(5);
    step(c, f0, relevanceOf);
    const r = step(c, changePatches(f0, [1], 6), relevanceOf);
    assert.deepEqual([...r.recompute], [1, 3, 7]);
    assert.equal(r.changed, 1);
    assert.equal(r.relevant, 2);
    assert.equal(r.reused, 13);
  });

  it("forces a refresh when a token has been reused max_age frames, and reports its age", () => {
    const c = cache({ max_age: 2 });
    const f = randomFrame(7);
    const reports = [step(c, f), step(c, f), step(c, f), step(c, f), step(c, f)];
    assert.deepEqual(
      reports.map((r) => r.recompute.length),
      [16, 0, 0, 16, 0],
    );
    assert.equal(reports[3]!.aged, 16);
    assert.deepEqual(
      reports.map((r) => r.maxAge),
      [0, 1, 2, 0, 1],
    );
    assert.equal(reports[2]!.meanAge, 2);
    assert.equal(c.cumulativeHitRate, 3 / 5);
  });

  it("max_age 0 never reuses", () => {
    const c = cache({ max_age: 0 });
    const f = randomFrame(8);
    step(c, f);
    assert.equal(step(c, f).recompute.length, P);
  });

  it("treats a change below the cosine threshold as static, unless a relative-L1 limit says otherwise", () => {
    const f0 = randomFrame(9);
    const f1 = f0.slice();
    f1[2 * PD] = (f1[2 * PD] as number) + 0.02; // a tiny change to one pixel of patch 2
    const loose = cache({ similarity: 0.996, max_age: 100 });
    step(loose, f0);
    assert.equal(step(loose, f1).recompute.length, 0);
    const strict = cache({ similarity: 0.996, max_rel_l1: 0.0001, max_age: 100 });
    step(strict, f0);
    assert.deepEqual([...step(strict, f1).recompute], [2]);
  });

  it("with similarity -1, relative L1 alone decides: small noise everywhere hits, a real change misses", () => {
    const c = cache({ similarity: -1, max_rel_l1: 0.05, max_age: 100 });
    const f0 = randomFrame(12);
    step(c, f0);
    const r = lcg(13);
    const noisy = Float32Array.from(f0, (v) => v + 0.01 * (r() * 2 - 1));
    const f1 = changePatches(noisy, [4], 14);
    const report = step(c, f1);
    assert.deepEqual([...report.recompute], [4]);
  });

  it("with reference 'computed', slow drift is caught once it adds up; with 'previous' it is not", () => {
    // Patch 0 drifts a little every frame: each frame is very like the last, but not like frame 0.
    const frames: Float32Array[] = [randomFrame(10)];
    for (let i = 1; i < 12; i++) {
      const next = (frames[i - 1] as Float32Array).slice();
      next[0] = (next[0] as number) + 0.05;
      frames.push(next);
    }
    const recomputesOfPatch0 = (c: FrameCache): number =>
      frames.map((f) => step(c, f)).filter((r) => r.recompute.includes(0)).length;
    const previous = recomputesOfPatch0(cache({ reference: "previous", max_age: 100 }));
    const computed = recomputesOfPatch0(cache({ reference: "computed", max_age: 100 }));
    assert.equal(previous, 1); // only the cold first frame
    assert.ok(computed > 1, `computed mode recomputed patch 0 ${computed} times`);
  });

  it("reset() forgets everything; commit without plan is an error", () => {
    const c = cache();
    const f = randomFrame(11);
    step(c, f);
    c.reset();
    assert.equal(step(c, f).cold, P);
    assert.throws(() => c.commit(new Float32Array(0), new Float32Array(0)), /without a plan/);
    assert.throws(() => c.plan(new Float32Array(5)), /expected 16 patches of 12 values/);
  });
});
