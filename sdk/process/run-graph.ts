// One way to run a loaded graph, for `reflex run`, `reflex hil run` and `reflex eval`: in this process
// (a GraphRuntime) or, when the graph places nodes in several processes, in supervised workers
// (launcher.ts). Start, run for a duration or until the signal aborts, stop (sources first, in-flight
// work flushed), dispose, summarize. What a caller adds (a dashboard, a status line, a recorder's
// figures, the HIL actuator probe and kill faults, eval's listeners) attaches through the taps; signal
// handling stays with the caller, which turns Ctrl-C into an abort.
import pino, { type Logger } from "pino";
import { createClock, type Clock, type ClockKind } from "../core/clock.js";
import type { Graph } from "../graph/model.js";
import { GraphRuntime } from "../runtime/executor.js";
import { summarize, type RunSummary } from "../telemetry/summary.js";
import { isMultiProcess, runMultiProcess, type MultiProcessSummary, type MultiRunOptions } from "./launcher.js";
import { endOfRun } from "./run-end.js";
import type { Supervisor } from "./supervisor.js";

/** What the workers of a graph placed in several processes need: they load the config file themselves. */
export type WorkerRunOptions = Pick<MultiRunOptions, "configFile" | "sets" | "logLevel" | "flushMs" | "note" | "events" | "live" | "linkFaults" | "registry">;

export interface RunTaps {
  /**
   * One process, before any node starts: listen to outputs, serve a dashboard. A throw ends the run
   * there (nothing started) and comes out of runGraph as it was thrown.
   */
  readonly onRuntime?: (runtime: GraphRuntime, clock: Clock) => void | Promise<void>;
  /** One process: every node started. */
  readonly onStarted?: (runtime: GraphRuntime) => void;
  /** One process: the run is over (duration, abort or `until`), before the graph stops. */
  readonly onEnd?: () => void;
  /** One process: the graph stopped (in-flight work flushed), before its nodes are disposed. */
  readonly onStopped?: () => void | Promise<void>;
  /** Several processes: the supervisor, before any worker starts (the dashboard shows them starting). */
  readonly onSupervisor?: (sup: Supervisor) => void;
  /** Several processes: every worker runs (HIL kill faults). */
  readonly onWorkersStarted?: (sup: Supervisor) => void;
}

export interface RunGraphOptions {
  readonly clock: ClockKind;
  /** Seconds of clock time; default until `signal` aborts (the virtual clock needs one or `until`). */
  readonly durationS?: number;
  readonly signal?: AbortSignal;
  /**
   * Virtual clock only: run in slices of `sliceNs` and end after the first slice at whose end `done()`
   * holds (checked before the first too), or once the slices reach `durationS`.
   */
  readonly until?: { readonly sliceNs: number; readonly done: () => boolean };
  /**
   * Every node in this process, whatever the graph's placement (eval: a closed loop on the virtual
   * clock, which workers do not run).
   */
  readonly oneProcess?: boolean;
  /** One process: the runtime's logger (default silent). */
  readonly log?: Logger;
  /** Several processes: required there. */
  readonly workers?: WorkerRunOptions;
  readonly taps?: RunTaps;
}

/** The run of a graph in this process. */
export interface LocalRun {
  readonly placed: false;
  readonly summary: RunSummary;
  /** Stopped and disposed; its registry holds the run's figures. */
  readonly runtime: GraphRuntime;
  /** Virtual clock: the clock time run, in ns (whole slices with `until`); 0 on the real clock. */
  readonly virtualNs: number;
}

/** The run of a graph placed in several processes. */
export interface PlacedRun {
  readonly placed: true;
  readonly summary: MultiProcessSummary;
  /** Workers that failed (never started, or died for good). */
  readonly failed: readonly string[];
  readonly supervisor: Supervisor;
}

export type RunGraphResult = LocalRun | PlacedRun;

/**
 * Runs `graph` and returns its summary. A node that fails to start throws (NodeInitError) with nothing
 * left running: the runtime stops or disposes what it had started itself.
 */
export async function runGraph(graph: Graph, opts: RunGraphOptions): Promise<RunGraphResult> {
  return isMultiProcess(graph) && !opts.oneProcess ? runPlaced(graph, opts) : runHere(graph, opts);
}

async function runHere(graph: Graph, opts: RunGraphOptions): Promise<LocalRun> {
  if (opts.clock === "virtual" && opts.durationS === undefined) throw new Error("a run on the virtual clock needs a duration (it would otherwise never end)");
  if (opts.until && opts.clock !== "virtual") throw new Error("running until a condition needs the virtual clock");
  const clock = createClock(opts.clock);
  const runtime = new GraphRuntime(graph, { clock, log: opts.log ?? pino({ level: "silent" }) });
  const taps = opts.taps ?? {};
  await taps.onRuntime?.(runtime, clock);
  await runtime.start();
  let virtualNs = 0;
  try {
    taps.onStarted?.(runtime);
    virtualNs = await runFor(runtime, opts);
    taps.onEnd?.();
    await runtime.stop();
    await taps.onStopped?.();
  } finally {
    await runtime.dispose();
  }
  return { placed: false, summary: summarize(runtime.registry, graph.name, opts.clock), runtime, virtualNs };
}

/** Runs a started runtime to the end of the run; returns the virtual clock time run (0 on the real clock). */
async function runFor(runtime: GraphRuntime, opts: RunGraphOptions): Promise<number> {
  if (opts.clock === "real") {
    await endOfRun(opts.durationS, opts.signal);
    return 0;
  }
  const durationNs = opts.durationS! * 1e9;
  if (!opts.until) {
    await runtime.runVirtual(durationNs, opts.signal);
    return durationNs;
  }
  let ran = 0;
  while (!opts.until.done() && ran < durationNs && !opts.signal?.aborted) {
    await runtime.runVirtual(opts.until.sliceNs, opts.signal);
    ran += opts.until.sliceNs;
  }
  return ran;
}

async function runPlaced(graph: Graph, opts: RunGraphOptions): Promise<PlacedRun> {
  if (opts.clock === "virtual") throw new Error("a graph placed in several processes runs on the real clock only");
  if (!opts.workers) throw new Error(`graph "${graph.name}" is placed in several processes: running it needs the workers' options (RunGraphOptions.workers)`);
  let supervisor: Supervisor | undefined;
  const { failed, summary } = await runMultiProcess(graph, {
    ...opts.workers,
    ...(opts.durationS !== undefined ? { durationS: opts.durationS } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onSupervisor: (sup) => {
      supervisor = sup;
      opts.taps?.onSupervisor?.(sup);
    },
    ...(opts.taps?.onWorkersStarted ? { onStarted: opts.taps.onWorkersStarted } : {}),
  });
  return { placed: true, summary, failed, supervisor: supervisor! };
}
