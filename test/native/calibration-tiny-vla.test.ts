// The committed INT8 calibration of the tiny VLA (calibration/tiny-vla): the caches parse and agree with their
// amax JSON and with the models' graphs, the recorded inputs are what the recipe makes (re-run here on the
// first episodes), and `reflex calibrate` on the committed inputs writes the committed caches byte for byte.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { float32ToHex, parseCalibrationCache } from "../../sdk/quant/calibration-cache.js";
import { readNpy } from "../../sdk/quant/npy.js";
import { activationCandidates, readOnnxGraph } from "../../sdk/quant/onnx-graph.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const calib = join(root, "calibration", "tiny-vla");
const model = join(root, "models", "tiny-vla");
const STAGES = ["vision", "backbone", "head", "head_onestep"] as const;
const METHODS = ["entropy", "minmax", "percentile"] as const;

interface Recipe {
  args: { episodes: number; seed: number; replan: number; steps: number };
  stageSha256: Record<string, string>;
  files: Record<string, { shape: number[]; dtype: string; sha256: string }>;
}
interface AmaxTensor {
  amax: number;
  scale: number;
  scaleHex: string;
  maxAbs: number;
  samples: number;
  nonFinite: number;
  divergence: number;
}
interface AmaxJson {
  method: string;
  percentile?: number;
  tensors: Record<string, AmaxTensor>;
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", ...args], { cwd: root, encoding: "utf8" });
  assert.equal(r.status, 0, `${args.join(" ")}\n${r.stderr}`);
  return r;
}

