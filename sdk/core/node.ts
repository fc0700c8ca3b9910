// The node API. A node declares typed ports and a params schema; create() turns its input streams into
// output streams. Nodes never touch processes or sockets: the runtime wires them.
import type { Static, TSchema } from "@sinclair/typebox";
import type { Observable } from "rxjs";
import type { Logger } from "pino";
import type { MessageBodies, MessageName } from "../messages/index.js";
import type { Clock } from "./clock.js";
import type { Msg } from "./message.js";

export type NodeKind = "sensor" | "source" | "inference" | "control" | "sink" | "util";

/**
 * A port's message type: a protobuf message name, or "$<param>" for a generic node whose port type is
 * given by one of its params (e.g. a relay or throttle for any message).
 */
export type PortType = MessageName | `$${string}`;

export interface PortSpec<N extends PortType = PortType> {
  readonly type: N;
  readonly description?: string;
  /** Inputs only: the graph is rejected when a required input is left unwired. Default true. */
  readonly required?: boolean;
}

export type Ports = Readonly<Record<string, PortSpec>>;
export type BodyOf<P extends PortSpec> = P["type"] extends MessageName ? MessageBodies[P["type"]] : unknown;

/** A message as delivered to a node input: the time it reached the node rides along for tracing. */
export interface Delivered<T = unknown> extends Msg<T> {
  readonly receivedNs: number;
}

/** What a node emits: a body plus where it came from. Build it with ctx.msg(). */
export interface Outgoing<T = unknown> {
  readonly body: T;
  readonly captureNs: number;
  readonly inNs: number;
  readonly trace: Msg["header"]["trace"];
}

export interface NodeMetrics {
  /** Reports a figure (tokens kept, cache hit rate ...) shown in telemetry; the last value wins. */
  gauge(name: string, value: number): void;
}

export interface NodeContext<I extends Ports = Ports> {
  readonly id: string;
  readonly type: string;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: NodeMetrics;
  readonly inputs: { readonly [K in keyof I]: Observable<Delivered<BodyOf<I[K]>>> };
  /**
   * An output message. With `from`, it derives from that input (or from the first of several; the
   * others only mark when processing began): it keeps its capture stamp and trace. Without, it is new
   * data captured now (sources).
   */
  msg<T>(body: T, from?: Delivered | readonly Delivered[]): Outgoing<T>;
  /**
   * Marks the node busy until `work` settles. While busy, inputs wait in their edge's bounded buffer
   * (keep-latest or queue), and the virtual clock does not advance.
   */
  busy<T>(work: Promise<T>): Promise<T>;
  /**
   * Resolves after `ms` of clock time. On the virtual clock, time may advance while a node sleeps
   * (inside ctx.busy), so a simulated slow node takes virtual time, not wall time.
   */
  sleep(ms: number): Promise<void>;
  /** A stream of clock ticks every `periodMs`, from when the graph starts; emits the tick index. */
  every(periodMs: number): Observable<{ index: number; dueNs: number }>;
}

export type OutputStreams<O extends Ports> = { readonly [K in keyof O]?: Observable<Outgoing<BodyOf<O[K]>>> };

export interface NodeInstance<O extends Ports = Ports> {
  readonly outputs?: OutputStreams<O>;
  /** Streams the runtime subscribes to for their side effects (sinks), with the same error handling. */
  readonly effects?: readonly Observable<unknown>[];
  init?(): Promise<void> | void;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
  dispose?(): Promise<void> | void;
}

export interface NodeDefinition<P extends TSchema = TSchema, I extends Ports = Ports, O extends Ports = Ports> {
  readonly type: string;
  readonly description: string;
  readonly kind: NodeKind;
  /**
   * Whether an input can produce an output within the same delivery (default true). A node that only
   * emits on its own clock (a sim, a sampled controller) sets false: a cycle through it is not a loop
   * without delay, as a cycle through a sampled plant is not an algebraic loop.
   */
  readonly feedthrough?: boolean;
  readonly params: P;
  readonly inputs: I;
  readonly outputs: O;
  /**
   * Ports that depend on the params (a recorder's inputs, a replayer's outputs read from its file). The
   * loader calls it once the params are valid; what it returns replaces `inputs`/`outputs` for that node.
   * A throw rejects the node's params with the error's message (at `err.param` when it names one).
   */
  readonly ports?: (params: Static<P>) => { readonly inputs?: Ports; readonly outputs?: Ports };
  create(ctx: NodeContext<I>, params: Static<P>): NodeInstance<O> | Promise<NodeInstance<O>>;
}

/** Declares a node type. The identity function, there for the types: ports and params flow into create(). */
export function defineNode<P extends TSchema, const I extends Ports, const O extends Ports>(
  def: NodeDefinition<P, I, O>,
): NodeDefinition<P, I, O> {
  return def;
}

// A registry erases each definition's own port and param types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any: variance of create()'s params
export type AnyNodeDefinition = NodeDefinition<TSchema, Ports, Ports> | NodeDefinition<any, any, any>;
