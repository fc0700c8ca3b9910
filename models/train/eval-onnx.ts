// Closed-loop evaluation of the exported tiny VLA on held-out seeds, with ONNX Runtime (CPU).
//
//   npx tsx models/train/eval-onnx.ts --model models/tiny-vla --episodes 200 --seed 0 --steps 10,1
//
// Training episodes use seeds 1000000 and up (gen-dataset.ts --seed-base), so seeds 0..999999 are
// held out. Each episode: the policy is called every --replan control steps with the current frame and
// robot position, and the robot executes that many rows of the returned chunk. Latency figures printed
// here are a rough profile on a shared machine, not a benchmark (bench/policy owns those).

import { parseArgs } from "node:util";
import { ReachingTask, Rng, mixSeed } from "../../nodes/sim/index.js";
import { OnnxPolicy, type ActOptions } from "./onnx-policy.js";

const { values: args } = parseArgs({
  options: {
    model: { type: "string", default: "models/tiny-vla" },
    episodes: { type: "string", default: "200" },
    seed: { type: "string", default: "0" },
    steps: { type: "string", default: "10,1" },
    keep: { type: "string", default: "" },
    replan: { type: "string", default: "4" },
    threads: { type: "string", default: "1" },
    "pixel-noise": { type: "string", default: "0" },
    jitter: { type: "string", default: "0" },
  },
});

const episodes = Number(args.episodes);
const seed0 = Number(args.seed);
const replan = Number(args.replan);
const policy = await OnnxPolicy.load(String(args.model), Number(args.threads));
const P = policy.manifest.tokens.count;
const stepCounts = String(args.steps).split(",").map(Number);
const keeps = args.keep ? String(args.keep).split(",").map(Number) : [P];
const m = policy.manifest;
const task = new ReachingTask({
  width: m.image.width,
  height: m.image.height,
  stepMs: m.action.step_ms,
  pixelNoise: Number(args["pixel-noise"]),
  jitterPx: Number(args.jitter),
});
if (task.options.stepMs !== m.action.step_ms) throw new Error("step_ms mismatch between model and sim");

console.log(
  `model ${args.model}: ${episodes} held-out episodes from seed ${seed0}, policy every ${replan} steps` +
    `, pixel noise ${task.options.pixelNoise}, jitter ${task.options.jitterPx} px`,
);
console.log("steps keep | success | mean steps (successes) | calls | ms/call vision backbone head | MFLOPs/call");
for (const keep of keeps) {
  for (const steps of stepCounts) {
    const o: ActOptions = { steps, keep };
    policy.times.vision = policy.times.backbone = policy.times.head = 0;
    let ok = 0;
    let okSteps = 0;
    let calls = 0;
    for (let e = 0; e < episodes; e++) {
      const seed = seed0 + e;
      task.reset(seed);
      const rng = new Rng(mixSeed(seed, 3));
      const next = (): number => rng.next();
      while (!task.done) {
        const s = task.state;
        const chunk = await policy.act(task.render(), [s.x, s.y], task.instruction.colorIndex, next, o);
        calls++;
        task.loadChunk(chunk, m.action.horizon);
        for (let k = 0; k < replan && !task.done; k++) task.stepChunk();
      }
      if (task.success) {
        ok++;
        okSteps += task.stepIndex;
      }
    }
    const t = policy.times;
    const f = policy.flopsPerCall(o);
    const fl = (f.vision + f.backbone + f.head) / 1e6;
    console.log(
      `${String(steps).padStart(5)} ${String(Math.min(keep, P)).padStart(4)} | ${((100 * ok) / episodes).toFixed(1).padStart(6)}% | ` +
        `${(okSteps / Math.max(ok, 1)).toFixed(1).padStart(6)} | ${String(calls).padStart(6)} | ` +
        `${(t.vision / calls).toFixed(3)} ${(t.backbone / calls).toFixed(3)} ${(t.head / calls).toFixed(3)} | ` +
        `${fl.toFixed(2)} (vision ${(f.vision / 1e6).toFixed(2)}, backbone ${(f.backbone / 1e6).toFixed(2)}, head ${(f.head / 1e6).toFixed(2)})`,
    );
  }
}
await policy.dispose();