describe("committed calibration of the tiny VLA (calibration/tiny-vla)", function () {
  this.timeout(120000);
  const recipe = JSON.parse(readFileSync(join(calib, "inputs", "recipe.json"), "utf8")) as Recipe;
  let tmp = "";
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), "reflex-calib-tiny-vla-"));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("every cache parses, names only activations of its stage, and agrees with its amax JSON bit for bit", () => {
    const manifest = readFileSync(join(model, "model.yaml"), "utf8");
    for (const stage of STAGES) {
      // The inputs were recorded from the stage files that are shipped now.
      assert.ok(manifest.includes(`sha256: ${recipe.stageSha256[stage]}`), `${stage}: model changed since the calibration; re-run the recipe`);
      const candidates = new Set(activationCandidates(readOnnxGraph(readFileSync(join(model, `${stage}.onnx`)))));
      for (const method of METHODS) {
        const file = join(calib, method, `${stage}.calib`);
        const cache = parseCalibrationCache(readFileSync(file, "utf8"), file);
        assert.equal(cache.version, 100300);
        assert.equal(cache.algorithm, "EntropyCalibration2");
        const amax = JSON.parse(readFileSync(join(calib, method, `${stage}.amax.json`), "utf8")) as AmaxJson;
        assert.equal(amax.method, method);
        // The cache holds every tensor of the amax JSON that has a range; an all-zero one (amax 0) is left out.
        const ranged = Object.keys(amax.tensors).filter((n) => (amax.tensors[n] as AmaxTensor).amax > 0);
        assert.deepEqual([...cache.scales.keys()].sort(), ranged.sort(), `${method}/${stage}`);
        for (const scale of cache.scales.values()) assert.ok(scale > 0, `${method}/${stage}: a zero scale`);
        assert.ok(cache.scales.size >= 10, `${method}/${stage}: only ${cache.scales.size} tensors`);
        for (const [name, scale] of cache.scales) {
          assert.ok(candidates.has(name), `${method}/${stage}: "${name}" is not an activation of ${stage}.onnx`);
          const t = amax.tensors[name];
          assert.ok(t);
          assert.equal(float32ToHex(scale), t.scaleHex, `${method}/${stage}: ${name}`);
          assert.equal(scale, Math.fround(t.amax / 127), `${method}/${stage}: ${name}`);
        }
      }
    }
  });

  it("the committed inputs are intact (sha256 in recipe.json) and the recipe re-makes their first 2 episodes", () => {
    for (const [file, info] of Object.entries(recipe.files)) {
      const bytes = readFileSync(join(calib, "inputs", file));
      assert.equal(createHash("sha256").update(bytes).digest("hex"), info.sha256, file);
    }
    const out = join(tmp, "inputs");
    const { seed, replan, steps } = recipe.args;
    run(["scripts/make-calibration-inputs.ts", "--episodes", "2", "--seed", String(seed), "--replan", String(replan), "--steps", String(steps), "--out", out]);
    // Inputs made by the sim and the SDK's preprocessing replay bit for bit; the ones ONNX Runtime computed
    // (vision tokens, cond, Euler states) may differ in the last bits on another CPU.
    const fromOnnxRuntime = new Set(["backbone/vision_tokens.npy", "head/cond.npy", "head/x_t.npy", "head_onestep/cond.npy"]);
    let compared = 0;
    for (const stage of STAGES) {
      for (const f of readdirSync(join(out, stage))) {
        const key = `${stage}/${f}`;
        const fresh = readNpy(join(out, stage, f));
        const committed = readNpy(join(calib, "inputs", stage, f));
        assert.equal(fresh.dtype, committed.dtype, key);
        assert.deepEqual(fresh.shape.slice(1), committed.shape.slice(1), key);
        assert.ok((fresh.shape[0] as number) > 0 && (fresh.shape[0] as number) < (committed.shape[0] as number), `${key}: ${fresh.shape[0]} samples`);
        const n = fresh.data.length;
        if (fresh.data instanceof BigInt64Array) {
          assert.deepEqual(Array.from(fresh.data), Array.from((committed.data as BigInt64Array).subarray(0, n)), key);
        } else {
          const c = committed.data as Float32Array;
          const tol = fromOnnxRuntime.has(key) ? 1e-4 : 0;
          for (let i = 0; i < n; i++) {
            const d = Math.abs((fresh.data[i] as number) - (c[i] as number));
            if (d > tol * Math.max(1, Math.abs(c[i] as number))) assert.fail(`${key}[${i}]: fresh ${fresh.data[i]} vs committed ${c[i]}`);
          }
        }
        compared++;
      }
    }
    assert.equal(compared, Object.keys(recipe.files).length);
  });

  // ONNX Runtime's CPU kernels are picked by instruction set: Softmax sums its exponentials with MLAS's AVX-512F
  // kernel (16 lanes) or its FMA3 one (8 lanes), in different orders. From the first Softmax on, the backbone's
  // activations (and the maxima that set each histogram's range) therefore differ in the last bits between the
  // Intel Xeon with AVX-512 the caches were made on and an AVX2-only CPU (AMD EPYC: 1-3 ULP, scales within
  // 2.5e-7). A scale is range * bin / 2048: last-bit noise moves it by about as much, another KL-optimal bin by
  // at least 1/2048 of the range (>= 4.9e-4 of the scale), so 1e-5 tells the two apart. What ONNX Runtime does
  // not compute (the stage's graph inputs, straight from the .npy files) must still come out bit for bit.
  it("reflex calibrate on the committed inputs re-makes the committed entropy caches of backbone and head_onestep (same bins; bit for bit where ONNX Runtime computes nothing)", () => {
    const SCALE_TOLERANCE = 1e-5; // relative
    const DIVERGENCE_TOLERANCE = 1e-4; // absolute, nats: a few values changing bins moves the KL by ~1e-5
    const near = (fresh: number, committed: number, tol: number) => Math.abs(fresh - committed) <= tol;
    for (const stage of ["backbone", "head_onestep"]) {
      const out = join(tmp, `${stage}.calib`);
      run([join("test", "fixtures", "native", "run-cli.ts"), "calibrate", "--model", "models/tiny-vla", "--stage", stage, "--data", join("calibration", "tiny-vla", "inputs"), "--method", "entropy", "--out", out]);
      const graphInputs = new Set(readOnnxGraph(readFileSync(join(model, `${stage}.onnx`))).inputs.map((i) => i.name));
      const freshText = readFileSync(out, "utf8");
      const committedText = readFileSync(join(calib, "entropy", `${stage}.calib`), "utf8");
      assert.equal(freshText.split("\n")[0], committedText.split("\n")[0], `${stage}: header`);
      const freshCache = parseCalibrationCache(freshText, out);
      const committedCache = parseCalibrationCache(committedText, stage);
      assert.deepEqual([...freshCache.scales.keys()], [...committedCache.scales.keys()], `${stage}: tensors`);
      for (const [name, c] of committedCache.scales) {
        const f = freshCache.scales.get(name) as number;
        if (graphInputs.has(name)) assert.equal(float32ToHex(f), float32ToHex(c), `${stage}: ${name}`);
        else assert.ok(near(f, c, SCALE_TOLERANCE * c), `${stage}: ${name}: scale ${f} vs committed ${c}`);
      }
      const fresh = JSON.parse(readFileSync(join(tmp, `${stage}.amax.json`), "utf8")) as AmaxJson;
      const committed = JSON.parse(readFileSync(join(calib, "entropy", `${stage}.amax.json`), "utf8")) as AmaxJson;
      assert.deepEqual(Object.keys(fresh.tensors), Object.keys(committed.tensors), stage);
      for (const [name, c] of Object.entries(committed.tensors)) {
        const f = fresh.tensors[name] as AmaxTensor;
        if (graphInputs.has(name)) {
          assert.deepEqual(f, c, `${stage}: ${name}`);
          continue;
        }
        assert.deepEqual([f.samples, f.nonFinite], [c.samples, c.nonFinite], `${stage}: ${name}`);
        for (const key of ["amax", "scale", "maxAbs"] as const) {
          assert.ok(near(f[key], c[key], SCALE_TOLERANCE * c[key]), `${stage}: ${name}: ${key} ${f[key]} vs committed ${c[key]}`);
        }
        assert.ok(near(f.divergence, c.divergence, DIVERGENCE_TOLERANCE), `${stage}: ${name}: divergence ${f.divergence} vs committed ${c.divergence}`);
      }
    }
  });
});
