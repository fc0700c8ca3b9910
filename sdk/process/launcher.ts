// A graph placed in more than one process (run through run-graph.ts): plan, supervise the workers for
// the run's duration (or until its signal aborts), stop them producers-first, and merge one summary
// that covers every process. Processes on other boards are started through their `reflex agent`.
import { readFile } from "node:fs/promises";
import type { Graph } from "../graph/model.js";
import type { RunSummary } from "../telemetry/summary.js";
import { formatSummary } from "../telemetry/summary.js";
import { planRun, type PlanOptions, type RunPlan } from "./plan.js";
import { endOfRun } from "./run-end.js";
import { openRunDir } from "./run-dir.js";
import { AgentClient } from "./remote-child.js";
import { freePorts, readRemoteKeys, remoteHostOf } from "./remote-hosts.js";
import { readKeyPair } from "../transport/index.js";
import type { LinkReport, WorkerReport } from "./protocol.js";
import { Supervisor, type SupervisorEvents, type SupervisorOptions, type WorkerState } from "./supervisor.js";

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
  /** Called with the supervisor before any worker starts (the dashboard shows the processes starting). */
  readonly onSupervisor?: (sup: Supervisor) => void;
  /** Dashboard on: workers report a sliding window of their figures (see WorkerSetup.live). */
  readonly live?: SupervisorOptions["live"];
  /** HIL: corruption faults per cross-process edge, and the node types workers load (fault nodes). */
  readonly linkFaults?: PlanOptions["linkFaults"];
  readonly registry?: SupervisorOptions["registry"];
}

export interface MultiRunResult {
  readonly failed: string[];
  readonly summary: MultiProcessSummary;
}

/** True when the graph places nodes in more than one process. */
export function isMultiProcess(graph: Graph): boolean {
  return new Set([...graph.nodes.values()].map((n) => n.process)).size > 1;
}

export async function runMultiProcess(graph: Graph, opts: MultiRunOptions): Promise<MultiRunResult> {
  const runDir = await openRunDir();
  const agents = new Map<string, AgentClient>();
  try {
    const keys = await readRemoteKeys(graph.processes);
    const plan = planRun(graph, runDir.path, {
      keys,
      localPorts: keys.size > 0 ? await freePorts(graph.edges.length) : [],
      ...(opts.linkFaults ? { linkFaults: opts.linkFaults } : {}),
    });
    const note = opts.note ?? ((l: string) => process.stderr.write(`${l}\n`));
    await connectAgents(plan, opts.configFile, agents);
    for (const a of agents.values()) note(`agent at ${a.endpoint}: ${a.peer?.host} (pid ${a.peer?.pid})`);
    const sup = new Supervisor(
      plan,
      {
        configFile: opts.configFile,
        ...(opts.sets ? { sets: opts.sets } : {}),
        ...(opts.logLevel ? { logLevel: opts.logLevel } : {}),
        note,
        spawnRemote: (p) => agents.get(p.remote!.agentEndpoint)!.spawn(p.name, p.env),
        ...(opts.live ? { live: opts.live } : {}),
        ...(opts.registry ? { registry: opts.registry } : {}),
      },
      {
        ...opts.events,
        onRestarted: (name, pid) => {
          note(`worker ${name} restarted (pid ${pid})`);
          opts.events?.onRestarted?.(name, pid);
        },
      },
    );
    opts.onSupervisor?.(sup);
    await sup.start();
    note(`workers running: ${[...sup.workers.values()].map((w) => `${w.plan.name} (pid ${w.pid})`).join(", ")}`);
    opts.onStarted?.(sup);
    await endOfRun(opts.durationS, opts.signal);
    await sup.stop(opts.flushMs ?? 2000);
    return { failed: sup.failed, summary: mergeSummaries(graph.name, plan, sup) };
  } finally {
    await Promise.all([...agents.values()].map((a) => a.close()));
    await runDir.remove();
  }
}

/** One connection per agent the plan uses, each welcomed; throws saying which agent and why not. */
export async function connectAgents(plan: RunPlan, configFile: string, out: Map<string, AgentClient>): Promise<void> {
  const remote = plan.processes.filter((p) => p.remote);
  if (remote.length === 0) return;
  const configText = await readFile(configFile, "utf8");
  for (const p of remote) {
    const r = p.remote!;
    if (out.has(r.agentEndpoint)) continue;
    const client = new AgentClient({
      endpoint: r.agentEndpoint,
      serverKey: r.keys.trusted[0] as string,
      keys: await readKeyPair(r.keys.secretFile),
      configText,
    });
    await client.connect().catch((err: unknown) => {
      throw new Error(`process "${p.name}" (host ${r.address}): ${(err as Error).message}`);
    });
    out.set(r.agentEndpoint, client);
  }
}

/**
 * For `reflex validate`: whether each process placed on another board has readable keys and an agent
 * that answers. Returns one line per problem, naming the process, what failed and what to do.
 */
export async function checkRemoteHosts(graph: Graph, timeoutMs = 2000): Promise<{ process: string; problem: string }[]> {
  const processes = graph.processes;
  const problems: { process: string; problem: string }[] = [];
  let keys: Awaited<ReturnType<typeof readRemoteKeys>>;
  try {
    keys = await readRemoteKeys(processes);
  } catch (err) {
    const m = /^processes\.([^.]+)\./.exec((err as Error).message);
    return [{ process: m?.[1] ?? "", problem: (err as Error).message }];
  }
  for (const [name, k] of keys) {
    const host = processes![name]!.host!;
    const r = remoteHostOf(host)!;
    const client = new AgentClient({ endpoint: r.agentEndpoint, serverKey: k.trusted[0] as string, keys: await readKeyPair(k.secretFile), configText: "" });
    try {
      await client.connect(timeoutMs);
    } catch (err) {
      problems.push({ process: name, problem: (err as Error).message });
    } finally {
      await client.close();
    }
  }
  return problems;
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
