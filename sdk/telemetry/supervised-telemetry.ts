// The dashboard source of a multi-process run: every worker keeps its own sliding window (window.ts) and
// sends its figures with each report; this merges the newest report of each worker with what the
// supervisor knows (state, pid, restarts, why a worker died) into one DashboardSnapshot. Nodes and edges
// nothing has been reported for yet are shown idle, so the page always has the whole graph.
import type { Graph } from "../graph/model.js";
import { RealClock } from "../core/clock.js";
import { EventLog, toEventSnap, type RawEvent } from "./events.js";
import type { Usage } from "./process-usage.js";
import { edgeId } from "../graph/ids.js";
import { graphShape, idleEdge, idleNode, type DashboardSource, type DeviceSource, type GraphShape } from "./snapshot.js";
import type { DashboardSnapshot, EdgeSnap, Health, LinkSnap, NodeSnap, PathSnap, ProcessSnap } from "./snapshot-types.js";
import { DEFAULT_INTERVAL_MS, DEFAULT_WINDOW_S, type LiveParts, type WindowOptions } from "./window.js";

/** What this needs of a worker's report on the links it consumes (sdk/process's LinkReport has it). */
export interface SupervisedLinkIn {
  readonly edge: string;
  readonly badFrames: number;
  readonly seqResets: number;
  readonly wrongType?: number;
  readonly wrongTopic?: number;
  readonly protocolDrops?: number;
}

/** ... and on the links it sends on (sdk/process's SendReport). */
export interface SupervisedLinkOut {
  readonly edge: string;
  readonly noReceiver: number;
  readonly queueFull: number;
  readonly junk: number;
}

/** What this needs of a supervised worker (sdk/process's WorkerRecord has it). */
export interface SupervisedWorker {
  readonly plan: { readonly name: string; readonly nodes: readonly string[] };
  readonly state: string;
  readonly pid: number | undefined;
  readonly restarts: number;
  readonly lastDeath?: string;
  /** One report per incarnation, newest last. */
  readonly reports: readonly (
    | { readonly usage?: Usage; readonly live?: LiveParts; readonly links?: readonly SupervisedLinkIn[]; readonly sends?: readonly SupervisedLinkOut[] }
    | undefined
  )[];
}

export interface SupervisedRun {
  readonly workers: ReadonlyMap<string, SupervisedWorker>;
}

const STATE: Record<string, ProcessSnap["state"]> = {
  starting: "starting",
  ready: "starting",
  running: "running",
  restarting: "restarting",
  stopping: "running",
  stopped: "stopped",
  failed: "dead",
};

export class SupervisedTelemetry implements DashboardSource {
  private run: SupervisedRun | undefined;
  private readonly clock = new RealClock();
  private readonly startedNs = this.clock.nowNs();
  private readonly events = new EventLog();
  /** Per process: the clock time of the newest worker event already taken in. */
  private readonly seen = new Map<string, number>();
  readonly windowS: number;

  constructor(
    private readonly graph: Graph,
    private readonly device?: DeviceSource,
    window: WindowOptions = {},
  ) {
    const interval = window.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.windowS = (Math.max(1, Math.round(((window.windowS ?? DEFAULT_WINDOW_S) * 1000) / interval)) * interval) / 1000;
  }

  /** The run to read (the launcher calls this before starting any worker). */
  attach(run: SupervisedRun): void {
    this.run = run;
  }

  /** Hooks for the supervisor's events (pass as MultiRunOptions.events). */
  supervisorEvents(): { onDeath: (name: string, why: string, restartInMs: number | undefined) => void; onRestarted: (name: string, pid: number) => void } {
    return {
      onDeath: (name, why, restartInMs) =>
        this.push({ atNs: this.clock.nowNs(), kind: restartInMs !== undefined ? "restart" : "error", where: name, detail: `worker died (${why})${restartInMs !== undefined ? `: restarting in ${restartInMs} ms` : ": not restarted"}` }),
      onRestarted: (name, pid) => this.push({ atNs: this.clock.nowNs(), kind: "restart", where: name, detail: `worker restarted (pid ${pid})` }),
    };
  }

  shape(): GraphShape {
    return graphShape(this.graph);
  }

