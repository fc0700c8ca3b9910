// The node API. A node declares typed ports and a params schema; create() turns its input streams into
// output streams. Nodes never touch processes or sockets: the runtime wires them.
import type { Static, TSchema } from "@sinclair/typebox";
import type { Observable, Subscription } from "rxjs";
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

/**
 * A node's events, declared in its definition (`events: eventsOf<TickEvent>("one per tick")`): what
 * callers outside the graph (an eval loop, a bench, a test) watch through `runtime.events(nodeId, def)`.
 * The value is only a marker for the type; nothing is sent over the graph.
 */
export interface EventSpec<E> {
  readonly description?: string;
  /** Never set: carries the event type. */
  readonly __event?: E;
}

/** Declares the type of a node's events (see EventSpec). */
export function eventsOf<E>(description?: string): EventSpec<E> {
  return description === undefined ? {} : { description };
}

/** Where a node sends its events (ctx.events). */
export interface NodeEvents<E> {
  /**
   * Hands `event` to everyone watching this node in its runtime, synchronously and in order. Watchers
   * are RxJS subscribers: one that throws is reported as any subscriber's error (RxJS's hook, logged by
   * the runtime), and the node and the other watchers go on.
   */
  emit(event: E): void;
  /** False while nobody watches: a node may skip building an event nobody reads. */
  readonly observed: boolean;
}

export interface NodeContext<I extends Ports = Ports, E = never> {
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
  /**
   * Subscribes `next` to one of the node's inputs, or any other stream (ctx.every ...), for a node that
   * keeps state from a stream instead of piping it into an output (a latest-value latch). What `next`
   * throws is counted as an error of this node and logged, as an output's error is, and the subscription
   * goes on; a stream that errors is subscribed again. It ends when the node stops.
   */
  subscribe<T>(stream: Observable<T>, next: (value: T) => void): Subscription;
  /** The node's events (declared with `events: eventsOf<E>()` in its definition). */
  readonly events: NodeEvents<E>;
}

export type OutputStreams<O extends Ports> = { readonly [K in keyof O]?: Observable<Outgoing<BodyOf<O[K]>>> };

export interface NodeInstance<O extends Ports = Ports, C = never> {
  readonly outputs?: OutputStreams<O>;
  /**
   * What callers outside the graph may drive this node with (change options while it runs ...), reached
   * through `runtime.control(nodeId, def)`: per runtime, so two runtimes in one process never mix theirs.
   */
  readonly control?: C;
  /** Streams the runtime subscribes to for their side effects (sinks), with the same error handling. */
  readonly effects?: readonly Observable<unknown>[];
  init?(): Promise<void> | void;
  start?(): Promise<void> | void;
  stop?(): Promise<void> | void;
  dispose?(): Promise<void> | void;
}

export interface NodeDefinition<P extends TSchema = TSchema, I extends Ports = Ports, O extends Ports = Ports, C = never, E = never> {
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
  /** The type of the events the node emits through ctx.events (see EventSpec). */
  readonly events?: EventSpec<E>;
  /**
   * Ports that depend on the params (a recorder's inputs, a replayer's outputs read from its file). The
   * loader calls it once the params are valid; what it returns replaces `inputs`/`outputs` for that node.
   * A throw rejects the node's params with the error's message (at `err.param` when it names one).
   */
  readonly ports?: (params: Static<P>) => { readonly inputs?: Ports; readonly outputs?: Ports };
  create(ctx: NodeContext<I, E>, params: Static<P>): NodeInstance<O, C> | Promise<NodeInstance<O, C>>;
}

/**
 * Declares a node type. The identity function, there for the types: ports, params and the event type
 * flow into create(), and the control it returns into `runtime.control()`.
 */
export function defineNode<P extends TSchema, const I extends Ports, const O extends Ports, C = never, E = never>(
  def: NodeDefinition<P, I, O, C, E>,
): NodeDefinition<P, I, O, C, E> {
  return def;
}

// A registry erases each definition's own port, param, control and event types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any: variance of create()'s params and of control/event types
export type AnyNodeDefinition = NodeDefinition<TSchema, Ports, Ports> | NodeDefinition<any, any, any, any, any>;

/** The control a node definition's instances return from create() (`never` when it has none). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any: matches every definition
export type ControlOf<D> = D extends NodeDefinition<any, any, any, infer C, any> ? C : never;
/** The events a node definition declares (`never` when it has none). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any: matches every definition
export type EventOf<D> = D extends NodeDefinition<any, any, any, any, infer E> ? E : never;

/**
 * How callers outside the graph reach the nodes of one runtime (GraphRuntime implements it). Passing
 * the definition both types the answer and checks the node is of that type.
 */
export interface NodeAccess {
  /** The nodes running in this runtime, of `type` when given. */
  nodeIds(type?: string): string[];
  /** The control node `node` returned from create(); throws a RangeError when there is none. */
  control<D extends AnyNodeDefinition>(node: string, def: D): ControlOf<D>;
  /** The events node `node` emits from now on (completes when the runtime stops). */
  events<D extends AnyNodeDefinition>(node: string, def: D): Observable<EventOf<D>>;
}
