// The contract between the server side of the dashboard (sdk/telemetry, sdk/dashboard) and the page
// (dashboard/): what `/api/snapshot` returns and what each WebSocket message carries. Plain JSON, all
// figures already aggregated on the server over the sliding window, so the page only draws.
// Bump `v` on any change that breaks an older page.
import type { DeviceSnap } from "../device/device-snap.js";

export type { DeviceSnap };

/** Latency figures over the sliding window, in microseconds. */
export interface LatencySnap {
  /** Samples in the window. */
  readonly count: number;
  readonly p50Us: number;
  readonly p90Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  /** The window's histogram, coarse (log-spaced upper bounds), for the per-node histogram view. */
  readonly buckets: readonly { readonly leUs: number; readonly count: number }[];
}

export type Health = "ok" | "warn" | "error" | "stale" | "idle";

export interface NodeSnap {
  readonly id: string;
  readonly type: string;
  /** Process group the node runs in ("main" in a one-process run). */
  readonly process: string;
  /** Messages emitted per second over the window (consumed per second for sinks). */
  readonly ratePerS: number;
  readonly errors: number;
  readonly processing: LatencySnap;
  /** The node's own figures (tokens kept, cache hit rate, steps run, ...): last value. */
  readonly gauges: Readonly<Record<string, number>>;
  readonly health: Health;
  /** Messages emitted (consumed for sinks) since start. Optional: added after v1. */
  readonly total?: number;
  /** Errors within the window. Optional: added after v1. */
  readonly errorsInWindow?: number;
}

export interface EdgeSnap {
  /** "<from node>/<port> -> <to node>/<port>" */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly ratePerS: number;
  readonly depth: number;
  readonly maxDepth: number;
  /** All-time totals since start ... */
  readonly drops: number;
  readonly deadlineMisses: number;
  /** ... and within the window. */
  readonly dropsInWindow: number;
  readonly missesInWindow: number;
  readonly stale: boolean;
  /** Age (capture to consumption) of the last delivered message, ms. */
  readonly ageMs: number;
  readonly deadlineMs?: number;
  readonly health: Health;
  /** Messages delivered since start. Optional: added after v1. */
  readonly delivered?: number;
  /** All-time drops by cause (throttle drops are by design and do not count against health). Optional. */
  readonly dropsByKind?: { readonly queue: number; readonly throttle: number; readonly gap: number };
  /** The process that consumes on this edge (where its figures come from). Optional. */
  readonly process?: string;
}

export interface PathSnap {
  /** "a > b > c" */
  readonly id: string;
  readonly nodes: readonly string[];
  readonly latency: LatencySnap;
  /** The budget drawn on the chart: the deadline_ms of the edge into the path's sink, if any. */
  readonly deadlineMs?: number;
  /** Messages that completed the path since start. Optional: added after v1. */
  readonly total?: number;
  /** Deadline misses on the edge into the path's sink within the window. Optional. */
  readonly missesInWindow?: number;
}

export interface ProcessSnap {
  readonly name: string;
  readonly pid: number;
  readonly state: "starting" | "running" | "restarting" | "dead" | "stopped";
  readonly cpuPct: number;
  readonly rssMb: number;
  readonly restarts: number;
  /** Nodes placed in the process. Optional: added after v1. */
  readonly nodes?: readonly string[];
  /** Why it last died, if it did. Optional. */
  readonly lastDeath?: string;
}

/** A recent event (deadline miss, drop burst, worker restart, node error, a watchdog's hold), newest last. */
export interface EventSnap {
  readonly atMs: number;
  /** "hold" was added after v1: an older page shows it as an unknown kind, so v stays 1. */
  readonly kind: "deadline-miss" | "drop" | "restart" | "error" | "stale" | "hold";
  readonly where: string;
  readonly detail: string;
}

export interface DashboardSnapshot {
  readonly v: 1;
  readonly graph: string;
  readonly clock: "real" | "virtual";
  /** Clock time of the snapshot since the run started, ms: the x axis of the page's charts. */
  readonly atMs: number;
  /** Length of the sliding window the figures cover, s. */
  readonly windowS: number;
  readonly nodes: readonly NodeSnap[];
  readonly edges: readonly EdgeSnap[];
  readonly paths: readonly PathSnap[];
  readonly processes: readonly ProcessSnap[];
  readonly device: DeviceSnap;
  /** Bounded (the newest 50). */
  readonly events: readonly EventSnap[];
}

/** WebSocket messages server -> page. The first message after connecting is "hello". */
export type DashboardMessage =
  | {
      readonly t: "hello";
      /** Graph structure for the layout: does not change during a run. */
      readonly graph: { readonly name: string; readonly nodes: readonly { readonly id: string; readonly type: string; readonly process: string }[]; readonly edges: readonly { readonly id: string; readonly from: string; readonly to: string }[] };
      readonly snapshot: DashboardSnapshot;
    }
  | { readonly t: "snapshot"; readonly snapshot: DashboardSnapshot };
