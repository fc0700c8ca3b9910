// `reflex calibrate` (real CLI, real ONNX Runtime) on recorded inputs that cannot give scales: NaN or
// infinity in a .npy, a file whose samples do not have the model's shape, inputs that disagree on a shared
// axis, an index past what it indexes. Each is a user error: exit 2, the file named, the declared shape
// named, and no stack trace.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { encodeNpy } from "../../sdk/quant/npy.js";
import { sample } from "./distributions.js";

const mlp = join("test", "fixtures", "native", "tiny-mlp.onnx"); // x[batch, 16] -> y[batch, 8]

function reflex(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function userError(r: ReturnType<typeof reflex>, ...said: RegExp[]): void {
  assert.equal(r.status, 2, `exit ${r.status}; stderr:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^ {4}at /m, `a stack trace reached the user:\n${r.stderr}`);
  for (const s of said) assert.match(r.stderr, s);
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("reflex calibrate refuses bad recorded inputs (real CLI, real ONNX Runtime)", function () {
  this.timeout(120_000);
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "reflex-calibrate-bad-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const x = (values: Float32Array, shape = [values.length / 16, 16]): string => {
    const data = join(dir, "data");
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "x.npy"), encodeNpy(shape, values));
    return data;
  };

  for (const [what, bad, shown] of [
    ["NaN", NaN, /1 non-finite value \(NaN or infinity\), the first in sample 3 \(flat index 53\)/],
    ["infinity", -Infinity, /1 non-finite value/],
  ] as const) {
    it(`${what} in a .npy: exit 2 naming the file and the first bad sample, no cache written`, () => {
      const values = sample("gaussian", 10 * 16, 4);
      values[3 * 16 + 5] = bad;
      const data = x(values);
      const out = join(dir, "x.calib");
      const r = reflex("calibrate", "--model", mlp, "--data", data, "--out", out);
      userError(r, new RegExp(esc(join(data, "x.npy"))), shown, /drop or fix those samples/);
      assert.equal(existsSync(out), false);
    });
  }

  it("samples of the wrong size on a fixed axis: exit 2 with the file's shape and the model's", () => {
    const data = x(sample("gaussian", 10 * 12, 4), [10, 12]);
    const r = reflex("calibrate", "--model", mlp, "--data", data, "--out", join(dir, "x.calib"));
    userError(
      r,
      new RegExp(`${esc(join(data, "x.npy"))} holds shape \\[10, 12\\], so each sample is fed as \\[1, 12\\], but ${esc(mlp)} declares input "x" as \\[batch, 16\\] \\(axis 1 must be 16, the file has 12\\)`),
      /shape \[N, 16\]/,
    );
  });

  it("samples with the wrong number of axes: exit 2 naming both shapes", () => {
    const data = x(sample("gaussian", 10 * 16, 4), [10, 4, 4]);
    const r = reflex("calibrate", "--model", mlp, "--data", data, "--out", join(dir, "x.calib"));
    userError(r, /x\.npy holds shape \[10, 4, 4\]/, /declares input "x" as \[batch, 16\] \(2 axes, not 3\)/);
  });

  // The shipped tiny VLA's vision stage: patches [1, patches, 192], patch_index [1, patches], instruction [1].
  const vision = (patches: number, indexed: number, index: (i: number) => bigint): string => {
    const data = join(dir, "vision");
    mkdirSync(data, { recursive: true });
    const n = 2;
    writeFileSync(join(data, "patches.npy"), encodeNpy([n, patches, 192], sample("gaussian", n * patches * 192, 5)));
    writeFileSync(join(data, "patch_index.npy"), encodeNpy([n, indexed], BigInt64Array.from({ length: n * indexed }, (_, i) => index(i % indexed))));
    writeFileSync(join(data, "instruction.npy"), encodeNpy([n], BigInt64Array.of(0n, 1n)));
    return data;
  };

  it("a model folder: a shape mismatch names model.yaml's declared shape", () => {
    const data = vision(64, 64, (i) => BigInt(i));
    writeFileSync(join(data, "patches.npy"), encodeNpy([2, 64, 100], sample("gaussian", 2 * 64 * 100, 5)));
    const r = reflex("calibrate", "--model", "models/tiny-vla", "--stage", "vision", "--data", data, "--out", join(dir, "v.calib"));
    userError(r, /patches\.npy holds shape \[2, 64, 100\]/, /models\/tiny-vla\/model\.yaml stages\.vision\.inputs declares input "patches" as \[1, patches, 192\]/);
  });

  it("inputs that disagree on a shared axis (patches vs patch_index): exit 2 naming both files", () => {
    const data = vision(64, 32, (i) => BigInt(i));
    const r = reflex("calibrate", "--model", "models/tiny-vla", "--stage", "vision", "--data", data, "--out", join(dir, "v.calib"));
    userError(r, /patch_index\.npy holds shape \[2, 32\]/, /is 32 here but 64 in .*patches\.npy; every input must agree/);
  });

  it("an index past what it indexes: ONNX Runtime's refusal comes back as a user error naming the files and the model's shapes", () => {
    const data = vision(64, 64, (i) => BigInt(i === 5 ? 5000 : i));
    const r = reflex("calibrate", "--model", "models/tiny-vla", "--stage", "vision", "--data", data, "--out", join(dir, "v.calib"));
    userError(r, /ONNX Runtime refused sample 0 of .*patches\.npy \[1, 64, 192\], .*patch_index\.npy \[1, 64\]/, /the model declares patches \[/, /index inputs stay within/);
  });
});
