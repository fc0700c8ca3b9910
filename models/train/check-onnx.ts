// Checks the exported tiny VLA against the model contract, with ONNX Runtime:
//   - every stage file's sha256 matches model.yaml;
//   - vision is patch-local: encoding a subset of patches gives exactly those rows of the full encoding;
//   - the backbone does not care about token order, and runs on 1..P tokens;
//   - the one-step head lands near the N-step head from the same noise.
//
//   npx tsx models/train/check-onnx.ts --model models/tiny-vla

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";
import { parse } from "yaml";
import { ReachingTask, Rng } from "../../nodes/sim/index.js";
import type { Manifest } from "./onnx-policy.js";

const { values: args } = parseArgs({ options: { model: { type: "string", default: "models/tiny-vla" } } });
const dir = String(args.model);
const m = parse(readFileSync(join(dir, "model.yaml"), "utf8")) as Manifest;
let failures = 0;
function check(ok: boolean, what: string): void {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
}

const sessions: Record<string, ort.InferenceSession> = {};
for (const [name, s] of Object.entries(m.stages)) {
  const bytes = readFileSync(join(dir, s.file));
  check(createHash("sha256").update(bytes).digest("hex") === s.sha256, `${name}: sha256 matches (${bytes.length} bytes)`);
  sessions[name] = await ort.InferenceSession.create(join(dir, s.file), { intraOpNumThreads: 1 });
}

const P = m.tokens.count;
const D = m.tokens.dim;
const PD = m.tokens.patch_dim;
const task = new ReachingTask({ seed: 77 });
const frame = task.render();
const { width, patch, grid, mean, std } = m.image;
const patches = new Float32Array(P * PD);
let o = 0;
for (let pr = 0; pr < grid[0]; pr++)
  for (let pc = 0; pc < grid[1]; pc++)
    for (let y = 0; y < patch; y++)
      for (let x = 0; x < patch * 3; x++) {
        const i = ((pr * patch + y) * width + pc * patch) * 3 + x;
        patches[o++] = ((frame[i] as number) / 255 - (mean[x % 3] as number)) / (std[x % 3] as number);
      }
const instr = new ort.Tensor("int64", BigInt64Array.from([BigInt(task.instruction.colorIndex)]), [1]);
const runVision = async (idx: number[]): Promise<{ tokens: Float32Array; relevance: Float32Array }> => {
  const sub = new Float32Array(idx.length * PD);
  idx.forEach((p, j) => sub.set(patches.subarray(p * PD, (p + 1) * PD), j * PD));
  const r = await sessions["vision"]!.run({
    patches: new ort.Tensor("float32", sub, [1, idx.length, PD]),
    patch_index: new ort.Tensor("int64", BigInt64Array.from(idx.map(BigInt)), [1, idx.length]),
    instruction: instr,
  });
  return { tokens: r["tokens"]!.data as Float32Array, relevance: r["relevance"]!.data as Float32Array };
};
const all = Array.from({ length: P }, (_, i) => i);
const full = await runVision(all);
const subset = [37, 2, 63, 0, 18];
const part = await runVision(subset);
let maxDiff = 0;
subset.forEach((p, j) => {
  for (let d = 0; d < D; d++) maxDiff = Math.max(maxDiff, Math.abs((part.tokens[j * D + d] as number) - (full.tokens[p * D + d] as number)));
  maxDiff = Math.max(maxDiff, Math.abs((part.relevance[j] as number) - (full.relevance[p] as number)));
});
check(maxDiff < 1e-5, `vision is patch-local: subset vs full max |diff| ${maxDiff.toExponential(2)}`);

const top = [...all].sort((a, b) => (full.relevance[b] as number) - (full.relevance[a] as number)).slice(0, 8);
const grow = (p: number): [number, number] => [Math.floor(p / grid[1]), p % grid[1]];
const t = task.target;
const tp: [number, number] = [Math.floor(t.y * grid[0]), Math.floor(t.x * grid[1])];
const rp: [number, number] = [Math.floor(task.state.y * grid[0]), Math.floor(task.state.x * grid[1])];
const topCells = top.map(grow).map(([r, c]) => `${r},${c}`);
check(topCells.includes(`${tp[0]},${tp[1]}`) && topCells.includes(`${rp[0]},${rp[1]}`), `top-8 relevance holds the target's and robot's patches (${topCells.join(" ")})`);

const proprio = new ort.Tensor(
  "float32",
  Float32Array.from([(task.state.x - (m.proprio.mean[0] as number)) / (m.proprio.std[0] as number), (task.state.y - (m.proprio.mean[1] as number)) / (m.proprio.std[1] as number)]),
  [1, 2],
);
const runBackbone = async (idx: number[]): Promise<Float32Array> => {
  const toks = new Float32Array(idx.length * D);
  idx.forEach((p, j) => toks.set(full.tokens.subarray(p * D, (p + 1) * D), j * D));
  const r = await sessions["backbone"]!.run({ instruction: instr, vision_tokens: new ort.Tensor("float32", toks, [1, idx.length, D]), proprio });
  return r["cond"]!.data as Float32Array;
};
const c1 = await runBackbone(all);
const shuffled = new Rng(1).shuffle([...all]);
const c2 = await runBackbone(shuffled);
let cd = 0;
for (let i = 0; i < c1.length; i++) cd = Math.max(cd, Math.abs((c1[i] as number) - (c2[i] as number)));
check(cd < 1e-4, `backbone ignores token order: max |diff| ${cd.toExponential(2)}`);
const c3 = await runBackbone([top[0] as number]);
check(c3.length === c1.length && c3.every(Number.isFinite), "backbone runs on a single token");

const H = m.action.horizon;
const A = m.action.dim;
const cond = new ort.Tensor("float32", c1, [1, c1.length]);
const rng = new Rng(5);
let worst = 0;
let sum = 0;
const trials = 20;
for (let trial = 0; trial < trials; trial++) {
  const noise = Float32Array.from({ length: H * A }, () => rng.normal());
  const x = Float32Array.from(noise);
  const N = m.sampler.default_steps;
  for (let s = 0; s < N; s++) {
    const r = await sessions["head"]!.run({ x_t: new ort.Tensor("float32", x, [1, H, A]), t: new ort.Tensor("float32", Float32Array.from([s / N]), [1]), cond });
    const v = r["velocity"]!.data as Float32Array;
    for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (v[i] as number) / N;
  }
  const one = (await sessions["head_onestep"]!.run({ noise: new ort.Tensor("float32", noise, [1, H, A]), cond }))["actions"]!.data as Float32Array;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs((x[i] as number) - (one[i] as number));
    worst = Math.max(worst, d);
    sum += d;
  }
}
const meanDiff = sum / (trials * H * A);
check(meanDiff < 0.15, `one-step vs ${m.sampler.default_steps}-step head from the same noise: mean |diff| ${meanDiff.toFixed(4)}, max ${worst.toFixed(4)} (normalised units)`);

for (const s of Object.values(sessions)) await s.release();
if (failures > 0) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
console.log("all checks passed");
