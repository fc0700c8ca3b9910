// The dashboard's view of one runtime's MetricsRegistry: every node, edge and path over a sliding
// window (default the last 10 s in 250 ms intervals). A timer on the runtime clock calls tick() once per
// interval; tick samples the all-time histograms and counters (latency-window.ts), so the hot path pays
// nothing for the window. tick also turns counter growth into events (misses, drops, errors, stale)
// and a watchdog's hold episodes into hold events.
import type { Graph } from "../graph/model.js";
import { portKey } from "../graph/ids.js";
import { type Cancel, type Clock, msToNs, nsToMs } from "../core/clock.js";
import { EventLog, type RawEvent } from "./events.js";
import { edgeHealth, nodeHealth } from "./health.js";
import { CounterWindow, LatencyWindow } from "./latency-window.js";
import type { EdgeStats, MetricsRegistry, NodeStats, PathStats } from "../core/stats.js";
import type { EdgeSnap, Health, NodeSnap, PathSnap } from "./snapshot-types.js";

export interface WindowOptions {
  /** Interval between samples, ms (default 250). */
  readonly intervalMs?: number;
  /** Window length, s (default 10). Rounded to whole intervals. */
  readonly windowS?: number;
}

export const DEFAULT_INTERVAL_MS = 250;
export const DEFAULT_WINDOW_S = 10;

/** A duration for an event's text: "40 ms", "2300 ms". */
const fmtMs = (ns: number): string => `${Math.round(nsToMs(ns))} ms`;

/** One runtime's figures over the window: what a worker sends the launcher, and what a snapshot holds. */
export interface LiveParts {
  /** Clock time of the last tick, and of the runtime's start (ns). */
  readonly atNs: number;
  readonly startedNs: number;
  readonly windowS: number;
  readonly nodes: NodeSnap[];
  readonly edges: EdgeSnap[];
  readonly paths: PathSnap[];
  /** Newest last, bounded. */
  readonly events: RawEvent[];
}

interface NodeTrack {
  readonly stats: NodeStats;
  readonly processing: LatencyWindow;
  readonly out: CounterWindow;
  readonly errors: CounterWindow;
  /** The `hold_episodes` and `holding` gauges at the last tick (a watchdog's; see holdEvents). */
  holdEpisodes: number;
  holding: boolean;
}

interface EdgeTrack {
  readonly stats: EdgeStats;
  readonly delivered: CounterWindow;
  readonly drops: CounterWindow;
  /** Queue and gap drops: the ones that are not by design. */
  readonly loss: CounterWindow;
  readonly misses: CounterWindow;
  readonly deadlineMs: number | undefined;
  wasStale: boolean;
}

interface PathTrack {
  readonly stats: PathStats;
  readonly latency: LatencyWindow;
  readonly deadlineMs: number | undefined;
  readonly into: EdgeTrack[];
}

export class TelemetryWindow {
  readonly intervalMs: number;
  readonly intervals: number;
  readonly events = new EventLog();
  private readonly nodeTracks = new Map<string, NodeTrack>();
  private readonly edgeTracks = new Map<string, EdgeTrack>();
  private readonly pathTracks = new Map<number, PathTrack>();
  private readonly times: CounterWindow;
  private lastNs = 0;
  /** Intervals closed so far (a cache key for what parts() returns). */
  ticks = 0;
  private fullPathCount = -1;
  private fullPathIds: number[] = [];

  constructor(
    readonly registry: MetricsRegistry,
    /** Node types, processes and edge deadlines; without it they come from the registry alone. */
    readonly graph: Graph | undefined,
    /** Process name for nodes the graph does not place. */
    readonly process: string,
    nowNs: number,
    opts: WindowOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
    if (!(this.intervalMs > 0)) throw new RangeError(`window interval must be > 0 ms, got ${this.intervalMs}`);
    this.intervals = Math.max(1, Math.round(((opts.windowS ?? DEFAULT_WINDOW_S) * 1000) / this.intervalMs));
    this.times = new CounterWindow(this.intervals);
    this.times.sample(nowNs);
    this.lastNs = nowNs;
    // What happened before the window was attached is not in it.
    this.track(true);
  }

