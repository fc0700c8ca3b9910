// Records INT8 calibration inputs for the tiny VLA: the inputs every stage receives on seeded sim episodes,
// one folder per stage with one <input>.npy per stage input (axis 0 = samples), the layout
// `reflex calibrate --data <folder>` reads (it picks <folder>/<stage>/ for each stage).
//
//   npx tsx scripts/make-calibration-inputs.ts [--model models/tiny-vla] [--episodes 8] [--seed 2000000]
//       [--replan 4] [--steps 10] [--out calibration/tiny-vla/inputs]
//
// Each episode: the sim reaching task is reset with seed + e; every --replan control steps one policy call is
// recorded: the frame is cut into all 64 patches with the SDK's own patchify/normalisation (sdk/accel), the
// vision stage runs, the backbone gets every vision token (the superset of what any pruning keeps), the
// one-step head gets seeded noise and the backbone's cond, and the flow head gets the --steps Euler states
// (x_t, t, cond) from the same noise. The robot is driven by the sim's scripted expert (with its execution
// noise, as the training data generator does), not by the model, so the frames do not depend on ONNX
// Runtime's floating-point details and replay bit for bit on any machine.
//
// Writes <out>/recipe.json: the arguments, the stage files' sha256, sample counts and each .npy's sha256.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

import * as ort from "onnxruntime-node";
import { parse as parseYaml } from "yaml";

import { ReachingTask, Rng, expertChunk, mixSeed } from "../nodes/sim/index.js";
import { GaussianNoise } from "../sdk/accel/gaussian-noise.js";
import { gatherNormalisedPatches, patchify } from "../sdk/accel/patchify.js";
import { encodeNpy } from "../sdk/quant/npy.js";

interface Manifest {
  image: { width: number; height: number; patch: number; grid: [number, number]; mean: number[]; std: number[] };
  tokens: { count: number; dim: number; patch_dim: number };
  proprio: { dim: number; mean: number[]; std: number[] };
  action: { horizon: number; dim: number; step_ms: number };
  stages: Record<string, { file: string; sha256: string }>;
}

const { values: args } = parseArgs({
  options: {
    model: { type: "string", default: "models/tiny-vla" },
    episodes: { type: "string", default: "8" },
    seed: { type: "string", default: "2000000" },
    replan: { type: "string", default: "4" },
    steps: { type: "string", default: "10" },
    out: { type: "string", default: "calibration/tiny-vla/inputs" },
  },
});
const episodes = Number(args.episodes);
const seed0 = Number(args.seed);
const replan = Number(args.replan);
const flowSteps = Number(args.steps);
for (const [k, v] of Object.entries({ episodes, seed: seed0, replan, steps: flowSteps })) {
  if (!Number.isSafeInteger(v) || v < (k === "seed" ? 0 : 1)) throw new Error(`--${k} ${String(v)}: expected a positive integer`);
}

const modelDir = String(args.model);
const m = parseYaml(readFileSync(join(modelDir, "model.yaml"), "utf8")) as Manifest;
const P = m.tokens.count;
const D = m.tokens.dim;
const PD = m.tokens.patch_dim;
const H = m.action.horizon;
const A = m.action.dim;
const [rows, cols] = m.image.grid;

const sessionOptions: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ["cpu"] };
const open = (stage: string) => ort.InferenceSession.create(join(modelDir, (m.stages[stage] as { file: string }).file), sessionOptions);
const vision = await open("vision");
const backbone = await open("backbone");
const head = await open("head");

/** Samples per stage input, appended call by call; `shape` is one sample's shape (without axis 0). */
class Recording {
  readonly chunks: (Float32Array | BigInt64Array)[] = [];
  constructor(readonly shape: readonly number[]) {}
  push(x: Float32Array | BigInt64Array): void {
    this.chunks.push(x.slice());
  }
}
const rec: Record<string, Record<string, Recording>> = {
  vision: { patches: new Recording([P, PD]), patch_index: new Recording([P]), instruction: new Recording([]) },
  backbone: { instruction: new Recording([]), vision_tokens: new Recording([P, D]), proprio: new Recording([m.proprio.dim]) },
  head: { x_t: new Recording([H, A]), t: new Recording([]), cond: new Recording([128]) },
  head_onestep: { noise: new Recording([H, A]), cond: new Recording([128]) },
};
const r = (stage: string, input: string) => rec[stage]?.[input] as Recording;

