// A restarted worker has several incarnations, each with its own figures (the last report it sent
// before it died, the final one of the one that stopped). The summary counts across all of them;
// latency percentiles and the stale/connected status are the newest incarnation's.
import type { LatencyRow } from "../telemetry/summary.js";
import type { LinkReport, WorkerReport } from "./protocol.js";

export function combineIncarnations(reports: readonly (WorkerReport | undefined)[]): WorkerReport | undefined {
  const all = reports.filter((r): r is WorkerReport => r !== undefined);
  const latest = all[all.length - 1];
  if (!latest || all.length === 1) return latest;
  const seconds = all.reduce((a, r) => a + r.summary.duration_s, 0);
  const rate = (n: number): number => (seconds > 0 ? Math.round((n / seconds) * 100) / 100 : 0);
  const sumRows = <T extends LatencyRow>(key: (r: T) => string, pick: (r: WorkerReport) => T[]): T[] =>
    pick(latest).map((row) => {
      const same = all.flatMap((r) => pick(r).filter((x) => key(x) === key(row)));
      const count = same.reduce((a, x) => a + x.count, 0);
      return {
        ...row,
        count,
        rate_hz: rate(count),
        drops: same.reduce((a, x) => a + x.drops, 0),
        deadline_misses: same.reduce((a, x) => a + x.deadline_misses, 0),
        ...("errors" in row ? { errors: same.reduce((a, x) => a + ((x as { errors?: number }).errors ?? 0), 0) } : {}),
      };
    });
  const edges = latest.summary.edges.map((e) => {
    const same = all.flatMap((r) => r.summary.edges.filter((x) => x.edge === e.edge));
    const sum = (k: "delivered" | "dropped_queue" | "dropped_throttle" | "dropped_gap" | "deadline_misses"): number => same.reduce((a, x) => a + x[k], 0);
    return {
      edge: e.edge,
      delivered: sum("delivered"),
      dropped_queue: sum("dropped_queue"),
      dropped_throttle: sum("dropped_throttle"),
      dropped_gap: sum("dropped_gap"),
      deadline_misses: sum("deadline_misses"),
      max_depth: Math.max(...same.map((x) => x.max_depth)),
    };
  });
  const links: LinkReport[] = latest.links.map((l) => {
    const same = all.flatMap((r) => r.links.filter((x) => x.edge === l.edge));
    const sum = (k: "staleEpisodes" | "deadlineMisses" | "delivered" | "droppedGap" | "droppedQos" | "badFrames" | "seqResets"): number =>
      same.reduce((a, x) => a + x[k], 0);
    return {
      ...l,
      staleEpisodes: sum("staleEpisodes"),
      deadlineMisses: sum("deadlineMisses"),
      delivered: sum("delivered"),
      droppedGap: sum("droppedGap"),
      droppedQos: sum("droppedQos"),
      badFrames: sum("badFrames"),
      seqResets: sum("seqResets"),
    };
  });
  return {
    ...latest,
    summary: {
      ...latest.summary,
      duration_s: Math.round(seconds * 1000) / 1000,
      nodes: sumRows((r) => r.node, (r) => r.summary.nodes),
      paths: sumRows((r) => r.path, (r) => r.summary.paths),
      edges,
    },
    links,
  };
}
