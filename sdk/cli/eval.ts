// reflex eval <config> --episodes N --seed S: closed-loop evaluation of a graph's policy in the sim.
//
// The graph runs under the virtual clock (exact replays, as fast as the work allows) with its sim-robot
// set to `seed` and `episodes` (overrides, as --set would), until the robot has finished N episodes.
// Reported: success rate, mean episode length (control steps), and per vla-policy tick the wall-clock
// latency (p50/p99, whole tick and per stage) and the estimated FLOPs. The virtual clock makes work take
// no virtual time, so latencies are wall time measured inside the node (vla-policy's onVlaTick side
// channel), not clock time.
import type { Command } from "commander";
import pino from "pino";
import { builtinRegistry } from "../../nodes/index.js";
import { onVlaTick, type VlaTickEvent } from "../../nodes/policy/vla-policy.js";
import { formatDiagnostics } from "../config/diagnostic.js";
import { loadConfigFile } from "../config/load.js";
import type { Graph } from "../graph/model.js";
import type { reflex } from "../messages/index.js";
import type { GraphRuntime } from "../runtime/executor.js";
import { NodeInitError } from "../runtime/executor.js";
import { runGraph } from "../process/run-graph.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./exit.js";
import { collect } from "./load.js";
import { numberOption, parseSeedOption } from "./number-options.js";
import { SEED_RANGE } from "../core/number-limits.js";
import { msToNs, nsToMs } from "../core/clock.js";

export interface EvalOptions {
  readonly episodes: number;
  readonly seed: number;
  /** Extra `node.param=value` overrides, applied before the robot's seed and episodes. */
  readonly sets?: readonly string[];
}

export interface Quantiles {
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
}

export interface EvalResult {
  readonly graph: string;
  readonly robot: string;
  readonly policies: readonly string[];
  readonly episodes: number;
  readonly seed: number;
  readonly successes: number;
  readonly successRate: number;
  /** Mean control steps per episode (all episodes). */
  readonly meanEpisodeSteps: number;
  readonly ticks: number;
  /** Wall-clock ms per policy tick (undefined without a vla-policy). */
  readonly latencyMs: Quantiles | undefined;
  /** Wall-clock ms per stage per tick. */
  readonly stageMs: Readonly<Record<string, Quantiles>>;
  /** Mean estimated FLOPs per tick, and the model's baseline tick (all tokens, default steps). */
  readonly flopsPerTick: number;
  readonly baselineFlopsPerTick: number;
  readonly meanTokensKept: number;
  readonly meanCacheHitRate: number;
  readonly meanStepsComputed: number;
  readonly virtualSeconds: number;
}

export class EvalError extends Error {
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message);
  }
}

export function quantiles(xs: readonly number[]): Quantiles {
  if (xs.length === 0) return { p50: NaN, p99: NaN, mean: NaN };
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { p50: q(0.5), p99: q(0.99), mean: s.reduce((a, b) => a + b, 0) / s.length };
}

async function load(file: string, sets: readonly string[]): Promise<Graph> {
  const r = await loadConfigFile(file, { registry: builtinRegistry(), sets });
  if (!r.graph) throw new EvalError(formatDiagnostics(r.diagnostics), true);
  return r.graph;
}