const task = new ReachingTask({ width: m.image.width, height: m.image.height, stepMs: m.action.step_ms });
const geometry = { width: m.image.width, height: m.image.height, patch: m.image.patch, rows, cols };
const pixels01 = new Float32Array(P * PD);
const allPatches = Int32Array.from({ length: P }, (_, i) => i);
const patches = new Float32Array(P * PD);
const patchIndex = new BigInt64Array(P);
let calls = 0;

for (let e = 0; e < episodes; e++) {
  const seed = seed0 + e;
  task.reset(seed);
  const execRng = new Rng(mixSeed(seed, 5));
  const noiseGen = new GaussianNoise(mixSeed(seed, 7));
  const instruction = BigInt64Array.of(BigInt(task.instruction.colorIndex));
  while (!task.done) {
    if (task.stepIndex % replan === 0) {
      calls++;
      patchify(task.render(), geometry, pixels01);
      gatherNormalisedPatches(pixels01, PD, allPatches, m.image.mean, m.image.std, patches, patchIndex);
      r("vision", "patches").push(patches);
      r("vision", "patch_index").push(patchIndex);
      r("vision", "instruction").push(instruction);
      const instr = new ort.Tensor("int64", instruction, [1]);
      const v = await vision.run({
        patches: new ort.Tensor("float32", patches, [1, P, PD]),
        patch_index: new ort.Tensor("int64", patchIndex, [1, P]),
        instruction: instr,
      });
      const tokens = (v.tokens as ort.Tensor).data as Float32Array;

      const s = task.state;
      const proprio = Float32Array.from([s.x, s.y], (x, i) => (x - (m.proprio.mean[i] as number)) / (m.proprio.std[i] as number));
      r("backbone", "instruction").push(instruction);
      r("backbone", "vision_tokens").push(tokens);
      r("backbone", "proprio").push(proprio);
      const b = await backbone.run({
        instruction: instr,
        vision_tokens: new ort.Tensor("float32", tokens, [1, P, D]),
        proprio: new ort.Tensor("float32", proprio, [1, m.proprio.dim]),
      });
      const cond = b.cond as ort.Tensor;
      const condData = cond.data as Float32Array;
      if (condData.length !== 128) throw new Error(`backbone cond has ${condData.length} values; this recipe expects 128`);

      const noise = noiseGen.fill(new Float32Array(H * A));
      r("head_onestep", "noise").push(noise);
      r("head_onestep", "cond").push(condData);
      const x = noise.slice();
      const t = new Float32Array(1);
      for (let k = 0; k < flowSteps; k++) {
        t[0] = k / flowSteps;
        r("head", "x_t").push(x);
        r("head", "t").push(t);
        r("head", "cond").push(condData);
        const out = await head.run({ x_t: new ort.Tensor("float32", x, [1, H, A]), t: new ort.Tensor("float32", t, [1]), cond });
        const vel = (out.velocity as ort.Tensor).data as Float32Array;
        for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + (vel[i] as number) / flowSteps;
      }
      task.loadChunk(expertChunk(task, H, execRng), H);
    }
    task.stepChunk();
  }
}
await Promise.all([vision.release(), backbone.release(), head.release()]);

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const files: Record<string, { shape: number[]; dtype: string; sha256: string }> = {};
for (const [stage, inputs] of Object.entries(rec)) {
  mkdirSync(join(String(args.out), stage), { recursive: true });
  for (const [name, recording] of Object.entries(inputs)) {
    const n = recording.chunks.length;
    const per = recording.shape.reduce((a, b) => a * b, 1);
    const int64 = recording.chunks[0] instanceof BigInt64Array;
    const data = int64 ? new BigInt64Array(n * per) : new Float32Array(n * per);
    recording.chunks.forEach((c, i) => (int64 ? (data as BigInt64Array).set(c as BigInt64Array, i * per) : (data as Float32Array).set(c as Float32Array, i * per)));
    const shape = [n, ...recording.shape];
    const bytes = encodeNpy(shape, data);
    writeFileSync(join(String(args.out), stage, `${name}.npy`), bytes);
    files[`${stage}/${name}.npy`] = { shape, dtype: int64 ? "int64" : "float32", sha256: sha256(bytes) };
  }
}
const recipe = {
  recipe: "scripts/make-calibration-inputs.ts",
  args: { model: modelDir, episodes, seed: seed0, replan, steps: flowSteps },
  stageSha256: Object.fromEntries(Object.entries(m.stages).map(([k, s]) => [k, s.sha256])),
  policyCalls: calls,
  files,
};
writeFileSync(join(String(args.out), "recipe.json"), JSON.stringify(recipe, null, 2) + "\n");
process.stderr.write(`recorded ${calls} policy calls over ${episodes} episodes -> ${String(args.out)}\n`);
