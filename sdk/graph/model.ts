// The graph as data: what runs, how it is wired, with which QoS, and where each process group is
// placed. Built from a config by sdk/config/load.ts, consumed by the runtime and the planner. Knows
// nothing of RxJS, and only describes the processes (sdk/process starts them).
import type { MessageName } from "../messages/index.js";
import type { AnyNodeDefinition } from "../core/node.js";

export type QosKind = "keep-latest" | "queue";
export type DropPolicy = "oldest" | "newest";

export interface EdgeQos {
  /** keep-latest: a busy consumer gets only the newest; queue: up to `queue` wait, `drop` says which go. */
  readonly kind: QosKind;
  readonly queue: number;
  readonly drop: DropPolicy;
  /** Pass at most this many messages per second; the rest are dropped and counted. */
  readonly throttleHz?: number;
  /** A message older than this (capture to consumption) when consumed counts as a deadline miss. */
  readonly deadlineMs?: number;
  /** Delivery is delayed by this much clock time. An edge with a delay may close a cycle. */
  readonly delayMs?: number;
}

export interface PortRef {
  readonly node: string;
  readonly port: string;
}

export interface GraphEdge {
  readonly from: PortRef;
  readonly to: PortRef;
  readonly type: MessageName;
  readonly qos: EdgeQos;
}

export interface GraphNode {
  readonly id: string;
  readonly type: string;
  readonly def: AnyNodeDefinition;
  readonly params: Readonly<Record<string, unknown>>;
  /** Process group the node runs in ("main" unless the config places it). */
  readonly process: string;
  /** Message type of each port, with generic ("$param") types resolved from the params. */
  readonly inputTypes: Readonly<Record<string, MessageName>>;
  readonly outputTypes: Readonly<Record<string, MessageName>>;
}

/**
 * Where and how one process group's worker runs (the config's `processes:` entry): the planner
 * (sdk/process) reads it from the graph, so running a graph needs nothing but the graph.
 */
export interface ProcessPlacement {
  /** Where the worker runs: undefined for this machine; an address (`addr:port` names its agent's port). */
  readonly host?: string;
  readonly restart?: "never" | "on-failure";
  readonly maxRestarts?: number;
  readonly backoffMs?: number;
  /** Extra environment variables for the worker. */
  readonly env?: Readonly<Record<string, string>>;
  /** CurveZMQ key files for links to another board: this board's key pair, that board's public keys. */
  readonly keys?: { readonly secret: string; readonly trusted?: readonly string[] };
}

export interface Graph {
  readonly name: string;
  readonly file?: string;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly edges: readonly GraphEdge[];
  /** Placement of the process groups the config declares, by name (absent: none declared). */
  readonly processes?: Readonly<Record<string, ProcessPlacement>>;
}
