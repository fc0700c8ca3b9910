import assert from "node:assert/strict";

import type { NativeAddon, NativeTrtEngine, NativeTypedArray } from "../../sdk/native/addon.js";
import { loadNative } from "../../sdk/native/addon.js";
import { ShapeError } from "../../sdk/engine/engine.js";
import { createTensorRtEngine, formatTrtVersion, tensorRtUnavailableReason } from "../../sdk/engine/tensorrt.js";

// TensorRT cannot run on the development machines (no GPU, no libnvinfer): these tests put a fake native
// TrtEngine under the TypeScript layer. The native code itself is compile-checked against TensorRT headers.
class FakeTrtEngine implements NativeTrtEngine {
  prepared: number[][] = [];
  disposed = false;
  io() {
    return [
      { name: "pixels", isInput: true, dtype: "float32", shape: [-1, 3] },
      { name: "scores", isInput: false, dtype: "float32", shape: [-1] },
    ];
  }
  prepare(shapes: readonly (readonly number[])[]) {
    this.prepared = shapes.map((s) => [...s]);
    return [[shapes[0]?.[0] ?? 0]];
  }
  async run(inputs: readonly NativeTypedArray[], outputs: readonly NativeTypedArray[]) {
    const x = inputs[0] as Float32Array;
    const y = outputs[0] as Float32Array;
    for (let r = 0; r < y.length; r++) y[r] = (x[r * 3] as number) + (x[r * 3 + 1] as number) + (x[r * 3 + 2] as number);
    return { mode: "fallback", fallbackReason: "fake: capture not supported" };
  }
  dispose() {
    this.disposed = true;
  }
}

function fakeAddon(engine: FakeTrtEngine): NativeAddon {
  const real = loadNative();
  return {
    ...real,
    tensorrt: { built: true, version: 100300, TrtEngine: class { constructor() { return engine; } } as unknown as new () => NativeTrtEngine, buildFromOnnx: async () => new Uint8Array() },
  } as NativeAddon;
}

describe("TensorRT Engine (TypeScript layer over a fake native TrtEngine: TensorRT cannot run here)", () => {
  it("declares io with named dynamic axes, runs, and allocates outputs from the prepared shapes", async () => {
    const fake = new FakeTrtEngine();
    const lines: string[] = [];
    const engine = await createTensorRtEngine("m.engine", { addon: fakeAddon(fake), log: (l) => lines.push(l) });
    assert.equal(engine.backend, "tensorrt");
    assert.deepEqual(engine.inputs[0]?.shape, ["pixels_dim0", 3]);
    const out = await engine.run({ pixels: { dtype: "float32", shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) } });
    assert.deepEqual(fake.prepared, [[2, 3]]);
    assert.deepEqual(out.scores?.shape, [2]);
    assert.deepEqual(Array.from(out.scores?.data as Float32Array), [6, 15]);
    assert.ok(lines.some((l) => /TensorRT 10\.3\.0/.test(l)));
    assert.ok(lines.some((l) => /CUDA graph not used: fake/.test(l)));
    await engine.dispose();
    assert.equal(fake.disposed, true);
    await assert.rejects(engine.run({ pixels: { dtype: "float32", shape: [1, 3], data: new Float32Array(3) } }), /disposed/);
  });

  it("rejects a feed that does not fit with a ShapeError before reaching native code", async () => {
    const fake = new FakeTrtEngine();
    const engine = await createTensorRtEngine("m.engine", { addon: fakeAddon(fake) });
    await assert.rejects(engine.run({ pixels: { dtype: "float32", shape: [2, 4], data: new Float32Array(8) } }), ShapeError);
    assert.deepEqual(fake.prepared, []);
  });

  it("without TensorRT in the addon, says why it is unavailable and how to fix it (skipped where TensorRT is built)", async function () {
    const real = loadNative();
    if (real.tensorrt.built) this.skip();
    assert.match(tensorRtUnavailableReason() ?? "", /built without TensorRT.*TENSORRT_ROOT/);
    await assert.rejects(createTensorRtEngine("x.engine"), /TensorRT backend unavailable for x\.engine/);
    assert.equal(formatTrtVersion(101600), "10.16.0");
  });
});
