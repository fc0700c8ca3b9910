// The graph as a diagram: Mermaid (renders in GitHub and most editors) or Graphviz dot.
import type { Graph, GraphEdge } from "./model.js";

export type DiagramFormat = "mermaid" | "dot";

function edgeLabel(e: GraphEdge): string {
  const q = e.qos;
  const parts = [`${e.from.port} → ${e.to.port}`, q.kind === "keep-latest" ? "latest" : `queue ${q.queue} drop ${q.drop}`];
  if (q.throttleHz) parts.push(`≤${q.throttleHz} Hz`);
  if (q.deadlineMs) parts.push(`deadline ${q.deadlineMs} ms`);
  if (q.delayMs) parts.push(`delay ${q.delayMs} ms`);
  return parts.join(", ");
}

const safeId = (id: string): string => id.replace(/[^A-Za-z0-9_]/g, "_");

export function renderGraph(graph: Graph, format: DiagramFormat): string {
  const processes = [...new Set([...graph.nodes.values()].map((n) => n.process))];
  const grouped = processes.length > 1;
  if (format === "mermaid") {
    const lines = ["flowchart LR"];
    for (const proc of processes) {
      if (grouped) lines.push(`  subgraph proc_${safeId(proc)}["process ${proc}"]`);
      for (const n of graph.nodes.values()) {
        if (n.process === proc) lines.push(`  ${grouped ? "  " : ""}${safeId(n.id)}["${n.id}<br/><small>${n.type}</small>"]`);
      }
      if (grouped) lines.push("  end");
    }
    for (const e of graph.edges) lines.push(`  ${safeId(e.from.node)} -->|"${edgeLabel(e)}"| ${safeId(e.to.node)}`);
    return lines.join("\n");
  }
  const lines = [`digraph "${graph.name}" {`, "  rankdir=LR;", "  node [shape=box, style=rounded];"];
  for (const proc of processes) {
    if (grouped) lines.push(`  subgraph "cluster_${proc}" {`, `    label="process ${proc}";`);
    for (const n of graph.nodes.values()) {
      if (n.process === proc) lines.push(`  ${grouped ? "  " : ""}"${n.id}" [label="${n.id}\\n${n.type}"];`);
    }
    if (grouped) lines.push("  }");
  }
  for (const e of graph.edges) lines.push(`  "${e.from.node}" -> "${e.to.node}" [label="${edgeLabel(e)}"];`);
  lines.push("}");
  return lines.join("\n");
}
