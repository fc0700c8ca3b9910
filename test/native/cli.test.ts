import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { parseCalibrationCache } from "../../sdk/quant/calibration-cache.js";
import { encodeNpy } from "../../sdk/quant/npy.js";
import { sample } from "./distributions.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cli = join(root, "test", "fixtures", "native", "run-cli.ts");
const mlp = join(root, "test", "fixtures", "native", "tiny-mlp.onnx");

function reflex(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", cli, ...args], { cwd: root, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeNpy(path: string, shape: number[], data: Float32Array): void {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(", ")},), }`;
  header += " ".repeat(64 - ((10 + header.length + 1) % 64)) + "\n";
  const head = Buffer.alloc(10);
  head.write("\x93NUMPY", 0, "latin1");
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([head, Buffer.from(header, "latin1"), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

describe("reflex calibrate (real ONNX Runtime on a generated tiny MLP)", function () {
  this.timeout(60000);
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "reflex-calibrate-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("random inputs: writes a TensorRT cache with every activation and an amax JSON that agrees with it", () => {
    const out = join(dir, "mlp.calib");
    const r = reflex("calibrate", "--model", mlp, "--data", "random:8", "--dim", "batch=4", "--out", out);
    assert.equal(r.status, 0, r.stderr);
    const cache = parseCalibrationCache(readFileSync(out, "utf8"), out);
    assert.equal(cache.version, 100300);
    assert.equal(cache.algorithm, "EntropyCalibration2");
    assert.deepEqual([...cache.scales.keys()].sort(), ["h", "h_mm", "h_pre", "x", "y"]);
    const amax = JSON.parse(readFileSync(join(dir, "mlp.amax.json"), "utf8")) as { method: string; tensors: Record<string, { amax: number; scale: number; samples: number }> };
    assert.equal(amax.method, "entropy");
    for (const [name, scale] of cache.scales) assert.equal(scale, amax.tensors[name]?.scale, name);
    assert.equal(amax.tensors["h"]?.samples, 8 * 4 * 32);
    assert.match(r.stderr, /8\/8 batches/);
  });

  it("recorded .npy inputs, minmax: amax of the input equals its largest |x|", () => {
    const data = join(dir, "data");
    const x = sample("laplace", 10 * 16, 3);
    spawnSync("mkdir", [data]);
    writeNpy(join(data, "x.npy"), [10, 16], x);
    const out = join(dir, "mm.calib");
    const r = reflex("calibrate", "--model", mlp, "--data", data, "--method", "minmax", "--out", out);
    assert.equal(r.status, 0, r.stderr);
    const amax = JSON.parse(readFileSync(join(dir, "mm.amax.json"), "utf8")) as { tensors: Record<string, { amax: number; samples: number }> };
    assert.equal(amax.tensors["x"]?.amax, Math.max(...Array.from(x, Math.abs)));
    assert.equal(amax.tensors["x"]?.samples, 160);
  });

  it("a model folder with model.yaml stages writes one cache per stage into the --out folder", () => {
    copyFileSync(mlp, join(dir, "vision.onnx"));
    copyFileSync(mlp, join(dir, "head.onnx"));
    writeFileSync(join(dir, "model.yaml"), "name: t\nstages:\n  vision:\n    file: vision.onnx\n  head:\n    file: head.onnx\n");
    const out = join(dir, "caches");
    const r = reflex("calibrate", "--model", dir, "--data", "random:2", "--method", "percentile", "--percentile", "99.9", "--out", out);
    assert.equal(r.status, 0, r.stderr);
    for (const stage of ["vision", "head"]) {
      assert.equal(parseCalibrationCache(readFileSync(join(out, `${stage}.calib`), "utf8")).scales.size, 5);
      assert.equal((JSON.parse(readFileSync(join(out, `${stage}.amax.json`), "utf8")) as { percentile: number }).percentile, 99.9);
    }
  });

  it("int64 model inputs read int64 .npy, per-stage subfolders are picked, and a float32 file for an int64 input is a user error", () => {
    // vision stage of the shipped tiny VLA: patches float32, patch_index and instruction int64.
    const data = join(dir, "data");
    mkdirSync(join(data, "vision"), { recursive: true });
    const n = 3;
    writeNpy(join(data, "vision", "patches.npy"), [n, 64, 192], sample("gaussian", n * 64 * 192, 5));
    writeFileSync(join(data, "vision", "patch_index.npy"), encodeNpy([n, 64], BigInt64Array.from({ length: n * 64 }, (_, i) => BigInt(i % 64))));
    writeFileSync(join(data, "vision", "instruction.npy"), encodeNpy([n], BigInt64Array.of(0n, 2n, 3n)));
    const out = join(dir, "vision.calib");
    const ok = reflex("calibrate", "--model", "models/tiny-vla", "--stage", "vision", "--data", data, "--method", "minmax", "--out", out);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stderr, /3 recorded samples from .*vision/);
    const cache = parseCalibrationCache(readFileSync(out, "utf8"), out);
    assert.ok(cache.scales.has("patches") && cache.scales.size > 10, [...cache.scales.keys()].join(","));

    writeNpy(join(data, "vision", "patch_index.npy"), [n, 64], new Float32Array(n * 64));
    const bad = reflex("calibrate", "--model", "models/tiny-vla", "--stage", "vision", "--data", data, "--out", out);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /patch_index\.npy holds float32, but model input "patch_index" is int64; save it with arr\.astype\(np\.int64\)/);
  });

  it("user errors exit 2 and say what, where and how to fix", () => {
    const cases: [string[], RegExp][] = [
      [["--model", mlp, "--data", "random:2", "--method", "kl", "--out", join(dir, "a")], /--method kl: use one of entropy, minmax, percentile/],
      [["--model", join(dir, "missing.onnx"), "--data", "random:2", "--out", join(dir, "a")], /no such file or folder/],
      [["--model", mlp, "--data", join(dir, "nodata"), "--out", join(dir, "a")], /not a folder and not random/],
      [["--model", mlp, "--data", dir, "--out", join(dir, "a")], /no .*x\.npy for model input "x"/],
      [["--model", mlp, "--data", "random:2", "--dim", "batch=0", "--out", join(dir, "a")], /--dim batch=0: expected name=positive integer/],
      [["--model", mlp, "--data", "random:2", "--stage", "nope", "--out", join(dir, "a")], /--stage nope: not a stage/],
    ];
    for (const [args, message] of cases) {
      const r = reflex("calibrate", ...args);
      assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });
});

describe("reflex doctor (real addon; no GPU or TensorRT on this machine)", function () {
  this.timeout(30000);
  it("reports every part, exits 0 when only the addon is required, and 1 when a missing part is required", () => {
    const r = reflex("doctor", "--json");
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { checks: { part: string; ok: boolean; hint?: string }[] };
    assert.deepEqual(report.checks.map((c) => c.part), ["addon", "cuda", "tensorrt", "onnxruntime"]);
    assert.equal(report.checks[0]?.ok, true);
    for (const c of report.checks) if (!c.ok) assert.ok(c.hint, `${c.part} has no hint`);
    const missing = report.checks.find((c) => !c.ok)?.part;
    if (missing !== undefined) assert.equal(reflex("doctor", "--require", missing).status, 1);
    const bad = reflex("doctor", "--require", "gpu");
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown part; use any of addon, cuda, tensorrt, onnxruntime/);
  });
});
