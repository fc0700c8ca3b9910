// Runs one node: builds its context, feeds its inputs from edges, stamps and traces what it emits,
// keeps it alive through errors, and tracks when it is busy.
import { Observable, Subscription } from "rxjs";
import type { Logger } from "pino";
import type { GraphNode } from "../graph/model.js";
import type { LatencyHistogram } from "../core/histogram.js";
import type { NodeStats, PathStats } from "../core/stats.js";
import { type Clock, msToNs } from "../core/clock.js";
import type { EdgeConsumer, LocalEdge } from "./edge.js";
import { InputPort, type PortSink } from "./input-port.js";
import { appendSpan, type Msg, type Trace } from "../core/message.js";
import type { Delivered, NodeContext, NodeEvents, NodeInstance, Outgoing, Ports } from "../core/node.js";
import { subscribeResilient } from "./resilient.js";
import { portKey } from "../graph/ids.js";

/**
 * Something that wants every message an output emits (edges, transport senders, recorders). `nowNs` is
 * the clock time of the emit, given only to the first listener, which runs right after the clock read
 * (a later one may run after the first one's whole downstream chain, so it reads the clock itself).
 */
export type OutputListener = (msg: Msg, nowNs?: number) => void;

export interface RunnerHost {
  readonly clock: Clock;
  readonly process: string;
  /** Work in flight anywhere in this runtime changed (the virtual clock waits for zero). */
  workStarted(): void;
  workEnded(): void;
  /** Work in flight that waits for clock time (it must not hold the virtual clock back). */
  sleepStarted(): void;
  sleepEnded(): void;
  /**
   * The figures of the path source -> ... -> `node` for a message whose trace has path id `inPathId`:
   * its end-to-end latency is recorded there when the message reaches `node`.
   */
  arrivalPath(node: string, inPathId: number): PathStats;
}

class OutputPort {
  seq = 0;
  readonly listeners: OutputListener[] = [];
  /** Where an error while emitting is reported (built once, not per failure). */
  readonly what: string;
  constructor(
    readonly name: string,
    readonly topic: string,
    readonly type: string,
  ) {
    this.what = `output ${name}`;
  }
}

/**
 * ctx.subscribe on an input, attached to the port itself: what the handler throws is the node's error
 * (counted, logged), and the port's other subscribers still get the message.
 */
class HandSink<T> implements PortSink<T> {
  constructor(
    private readonly fn: (value: T) => void,
    private readonly runner: NodeRunner,
    private readonly where: string,
  ) {}
  next(value: T): void {
    try {
      this.fn(value);
    } catch (err) {
      this.runner.fail(err, this.where);
    }
  }
  complete(): void {}
}

// A node that declares no events gets this one: nothing can be emitted to it (its type is never).
const noEvents: NodeEvents<never> = { emit: () => undefined, observed: false };

/** One input port of a runner as the edges into it see it: the port is resolved once, not per message. */
class InputBinding implements EdgeConsumer {
  constructor(
    private readonly runner: NodeRunner,
    readonly port: InputPort<Delivered>,
    readonly name: string,
  ) {}
  ready(): boolean {
    return this.runner.ready();
  }
  pending(edge: LocalEdge): void {
    this.runner.pending(edge);
  }
  deliver(_edge: LocalEdge, msg: Msg, nowNs: number): void {
    this.runner.deliverTo(this, msg, nowNs);
  }
}

const ignore = (): void => undefined;

export class NodeRunner implements EdgeConsumer {
  readonly ctx: NodeContext;
  instance: NodeInstance | undefined;
  private readonly inputs = new Map<string, InputBinding>();
  private readonly outputs = new Map<string, OutputPort>();
  private readonly inbound: LocalEdge[] = [];
  private readonly waiting = new Set<LocalEdge>();
  private readonly subscriptions: Subscription[] = [];
  // The node's own subscriptions (ctx.subscribe): they end with the node's stop.
  private readonly hand = new Subscription();
  /** The node's events, when its definition declares some (runtime.events()). */
  readonly events: InputPort<unknown> | undefined;
  private busyCount = 0;
  private readonly processing: LatencyHistogram;
  private delivering = false;

  constructor(
    readonly node: GraphNode,
    readonly stats: NodeStats,
    private readonly host: RunnerHost,
    readonly log: Logger,
  ) {
    this.processing = stats.processing;
    const def = node.def;
    for (const port of Object.keys(def.inputs)) this.inputs.set(port, new InputBinding(this, new InputPort<Delivered>(), port));
    for (const port of Object.keys(def.outputs as Ports)) {
      this.outputs.set(port, new OutputPort(port, portKey({ node: node.id, port }), node.outputTypes[port] ?? "reflex.Blob"));
    }
    this.events = def.events ? new InputPort<unknown>() : undefined;
    this.ctx = this.makeContext();
  }

