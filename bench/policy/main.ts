// Policy benchmark: the tiny VLA's accelerations, one at a time and combined, in closed loop on the same
// held-out episodes.
//
//   npx tsx bench/policy/main.ts [--quick] [--json] [--episodes N] [--seed S] [--replan K]
//
// Drives VlaPipeline and the sim's ReachingTask directly in a loop (no graph): the same per-tick work as
// `reflex eval` / the vla-policy node, minus the runtime's message plumbing, so it runs fast enough for
// 200+ episodes per row. The policy is called every --replan control steps (default 1: every 50 ms step)
// with the current frame and position; the robot plays the returned chunk until the next call. Seeds
// 0.. are held out (training used 1000000 and up). The rows are interleaved episode by episode, so load
// on a shared machine spreads over all rows alike. Latency = wall time around pipeline.tick(), ONNX
// Runtime with 1 intra-op thread; FLOPs are the model's estimates (model.yaml), not measurements.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { VlaPipeline, type VlaPipelineOptions } from "../../sdk/accel/index.js";
import { loadModel } from "../../sdk/engine/index.js";
import { ReachingTask } from "../../nodes/sim/index.js";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    episodes: { type: "string" },
    seed: { type: "string", default: "0" },
    replan: { type: "string", default: "1" },
    model: { type: "string", default: "models/tiny-vla" },
  },
});
const episodes = Number(args.episodes ?? (args.quick ? 20 : 200));
const seed0 = Number(args.seed);
const replan = Number(args.replan);

const ROWS: readonly { name: string; opts: VlaPipelineOptions }[] = [
  { name: "baseline (all tokens, 10-step head, no cache)", opts: {} },
  { name: "pruning only (efficientvla, 25%)", opts: { pruning: { mode: "efficientvla", keep_ratio: 0.25 } } },
  { name: "frame cache only", opts: { frame_cache: { enabled: true } } },
  { name: "one-step only", opts: { steps: 1 } },
  { name: "step cache only (threshold 0.3)", opts: { step_cache: { mode: "threshold", threshold: 0.3 } } },
  {
    name: "all combined",
    opts: {
      pruning: { mode: "efficientvla", keep_ratio: 0.25 },
      frame_cache: { enabled: true },
      step_cache: { mode: "threshold", threshold: 0.3 },
      steps: 1,
    },
  },
  {
    // Same, with plain relevance top-k: the efficientvla diversity pass is JS and costs a visible share of
    // a sub-millisecond tick on this model.
    name: "all combined, relevance top-k 25%",
    opts: {
      pruning: { mode: "relevance", keep_ratio: 0.25 },
      frame_cache: { enabled: true },
      step_cache: { mode: "threshold", threshold: 0.3 },
      steps: 1,
    },
  },
  {
    name: "all combined, relevance top-k 12.5%",
    opts: {
      pruning: { mode: "relevance", keep_ratio: 0.125 },
      frame_cache: { enabled: true },
      step_cache: { mode: "threshold", threshold: 0.3 },
      steps: 1,
    },
  },
];

const model = await loadModel(String(args.model), { threads: 1 });
const m = model.manifest;
interface Row {
  name: string;
  pipeline: VlaPipeline;
  task: ReachingTask;
  ok: number;
  lat: number[];
  flops: number;
  baseline: number;
  kept: number;
  hit: number;
  ticks: number;
}
const rows: Row[] = [];
for (const r of ROWS) {
  const pipeline = await VlaPipeline.create(model, { ...r.opts, seed: 1 });
  const task = new ReachingTask({ width: m.image.width, height: m.image.height, stepMs: m.action.step_ms });
  rows.push({ name: r.name, pipeline, task, ok: 0, lat: [], flops: 0, baseline: 0, kept: 0, hit: 0, ticks: 0 });
}

// Warm-up: sessions and JIT, not counted.
for (const r of rows) {
  r.task.reset(999_999);
  for (let i = 0; i < 10; i++) {
    const s = r.task.state;
    await r.pipeline.tick({ image: r.task.render(), proprio: [s.x, s.y], instruction: r.task.instruction.colorIndex });
  }
}

const load0 = loadavg();
const t0 = performance.now();
for (let e = 0; e < episodes; e++) {
  for (const r of rows) {
    const { task, pipeline } = r;
    task.reset(seed0 + e);
    pipeline.reset();
    while (!task.done) {
      const s = task.state;
      const image = task.render();
      const a = performance.now();
      const { actions, report } = await pipeline.tick({ image, proprio: [s.x, s.y], instruction: task.instruction.colorIndex });
      r.lat.push(performance.now() - a);
      r.ticks++;
      r.flops += report.flops.total;
      r.baseline += report.flops.baseline;
      r.kept += report.tokens.kept;
      r.hit += report.patches.hitRate;
      task.loadChunk(actions, m.action.horizon);
      for (let k = 0; k < replan && !task.done; k++) task.stepChunk();
    }
    if (task.success) r.ok++;
  }
}
const seconds = (performance.now() - t0) / 1000;
const load1 = loadavg();
await model.dispose();

const q = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
};
const base = rows[0]!;
const baseP50 = q(base.lat, 0.5);
const result = rows.map((r) => ({
  row: r.name,
  successRate: r.ok / episodes,
  p50Ms: q(r.lat, 0.5),
  p99Ms: q(r.lat, 0.99),
  meanMs: r.lat.reduce((a, b) => a + b, 0) / r.lat.length,
  speedup: baseP50 / q(r.lat, 0.5),
  flopsPct: (100 * r.flops) / base.flops,
  tokensKept: r.kept / r.ticks,
  cacheHitRate: r.hit / r.ticks,
  ticks: r.ticks,
}));
const cpu = cpus()[0]?.model ?? "unknown";
const machine = { nproc: cpus().length, cpu, loadavgBefore: load0, loadavgAfter: load1 };

if (args.json) {
  process.stdout.write(`${JSON.stringify({ episodes, seed: seed0, replan, seconds, machine, rows: result }, null, 2)}\n`);
} else {
  const f = (x: number, d: number): string => x.toFixed(d);
  const lines = [
    `tiny-vla, ${episodes} held-out episodes (seeds ${seed0}..${seed0 + episodes - 1}), policy every ${replan} control step(s), ONNX Runtime CPU 1 thread`,
    `machine: ${machine.nproc} cores, ${cpu}, load average ${load0.map((x) => x.toFixed(2)).join(" ")} before, ${load1.map((x) => x.toFixed(2)).join(" ")} after; ${seconds.toFixed(0)} s`,
    "",
    "| configuration | success | p50 ms | p99 ms | speedup (p50) | FLOPs % of baseline | tokens kept | cache hit rate | ticks |",
    "|---|---|---|---|---|---|---|---|---|",
    ...result.map(
      (r) =>
        `| ${r.row} | ${f(100 * r.successRate, 1)}% | ${f(r.p50Ms, 3)} | ${f(r.p99Ms, 3)} | ${f(r.speedup, 2)}x | ${f(r.flopsPct, 1)}% | ${f(r.tokensKept, 1)} | ${f(r.cacheHitRate, 3)} | ${r.ticks} |`,
    ),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
