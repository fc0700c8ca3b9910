// The plan of a multi-process run: which nodes each worker runs, and one transport link per edge
// that crosses processes (the producer's worker binds it, the consumer's connects): ipc:// under the
// run's temp dir between processes on one board, tcp:// with CurveZMQ between boards. Plain data, so it
// travels to a worker over the fork IPC channel (and to another board's agent as JSON).
import type { Graph } from "../graph/model.js";
import { edgeId } from "../graph/ids.js";
import { topologicalOrder } from "../graph/topology.js";
import { ipcEndpoint, isLoopbackHost, tcpEndpoint } from "../transport/index.js";
import { localListenAddress, reachableFrom, remoteHostOf, type RemoteHost, type RemoteKeys } from "./remote-hosts.js";

/**
 * CurveZMQ for a link between boards. Public keys travel in the plan; secret keys stay in their files
 * on their own board: an end with no secret file is on another board and uses that board's agent key.
 */
export interface LinkCurve {
  /** The sender's (server's) public key: the receiver checks it. */
  readonly senderKey: string;
  /** Public keys the sender accepts receivers with. */
  readonly receiverKeys: readonly string[];
  readonly senderSecretFile?: string;
  readonly receiverSecretFile?: string;
}

/** A process on another board: where its agent listens and the keys to talk to it. */
export interface RemotePlacement extends RemoteHost {
  readonly keys: RemoteKeys;
}

export interface PlanOptions {
  /** Keys of every remote process, by process name (see readRemoteKeys). */
  readonly keys?: ReadonlyMap<string, RemoteKeys>;
  /** Free tcp ports on this board for links it serves to other boards, used in order. */
  readonly localPorts?: readonly number[];
  /** HIL faults: corruption per edge id ("<from>/<port> -> <to>/<port>"). */
  readonly linkFaults?: ReadonlyMap<string, LinkCorruption>;
}

export interface LinkPlan {
  /** The edge id, as in EdgeStats: "<from>/<port> -> <to>/<port>". */
  readonly edge: string;
  readonly from: { readonly node: string; readonly port: string; readonly process: string };
  readonly to: { readonly node: string; readonly port: string; readonly process: string };
  readonly endpoint: string;
  readonly deadlineMs?: number;
  /** Set on links between boards (tcp://). */
  readonly curve?: LinkCurve;
  /** The endpoint is on a non-loopback address, which the config asked for (a `host:`). */
  readonly allowNonLoopback?: boolean;
  /** HIL fault: the sender flips bytes in a fraction of the messages (see transport/frame-corruption.ts). */
  readonly corrupt?: LinkCorruption;
}

/** A link's corruption fault: share of messages, seed, and its window in ms from the run's start. */
export interface LinkCorruption {
  readonly fraction: number;
  readonly seed: number;
  readonly fromMs: number;
  readonly toMs?: number;
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
  /** Set when the process runs on another board, through its `reflex agent`. */
  readonly remote?: RemotePlacement;
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

/** The plan for `graph`, placed as its `processes` say; ipc endpoints go under `runDir`. */
export function planRun(graph: Graph, runDir: string, opts: PlanOptions = {}): RunPlan {
  const processes = graph.processes;
  const byProcess = new Map<string, string[]>();
  for (const n of graph.nodes.values()) {
    const list = byProcess.get(n.process) ?? [];
    list.push(n.id);
    byProcess.set(n.process, list);
  }
  const remote = new Map<string, RemotePlacement>();
  for (const name of byProcess.keys()) {
    const host = remoteHostOf(processes?.[name]?.host);
    if (!host) continue;
    const keys = opts.keys?.get(name);
    if (!keys) throw new Error(`process "${name}" runs on ${host.address} but its CurveZMQ keys were not read (processes.${name}.keys)`);
    remote.set(name, { ...host, keys });
  }
  const localPorts = [...(opts.localPorts ?? [])];
  // Links a remote board serves bind the ports after its agent's, in plan order: predictable, so a
  // firewall can open them, and the same again when the worker there restarts.
  const nextRemotePort = new Map<string, number>();
  const links: LinkPlan[] = [];
  for (const e of graph.edges) {
    const fromP = graph.nodes.get(e.from.node)!.process;
    const toP = graph.nodes.get(e.to.node)!.process;
    if (fromP === toP) continue;
    const id = edgeId(e);
    const base = {
      edge: id,
      from: { ...e.from, process: fromP },
      to: { ...e.to, process: toP },
      ...(e.qos.deadlineMs !== undefined ? { deadlineMs: e.qos.deadlineMs } : {}),
      ...(opts.linkFaults?.has(id) ? { corrupt: opts.linkFaults.get(id)! } : {}),
    };
    const ipc = ipcEndpoint(runDir, `${e.from.node}.${e.from.port}-${e.to.node}.${e.to.port}`);
    const rFrom = remote.get(fromP);
    const rTo = remote.get(toP);
    if (!rFrom && !rTo) {
      links.push({ ...base, endpoint: ipc });
    } else if (rFrom && rTo) {
      if (rFrom.agentEndpoint !== rTo.agentEndpoint) {
        throw new Error(`edge ${id} joins two other boards (${rFrom.address} and ${rTo.address}): links between two remote boards are not supported; place one end on this board or both on the same board`);
      }
      links.push({ ...base, endpoint: ipc });
    } else if (rFrom) {
      const port = nextRemotePort.get(rFrom.agentEndpoint) ?? rFrom.agentPort + 1;
      nextRemotePort.set(rFrom.agentEndpoint, port + 1);
      links.push({
        ...base,
        endpoint: tcpEndpoint(rFrom.address, port),
        allowNonLoopback: !isLoopbackHost(rFrom.address),
        curve: { senderKey: rFrom.keys.trusted[0] as string, receiverKeys: [rFrom.keys.publicKey], receiverSecretFile: rFrom.keys.secretFile },
      });
    } else if (rTo) {
      const listen = localListenAddress(processes?.[fromP]?.host);
      if (!reachableFrom(listen, rTo)) {
        throw new Error(`edge ${id} goes from process "${fromP}" on this board to "${toP}" on ${rTo.address}, but "${fromP}" listens on ${listen} only: set processes.${fromP}.host to this board's address that ${rTo.address} can reach`);
      }
      const port = localPorts.shift();
      if (port === undefined) throw new Error(`no free tcp port left for edge ${id} (PlanOptions.localPorts)`);
      links.push({
        ...base,
        endpoint: tcpEndpoint(listen, port),
        allowNonLoopback: !isLoopbackHost(listen),
        curve: { senderKey: rTo.keys.publicKey, senderSecretFile: rTo.keys.secretFile, receiverKeys: rTo.keys.trusted },
      });
    }
  }
  const plans: ProcessPlan[] = [...byProcess].map(([name, nodes]): ProcessPlan => {
    const entry = processes?.[name] ?? {};
    const receives = links.filter((l) => l.to.process === name);
    return {
      name,
      nodes,
      env: entry.env ?? {},
      policy: {
        restart: entry.restart ?? "never",
        maxRestarts: entry.maxRestarts ?? DEFAULT_MAX_RESTARTS,
        backoffMs: entry.backoffMs ?? DEFAULT_BACKOFF_MS,
      },
      sends: links.filter((l) => l.from.process === name),
      receives,
      upstream: [...new Set(receives.map((l) => l.from.process))],
      ...(remote.has(name) ? { remote: remote.get(name)! } : {}),
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
