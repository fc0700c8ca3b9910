// Policy benchmark: the tiny VLA's accelerations, one at a time and combined, in closed loop on the same
// held-out episodes.
//
//   npx tsx bench/policy/main.ts [--quick] [--json] [--episodes N] [--seed S] [--replan K] [--model DIR]
//
// Drives VlaPipeline and the sim's ReachingTask directly in a loop (no graph): the same per-tick work as
// `reflex eval` / the vla-policy node, minus the runtime's message plumbing, so it runs fast enough for
// 200+ episodes per row. The policy is called every --replan control steps (default 1: every 50 ms step)
// with the current frame and position; the robot plays the returned chunk until the next call. Seeds
// 0.. are held out (training used 1000000 and up). The rows are interleaved episode by episode, so load
// on a shared machine spreads over all rows alike. Latency = wall time around pipeline.tick(), ONNX
// Runtime with 1 intra-op thread; "CPU" = process CPU time around the tick (user + system: what the
// tick cost the machine, less sensitive than wall time to other jobs on a loaded host), median over ticks.
// FLOPs are the model's estimates (model.yaml), not measurements. Stage times are medians of the
// pipeline's own per-stage wall times. --json prints one JSON object on the last line.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { VlaPipeline, type VlaPipelineOptions } from "../../sdk/accel/index.js";
import { loadModel } from "../../sdk/engine/index.js";
import { ReachingTask } from "../../nodes/sim/index.js";

const USAGE = `usage: npx tsx bench/policy/main.ts [options]
  --quick         20 episodes instead of 200 (under a minute)
  --episodes N    held-out episodes per row (seeds S..S+N-1)
  --seed S        first seed (default 0; training used 1000000 and up)
  --replan K      call the policy every K control steps (default 1)
  --model DIR     model folder (default models/tiny-vla)
  --json          print one JSON object (all rows) as the last line instead of the tables
  --help          this text`;

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
    episodes: { type: "string" },
    seed: { type: "string", default: "0" },
    replan: { type: "string", default: "1" },
    model: { type: "string", default: "models/tiny-vla" },
  },
});
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const episodes = Number(args.episodes ?? (args.quick ? 20 : 200));
const seed0 = Number(args.seed);
const replan = Number(args.replan);
for (const [name, v] of [["--episodes", episodes], ["--seed", seed0], ["--replan", replan]] as const) {
  if (!Number.isInteger(v) || v < (name === "--seed" ? 0 : 1)) {
    process.stderr.write(`bench/policy: ${name} must be an integer >= ${name === "--seed" ? 0 : 1}, got ${v}\n${USAGE}\n`);
    process.exit(2);
  }
}

// The default of the vla-policy node in configs/demo.yaml (see sdk/accel/README.md for why).
const DEFAULT: VlaPipelineOptions = {
  pruning: { mode: "efficientvla", keep_ratio: 0.125 },
  frame_cache: { enabled: true },
  steps: 1,
};
const EFF25: VlaPipelineOptions = { pruning: { mode: "efficientvla", keep_ratio: 0.25 } };
const STEP_CACHE: VlaPipelineOptions = { step_cache: { mode: "threshold", threshold: 0.3 } };

interface RowSpec {
  readonly name: string;
  readonly opts: VlaPipelineOptions;
  readonly kernels?: "native" | "js";
}
const ROWS: readonly RowSpec[] = [
  { name: "baseline (all tokens, 10-step head, no cache)", opts: {} },
  { name: "pruning only (efficientvla, 25%)", opts: EFF25 },
  { name: "frame cache only", opts: { frame_cache: { enabled: true } } },
  { name: "one-step only", opts: { steps: 1 } },
  { name: "step cache only (threshold 0.3)", opts: STEP_CACHE },
  { name: "all combined, efficientvla 25% (+ frame cache, one-step, step cache)", opts: { ...DEFAULT, ...STEP_CACHE, ...EFF25 } },
  // The same selection, made by the TypeScript kernels: what the native kernels save.
  { name: "all combined, efficientvla 25%, TypeScript kernels (no addon)", opts: { ...DEFAULT, ...STEP_CACHE, ...EFF25 }, kernels: "js" },
  { name: "all combined, efficientvla 18.75% (12 tokens)", opts: { ...DEFAULT, ...STEP_CACHE, pruning: { mode: "efficientvla", keep_count: 12 } } },
  { name: "**all combined = default: efficientvla 12.5%** (8 tokens)", opts: { ...DEFAULT, ...STEP_CACHE } },
  { name: "all combined, relevance top-k 25%", opts: { ...DEFAULT, ...STEP_CACHE, pruning: { mode: "relevance", keep_ratio: 0.25 } } },
  { name: "all combined, relevance top-k 12.5%", opts: { ...DEFAULT, ...STEP_CACHE, pruning: { mode: "relevance", keep_ratio: 0.125 } } },
];

const STAGES = ["preprocess", "vision", "prune", "backbone", "head"] as const;
type Stage = (typeof STAGES)[number];