  snapshot(): DashboardSnapshot {
    const workers = [...(this.run?.workers.values() ?? [])];
    const live = new Map<string, LiveParts>();
    const usage = new Map<string, Usage>();
    for (const w of workers) {
      const last = [...w.reports].reverse().find((r) => r !== undefined);
      if (last?.usage) usage.set(w.plan.name, last.usage);
      if (last?.live) {
        live.set(w.plan.name, last.live);
        this.ingest(w.plan.name, last.live.events);
      }
    }
    const stateOf = new Map(workers.map((w) => [w.plan.name, STATE[w.state] ?? "starting"]));
    // A node whose worker is down keeps its last figures, marked by the worker's state.
    const downHealth = (process: string): Health | undefined => {
      const s = stateOf.get(process);
      return s === "dead" ? "error" : s === "restarting" ? "stale" : undefined;
    };

    const reportedNodes = new Map<string, NodeSnap>();
    const reportedEdges = new Map<string, EdgeSnap>();
    const paths: PathSnap[] = [];
    for (const parts of live.values()) {
      for (const n of parts.nodes) reportedNodes.set(n.id, n);
      for (const e of parts.edges) reportedEdges.set(e.id, e);
      paths.push(...parts.paths);
    }
    const nodes: NodeSnap[] = [...this.graph.nodes.values()].map((g) => {
      const n = reportedNodes.get(g.id) ?? idleNode(g);
      const down = downHealth(g.process);
      return down ? { ...n, health: down } : n;
    });
    const links = linkSnaps(workers);
    const edges: EdgeSnap[] = this.graph.edges.map((g) => {
      const id = edgeId(g);
      const e = reportedEdges.get(id) ?? idleEdge(g, this.graph.nodes.get(g.to.node)?.process ?? "main");
      const link = links.get(id);
      return link ? { ...e, link } : e;
    });
    const processes: ProcessSnap[] = workers.map((w) => {
      const u = usage.get(w.plan.name);
      return {
        name: w.plan.name,
        pid: w.pid ?? 0,
        state: stateOf.get(w.plan.name)!,
        cpuPct: u?.cpuPct ?? 0,
        rssMb: u?.rssMb ?? 0,
        restarts: w.restarts,
        nodes: [...w.plan.nodes],
        ...(w.lastDeath !== undefined ? { lastDeath: w.lastDeath } : {}),
      };
    });
    const events = this.events
      .list()
      .sort((a, b) => a.atNs - b.atNs)
      .map((e) => toEventSnap(e, this.startedNs));
    return {
      v: 1,
      graph: this.graph.name,
      clock: "real",
      atMs: Math.round((this.clock.nowNs() - this.startedNs) / 1e3) / 1e3,
      windowS: this.windowS,
      nodes,
      edges,
      paths,
      processes,
      device: this.device?.snap() ?? { source: "none", note: "device figures are not sampled in this run" },
      events,
    };
  }

  private ingest(process: string, events: readonly RawEvent[]): void {
    const after = this.seen.get(process) ?? Number.NEGATIVE_INFINITY;
    let newest = after;
    for (const e of events) {
      if (e.atNs <= after) continue;
      this.push(e);
      if (e.atNs > newest) newest = e.atNs;
    }
    this.seen.set(process, newest);
  }

  private push(e: RawEvent): void {
    this.events.push(e);
  }
}

/**
 * Each cross-process edge's link figures, summed over every incarnation of both its workers: the
 * consumer reports what it refused, the producer what it lost with no receiver there.
 */
function linkSnaps(workers: readonly SupervisedWorker[]): Map<string, LinkSnap> {
  const out = new Map<string, { -readonly [K in keyof LinkSnap]: number }>();
  const of = (edge: string): { -readonly [K in keyof LinkSnap]: number } => {
    let s = out.get(edge);
    if (!s) out.set(edge, (s = { noReceiver: 0, queueFull: 0, badFrames: 0, wrongType: 0, wrongTopic: 0, junk: 0, seqResets: 0, protocolDrops: 0 }));
    return s;
  };
  for (const w of workers) {
    for (const r of w.reports) {
      for (const l of r?.links ?? []) {
        const s = of(l.edge);
        s.badFrames += l.badFrames;
        s.wrongType += l.wrongType ?? 0;
        s.wrongTopic += l.wrongTopic ?? 0;
        s.seqResets += l.seqResets;
        s.protocolDrops += l.protocolDrops ?? 0;
      }
      for (const l of r?.sends ?? []) {
        const s = of(l.edge);
        s.noReceiver += l.noReceiver;
        s.queueFull += l.queueFull;
        s.junk += l.junk;
      }
    }
  }
  return out;
}
