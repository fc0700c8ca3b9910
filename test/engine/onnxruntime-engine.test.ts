import assert from "node:assert/strict";
import { join } from "node:path";
import { createEngine, OnnxRuntimeEngine, ShapeError, TENSORRT_NOT_BUILT, type Engine, type Tensor } from "../../sdk/engine/index.js";

// Random-weight models following the tiny-vla contract, made by scripts/make-test-models.py.
const FIXTURE = join("test", "fixtures", "engine", "tiny-random");
const VISION = join(FIXTURE, "vision.onnx");
const PD = 192;
const D = 16;

function visionFeeds(patches: number): Record<string, Tensor> {
  const data = new Float32Array(patches * PD);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i * 0.37);
  const index = new BigInt64Array(patches);
  for (let i = 0; i < patches; i++) index[i] = BigInt((i * 5) % 16);
  return {
    patches: { dtype: "float32", shape: [1, patches, PD], data },
    patch_index: { dtype: "int64", shape: [1, patches], data: index },
    instruction: { dtype: "int64", shape: [1], data: new BigInt64Array([1n]) },
  };
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  assert.fail("expected a rejection");
}

describe("engine: ONNX Runtime backend (real sessions)", () => {
  let engine: Engine;
  before(async () => {
    engine = await createEngine(VISION, { backend: "onnxruntime" });
  });
  after(async () => {
    await engine.dispose();
  });

  it("declares the file's tensors, with dynamic axes as names", () => {
    assert.equal(engine.backend, "onnxruntime");
    assert.deepEqual(engine.inputs, [
      { name: "patches", dtype: "float32", shape: [1, "patches", PD] },
      { name: "patch_index", dtype: "int64", shape: [1, "patches"] },
      { name: "instruction", dtype: "int64", shape: [1] },
    ]);
    assert.deepEqual(engine.outputs.map((o) => o.name), ["tokens", "relevance"]);
  });

  it("runs any number of patches through one session and returns typed arrays", async () => {
    for (const n of [1, 5, 16]) {
      const out = await engine.run(visionFeeds(n));
      assert.deepEqual(out.tokens?.shape, [1, n, D]);
      assert.ok(out.tokens?.data instanceof Float32Array);
      assert.equal(out.tokens.data.length, n * D);
      assert.deepEqual(out.relevance?.shape, [1, n]);
      assert.ok([...(out.relevance.data as Float32Array)].every(Number.isFinite));
    }
  });

  it("is patch-local: a patch's token does not depend on the other patches fed with it", async () => {
    const all = await engine.run(visionFeeds(4));
    const one = visionFeeds(4);
    const single = await engine.run({
      patches: { dtype: "float32", shape: [1, 1, PD], data: (one.patches!.data as Float32Array).subarray(2 * PD, 3 * PD) },
      patch_index: { dtype: "int64", shape: [1, 1], data: (one.patch_index!.data as BigInt64Array).subarray(2, 3) },
      instruction: one.instruction!,
    });
    const a = (all.tokens!.data as Float32Array).subarray(2 * D, 3 * D);
    const b = single.tokens!.data as Float32Array;
    for (let i = 0; i < D; i++) assert.ok(Math.abs((a[i] as number) - (b[i] as number)) < 1e-5);
  });

  it("rejects a wrong fixed dim with a ShapeError naming tensor, expected and given", async () => {
    const feeds = visionFeeds(3);
    feeds.patches = { dtype: "float32", shape: [1, 3, PD - 1], data: new Float32Array(3 * (PD - 1)) };
    const err = await rejection(engine.run(feeds));
    assert.ok(err instanceof ShapeError);
    assert.equal(err.tensor, "patches");
    assert.equal(err.expected, "float32 [1, patches, 192]");
    assert.match(err.given, /^float32 \[1, 3, 191\]/);
    assert.match(err.message, /tensor "patches": expected float32 \[1, patches, 192\], given float32 \[1, 3, 191\].*dim 2 is 191, expected 192/);
  });

  it("rejects a wrong dtype, and a typed array that does not match the dtype", async () => {
    const feeds = visionFeeds(2);
    feeds.instruction = { dtype: "int32", shape: [1], data: new Int32Array([1]) };
    const err = await rejection(engine.run(feeds));
    assert.ok(err instanceof ShapeError);
    assert.equal(err.tensor, "instruction");
    assert.match(err.message, /expected int64 \[1\], given int32 \[1\].*wrong dtype/);

    feeds.instruction = { dtype: "int64", shape: [1], data: new Int32Array([1]) };
    const err2 = await rejection(engine.run(feeds));
    assert.ok(err2 instanceof ShapeError);
    assert.match(err2.message, /int64 data must be a BigInt64Array/);
  });

  it("rejects a dynamic axis bound to two sizes in one run", async () => {
    const feeds = visionFeeds(3);
    feeds.patch_index = { dtype: "int64", shape: [1, 2], data: new BigInt64Array(2) };
    const err = await rejection(engine.run(feeds));
    assert.ok(err instanceof ShapeError);
    assert.equal(err.tensor, "patch_index");
    assert.match(err.message, /dynamic axis "patches" is 2 here but 3 in "patches"/);
  });

  it("rejects missing and unknown feeds, and data shorter than its shape", async () => {
    const feeds = visionFeeds(2);
    delete feeds.instruction;
    const missing = await rejection(engine.run(feeds));
    assert.ok(missing instanceof ShapeError);
    assert.equal(missing.tensor, "instruction");
    assert.match(missing.given, /missing/);

    const extra = await rejection(engine.run({ ...visionFeeds(2), instructions: visionFeeds(2).instruction! }));
    assert.ok(extra instanceof ShapeError);
    assert.equal(extra.tensor, "instructions");
    assert.match(extra.expected, /"instruction"/);

    const short = visionFeeds(2);
    short.patches = { dtype: "float32", shape: [1, 2, PD], data: new Float32Array(PD) };
    const err = await rejection(engine.run(short));
    assert.ok(err instanceof ShapeError);
    assert.match(err.message, /shape holds 384 values/);
  });

  it("wraps the caller's buffer: a subarray view feeds without a copy", async () => {
    const big = new Float32Array(16 * PD);
    const feeds = visionFeeds(16);
    big.set(feeds.patches!.data as Float32Array);
    const full = await engine.run({ ...feeds, patches: { dtype: "float32", shape: [1, 16, PD], data: big } });
    // Writing into the same buffer between runs changes the result: the engine read the live buffer.
    big.fill(0);
    const zeroed = await engine.run({ ...feeds, patches: { dtype: "float32", shape: [1, 16, PD], data: big } });
    assert.notDeepEqual([...(full.tokens!.data as Float32Array)], [...(zeroed.tokens!.data as Float32Array)]);
  });
});

