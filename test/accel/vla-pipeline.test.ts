import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VlaPipeline, type VlaPipelineOptions, type VlaTickInput } from "../../sdk/accel/index.js";
import { loadModel, type LoadedModel } from "../../sdk/engine/index.js";

// Random-weight models following the tiny-vla contract (scripts/make-test-models.py): 32x32 image,
// 8px patches (4x4 grid, 16 tokens of dim 16), horizon 4 x 2 actions, 8 default steps.
const FIXTURE = join("test", "fixtures", "engine", "tiny-random");
const W = 32;
const P = 16;
const CHUNK = 8;

/** A gray frame with colored squares at the given patch cells (row, col). */
function frame(cells: [number, number, [number, number, number]][]): Uint8Array {
  const img = new Uint8Array(W * W * 3).fill(128);
  for (const [r, c, rgb] of cells) {
    for (let y = r * 8 + 2; y < r * 8 + 6; y++) {
      for (let x = c * 8 + 2; x < c * 8 + 6; x++) img.set(rgb, (y * W + x) * 3);
    }
  }
  return img;
}

const scene = frame([
  [0, 1, [255, 0, 0]],
  [2, 3, [0, 255, 0]],
  [3, 0, [0, 0, 255]],
]);
const input: VlaTickInput = { image: scene, proprio: [0.2, -0.1, 0.3], instruction: 1 };

function close(a: Float32Array, b: Float32Array, tol: number): boolean {
  return a.length === b.length && a.every((v, i) => Math.abs(v - (b[i] as number)) <= tol);
}