  // ---- inputs ---------------------------------------------------------------------------------------

  addInbound(edge: LocalEdge): void {
    this.inbound.push(edge);
  }

  /** The consumer an edge into input `port` delivers to. */
  input(port: string): EdgeConsumer {
    const b = this.inputs.get(port);
    if (!b) throw new Error(`node "${this.node.id}" has no input "${port}"`);
    return b;
  }

  ready(): boolean {
    return this.busyCount === 0 && !this.delivering;
  }

  pending(edge: LocalEdge): void {
    this.waiting.add(edge);
  }

  deliver(edge: LocalEdge, msg: Msg, nowNs: number): void {
    this.deliverTo(this.inputs.get(edge.spec.to.port)!, msg, nowNs);
  }

  // The last arrival path: a node fed by one chain sees the same path on every message, so the path's
  // figures are found by one number compare instead of interning the path and a registry lookup.
  private arrivalIn = -1;
  // The histogram itself, not its PathStats: one pointer less to follow on every message.
  private arrivalLatency: LatencyHistogram | undefined;

  deliverTo(input: InputBinding, msg: Msg, now: number): void {
    const header = msg.header;
    const delivered: Delivered = { header, body: msg.body, receivedNs: now };
    const inPathId = header.trace ? header.trace.pathId : 0;
    let latency = this.arrivalLatency;
    if (inPathId !== this.arrivalIn || latency === undefined) {
      latency = this.host.arrivalPath(this.node.id, inPathId).latency;
      this.arrivalIn = inPathId;
      this.arrivalLatency = latency;
    }
    latency.record(now - header.captureNs);
    this.delivering = true;
    try {
      input.port.next(delivered);
    } catch (err) {
      // Only a subscriber outside the runtime's error handling can throw here.
      this.fail(err, `input ${input.name}`);
    } finally {
      this.delivering = false;
    }
    if (this.waiting.size > 0 && this.busyCount === 0) this.drain();
  }

  /** Delivers waiting messages, oldest edge first, until the node is busy or nothing waits. */
  private drain(): void {
    while (this.waiting.size > 0 && this.ready()) {
      for (const edge of this.waiting) {
        if (!this.ready()) return;
        if (!edge.deliverNext() || edge.depth === 0) this.waiting.delete(edge);
      }
    }
  }

  // ---- outputs --------------------------------------------------------------------------------------

  listen(port: string, listener: OutputListener): void {
    const out = this.outputs.get(port);
    if (!out) throw new Error(`node "${this.node.id}" has no output "${port}"`);
    out.listeners.push(listener);
  }

  /** Subscribes the node's outputs and effects: from here on it produces. */
  subscribe(): void {
    const inst = this.instance;
    if (!inst) return;
    for (const [port, stream] of Object.entries(inst.outputs ?? {})) {
      const out = this.outputs.get(port);
      if (!out) throw new Error(`node "${this.node.id}" returned an output "${port}" it does not declare`);
      if (!stream) continue;
      const what = `output ${port}`;
      this.subscriptions.push(
        subscribeResilient(
          stream as Observable<Outgoing>,
          (o) => this.emit(out, o),
          (err) => this.fail(err, what),
        ),
      );
    }
    for (const [i, effect] of (inst.effects ?? []).entries()) {
      const what = `effect ${i}`;
      this.subscriptions.push(subscribeResilient(effect, ignore, (err) => this.fail(err, what)));
    }
  }

  /** Ends the node's outputs, effects and its own subscriptions (ctx.subscribe). */
  unsubscribe(): void {
    for (const s of this.subscriptions.splice(0)) s.unsubscribe();
    this.hand.unsubscribe();
  }

  completeInputs(): void {
    for (const b of this.inputs.values()) b.port.complete();
    this.events?.complete();
  }

  private emit(out: OutputPort, o: Outgoing): void {
    // Caught here, not by RxJS: an emit that throws (a malformed Outgoing, a listener such as a recorder
    // failing) is this node's error in this runtime. RxJS would hand it to its one process-wide hook.
    try {
      const now = this.host.clock.nowNs();
      const trace: Trace = appendSpan(o.trace, this.node.id, o.inNs, now, this.host.process);
      const msg: Msg = {
        header: { topic: out.topic, seq: ++out.seq, captureNs: o.captureNs, type: out.type, trace },
        body: o.body,
      };
      const stats = this.stats;
      this.processing.record(now - o.inNs);
      stats.emitted++;
      stats.lastEmitNs = now;
      const ls = out.listeners;
      if (ls.length === 0) return;
      ls[0]!(msg, now);
      for (let i = 1; i < ls.length; i++) ls[i]!(msg);
    } catch (err) {
      this.fail(err, out.what);
    }
  }

