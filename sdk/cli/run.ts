// reflex run <config>: validate, start the graph, run for --duration (or until Ctrl-C / SIGTERM), stop
// gracefully (sources first, in-flight work flushed) and print the summary table.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import pino from "pino";
import type { ClockKind } from "../core/clock.js";
import { NodeInitError } from "../runtime/executor.js";
import { formatSummary, type RunSummary } from "../telemetry/summary.js";
import { formatMultiSummary, isMultiProcess } from "../process/launcher.js";
import { runGraph } from "../process/run-graph.js";
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from "./exit.js";
import { collect, loadOrExit } from "./load.js";
import { outputOf, reportOutputProblems } from "./output-paths.js";
import { attachRecorder } from "../../nodes/record/attach.js";
import { StatusLine } from "./status-line.js";
import { parseLogLevel } from "./log-level-option.js";
import { parseDurationS, parsePortOption } from "./number-options.js";
import { RUN_WINDOW, startLocalDashboard, startSupervisedDashboard, type DashboardCliOptions, type RunDashboard } from "../dashboard/run-dashboard.js";
import type { Graph } from "../graph/model.js";

interface RunOptions extends DashboardCliOptions {
  duration?: number;
  set: string[];
  clock?: ClockKind;
  logLevel: string;
  report?: string;
  record?: string;
  recordTopics?: string;
}

export function register(program: Command): void {
  program
    .command("run")
    .description("run a graph: prints a live status line on a terminal and a latency summary at the end")
    .argument("<config>", "graph config file (YAML)")
    .option("--duration <seconds>", "stop after this many seconds of clock time (default: until Ctrl-C)", parseDurationS)
    .option("--set <node.param=value>", "override a node param (repeatable)", collect, [])
    .option("--clock <kind>", "real (wall time) or virtual (as fast as the work allows, exact replays)", parseClock)
    .option("--log-level <level>", "fatal, error, warn, info, debug", parseLogLevel, "warn")
    .option("--report <file>", "write the summary as JSON to this file")
    .option("--dashboard", "serve the live dashboard (page, /api/snapshot, /metrics, WebSocket) while the graph runs")
    .option("--port <n>", "dashboard port (default 8080; 0 = any free port)", parsePortOption)
    .option("--host <addr>", "dashboard address (default 127.0.0.1; any other address requires the token printed at start)")
    .option("--record <file.mcap>", "record every node output (or --record-topics) to an MCAP file (docs/record-replay.md)")
    .option("--record-topics <node/port,...>", "with --record: only these outputs")
    .action(async (config: string, opts: RunOptions) => {
      process.exitCode = await run(config, opts);
    });
}

async function run(config: string, opts: RunOptions): Promise<number> {
  // Checked before the config is even loaded: the report of a long run is written only at its end.
  if (reportOutputProblems([outputOf("--report", opts.report), outputOf("--record", opts.record)])) return EXIT_USAGE;
  const loaded = await loadOrExit(config, opts.set);
  const { result } = loaded;
  const graph = withRecorder(loaded.graph, opts);
  if (!graph) return 2;
  const clockKind: ClockKind = opts.clock ?? result.config?.clock ?? "real";
  if (clockKind === "virtual" && opts.duration === undefined) {
    process.stderr.write("a run on the virtual clock needs --duration (it would otherwise never end)\n");
    return 2;
  }
  if (isMultiProcess(graph)) return runPlaced(config, opts, graph, clockKind);
  return runHere(opts, graph, clockKind);
}