describe("accel: VLA tick pipeline (real ONNX Runtime sessions on the contract fixtures)", () => {
  let model: LoadedModel;
  before(async () => {
    model = await loadModel(FIXTURE);
  });
  after(async () => {
    await model.dispose();
  });
  const pipeline = (options: VlaPipelineOptions = {}, now?: () => number) => VlaPipeline.create(model, options, now ? { now } : {});

  it("turns image + proprio + instruction into a de-normalised action chunk, reporting the baseline work", async () => {
    const p = await pipeline({ seed: 3 });
    const { actions, report } = await p.tick(input);
    assert.equal(actions.length, CHUNK);
    assert.ok(actions.every(Number.isFinite));
    assert.deepEqual(report.tokens, { total: P, kept: P, byRelevance: 0, byDiversity: 0 });
    assert.equal(report.patches.recomputed, P);
    assert.equal(report.patches.cache, undefined);
    assert.deepEqual(report.sampler, { steps: 8, head: "euler", computed: 8, skipped: 0 });
    // Unaccelerated: exactly the baseline (16 x 6208 + 5216 + 96 x 16 + 8 x 6272).
    assert.equal(report.flops.total, 16 * 6208 + 5216 + 96 * 16 + 8 * 6272);
    assert.equal(report.flops.total, report.flops.baseline);
  });

  it("de-normalises with the manifest's action mean/std, per action dim", async () => {
    // The same model with another action normalisation: same seed, so the same normalised chunk.
    const dir = await mkdtemp(join(tmpdir(), "reflex-vla-"));
    try {
      await cp(FIXTURE, dir, { recursive: true });
      const yaml = await readFile(join(dir, "model.yaml"), "utf8");
      await writeFile(join(dir, "model.yaml"), yaml.replace("  mean: [0.0, 0.5]\n  std: [0.1, 0.2]", "  mean: [10, -10]\n  std: [1, 3]"));
      const other = await loadModel(dir);
      try {
        const a = (await (await pipeline({ seed: 3 })).tick(input)).actions;
        const b = (await (await VlaPipeline.create(other, { seed: 3 })).tick(input)).actions;
        // Fixture: mean [0, 0.5], std [0.1, 0.2]. Undo it, apply mean [10, -10], std [1, 3].
        const expected = Float32Array.from(a, (v, i) => (i % 2 === 0 ? (v / 0.1) * 1 + 10 : ((v - 0.5) / 0.2) * 3 - 10));
        assert.ok(close(b, expected, 1e-4), `${b} vs ${expected}`);
      } finally {
        await other.dispose();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("is deterministic under the seed: same seed same actions, reset() replays, another seed differs", async () => {
    const a = await pipeline({ seed: 11 });
    const b = await pipeline({ seed: 11 });
    const c = await pipeline({ seed: 12 });
    const runA = [(await a.tick(input)).actions, (await a.tick(input)).actions];
    const runB = [(await b.tick(input)).actions, (await b.tick(input)).actions];
    assert.deepEqual(runA.map((x) => [...x]), runB.map((x) => [...x]));
    // Fresh noise each tick: the second tick differs from the first.
    assert.notDeepEqual([...runA[0]!], [...runA[1]!]);
    assert.notDeepEqual([...(await c.tick(input)).actions], [...runA[0]!]);
    a.reset();
    const replay = await a.tick(input);
    assert.deepEqual([...replay.actions], [...runA[0]!]);
    assert.equal(replay.report.tick, 0);
  });

  it("changes the step count at run time; steps: 1 runs the distilled head", async () => {
    const p = await pipeline({ seed: 1 });
    const counts: [string, number][] = [];
    for (const steps of [8, 3, 1, 5]) {
      p.configure({ steps });
      const { report } = await p.tick(input);
      counts.push([report.sampler.head, report.sampler.computed]);
      if (steps === 1) assert.equal(report.flops.head, 6144);
      else assert.equal(report.flops.head, steps * 6272);
    }
    assert.deepEqual(counts, [
      ["euler", 8],
      ["euler", 3],
      ["onestep", 1],
      ["euler", 5],
    ]);
  });

  it("prunes to the budget and the backbone cost falls with it", async () => {
    const p = await pipeline({ pruning: { mode: "efficientvla", keep_count: 4 } });
    const { report, actions } = await p.tick(input);
    assert.equal(report.tokens.kept, 4);
    assert.equal(report.tokens.byRelevance + report.tokens.byDiversity, 4);
    assert.equal(report.flops.backbone, 5216 + 96 * 4);
    assert.ok(actions.every(Number.isFinite));
    p.configure({ pruning: { mode: "relevance", keep_ratio: 0.5 } });
    assert.equal((await p.tick(input)).report.tokens.kept, 8);
  });

  it("frame cache: a static frame reuses every token and gives the same actions as recomputing", async () => {
    const cached = await pipeline({ seed: 5, frame_cache: { enabled: true, max_age: 10 } });
    const plain = await pipeline({ seed: 5 });
    await cached.tick(input);
    await plain.tick(input);
    const hit = await cached.tick(input);
    const ref = await plain.tick(input);
    assert.equal(hit.report.patches.recomputed, 0);
    assert.equal(hit.report.patches.hitRate, 1);
    assert.equal(hit.report.flops.vision, 0);
    // The vision encoder is patch-local, so reused tokens equal recomputed ones (up to float rounding).
    assert.ok(close(hit.actions, ref.actions, 1e-5), `${hit.actions} vs ${ref.actions}`);
  });

  it("frame cache: recomputes the changed patch and the always-recompute top-k, and all on a new instruction", async () => {
    const p = await pipeline({ frame_cache: { enabled: true, always_recompute_top: 2, max_age: 10 } });
    await p.tick(input);
    const moved = frame([
      [0, 1, [255, 0, 0]],
      [2, 3, [0, 255, 0]],
      [3, 1, [0, 0, 255]], // the blue square moved from cell (3,0) to (3,1)
    ]);
    const { report } = await p.tick({ ...input, image: moved });
    const cache = report.patches.cache!;
    assert.equal(cache.changed, 2); // cells 12 and 13
    assert.ok([...cache.recompute].includes(12) && [...cache.recompute].includes(13));
    assert.equal(cache.relevant, cache.recompute.length - 2);
    assert.ok(cache.relevant <= 2);
    assert.equal(report.patches.recomputed, cache.recompute.length);
    const other = await p.tick({ ...input, image: moved, instruction: 2 });
    assert.equal(other.report.patches.recomputed, P);
    assert.equal(other.report.patches.cache?.cold, P);
  });

  it("step cache: interval and threshold modes skip head calls and say so", async () => {
    const interval = await pipeline({ steps: 8, step_cache: { mode: "interval", interval: 2 } });
    const r = (await interval.tick(input)).report;
    assert.deepEqual([r.sampler.computed, r.sampler.skipped], [4, 4]);
    assert.equal(r.flops.head, 4 * 6272);
    const threshold = await pipeline({ steps: 8, step_cache: { mode: "threshold", threshold: 1e9 } });
    const t = (await threshold.tick(input)).report;
    assert.deepEqual([t.sampler.computed, t.sampler.skipped], [2, 6]); // first and last only
  });

  it("times each stage with the injected clock", async () => {
    let clock = 0;
    const p = await pipeline({}, () => (clock += 1000));
    const { latencyNs } = (await p.tick(input)).report;
    assert.deepEqual(latencyNs, { preprocess: 1000, vision: 1000, prune: 1000, backbone: 1000, head: 1000, total: 5000 });
  });

  it("rejects bad inputs and options with messages that say what was expected", async () => {
    const p = await pipeline();
    await assert.rejects(p.tick({ ...input, image: new Uint8Array(10) }), /image must be 32x32 RGB8 \(a Uint8Array of 3072 bytes\), got 10 bytes/);
    await assert.rejects(p.tick({ ...input, instruction: 3 }), /instruction must be an index 0\.\.2 \(red, green, blue\), got 3/);
    await assert.rejects(p.tick({ ...input, proprio: [1] }), /proprio must have 3 values, got 1/);
    await assert.rejects(pipeline({ pruning: { mode: "relevance" } }), /needs keep_ratio or keep_count/);
    await assert.rejects(pipeline({ steps: 0 }), /steps/);
    await assert.rejects(pipeline({ frame_cache: { enabled: true, max_agee: 3 } } as unknown as VlaPipelineOptions), /frame_cache/);
    // The pipeline still works after rejected ticks.
    assert.equal((await p.tick(input)).actions.length, CHUNK);
  });

  it("refuses steps: 1 on a model without a one-step head", async () => {
    const dir = await mkdtemp(join(tmpdir(), "reflex-vla-"));
    try {
      await cp(FIXTURE, dir, { recursive: true });
      const yaml = await readFile(join(dir, "model.yaml"), "utf8");
      await writeFile(join(dir, "model.yaml"), yaml.slice(0, yaml.indexOf("  head_onestep:")));
      const noOneStep = await loadModel(dir);
      try {
        await assert.rejects(VlaPipeline.create(noOneStep, { steps: 1 }), /has no stages\.head_onestep; use steps >= 2/);
        const p = await VlaPipeline.create(noOneStep, { steps: 4 });
        assert.throws(() => p.configure({ steps: 1 }), /no stages\.head_onestep/);
      } finally {
        await noOneStep.dispose();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