describe("engine: backend choice", () => {
  it("auto picks onnxruntime for an .onnx file and says why", async () => {
    const lines: string[] = [];
    const engine = await createEngine(VISION, { backend: "auto", log: (l) => lines.push(l) });
    try {
      assert.equal(engine.backend, "onnxruntime");
      assert.ok(lines.some((l) => /backend auto -> onnxruntime: .*ONNX file/.test(l)), lines.join("\n"));
    } finally {
      await engine.dispose();
    }
  });

  it("tensorrt without the native backend is a clear error", async () => {
    const err = await rejection(createEngine(VISION, { backend: "tensorrt" }));
    assert.ok(err.message.includes(TENSORRT_NOT_BUILT), err.message);
  });

  it("falls back from an execution provider that cannot load here, saying why", async () => {
    // This onnxruntime-node build knows "cuda" but ships without its libraries on this machine; where
    // CUDA does load (a GPU machine with the CUDA EP installed) the provider is kept instead.
    const engine = await OnnxRuntimeEngine.create(VISION, { providers: ["cuda", "cpu"] });
    try {
      if (engine.provider === "cpu") {
        assert.ok(engine.notes.some((n) => /"cuda" failed to load.*falling back to cpu/.test(n)), engine.notes.join("\n"));
      } else {
        assert.equal(engine.provider, "cuda");
      }
      const out = await engine.run(visionFeeds(2));
      assert.deepEqual(out.tokens?.shape, [1, 2, D]);
    } finally {
      await engine.dispose();
    }
  });

  it("drops a provider name this build does not know, saying so", async () => {
    const engine = await OnnxRuntimeEngine.create(VISION, { providers: ["warp-drive"] });
    try {
      assert.equal(engine.provider, "cpu");
      assert.ok(engine.notes.some((n) => /"warp-drive" is not known/.test(n)));
    } finally {
      await engine.dispose();
    }
  });
});
