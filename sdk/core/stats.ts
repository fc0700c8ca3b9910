// The figures a running graph keeps: per node, per edge, per path. The runtime writes them on the hot
// path (plain fields, one histogram record per event); reporters read them.
import { LatencyHistogram } from "./histogram.js";

export class NodeStats {
  readonly processing = new LatencyHistogram();
  emitted = 0;
  errors = 0;
  lastEmitNs = 0;
  /** Free-form figures a node reports (tokens kept, cache hit rate, steps run ...). Last value wins. */
  readonly gauges = new Map<string, number>();

  constructor(
    readonly id: string,
    readonly type: string,
  ) {}
}

export class EdgeStats {
  delivered = 0;
  droppedQueue = 0;
  droppedThrottle = 0;
  droppedGap = 0;
  deadlineMisses = 0;
  depth = 0;
  maxDepth = 0;
  lastDeliveredNs = 0;
  /** Age (capture to consumption) of the last delivered message. */
  lastAgeNs = 0;
  /**
   * Cross-process edges: true while the producing process is gone or silent past the edge's deadline
   * (its consumer works on stale input); false again once messages flow. Always false in one process.
   */
  stale = false;
  /** Times the edge went stale. */
  staleEpisodes = 0;

  constructor(
    /** "<from node>/<port> -> <to node>/<port>" */
    readonly id: string,
    readonly from: string,
    readonly to: string,
  ) {}

  get drops(): number {
    return this.droppedQueue + this.droppedThrottle + this.droppedGap;
  }
}

export class PathStats {
  readonly latency = new LatencyHistogram();
  constructor(
    /** Node ids from source to sink. */
    readonly nodes: readonly string[],
  ) {}
  get id(): string {
    return this.nodes.join(" > ");
  }
}

/** An edge's id from its two port keys ("<node>/<port>"); sdk/graph/ids.ts's edgeId builds on it. */
export const joinEdgeId = (from: string, to: string): string => `${from} -> ${to}`;

export class MetricsRegistry {
  readonly nodes = new Map<string, NodeStats>();
  readonly edges = new Map<string, EdgeStats>();
  /** By interned path id (sdk/core/paths.ts). */
  readonly paths = new Map<number, PathStats>();
  startedNs = 0;
  stoppedNs = 0;

  node(id: string, type: string): NodeStats {
    let s = this.nodes.get(id);
    if (!s) this.nodes.set(id, (s = new NodeStats(id, type)));
    return s;
  }

  edge(from: string, to: string): EdgeStats {
    const id = joinEdgeId(from, to);
    let s = this.edges.get(id);
    if (!s) this.edges.set(id, (s = new EdgeStats(id, from, to)));
    return s;
  }

  /** The path with id `id`; `nodes` is only called the first time an id is seen. */
  path(id: number, nodes: () => readonly string[]): PathStats {
    let s = this.paths.get(id);
    if (!s) this.paths.set(id, (s = new PathStats(nodes())));
    return s;
  }

  /** Paths that are not the beginning of a longer recorded path: source to sink. */
  fullPaths(): PathStats[] {
    const all = [...this.paths.values()];
    const isPrefix = (a: PathStats, b: PathStats): boolean =>
      a.nodes.length < b.nodes.length && a.nodes.every((n, i) => b.nodes[i] === n);
    return all.filter((p) => p.nodes.length > 1 && !all.some((q) => isPrefix(p, q)));
  }
}
