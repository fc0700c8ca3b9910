// The in-process message: { header, body }. Bodies are plain objects of the generated protobuf types;
// headers are immutable and shared by every consumer of a message.
import { paths } from "./paths.js";

/** One hop of a message's journey. Times are clock ns (monotonic, see sdk/core/clock.ts). */
export interface Span {
  readonly node: string;
  readonly inNs: number;
  readonly outNs: number;
  readonly process: string;
}

/**
 * The hops so far, newest first, as a persistent linked list: a node appends its hop in O(1) without
 * copying the hops before it, and every consumer of a message shares them.
 */
export interface Trace extends Span {
  readonly prev: Trace | undefined;
  /** Hops in this trace, this one included. */
  readonly depth: number;
  /** Interned id of the path source -> ... -> this node (see ./paths.ts). */
  readonly pathId: number;
}

/** A trace longer than this starts over (a cycle that derives each message from the last one). */
export const MAX_TRACE_DEPTH = 64;

export interface Header {
  /** "<node>/<port>" of the output that emitted the message. */
  readonly topic: string;
  /** Per-topic sequence number, from 1. */
  readonly seq: number;
  /** Capture stamp of the data this message derives from (oldest input), clock ns. */
  readonly captureNs: number;
  /** Fully qualified protobuf type of the body, e.g. "reflex.Image". */
  readonly type: string;
  readonly trace: Trace | undefined;
}

export interface Msg<T = unknown> {
  readonly header: Header;
  readonly body: T;
}

/** The hops of a trace, oldest first (the order they travel in on the wire). */
export function spansOf(trace: Trace | undefined): Span[] {
  const spans: Span[] = [];
  for (let t = trace; t; t = t.prev) spans.push({ node: t.node, inNs: t.inNs, outNs: t.outNs, process: t.process });
  return spans.reverse();
}

/** Appends one hop. */
export function appendSpan(trace: Trace | undefined, node: string, inNs: number, outNs: number, process: string): Trace {
  const prev = trace && trace.depth < MAX_TRACE_DEPTH ? trace : undefined;
  const pathId = paths.child(prev ? prev.pathId : 0, node);
  return { node, inNs, outNs, process, prev, depth: prev ? prev.depth + 1 : 1, pathId };
}
