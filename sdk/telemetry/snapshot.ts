// Builds the dashboard's DashboardSnapshot (the contract in snapshot-types.ts) from a one-process run:
// the runtime's MetricsRegistry through a TelemetryWindow, this process's CPU and RSS, the device
// sampler's figures and the window's events. Multi-process runs: supervised-telemetry.ts.
import type { Graph } from "../graph/model.js";
import { edgeId, portKey } from "../graph/ids.js";
import type { Cancel, Clock } from "../core/clock.js";
import { toEventSnap } from "./events.js";
import { ProcessUsage } from "./process-usage.js";
import type { MetricsRegistry } from "../core/stats.js";
import type { DashboardMessage, DashboardSnapshot, DeviceSnap, EdgeSnap, LatencySnap, NodeSnap, ProcessSnap } from "./snapshot-types.js";
import { TelemetryWindow, type LiveParts, type WindowOptions } from "./window.js";

export type GraphShape = Extract<DashboardMessage, { t: "hello" }>["graph"];

/** What the dashboard server reads: the graph's shape once, a snapshot a few times a second. */
export interface DashboardSource {
  shape(): GraphShape;
  snapshot(): DashboardSnapshot;
}

/** Something that knows the GPU / SoC figures (sdk/device's DeviceSampler). */
export interface DeviceSource {
  snap(): DeviceSnap;
}

const NO_DEVICE: DeviceSource = { snap: () => ({ source: "none", note: "device figures are not sampled in this run" }) };

export function graphShape(graph: Graph): GraphShape {
  return {
    name: graph.name,
    nodes: [...graph.nodes.values()].map((n) => ({ id: n.id, type: n.type, process: n.process })),
    edges: graph.edges.map((e) => ({ id: edgeId(e), from: portKey(e.from), to: portKey(e.to) })),
  };
}

export const emptyLatency = (): LatencySnap => ({ count: 0, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0, buckets: [] });

/** A node nothing is known about yet (its worker has not reported). */
export function idleNode(n: { id: string; type: string; process: string }): NodeSnap {
  return { id: n.id, type: n.type, process: n.process, ratePerS: 0, errors: 0, processing: emptyLatency(), gauges: {}, health: "idle" };
}

export function idleEdge(e: Graph["edges"][number], process: string): EdgeSnap {
  return {
    id: edgeId(e),
    from: portKey(e.from),
    to: portKey(e.to),
    ratePerS: 0,
    depth: 0,
    maxDepth: 0,
    drops: 0,
    deadlineMisses: 0,
    dropsInWindow: 0,
    missesInWindow: 0,
    stale: false,
    ageMs: 0,
    ...(e.qos.deadlineMs !== undefined ? { deadlineMs: e.qos.deadlineMs } : {}),
    health: "idle",
    process,
  };
}

export interface LocalTelemetryOptions {
  readonly registry: MetricsRegistry;
  readonly graph: Graph;
  readonly clock: Clock;
  /** Process group name (default "main"). */
  readonly process?: string;
  readonly window?: WindowOptions;
  readonly device?: DeviceSource;
}

/** The dashboard source of a one-process run. */
export class LocalTelemetry implements DashboardSource {
  readonly window: TelemetryWindow;
  private readonly usage = new ProcessUsage();
  private cancel: Cancel | undefined;
  private usageTimer: NodeJS.Timeout | undefined;
  private cached: { ticks: number; parts: LiveParts } | undefined;
  private readonly processName: string;

  constructor(private readonly opts: LocalTelemetryOptions) {
    this.processName = opts.process ?? "main";
    this.window = new TelemetryWindow(opts.registry, opts.graph, this.processName, opts.clock.nowNs(), opts.window);
  }

  /** Starts sampling: the window on the run's clock, CPU and RSS once a second. */
  start(): void {
    this.cancel ??= this.window.start(this.opts.clock);
    if (!this.usageTimer) {
      this.usageTimer = setInterval(() => this.usage.sample(), 1000);
      this.usageTimer.unref();
    }
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.usageTimer) clearInterval(this.usageTimer);
    this.usageTimer = undefined;
  }

  shape(): GraphShape {
    return graphShape(this.opts.graph);
  }

  /** The window's figures, computed once per window interval however often they are asked for. */
  parts(): LiveParts {
    const w = this.window;
    if (this.cached?.ticks !== w.ticks) this.cached = { ticks: w.ticks, parts: w.parts() };
    return this.cached.parts;
  }

  snapshot(): DashboardSnapshot {
    const parts = this.parts();
    const reg = this.opts.registry;
    // The virtual clock starts at 0: a zero start stamp is a real one.
    const startedNs = reg.startedNs;
    const u = this.usage.last;
    const proc: ProcessSnap = {
      name: this.processName,
      pid: process.pid,
      state: reg.stoppedNs > reg.startedNs ? "stopped" : "running",
      cpuPct: u.cpuPct,
      rssMb: u.rssMb,
      restarts: 0,
      nodes: [...this.opts.graph.nodes.keys()],
    };
    return {
      v: 1,
      graph: this.opts.graph.name,
      clock: this.opts.clock.kind,
      atMs: Math.max(0, Math.round((parts.atNs - startedNs) / 1e3) / 1e3),
      windowS: parts.windowS,
      nodes: parts.nodes,
      edges: parts.edges,
      paths: parts.paths,
      processes: [proc],
      device: (this.opts.device ?? NO_DEVICE).snap(),
      events: parts.events.map((e) => toEventSnap(e, startedNs)),
    };
  }
}
