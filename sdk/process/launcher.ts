// `reflex run` for a graph placed in more than one process: plan, supervise the workers for the
// run's duration (or until Ctrl-C / SIGTERM), stop them producers-first, and print one summary that
// covers every process.
import { rm } from "node:fs/promises";
import type { ProcessEntry } from "../config/schema.js";
import type { Graph } from "../graph/model.js";
import type { RunSummary } from "../telemetry/summary.js";
import { formatSummary } from "../telemetry/summary.js";
import { makeRunDir } from "../transport/index.js";
import { planRun, type RunPlan } from "./plan.js";
import type { LinkReport, WorkerReport } from "./protocol.js";
import { Supervisor, type SupervisorEvents, type WorkerState } from "./supervisor.js";

export interface ProcessRow {
  process: string;
  pid: number | undefined;
  nodes: string[];
  state: WorkerState;
  restarts: number;
  deaths: number;
  last_death?: string;
}

export interface MultiProcessSummary extends RunSummary {
  processes: ProcessRow[];
  links: LinkReport[];
}

export interface MultiRunOptions {
  readonly configFile: string;
  readonly sets?: readonly string[];
  readonly logLevel?: string;
  /** Seconds; default until `signal` aborts. */
  readonly durationS?: number;
  readonly signal?: AbortSignal;
  readonly flushMs?: number;
  readonly note?: (line: string) => void;
  readonly events?: SupervisorEvents;
  /** Called once every worker runs (HIL fault injection: kill a worker by process name). */
  readonly onStarted?: (sup: Supervisor) => void;
}

export interface MultiRunResult {
  readonly failed: string[];
  readonly summary: MultiProcessSummary;
}

/** True when the graph places nodes in more than one process. */
export function isMultiProcess(graph: Graph): boolean {
  return new Set([...graph.nodes.values()].map((n) => n.process)).size > 1;
}

export async function runMultiProcess(
  graph: Graph,
  processes: Readonly<Record<string, ProcessEntry>> | undefined,
  opts: MultiRunOptions,
): Promise<MultiRunResult> {
  const runDir = await makeRunDir();
  try {
    const plan = planRun(graph, processes, runDir);
    const note = opts.note ?? ((l: string) => process.stderr.write(`${l}\n`));
    const sup = new Supervisor(
      plan,
      {
        configFile: opts.configFile,
        ...(opts.sets ? { sets: opts.sets } : {}),
        ...(opts.logLevel ? { logLevel: opts.logLevel } : {}),
        note,
      },
      {
        ...opts.events,
        onRestarted: (name, pid) => {
          note(`worker ${name} restarted (pid ${pid})`);
          opts.events?.onRestarted?.(name, pid);
        },
      },
    );
    await sup.start();
    note(`workers running: ${[...sup.workers.values()].map((w) => `${w.plan.name} (pid ${w.pid})`).join(", ")}`);
    opts.onStarted?.(sup);
    await new Promise<void>((resolve) => {
      const t = opts.durationS !== undefined ? setTimeout(resolve, opts.durationS * 1000) : undefined;
      if (opts.signal?.aborted) resolve();
      opts.signal?.addEventListener("abort", () => {
        if (t) clearTimeout(t);
        resolve();
      });
    });
    await sup.stop(opts.flushMs ?? 2000);
    return { failed: sup.failed, summary: mergeSummaries(graph.name, plan, sup) };
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
}

function mergeSummaries(name: string, plan: RunPlan, sup: Supervisor): MultiProcessSummary {
  const reports: WorkerReport[] = sup.combinedReports();
  // The run's length is that of a worker that ran it all (restarted ones sum their incarnations).
  const whole = reports.filter((r) => sup.workers.get(r.process)?.restarts === 0);
  return {
    graph: name,
    clock: "real",
    duration_s: Math.max(0, ...(whole.length > 0 ? whole : reports).map((r) => r.summary.duration_s)),
    nodes: reports.flatMap((r) => r.summary.nodes),
    paths: reports.flatMap((r) => r.summary.paths),
    edges: reports.flatMap((r) => r.summary.edges),
    processes: plan.processes.map((p) => {
      const w = sup.workers.get(p.name)!;
      return {
        process: p.name,
        pid: w.pid,
        nodes: [...p.nodes],
        state: w.state,
        restarts: w.restarts,
        deaths: w.deaths,
        ...(w.lastDeath !== undefined ? { last_death: w.lastDeath } : {}),
      };
    }),
    links: reports.flatMap((r) => r.links),
  };
}

export function formatMultiSummary(s: MultiProcessSummary): string {
  const out = [formatSummary(s), "", "processes"];
  for (const p of s.processes) {
    out.push(
      `  ${p.process.padEnd(12)} ${p.state.padEnd(8)} restarts ${p.restarts}  deaths ${p.deaths}  nodes ${p.nodes.join(", ")}${p.last_death ? `  (last death: ${p.last_death})` : ""}`,
    );
  }
  out.push("", "cross-process edges (at the consumer)");
  for (const l of s.links) {
    out.push(
      `  ${l.edge}: delivered ${l.delivered}, gaps ${l.droppedGap}, deadline misses ${l.deadlineMisses}, stale ${l.stale ? "now" : "no"} (${l.staleEpisodes} episodes), producer restarts seen ${l.seqResets}, bad frames ${l.badFrames}`,
    );
  }
  return out.join("\n");
}
