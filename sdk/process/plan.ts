// The plan of a multi-process run: which nodes each worker runs, and one transport link per edge
// that crosses processes (ipc:// under the run's temp dir; the producer's worker binds it, the
// consumer's connects). Plain data, so it travels to a worker over the fork IPC channel.
import type { Graph, GraphEdge } from "../graph/model.js";
import type { ProcessEntry } from "../config/schema.js";
import { isLocalHost } from "../config/load.js";
import { topologicalOrder } from "../runtime/topology.js";
import { ipcEndpoint } from "../transport/index.js";

export interface LinkPlan {
  /** The edge id, as in EdgeStats: "<from>/<port> -> <to>/<port>". */
  readonly edge: string;
  readonly from: { readonly node: string; readonly port: string; readonly process: string };
  readonly to: { readonly node: string; readonly port: string; readonly process: string };
  readonly endpoint: string;
  readonly deadlineMs?: number;
}

export interface RestartPolicy {
  readonly restart: "never" | "on-failure";
  readonly maxRestarts: number;
  readonly backoffMs: number;
}

export interface ProcessPlan {
  readonly name: string;
  readonly nodes: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly policy: RestartPolicy;
  /** Links this process sends on (binds). */
  readonly sends: readonly LinkPlan[];
  /** Links this process receives on (connects). */
  readonly receives: readonly LinkPlan[];
  /** Processes whose output this one consumes (directly). */
  readonly upstream: readonly string[];
}

export interface RunPlan {
  readonly graph: string;
  /** Process names, producers first: the order stop() takes them down. */
  readonly stopOrder: readonly string[];
  readonly runDir: string;
  readonly processes: readonly ProcessPlan[];
  readonly links: readonly LinkPlan[];
}

export const DEFAULT_MAX_RESTARTS = 5;
export const DEFAULT_BACKOFF_MS = 200;

export const edgeId = (e: GraphEdge): string => `${e.from.node}/${e.from.port} -> ${e.to.node}/${e.to.port}`;

export function planRun(graph: Graph, processes: Readonly<Record<string, ProcessEntry>> | undefined, runDir: string): RunPlan {
  const byProcess = new Map<string, string[]>();
  for (const n of graph.nodes.values()) {
    const list = byProcess.get(n.process) ?? [];
    list.push(n.id);
    byProcess.set(n.process, list);
  }
  for (const [name, entry] of Object.entries(processes ?? {})) {
    if (entry.host !== undefined && !isLocalHost(entry.host)) {
      throw new Error(`process "${name}" is placed on ${entry.host}: starting workers on other hosts is not supported yet; run \`reflex worker\` there (planned) or place it on this host`);
    }
  }
  const links: LinkPlan[] = [];
  for (const e of graph.edges) {
    const fromP = graph.nodes.get(e.from.node)!.process;
    const toP = graph.nodes.get(e.to.node)!.process;
    if (fromP === toP) continue;
    const id = edgeId(e);
    links.push({
      edge: id,
      from: { ...e.from, process: fromP },
      to: { ...e.to, process: toP },
      endpoint: ipcEndpoint(runDir, `${e.from.node}.${e.from.port}-${e.to.node}.${e.to.port}`),
      ...(e.qos.deadlineMs !== undefined ? { deadlineMs: e.qos.deadlineMs } : {}),
    });
  }
  const plans: ProcessPlan[] = [...byProcess].map(([name, nodes]) => {
    const entry = processes?.[name] ?? {};
    const receives = links.filter((l) => l.to.process === name);
    return {
      name,
      nodes,
      env: entry.env ?? {},
      policy: {
        restart: entry.restart ?? "never",
        maxRestarts: entry.max_restarts ?? DEFAULT_MAX_RESTARTS,
        backoffMs: entry.backoff_ms ?? DEFAULT_BACKOFF_MS,
      },
      sends: links.filter((l) => l.from.process === name),
      receives,
      upstream: [...new Set(receives.map((l) => l.from.process))],
    };
  });
  const partial = { graph: graph.name, runDir, processes: plans, links, stopOrder: [] };
  return { ...partial, stopOrder: stopOrder(partial, graph) };
}

/**
 * The order to stop workers in: producers before their consumers (reverse dependency order), as
 * GraphRuntime.stop does for nodes, so each consumer can take what is still in flight. A process comes
 * at the position of its first node in the graph's topological order (which breaks a closed loop at
 * its sensors and delays, like the runtime does).
 */
export function stopOrder(plan: RunPlan, graph: Graph): string[] {
  const byNode = new Map<string, string>();
  for (const p of plan.processes) for (const n of p.nodes) byNode.set(n, p.name);
  const out: string[] = [];
  for (const id of topologicalOrder(graph)) {
    const p = byNode.get(id);
    if (p !== undefined && !out.includes(p)) out.push(p);
  }
  for (const p of plan.processes) if (!out.includes(p.name)) out.push(p.name);
  return out;
}
