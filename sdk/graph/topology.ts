// Orders nodes so producers come before consumers. Edges with a delay, and edges into nodes without
// feedthrough (they emit on their own clock), are left out: they are what lets a cycle exist, and the
// config checks reject any cycle without one.
import type { Graph, GraphEdge } from "./model.js";

function breaksCycles(graph: Graph, e: GraphEdge): boolean {
  return !!e.qos.delayMs || graph.nodes.get(e.to.node)?.def.feedthrough === false;
}

export function topologicalOrder(graph: Graph): string[] {
  const indegree = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const id of graph.nodes.keys()) {
    indegree.set(id, 0);
    next.set(id, []);
  }
  for (const e of graph.edges) {
    if (breaksCycles(graph, e) || e.from.node === e.to.node) continue;
    indegree.set(e.to.node, (indegree.get(e.to.node) ?? 0) + 1);
    next.get(e.from.node)?.push(e.to.node);
  }
  // Kahn's algorithm; among ready nodes, the config's order decides, so runs are reproducible.
  const order: string[] = [];
  const ready = [...graph.nodes.keys()].filter((id) => indegree.get(id) === 0);
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const n of next.get(id) ?? []) {
      const d = (indegree.get(n) ?? 0) - 1;
      indegree.set(n, d);
      if (d === 0) ready.push(n);
    }
  }
  // Anything left sits on a cycle without a delay; validation reports those, here keep config order.
  for (const id of graph.nodes.keys()) if (!order.includes(id)) order.push(id);
  return order;
}

/** Cycles with no delayed edge and no node without feedthrough, each as the node ids around it. */
export function undelayedCycles(graph: Graph): string[][] {
  const next = new Map<string, string[]>();
  for (const id of graph.nodes.keys()) next.set(id, []);
  for (const e of graph.edges) if (!breaksCycles(graph, e)) next.get(e.from.node)?.push(e.to.node);
  const cycles: string[][] = [];
  const state = new Map<string, 1 | 2>(); // 1 on stack, 2 done
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 1);
    stack.push(id);
    for (const n of next.get(id) ?? []) {
      const s = state.get(n);
      if (s === 1) cycles.push([...stack.slice(stack.indexOf(n)), n]);
      else if (s === undefined) visit(n);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const id of graph.nodes.keys()) if (!state.has(id)) visit(id);
  return cycles;
}
