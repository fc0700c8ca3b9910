import assert from "node:assert/strict";
import { join } from "node:path";
import { jsKernels, selectKernels, type AccelKernels } from "../../sdk/accel/accel-kernels.js";
import { FrameCache } from "../../sdk/accel/frame-cache.js";
import { pruneTokens } from "../../sdk/accel/token-pruning.js";
import { VlaPipeline, type VlaPipelineOptions } from "../../sdk/accel/index.js";
import { loadModel } from "../../sdk/engine/index.js";
import { ReachingTask } from "../../nodes/sim/index.js";
import { mulberry32, sample } from "../native/distributions.js";

function bits(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
}

describe("accel kernels: the native and the TypeScript path give identical results", () => {
  const native: AccelKernels = selectKernels("native");
  const js = jsKernels;

  it("selects the native path by default where the addon is built, and the JS one when asked", () => {
    assert.equal(selectKernels().path, "native");
    assert.equal(selectKernels("js").path, "js");
  });

  it("efficientvla selection: same tokens on random, clustered, tied, zero and NaN inputs", () => {
    const rand = mulberry32(11);
    let cases = 0;
    for (const [count, dim] of [[64, 64], [37, 5], [16, 3], [1, 4]] as const) {
      for (let rep = 0; rep < 6; rep++) {
        const tokens = sample(rep % 2 ? "laplace" : "gaussian", count * dim, 100 + rep + count);
        // Clustered: every third token a near copy of token 0, so diversity has work to do.
        if (rep >= 2) for (let i = 3; i < count; i += 3) for (let k = 0; k < dim; k++) tokens[i * dim + k] = (tokens[k] as number) * (1 + 1e-3 * i);
        if (rep >= 4 && count > 4) tokens.fill(0, 2 * dim, 3 * dim); // a zero token
        const relevance = Float32Array.from({ length: count }, () => Math.round(rand() * 8) / 8); // many ties
        if (rep === 5 && count > 2) relevance[1] = NaN;
        for (const budget of new Set([1, Math.max(1, count >> 2), Math.max(1, count >> 1), count])) {
          for (const rc of new Set([0, 1, budget >> 1, budget])) {
            if (rc > budget) continue;
            const a = native.efficientVlaSelect(tokens, dim, relevance, rc, budget);
            const b = js.efficientVlaSelect(tokens, dim, relevance, rc, budget);
            assert.deepEqual([...a], [...b], `count ${count} dim ${dim} rep ${rep} budget ${budget} relevance ${rc}`);
            cases++;
          }
        }
      }
    }
    assert.ok(cases > 100, `${cases} cases`);
    assert.throws(() => native.efficientVlaSelect(new Float32Array(8), 2, new Float32Array(4), 3, 2), /relevanceCount <= budget <= count/);
    assert.throws(() => js.efficientVlaSelect(new Float32Array(8), 2, new Float32Array(4), 3, 2), /relevanceCount <= budget <= count/);
  });

  it("pruneTokens gives the same result on both paths, in both modes and for every budget", () => {
    const tokens = sample("gaussian", 64 * 64, 21);
    const relevance = sample("relu", 64, 22); // ReLU-clipped: many exact zeros tie
    for (const mode of ["relevance", "efficientvla"] as const) {
      for (let keep = 1; keep <= 64; keep += 3) {
        const o = { mode, keep_count: keep };
        assert.deepEqual(pruneTokens(tokens, relevance, 64, 64, o, native), pruneTokens(tokens, relevance, 64, 64, o, js), `${mode} ${keep}`);
      }
    }
  });

  it("row similarity: bit-identical cosine and relative L1, zero rows included", () => {
    const prev = sample("gaussian", 64 * 192, 31);
    const curr = prev.map((v, i) => (i % 5 === 0 ? v * 1.01 : v));
    prev.fill(0, 0, 192); // row 0: zero before, not after
    curr.fill(0, 192, 384);
    prev.fill(0, 192, 384); // row 1: zero on both sides
    const out = () => [new Float32Array(64), new Float32Array(64)] as const;
    const [ca, ra] = out();
    const [cb, rb] = out();
    native.rowSimilarity(prev, curr, 192, ca, ra);
    js.rowSimilarity(prev, curr, 192, cb, rb);
    assert.deepEqual(bits(ca), bits(cb));
    assert.deepEqual(bits(ra), bits(rb));
    assert.equal(ra[0], Infinity);
    assert.equal(ca[1], 1);
    assert.ok((ca[5] as number) < 1 && (ca[5] as number) > 0.99);
  });

  it("frame cache: the same plans on both paths over frames with a static background and a moving square", () => {
    const patches = 64;
    const PD = 12;
    const frames: Float32Array[] = [];
    const base = sample("relu", patches * PD, 41);
    for (let f = 0; f < 12; f++) {
      const fr = base.slice();
      const moving = (f * 5) % patches;
      for (let k = 0; k < PD; k++) fr[moving * PD + k] = 1;
      for (let k = 0; k < fr.length; k += 7) fr[k] = (fr[k] as number) + 0.001 * f; // slow drift
      frames.push(fr);
    }
    const plans = (kernels: AccelKernels): number[][] => {
      const c = new FrameCache({ patches, patchDim: PD, tokenDim: 2, similarity: 0.999, max_rel_l1: 0.01, max_age: 4, always_recompute_top: 2, kernels });
      return frames.map((fr, f) => {
        const plan = c.plan(fr);
        const k = plan.recompute.length;
        c.commit(new Float32Array(k * 2).fill(f), Float32Array.from({ length: k }, (_, i) => Math.sin(i + f)));
        return [...plan.recompute];
      });
    };
    const a = plans(native);
    assert.deepEqual(a, plans(js));
    assert.equal(a[0]!.length, patches); // cold
    // max_age 4: the background is reused on frames 1-4, recomputed on 5 (aged), reused on 6-9, ...
    const counts = a.map((p) => p.length);
    assert.ok(counts.every((n, f) => (f % 5 === 0 ? n > patches / 2 : n < patches / 4)), counts.join(","));
  });

  it("a closed-loop episode on the shipped tiny-vla gives bit-identical action chunks on both paths", async function () {
    const model = await loadModel(join("models", "tiny-vla"), { threads: 1 });
    try {
      const m = model.manifest;
      const opts: VlaPipelineOptions = { pruning: { mode: "efficientvla", keep_ratio: 0.25 }, frame_cache: { enabled: true }, steps: 1, seed: 5 };
      const run = async (kernels: "native" | "js"): Promise<{ chunks: number[][]; kept: number[][] }> => {
        const p = await VlaPipeline.create(model, opts, { kernels });
        assert.equal(p.kernels.path, kernels);
        const task = new ReachingTask({ seed: 3, width: m.image.width, height: m.image.height, stepMs: m.action.step_ms });
        const chunks: number[][] = [];
        const kept: number[][] = [];
        for (let i = 0; i < 40 && !task.done; i++) {
          const s = task.state;
          const { actions, report } = await p.tick({ image: task.render(), proprio: [s.x, s.y], instruction: task.instruction.colorIndex });
          chunks.push(bits(actions));
          kept.push([report.tokens.kept, report.patches.recomputed]);
          task.loadChunk(actions, m.action.horizon);
          task.stepChunk();
        }
        return { chunks, kept };
      };
      const a = await run("native");
      const b = await run("js");
      assert.ok(a.chunks.length >= 10);
      assert.deepEqual(a, b);
    } finally {
      await model.dispose();
    }
  });
});