  get windowS(): number {
    return (this.intervals * this.intervalMs) / 1000;
  }

  /** Samples every figure on `clock` every interval until the returned function is called. */
  start(clock: Clock): Cancel {
    return clock.every(msToNs(this.intervalMs), () => this.tick(clock.nowNs()), clock.nowNs() + msToNs(this.intervalMs));
  }

  /** Closes an interval: samples every histogram and counter, and records events for what grew. */
  tick(nowNs: number): void {
    this.track(false);
    this.times.sample(nowNs);
    this.lastNs = nowNs;
    this.ticks++;
    for (const t of this.nodeTracks.values()) {
      t.processing.sample();
      t.out.sample(this.outCount(t.stats));
      t.errors.sample(t.stats.errors);
      const e = t.errors.lastDelta;
      if (e > 0) this.event(nowNs, "error", t.stats.id, `${e} error${e === 1 ? "" : "s"} (${t.stats.errors} since start): see the log`);
      this.holdEvents(nowNs, t);
    }
    for (const t of this.edgeTracks.values()) {
      const s = t.stats;
      t.delivered.sample(s.delivered);
      t.drops.sample(s.drops);
      t.loss.sample(s.droppedQueue + s.droppedGap);
      t.misses.sample(s.deadlineMisses);
      const m = t.misses.lastDelta;
      if (m > 0) {
        const deadline = t.deadlineMs !== undefined ? ` (deadline ${t.deadlineMs} ms)` : "";
        const silentNs = this.silentNs(s, nowNs);
        // A miss with nothing delivered (a cross-process edge's watch counts one per deadline without
        // input) is a silent producer: the age of the last message it once sent says nothing.
        const silent = t.delivered.lastDelta === 0 || (t.deadlineMs !== undefined && silentNs > msToNs(t.deadlineMs));
        const why = silent
          ? `no input for ${fmtMs(silentNs)}${s.delivered === 0 ? " (none since start)" : ""}: its producer is silent or gone`
          : `newest input delivered ${nsToMs(s.lastAgeNs).toFixed(2)} ms old`;
        this.event(nowNs, "deadline-miss", s.id, `${m} deadline miss${m === 1 ? "" : "es"}${deadline}; ${why}`);
      }
      const l = t.loss.lastDelta;
      if (l > 0) this.event(nowNs, "drop", s.id, `${l} message${l === 1 ? "" : "s"} dropped (queue ${s.droppedQueue}, gap ${s.droppedGap} since start)`);
      if (s.stale && !t.wasStale) this.event(nowNs, "stale", s.id, `input stale: its producer is gone or silent past the deadline (no input for ${fmtMs(this.silentNs(s, nowNs))})`);
      t.wasStale = s.stale;
    }
    for (const id of this.fullPathIds) this.pathTracks.get(id)?.latency.sample();
  }

