// QDQ insertion (sdk/quant/onnx-qdq.ts, `reflex calibrate --qdq`): the tiny VLA's stages with Q/DQ pairs at
// the committed calibration scales run in real ONNX Runtime, and on the recorded calibration inputs their
// outputs stay within a stated tolerance of the float model while actually differing from it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import * as ort from "onnxruntime-node";

import { parseCalibrationCache } from "../../sdk/quant/calibration-cache.js";
import { readNpy } from "../../sdk/quant/npy.js";
import { insertQdq } from "../../sdk/quant/onnx-qdq.js";
import { readOnnxGraph } from "../../sdk/quant/onnx-graph.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Relative RMS error of the QDQ model's outputs against the float model's, over the recorded inputs. */
async function relativeRmsError(stage: string, floatModel: Uint8Array, qdqModel: Uint8Array): Promise<number> {
  const f = await ort.InferenceSession.create(floatModel);
  const q = await ort.InferenceSession.create(qdqModel);
  const inputs = Object.fromEntries(f.inputNames.map((n) => [n, readNpy(join(root, "calibration", "tiny-vla", "inputs", stage, `${n}.npy`))]));
  const samples = Math.min(...Object.values(inputs).map((a) => a.shape[0] as number));
  let errSq = 0;
  let refSq = 0;
  for (let i = 0; i < samples; i++) {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, a] of Object.entries(inputs)) {
      const rest = a.shape.slice(1);
      const per = rest.reduce((x, y) => x * y, 1);
      feeds[name] =
        a.data instanceof BigInt64Array
          ? new ort.Tensor("int64", a.data.subarray(i * per, (i + 1) * per), [1, ...rest])
          : new ort.Tensor("float32", a.data.subarray(i * per, (i + 1) * per), [1, ...rest]);
    }
    const want = await f.run(feeds);
    const got = await q.run(feeds);
    for (const o of f.outputNames) {
      const x = want[o]?.data as Float32Array;
      const y = got[o]?.data as Float32Array;
      for (let k = 0; k < x.length; k++) {
        errSq += ((x[k] as number) - (y[k] as number)) ** 2;
        refSq += (x[k] as number) ** 2;
      }
    }
  }
  await Promise.all([f.release(), q.release()]);
  return Math.sqrt(errSq / refSq);
}

describe("QDQ insertion with calibrated scales (real ONNX Runtime on the tiny VLA)", function () {
  this.timeout(120000);

  // Measured with the committed percentile (99.99) caches: 0.019-0.047 relative RMS; the bound leaves room for
  // another CPU's rounding. The entropy caches give 0.05-0.51 on this model (see calibration/tiny-vla/README.md).
  const TOLERANCE = 0.08;
  for (const stage of ["backbone", "head_onestep", "vision"]) {
    it(`${stage}: Q/DQ in front of every MatMul/Gemm input with a scale; outputs within ${TOLERANCE} relative RMS of float`, async () => {
      const model = readFileSync(join(root, "models", "tiny-vla", `${stage}.onnx`));
      const cacheFile = join(root, "calibration", "tiny-vla", "percentile", `${stage}.calib`);
      const cache = parseCalibrationCache(readFileSync(cacheFile, "utf8"), cacheFile);
      const r = insertQdq(model, cache.scales);
      assert.ok(r.quantized.length >= 4, `only ${r.quantized.length} activations quantized`);
      const before = readOnnxGraph(model);
      const after = readOnnxGraph(r.bytes);
      const count = (op: string) => after.nodes.filter((n) => n.opType === op).length;
      assert.equal(count("QuantizeLinear"), r.quantized.length);
      assert.equal(count("DequantizeLinear"), r.quantized.length);
      assert.equal(after.nodes.length, before.nodes.length + 2 * r.quantized.length);
      assert.deepEqual(after.outputs.map((o) => o.name), before.outputs.map((o) => o.name));
      // Every MatMul/Gemm input that has a scale now reads the dequantized tensor.
      for (const n of after.nodes.filter((x) => x.opType === "MatMul" || x.opType === "Gemm")) {
        for (const x of n.inputs) assert.ok(!cache.scales.has(x) || !(cache.scales.get(x) as number > 0), `${n.name} still reads float ${x}`);
      }
      const err = await relativeRmsError(stage, model, r.bytes);
      assert.ok(err > 1e-4, `outputs identical to float (${err}): the Q/DQ pairs did nothing`);
      assert.ok(err < TOLERANCE, `relative RMS error ${err.toFixed(4)} above ${TOLERANCE}`);
    });
  }

  it("reflex calibrate --qdq writes a QDQ model that ONNX Runtime opens", async () => {
    const dir = mkdtempSync(join(tmpdir(), "reflex-qdq-"));
    try {
      const out = join(dir, "h.calib");
      const qdq = join(dir, "h.qdq.onnx");
      const r = spawnSync(
        process.execPath,
        ["--import", "tsx", join("test", "fixtures", "native", "run-cli.ts"), "calibrate", "--model", "models/tiny-vla", "--stage", "head_onestep",
          "--data", join("calibration", "tiny-vla", "inputs"), "--method", "percentile", "--out", out, "--qdq", qdq],
        { cwd: root, encoding: "utf8" },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /head_onestep: \d+ Q\/DQ pairs ->/);
      const session = await ort.InferenceSession.create(qdq);
      assert.deepEqual([...session.inputNames].sort(), ["cond", "noise"]);
      await session.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
