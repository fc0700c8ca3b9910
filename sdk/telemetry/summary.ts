// The end-of-run figures: one row per node and per path (source to sink), as a table for people and
// as JSON for CI and HIL rigs (`reflex run --report`).
import type { LatencySummary } from "../core/histogram.js";
import type { MetricsRegistry } from "../core/stats.js";
import { nsToMs } from "../core/clock.js";

export interface LatencyRow {
  count: number;
  rate_hz: number;
  p50_ms: number;
  p90_ms: number;
  p99_ms: number;
  max_ms: number;
  drops: number;
  deadline_misses: number;
}

export interface NodeRow extends LatencyRow {
  node: string;
  type: string;
  errors: number;
  gauges: Record<string, number>;
}

export interface PathRow extends LatencyRow {
  path: string;
}

export interface EdgeRow {
  edge: string;
  delivered: number;
  dropped_queue: number;
  dropped_throttle: number;
  dropped_gap: number;
  deadline_misses: number;
  max_depth: number;
  /** Cross-process edges (merged summary): sent while no receiver was there, counted by the producer's link. */
  dropped_no_receiver?: number;
  /** Cross-process edges: refused at the consumer (undecodable, or not the edge's type or topic). */
  dropped_bad?: number;
}

export interface RunSummary {
  graph: string;
  clock: string;
  duration_s: number;
  nodes: NodeRow[];
  paths: PathRow[];
  edges: EdgeRow[];
}

export function summarize(registry: MetricsRegistry, graph: string, clock: string): RunSummary {
  const durationNs = Math.max(0, (registry.stoppedNs || registry.startedNs) - registry.startedNs);
  const seconds = durationNs / 1e9;
  const rate = (n: number): number => (seconds > 0 ? round(n / seconds, 2) : 0);
  const edges = [...registry.edges.values()];
  const inbound = (node: string): typeof edges => edges.filter((e) => e.to.startsWith(`${node}/`));

  const nodes: NodeRow[] = [...registry.nodes.values()].map((n) => {
    const ins = inbound(n.id);
    return {
      node: n.id,
      type: n.type,
      ...latency(n.processing.summary(), rate),
      // A node's count is what it emitted; a sink's is what it consumed.
      count: n.emitted > 0 ? n.emitted : ins.reduce((a, e) => a + e.delivered, 0),
      rate_hz: rate(n.emitted > 0 ? n.emitted : ins.reduce((a, e) => a + e.delivered, 0)),
      drops: ins.reduce((a, e) => a + e.drops, 0),
      deadline_misses: ins.reduce((a, e) => a + e.deadlineMisses, 0),
      errors: n.errors,
      gauges: Object.fromEntries(n.gauges),
    };
  });
  const paths: PathRow[] = registry.fullPaths().map((p) => {
    const last = p.nodes[p.nodes.length - 1]!;
    const prev = p.nodes[p.nodes.length - 2]!;
    const hop = edges.filter((e) => e.from.startsWith(`${prev}/`) && e.to.startsWith(`${last}/`));
    return {
      path: p.id,
      ...latency(p.latency.summary(), rate),
      drops: hop.reduce((a, e) => a + e.drops, 0),
      deadline_misses: hop.reduce((a, e) => a + e.deadlineMisses, 0),
    };
  });
  return {
    graph,
    clock,
    duration_s: round(seconds, 3),
    nodes,
    paths,
    edges: edges.map((e) => ({
      edge: e.id,
      delivered: e.delivered,
      dropped_queue: e.droppedQueue,
      dropped_throttle: e.droppedThrottle,
      dropped_gap: e.droppedGap,
      deadline_misses: e.deadlineMisses,
      max_depth: e.maxDepth,
    })),
  };
}

function latency(s: LatencySummary, rate: (n: number) => number): LatencyRow {
  const ms = (ns: number): number => round(nsToMs(ns), 3);
  return { count: s.count, rate_hz: rate(s.count), p50_ms: ms(s.p50Ns), p90_ms: ms(s.p90Ns), p99_ms: ms(s.p99Ns), max_ms: ms(s.maxNs), drops: 0, deadline_misses: 0 };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export function formatSummary(s: RunSummary): string {
  const head = ["count", "rate/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "drops", "misses"];
  const cells = (r: LatencyRow): string[] => [
    String(r.count),
    r.rate_hz.toFixed(1),
    r.p50_ms.toFixed(3),
    r.p90_ms.toFixed(3),
    r.p99_ms.toFixed(3),
    r.max_ms.toFixed(3),
    String(r.drops),
    String(r.deadline_misses),
  ];
  const nodeRows = s.nodes.map((n) => [n.node, n.type, ...cells(n), String(n.errors)]);
  const pathRows = s.paths.map((p) => [p.path, ...cells(p)]);
  const out: string[] = [];
  out.push(`graph ${s.graph}: ${s.duration_s.toFixed(2)} s on the ${s.clock} clock`);
  out.push("");
  out.push("nodes (processing time per message)");
  out.push(table(["node", "type", ...head, "errors"], nodeRows));
  out.push("");
  out.push("paths (end to end, capture to consumption)");
  out.push(pathRows.length > 0 ? table(["path", ...head], pathRows) : "  (no message completed a path)");
  const gauges = s.nodes.filter((n) => Object.keys(n.gauges).length > 0);
  if (gauges.length > 0) {
    out.push("");
    for (const n of gauges) {
      out.push(`${n.node}: ${Object.entries(n.gauges).map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(3)}`).join(" ")}`);
    }
  }
  return out.join("\n");
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  // Text columns left-aligned, figures right-aligned.
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^-?[\d.]+$/.test(r[i] ?? "")));
  const line = (r: string[]): string =>
    "  " + r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), "  " + widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