  /** The window's figures (as of the last tick). */
  parts(): LiveParts {
    const secs = this.coveredS();
    const rate = (n: number): number => (secs > 0 ? Math.round((n / secs) * 100) / 100 : 0);
    const edges: EdgeSnap[] = [];
    const edgeHealthById = new Map<string, Health>();
    for (const t of this.edgeTracks.values()) {
      const s = t.stats;
      const health = edgeHealth({ stale: s.stale, deliveredInWindow: t.delivered.delta, missesInWindow: t.misses.delta, lossInWindow: t.loss.delta });
      edgeHealthById.set(s.id, health);
      edges.push({
        id: s.id,
        from: s.from,
        to: s.to,
        ratePerS: rate(t.delivered.delta),
        depth: s.depth,
        maxDepth: s.maxDepth,
        drops: s.drops,
        deadlineMisses: s.deadlineMisses,
        dropsInWindow: t.drops.delta,
        missesInWindow: t.misses.delta,
        stale: s.stale,
        ageMs: Math.round(s.lastAgeNs / 1e3) / 1e3,
        ...(t.deadlineMs !== undefined ? { deadlineMs: t.deadlineMs } : {}),
        health,
        delivered: s.delivered,
        dropsByKind: { queue: s.droppedQueue, throttle: s.droppedThrottle, gap: s.droppedGap },
        process: this.processOf(s.to.split("/")[0]!),
      });
    }
    const nodes: NodeSnap[] = [];
    for (const t of this.nodeTracks.values()) {
      const s = t.stats;
      const processing = t.processing.snap();
      const inbound = edges.filter((e) => e.to.startsWith(`${s.id}/`)).map((e) => edgeHealthById.get(e.id)!);
      const active = t.out.delta > 0 || processing.count > 0;
      nodes.push({
        id: s.id,
        type: s.type,
        process: this.processOf(s.id),
        ratePerS: rate(t.out.delta),
        errors: s.errors,
        processing,
        gauges: Object.fromEntries(s.gauges),
        health: nodeHealth(t.errors.delta, active, inbound),
        total: this.outCount(s),
        errorsInWindow: t.errors.delta,
      });
    }
    const paths: PathSnap[] = [];
    for (const id of this.fullPathIds) {
      const t = this.pathTracks.get(id);
      if (!t) continue;
      paths.push({
        id: t.stats.id,
        nodes: t.stats.nodes,
        latency: t.latency.snap(),
        ...(t.deadlineMs !== undefined ? { deadlineMs: t.deadlineMs } : {}),
        total: t.stats.latency.count,
        missesInWindow: t.into.reduce((a, e) => a + e.misses.delta, 0),
      });
    }
    return { atNs: this.lastNs, startedNs: this.registry.startedNs, windowS: this.windowS, nodes, edges, paths, events: this.events.list() };
  }

  /** Seconds the window's figures cover: the whole window once the run is that old. */
  coveredS(): number {
    // Time before the runtime started (nodes loading models) had no chance of traffic: not counted.
    const from = Math.max(this.times.oldest, this.registry.startedNs);
    return Math.max(0, this.times.newest - from) / 1e9;
  }

  /** How long an edge has gone without a delivery (since the run started when it never had one). */
  private silentNs(s: EdgeStats, nowNs: number): number {
    return Math.max(0, nowNs - (s.delivered > 0 ? s.lastDeliveredNs : this.registry.startedNs));
  }

  /**
   * A watchdog (nodes/safety/watchdog.ts) reports its holds as gauges, `hold_episodes` and `holding`
   * among them: telemetry cannot import node types, so any node with these gauges gets hold events, one
   * when an episode begins (the robot is held at zero velocity) and one when it resumes.
   */
  private holdEvents(nowNs: number, t: NodeTrack): void {
    const g = t.stats.gauges;
    const episodes = g.get("hold_episodes");
    if (episodes === undefined) return;
    const began = episodes - t.holdEpisodes;
    const holding = g.get("holding") === 1;
    const wasHolding = t.holding;
    t.holdEpisodes = episodes;
    t.holding = holding;
    const holdNs = g.get("last_hold_ns");
    const resumeNs = g.get("last_resume_ns");
    const held = holdNs !== undefined && resumeNs !== undefined && resumeNs > holdNs ? fmtMs(resumeNs - holdNs) : undefined;
    if (began > 0) {
      const deadline = this.graph?.nodes.get(t.stats.id)?.params["deadline_ms"];
      const stale = typeof deadline === "number" ? `the newest action is older than its ${deadline} ms deadline` : "the newest action is stale";
      const what = began === 1 ? `hold episode ${episodes}` : `${began} hold episodes, ${episodes} since start`;
      const after = holding ? "" : `; resumed${held !== undefined ? ` after ${held}` : ""}`;
      this.event(nowNs, "hold", t.stats.id, `holding at zero velocity: ${stale} (${what})${after}`);
    } else if (wasHolding && !holding) {
      this.event(nowNs, "hold", t.stats.id, `resumed: fresh actions again${held !== undefined ? ` after ${held} on hold` : ""}`);
    }
  }