/** A graph in this one process, with its dashboard and status line. */
async function runHere(opts: RunOptions, graph: Graph, clockKind: ClockKind): Promise<number> {
  const log = pino({ level: opts.logLevel, base: { graph: graph.name } }, pino.destination({ fd: 2, sync: true }));
  const stop = new AbortController();
  let dash: RunDashboard | undefined;
  let dashFailed: Error | undefined;
  let status: StatusLine | undefined;
  let releaseSignals: () => void = () => undefined;
  let started = false;
  let summary: RunSummary;
  try {
    const ran = await runGraph(graph, {
      clock: clockKind,
      log,
      ...(opts.duration !== undefined ? { durationS: opts.duration } : {}),
      signal: stop.signal,
      taps: {
        onRuntime: async (runtime, clock) => {
          const d = await startLocalDashboard(opts, runtime.registry, graph, clock).catch((err: Error) => err);
          if (d instanceof Error) throw (dashFailed = d);
          dash = d;
          // Signals are taken only once the dashboard is up: a run that cannot start it has nothing to stop.
          releaseSignals = stopOnSignals("stopping (sources first, then flushing in-flight work)", stop);
          status = new StatusLine(runtime.registry, clock);
        },
        onStarted: () => {
          started = true;
          status!.start();
        },
        onEnd: () => status!.stop(),
        onStopped: async () => {
          await dash?.close();
        },
      },
    });
    summary = ran.summary;
  } catch (err) {
    if (dashFailed) {
      process.stderr.write(`${dashFailed.message}\n`);
      return 2;
    }
    // Only a node that failed to start is reported here; anything later is a crash, as it always was.
    if (started) throw err;
    log.flush();
    await dash?.close();
    process.stderr.write(`${err instanceof NodeInitError ? err.message : String(err)}\nnothing was left running.\n`);
    return EXIT_FAILED;
  }
  releaseSignals();
  process.stdout.write(`${formatSummary(summary)}\n`);
  if (opts.report) await writeFile(opts.report, `${JSON.stringify(summary, null, 2)}\n`);
  return EXIT_OK;
}

/** A graph placed in several processes: one worker each, supervised (sdk/process). */
async function runPlaced(config: string, opts: RunOptions, graph: Graph, clockKind: ClockKind): Promise<number> {
  if (clockKind === "virtual") {
    process.stderr.write("a graph placed in several processes runs on the real clock only: drop --clock virtual, or run it in one process\n");
    return 2;
  }
  const dash = await startSupervisedDashboard(opts, graph).catch((err: Error) => err);
  if (dash instanceof Error) {
    process.stderr.write(`${dash.message}\n`);
    return 2;
  }
  const stop = new AbortController();
  const releaseSignals = stopOnSignals("stopping workers (producers first, each flushed)", stop);
  try {
    const ran = await runGraph(graph, {
      clock: "real",
      ...(opts.duration !== undefined ? { durationS: opts.duration } : {}),
      signal: stop.signal,
      workers: {
        configFile: config,
        sets: opts.set,
        logLevel: opts.logLevel,
        ...(dash ? { live: RUN_WINDOW, events: dash.source.supervisorEvents() } : {}),
      },
      ...(dash ? { taps: { onSupervisor: (sup) => dash.source.attach(sup) } } : {}),
    });
    if (!ran.placed) throw new Error(`graph "${graph.name}" ran in one process`); // isMultiProcess said otherwise
    const { failed, summary } = ran;
    process.stdout.write(`${formatMultiSummary(summary)}\n`);
    if (opts.report) await writeFile(opts.report, `${JSON.stringify(summary, null, 2)}\n`);
    if (failed.length > 0) {
      process.stderr.write(`worker(s) failed: ${failed.join(", ")}\n`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nnothing was left running.\n`);
    return EXIT_FAILED;
  } finally {
    await dash?.close();
    releaseSignals();
  }
}

/** The graph with a record node when --record asks for one; undefined (after saying why) when it cannot. */
function withRecorder(graph: Graph, opts: RunOptions): Graph | undefined {
  if (!opts.record) {
    if (opts.recordTopics) process.stderr.write("--record-topics needs --record <file.mcap>\n");
    return opts.recordTopics ? undefined : graph;
  }
  if (isMultiProcess(graph)) {
    process.stderr.write("--record works for single-process graphs: add a `record` node to the config instead (docs/record-replay.md)\n");
    return undefined;
  }
  try {
    const topics = opts.recordTopics?.split(",").map((t) => t.trim()).filter((t) => t.length > 0);
    return attachRecorder(graph, { file: opts.record, ...(topics ? { topics } : {}) });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return undefined;
  }
}

/**
 * Ctrl-C / SIGTERM: the first asks for a graceful stop (aborts `abort`, which the run watches), a second
 * exits at once without flushing. Returns what removes the handlers.
 */
function stopOnSignals(what: string, abort: AbortController): () => void {
  let interrupts = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    interrupts++;
    if (interrupts > 1) {
      process.stderr.write(`\n${sig} again: exiting without flushing\n`);
      process.exit(EXIT_INTERRUPTED);
    }
    process.stderr.write(`\n${sig}: ${what}...\n`);
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}

function parseClock(v: string): ClockKind {
  if (v !== "real" && v !== "virtual") throw new InvalidArgumentError(`"${v}" is not a clock: use real or virtual`);
  return v;
}