/** Runs the evaluation in this process. Throws EvalError (usage: true for a bad config or arguments). */
export async function evaluate(file: string, opts: EvalOptions): Promise<EvalResult> {
  const userSets = opts.sets ?? [];
  const first = await load(file, userSets);
  const robots = [...first.nodes.values()].filter((n) => n.type === "sim-robot").map((n) => n.id);
  if (robots.length !== 1) throw new EvalError(`${file}: eval needs exactly one sim-robot node, found ${robots.length}`, true);
  const robot = robots[0]!;
  const graph = await load(file, [...userSets, `${robot}.seed=${opts.seed}`, `${robot}.episodes=${opts.episodes}`]);
  const policies = [...graph.nodes.values()].filter((n) => n.type === "vla-policy").map((n) => n.id);
  const stepMs = Number((graph.nodes.get(robot)!.params as { step_ms?: number }).step_ms ?? 50);
  const maxSteps = Number((graph.nodes.get(robot)!.params as { max_steps?: number }).max_steps ?? 100);

  const ticks: VlaTickEvent[] = [];
  const maxStep = new Map<number, number>();
  let rt: GraphRuntime | undefined;
  const gauges = (): Map<string, number> => rt!.registry.nodes.get(robot)!.gauges;
  // Each episode takes at most max_steps control steps; leave room for the first frames and chunks.
  const limitNs = msToNs(opts.episodes * (maxSteps + 2) * stepMs + 2000);
  let started = false;
  let off = (): void => {};
  let virtualNs = 0;
  try {
    const ran = await runGraph(graph, {
      clock: "virtual",
      oneProcess: true,
      log: pino({ level: "silent" }),
      durationS: limitNs / 1e9,
      until: { sliceNs: 5e9, done: () => (gauges().get("episodes") ?? 0) >= opts.episodes },
      taps: {
        onRuntime: (runtime) => {
          rt = runtime;
          off = onVlaTick(runtime, (e) => {
            if (policies.includes(e.node)) ticks.push(e);
          });
          runtime.listen(robot, "status", (m) => {
            const s = m.body as reflex.TaskStatus.$Properties;
            const e = s.episode ?? 0;
            if (e < opts.episodes) maxStep.set(e, Math.max(maxStep.get(e) ?? 0, s.step ?? 0));
          });
        },
        onStarted: () => (started = true),
      },
    });
    if (ran.placed) throw new Error("eval ran its graph in several processes"); // oneProcess says it cannot
    virtualNs = ran.virtualNs;
  } catch (err) {
    if (started || !rt) throw err;
    // A node that failed to start: what it left is let go, as after a run.
    await rt?.dispose();
    throw new EvalError(err instanceof NodeInitError ? err.message : String(err), false);
  } finally {
    off();
  }
  const done = gauges().get("episodes") ?? 0;
  if (done < opts.episodes) throw new EvalError(`robot finished ${done} of ${opts.episodes} episodes in ${virtualNs / 1e9} virtual s`, false);
  const successRate = gauges().get("success_rate") ?? 0;
  let steps = 0;
  for (let e = 0; e < opts.episodes; e++) steps += (maxStep.get(e) ?? 0) + 1;
  const stageMs: Record<string, Quantiles> = {};
  for (const stage of ["preprocess", "vision", "prune", "backbone", "head"] as const) {
    stageMs[stage] = quantiles(ticks.map((t) => nsToMs(t.report.latencyNs[stage])));
  }
  const mean = (f: (t: VlaTickEvent) => number): number => (ticks.length ? ticks.reduce((a, t) => a + f(t), 0) / ticks.length : NaN);
  return {
    graph: graph.name,
    robot,
    policies,
    episodes: opts.episodes,
    seed: opts.seed,
    successes: Math.round(successRate * opts.episodes),
    successRate,
    meanEpisodeSteps: steps / opts.episodes,
    ticks: ticks.length,
    latencyMs: ticks.length ? quantiles(ticks.map((t) => nsToMs(t.wallNs))) : undefined,
    stageMs,
    flopsPerTick: mean((t) => t.report.flops.total),
    baselineFlopsPerTick: mean((t) => t.report.flops.baseline),
    meanTokensKept: mean((t) => t.report.tokens.kept),
    meanCacheHitRate: mean((t) => t.report.patches.hitRate),
    meanStepsComputed: mean((t) => t.report.sampler.computed),
    virtualSeconds: virtualNs / 1e9,
  };
}

export function formatEval(r: EvalResult): string {
  const f = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : "-");
  const lines = [
    `eval ${r.graph}: ${r.episodes} episodes from seed ${r.seed} (robot "${r.robot}", virtual clock)`,
    `  success rate        ${f(100 * r.successRate, 1)}% (${r.successes}/${r.episodes})`,
    `  mean episode length ${f(r.meanEpisodeSteps, 1)} control steps`,
  ];
  if (!r.latencyMs) {
    lines.push("  no vla-policy node: no latency or FLOPs figures");
    return lines.join("\n");
  }
  lines.push(
    `  policy ticks        ${r.ticks} (${r.policies.join(", ")}); wall-clock latency, ms:`,
    `    stage          p50     p99    mean`,
    `    tick       ${f(r.latencyMs.p50).padStart(7)} ${f(r.latencyMs.p99).padStart(7)} ${f(r.latencyMs.mean).padStart(7)}`,
  );
  for (const [stage, q] of Object.entries(r.stageMs)) {
    lines.push(`    ${stage.padEnd(10)} ${f(q.p50).padStart(7)} ${f(q.p99).padStart(7)} ${f(q.mean).padStart(7)}`);
  }
  lines.push(
    `  FLOPs per tick      ${f(r.flopsPerTick / 1e6, 2)} M (${f((100 * r.flopsPerTick) / r.baselineFlopsPerTick, 1)}% of baseline ${f(r.baselineFlopsPerTick / 1e6, 2)} M)`,
    `  tokens kept ${f(r.meanTokensKept, 1)}, frame-cache hit rate ${f(r.meanCacheHitRate)}, head steps computed ${f(r.meanStepsComputed, 2)} (means per tick)`,
  );
  return lines.join("\n");
}

const parseEpisodes = numberOption({ min: 1, max: 1_000_000, integer: true, what: "episodes" });

export function register(program: Command): void {
  program
    .command("eval")
    .description("closed-loop evaluation in the sim (virtual clock): success rate, episode length, policy latency and FLOPs")
    .argument("<config>", "graph config file (YAML) with one sim-robot")
    .option("--episodes <n>", "episodes to run", parseEpisodes, 20)
    .option("--seed <s>", `seed of the first episode (then s+1, ...; ${SEED_RANGE})`, parseSeedOption, 0)
    .option("--set <node.param=value>", "override a node param (repeatable)", collect, [])
    .option("--json", "print the result as JSON")
    .action(async (config: string, o: { episodes: number; seed: number; set: string[]; json?: boolean }) => {
      try {
        const r = await evaluate(config, { episodes: o.episodes, seed: o.seed, sets: o.set });
        process.stdout.write(`${o.json ? JSON.stringify(r, null, 2) : formatEval(r)}\n`);
        process.exitCode = EXIT_OK;
      } catch (err) {
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = err instanceof EvalError && err.usage ? EXIT_USAGE : EXIT_FAILED;
      }
    });
}