  private event(atNs: number, kind: RawEvent["kind"], where: string, detail: string): void {
    this.events.push({ atNs, kind, where, detail });
  }

  /** A node's count: what it emitted; a sink's: what it consumed (as in the end-of-run table). */
  private outCount(s: NodeStats): number {
    if (s.emitted > 0) return s.emitted;
    let n = 0;
    for (const e of this.edgeTracks.values()) if (e.stats.to.startsWith(`${s.id}/`)) n += e.stats.delivered;
    return n;
  }

  private processOf(node: string): string {
    return this.graph?.nodes.get(node)?.process ?? this.process;
  }

  /** Starts tracking what the registry gained since the last call (paths appear with their first message). */
  private track(prime: boolean): void {
    const reg = this.registry;
    const n = this.intervals;
    if (this.nodeTracks.size !== reg.nodes.size) {
      for (const s of reg.nodes.values()) {
        if (this.nodeTracks.has(s.id)) continue;
        const t: NodeTrack = { stats: s, processing: new LatencyWindow(s.processing, n), out: new CounterWindow(n), errors: new CounterWindow(n), holdEpisodes: 0, holding: false };
        if (prime) {
          t.processing.prime();
          t.errors.sample(s.errors);
          t.holdEpisodes = s.gauges.get("hold_episodes") ?? 0;
          t.holding = s.gauges.get("holding") === 1;
        }
        this.nodeTracks.set(s.id, t);
      }
    }
    if (this.edgeTracks.size !== reg.edges.size) {
      for (const s of reg.edges.values()) {
        if (this.edgeTracks.has(s.id)) continue;
        const t: EdgeTrack = {
          stats: s,
          delivered: new CounterWindow(n),
          drops: new CounterWindow(n),
          loss: new CounterWindow(n),
          misses: new CounterWindow(n),
          deadlineMs: this.deadlineOf(s.from, s.to),
          wasStale: s.stale,
        };
        if (prime) {
          t.delivered.sample(s.delivered);
          t.drops.sample(s.drops);
          t.loss.sample(s.droppedQueue + s.droppedGap);
          t.misses.sample(s.deadlineMisses);
        }
        this.edgeTracks.set(s.id, t);
      }
    }
    if (prime) for (const t of this.nodeTracks.values()) t.out.sample(this.outCount(t.stats));
    if (this.fullPathCount !== reg.paths.size) {
      // fullPaths() compares every pair: only worth redoing when a path appeared. Prefixes of longer
      // paths are not shown, so they get no window (no scan per interval).
      const full = new Set(reg.fullPaths());
      this.fullPathIds = [...reg.paths].filter(([, p]) => full.has(p)).map(([id]) => id);
      this.fullPathCount = reg.paths.size;
      for (const id of this.fullPathIds) {
        if (this.pathTracks.has(id)) continue;
        const s = reg.paths.get(id)!;
        const k = s.nodes.length;
        const into = [...this.edgeTracks.values()].filter((e) => e.stats.from.startsWith(`${s.nodes[k - 2]}/`) && e.stats.to.startsWith(`${s.nodes[k - 1]}/`));
        const deadlines = into.map((e) => e.deadlineMs).filter((d): d is number => d !== undefined);
        const t: PathTrack = { stats: s, latency: new LatencyWindow(s.latency, n), deadlineMs: deadlines.length > 0 ? Math.min(...deadlines) : undefined, into };
        if (prime) t.latency.prime();
        this.pathTracks.set(id, t);
      }
    }
  }

  private deadlineOf(from: string, to: string): number | undefined {
    if (!this.graph) return undefined;
    for (const e of this.graph.edges) {
      if (portKey(e.from) === from && portKey(e.to) === to) return e.qos.deadlineMs;
    }
    return undefined;
  }
}