const model = await loadModel(String(args.model), { threads: 1 });
const m = model.manifest;
interface Row {
  spec: RowSpec;
  pipeline: VlaPipeline;
  task: ReachingTask;
  ok: number;
  steps: number;
  lat: number[];
  cpuUs: number[];
  stageNs: Record<Stage, number[]>;
  flops: number;
  kept: number;
  hit: number;
  ticks: number;
}
const rows: Row[] = [];
for (const spec of ROWS) {
  const pipeline = await VlaPipeline.create(model, { ...spec.opts, seed: 1 }, spec.kernels ? { kernels: spec.kernels } : {});
  const task = new ReachingTask({ width: m.image.width, height: m.image.height, stepMs: m.action.step_ms });
  const stageNs = { preprocess: [], vision: [], prune: [], backbone: [], head: [] };
  rows.push({ spec, pipeline, task, ok: 0, steps: 0, lat: [], cpuUs: [], stageNs, flops: 0, kept: 0, hit: 0, ticks: 0 });
}

// Warm-up: sessions and JIT, not counted.
for (const r of rows) {
  r.task.reset(999_999);
  for (let i = 0; i < 20; i++) {
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
      const c = process.cpuUsage();
      const a = performance.now();
      const { actions, report } = await pipeline.tick({ image, proprio: [s.x, s.y], instruction: task.instruction.colorIndex });
      r.lat.push(performance.now() - a);
      const cu = process.cpuUsage(c);
      r.cpuUs.push(cu.user + cu.system);
      r.ticks++;
      for (const st of STAGES) r.stageNs[st].push(report.latencyNs[st]);
      r.flops += report.flops.total;
      r.kept += report.tokens.kept;
      r.hit += report.patches.hitRate;
      task.loadChunk(actions, m.action.horizon);
      for (let k = 0; k < replan && !task.done; k++) task.stepChunk();
    }
    if (task.success) r.ok++;
    r.steps += task.stepIndex;
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
const baseCpu = q(base.cpuUs, 0.5);
const baseOk = base.ok / episodes;
const result = rows.map((r) => ({
  row: r.spec.name,
  kernels: r.pipeline.kernels.path,
  successRate: r.ok / episodes,
  successDeltaPts: 100 * (r.ok / episodes - baseOk),
  meanEpisodeSteps: r.steps / episodes,
  p50Ms: q(r.lat, 0.5),
  p99Ms: q(r.lat, 0.99),
  meanMs: r.lat.reduce((a, b) => a + b, 0) / r.lat.length,
  speedup: baseP50 / q(r.lat, 0.5),
  cpuUsP50: q(r.cpuUs, 0.5),
  cpuUsMean: r.cpuUs.reduce((a, b) => a + b, 0) / r.ticks,
  cpuSpeedup: baseCpu / q(r.cpuUs, 0.5),
  flopsPct: (100 * r.flops) / base.flops,
  tokensKept: r.kept / r.ticks,
  cacheHitRate: r.hit / r.ticks,
  stageP50Us: Object.fromEntries(STAGES.map((st) => [st, q(r.stageNs[st], 0.5) / 1000])) as Record<Stage, number>,
  ticks: r.ticks,
}));
const cpu = cpus()[0]?.model ?? "unknown";
const machine = { nproc: cpus().length, cpu, node: process.version, loadavgBefore: load0, loadavgAfter: load1 };

if (args.json) {
  process.stdout.write(`${JSON.stringify({ episodes, seed: seed0, replan, seconds, machine, rows: result })}\n`);
} else {
  const f = (x: number, d: number): string => x.toFixed(d);
  const lines = [
    `tiny-vla, ${episodes} held-out episodes (seeds ${seed0}..${seed0 + episodes - 1}), policy every ${replan} control step(s), ONNX Runtime CPU 1 thread`,
    `machine: ${machine.nproc} cores, ${cpu}, Node ${process.version}, load average ${load0.map((x) => x.toFixed(2)).join(" ")} before, ${load1.map((x) => x.toFixed(2)).join(" ")} after; ${seconds.toFixed(0)} s`,
    "",
    "| configuration | success (Δ pts) | mean steps | p50 ms | p99 ms | speedup (p50) | CPU µs/tick p50 | speedup (CPU p50) | FLOPs % of baseline | tokens kept | cache hit rate | ticks |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...result.map(
      (r) =>
        `| ${r.row} | ${f(100 * r.successRate, 1)}% (${r.successDeltaPts >= 0 ? "+" : ""}${f(r.successDeltaPts, 1)}) | ${f(r.meanEpisodeSteps, 1)} | ${f(r.p50Ms, 3)} | ${f(r.p99Ms, 3)} | ${f(r.speedup, 2)}x | ${f(r.cpuUsP50, 0)} | ${f(r.cpuSpeedup, 2)}x | ${f(r.flopsPct, 1)}% | ${f(r.tokensKept, 1)} | ${f(r.cacheHitRate, 3)} | ${r.ticks} |`,
    ),
    "",
    "where the time goes (median wall µs per stage, from the pipeline's stage clock; medians do not add up to the tick's):",
    "",
    `| configuration | kernels | ${STAGES.join(" | ")} |`,
    `|---|---|${STAGES.map(() => "---|").join("")}`,
    ...result.map((r) => {
      const st = STAGES.map((s) => f(r.stageP50Us[s], 0));
      return `| ${r.row} | ${r.kernels} | ${st.join(" | ")} |`;
    }),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
