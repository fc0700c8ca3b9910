// `faults:`: each step becomes a fault node on the edges it names (a gate for `stop`, a delay, a
// reorder, a corrupter, a slow-down in front of a node's inputs), active in its time window; a kill is
// left to the runner (it signals a worker), and corruption of a cross-process link to the link's
// sender (resolved once the graph is final: ./link-faults.ts).
import { didYouMean } from "../../core/suggest.js";
import type { GraphEdge } from "../../graph/model.js";
import type { Fault } from "../scenario-schema.js";
import { findEdges, findNode, insertOnEdge, opt, report, scenarioDiagnostic, type Draft, type Transform } from "./draft.js";

export function faultSteps(faults: readonly Fault[]): Transform {
  return (d) => faults.reduce((x, f, i) => faultStep(x, f, i), d);
}

function faultStep(d: Draft, f: Fault, i: number): Draft {
  const g = d.graph;
  const at = ["faults", i];
  const fromMs = (f.at_s ?? 0) * 1000;
  const toMs = "for_ms" in f && f.for_ms !== undefined ? fromMs + f.for_ms : undefined;
  const procs = [...new Set([...g.nodes.values()].map((n) => n.process))];
  const multiProcess = procs.length > 1;
  const record = (x: Draft, nodes: string[], until: number | undefined): Draft => ({ ...x, faults: [...x.faults, { fault: f, nodes, fromMs, toMs: until }] });
  if ("kill" in f) {
    if (!multiProcess) d = report(d, scenarioDiagnostic(d, [...at, "kill"], "kill needs a graph placed in several processes", { suggestion: "use a multi-process graph (processes:), or `stop` a node instead" }));
    else if (!procs.includes(f.kill)) {
      d = report(d, scenarioDiagnostic(d, [...at, "kill"], `the graph has no process "${f.kill}"`, { expected: `one of ${procs.join(", ")}`, ...opt("suggestion", didYouMean(f.kill, procs)) }));
    }
    return record(d, [], fromMs);
  }
  // Bytes flipped on a cross-process link: the link's sender does it, the receiver must drop and count.
  if ("corrupt" in f && multiProcess && (f.layer ?? "link") === "link") {
    const found = findEdges(d, f.corrupt, [...at, "corrupt"]);
    d = report(d, ...found.diagnostics);
    const cross = found.edges.filter((e) => g.nodes.get(e.from.node)!.process !== g.nodes.get(e.to.node)!.process);
    if (cross.length > 0) {
      const corruption = { fraction: f.fraction, seed: f.seed ?? 1, fromMs, ...(toMs !== undefined ? { toMs } : {}) };
      return record({ ...d, pendingLinks: [...d.pendingLinks, ...cross.map((edge) => ({ edge, corruption }))] }, [], toMs);
    }
    if (f.layer === "link") {
      return report(d, scenarioDiagnostic(d, [...at, "corrupt"], `"${f.corrupt}" is not an edge between two processes, so it has no link to corrupt`, { suggestion: "layer: message (a fault node on the edge), or name a cross-process edge" }));
    }
  }
  const window = { from_ms: fromMs, ...(toMs !== undefined ? { to_ms: toMs } : {}) };
  let targets: GraphEdge[] = [];
  let type = "";
  let params: Record<string, unknown> = window;
  const edgesAt = (ref: string, key: string): GraphEdge[] => {
    const found = findEdges(d, ref, [...at, key]);
    d = report(d, ...found.diagnostics);
    return found.edges;
  };
  const nodeAt = (id: string, key: string): boolean => {
    const found = findNode(d, id, [...at, key]);
    d = report(d, ...found.diagnostics);
    return found.found;
  };
  if ("stop" in f) {
    if (nodeAt(f.stop, "stop")) targets = d.edges.filter((e) => e.from.node === f.stop);
    type = "hil-gate";
  } else if ("delay" in f) {
    targets = edgesAt(f.delay, "delay");
    type = "hil-delay";
    params = { ...window, ms: f.ms };
  } else if ("reorder" in f) {
    targets = edgesAt(f.reorder, "reorder");
    type = "hil-reorder";
  } else if ("corrupt" in f) {
    targets = edgesAt(f.corrupt, "corrupt");
    type = "hil-corrupt";
    params = { ...window, fraction: f.fraction, seed: f.seed ?? 1 };
  } else if ("slow" in f) {
    if (nodeAt(f.slow, "slow")) targets = d.edges.filter((e) => e.to.node === f.slow);
    type = "hil-slow";
    params = { ...window, ms: f.ms };
  }
  // Edges were re-pointed by earlier inserts: match them by their consumer.
  const ids: string[] = [];
  for (const e0 of targets) {
    const e = d.edges.find((x) => x.to.node === e0.to.node && x.to.port === e0.to.port)!;
    const id = `fault-${type.slice(4)}-${d.faultNodeCount + 1}`;
    const r = insertOnEdge({ ...d, faultNodeCount: d.faultNodeCount + 1 }, e, id, type, params, at);
    d = r.draft;
    if (r.inserted) ids.push(id);
  }
  return record({ ...d, faultNodeIds: new Set([...d.faultNodeIds, ...ids]) }, ids, toMs);
}