  fail(err: unknown, where: string): void {
    this.stats.errors++;
    const e = err instanceof Error ? err : new Error(String(err));
    // At most one log line per second per node: a node failing at 1 kHz must not flood the log.
    const now = this.host.clock.nowNs();
    if (now - this.lastErrorLogNs >= 1e9 || this.lastErrorLogNs === 0) {
      this.log.error({ node: this.node.id, where, errors: this.stats.errors, err: e }, `node ${this.node.id} failed in ${where}: ${e.message}`);
      this.lastErrorLogNs = now;
    }
  }
  private lastErrorLogNs = 0;

  // ---- context --------------------------------------------------------------------------------------

  /** ctx.subscribe: on an input, a sink on the port itself; on any other stream, a resilient subscriber. */
  private subscribeHand<T>(stream: Observable<T>, next: (value: T) => void): Subscription {
    let s: Subscription;
    const input = this.inputByStream.get(stream as Observable<unknown>);
    if (input) {
      const sink = new HandSink<Delivered>(next as (value: Delivered) => void, this, `input ${input.name}`);
      s = new Subscription(input.port.attach(sink));
    } else {
      const guarded = (value: T): void => {
        try {
          next(value);
        } catch (err) {
          this.fail(err, "subscription");
        }
      };
      s = subscribeResilient(stream, guarded, (err) => this.fail(err, "subscription"));
    }
    // On a stopped node (closed `hand`) this ends the subscription at once.
    this.hand.add(s);
    return s;
  }

  private readonly inputByStream = new Map<Observable<unknown>, InputBinding>();

  private makeContext(): NodeContext {
    const runner = this;
    const host = this.host;
    const inputs: Record<string, Observable<Delivered>> = {};
    for (const [port, b] of this.inputs) {
      inputs[port] = b.port.observable;
      this.inputByStream.set(b.port.observable, b);
    }
    const eventsPort = this.events;
    const events: NodeEvents<unknown> = eventsPort
      ? {
          emit: (event: unknown) => eventsPort.next(event),
          get observed() {
            return eventsPort.observed;
          },
        }
      : noEvents;
    return {
      id: this.node.id,
      type: this.node.type,
      clock: host.clock,
      log: this.log,
      metrics: { gauge: (name, value) => void this.stats.gauges.set(name, value) },
      // The runtime checked port types when it built the graph; the map is typed per node by defineNode.
      inputs: inputs as NodeContext["inputs"],
      msg<T>(body: T, from?: Delivered | readonly Delivered[]): Outgoing<T> {
        if (from === undefined) {
          const now = host.clock.nowNs();
          return { body, captureNs: now, inNs: now, trace: undefined };
        }
        if (!Array.isArray(from)) {
          const f = from as Delivered;
          return { body, captureNs: f.header.captureNs, inNs: f.receivedNs, trace: f.header.trace };
        }
        // Derived from several inputs: the first is the one it derives from (its capture stamp and path;
        // a latched input such as an instruction must not make every action look old); processing
        // began when the last of them arrived.
        const primary = from[0] as Delivered | undefined;
        if (!primary) return this.msg(body);
        let inNs = 0;
        for (const f of from) if (f.receivedNs > inNs) inNs = f.receivedNs;
        return { body, captureNs: primary.header.captureNs, inNs, trace: primary.header.trace };
      },
      busy<T>(work: Promise<T>): Promise<T> {
        runner.busyCount++;
        host.workStarted();
        const done = (): void => {
          runner.busyCount--;
          host.workEnded();
          if (runner.busyCount === 0 && runner.waiting.size > 0) runner.drain();
        };
        return work.then(
          (v) => {
            done();
            return v;
          },
          (err: unknown) => {
            done();
            throw err;
          },
        );
      },
      sleep(ms: number): Promise<void> {
        host.sleepStarted();
        return new Promise<void>((resolve) => {
          host.clock.at(host.clock.nowNs() + msToNs(ms), () => {
            host.sleepEnded();
            resolve();
          });
        });
      },
      every(periodMs: number): Observable<{ index: number; dueNs: number }> {
        if (!(periodMs > 0)) throw new RangeError(`node ${runner.node.id}: period must be > 0 ms, got ${periodMs}`);
        return new Observable((sub) => host.clock.every(msToNs(periodMs), (index, dueNs) => sub.next({ index, dueNs })));
      },
      subscribe: <T>(stream: Observable<T>, next: (value: T) => void): Subscription => this.subscribeHand(stream, next),
      // The runner's context is the erased one: a definition's event type is checked where it is declared.
      events: events as NodeEvents<never>,
    };
  }
}
