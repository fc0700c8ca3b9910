// Turns a Graph into running RxJS streams in this process and drives its lifecycle:
// init (create + init, in dependency order), start (consumers subscribe before producers),
// stop (producers first, in-flight work flushed), dispose.
import { Observable, Subject } from "rxjs";
import type { Logger } from "pino";
import type { Graph, GraphEdge } from "../graph/model.js";
import { MetricsRegistry, type PathStats } from "../core/stats.js";
import { type Clock, nsToMs } from "../core/clock.js";
import { VirtualClock } from "../core/clock.js";
import { LocalEdge, type DeadlineMissEvent } from "./edge.js";
import type { Msg } from "../core/message.js";
import { paths } from "../core/paths.js";
import { NodeRunner, type OutputListener, type RunnerHost } from "./node-runner.js";
import { portKey } from "../graph/ids.js";
import { topologicalOrder } from "../graph/topology.js";
import type { AnyNodeDefinition, ControlOf, EventOf, NodeAccess } from "../core/node.js";
import { installUnhandledErrorHook, unhandledErrorsStarted, unhandledErrorsStopped, type UnhandledErrorSink } from "./unhandled-errors.js";

export class NodeInitError extends Error {
  constructor(
    readonly node: string,
    readonly nodeType: string,
    readonly phase: "create" | "init" | "start",
    override readonly cause: unknown,
  ) {
    const msg = cause instanceof Error ? cause.message : String(cause);
    super(`node "${node}" (${nodeType}) failed to ${phase === "create" ? "be created" : phase}: ${msg}`);
    this.name = "NodeInitError";
  }
}

export interface RuntimeOptions {
  readonly clock: Clock;
  readonly log: Logger;
  readonly registry?: MetricsRegistry;
  /** The process group this runtime runs ("main" in a single-process run). */
  readonly process?: string;
  /** Only these nodes run here (multi-process plans); default all. */
  readonly only?: ReadonlySet<string>;
}

export type RuntimeState = "new" | "initialised" | "running" | "stopped" | "disposed";

export class GraphRuntime implements RunnerHost, NodeAccess, UnhandledErrorSink {
  readonly clock: Clock;
  readonly registry: MetricsRegistry;
  readonly process: string;
  readonly deadlineMisses = new Subject<DeadlineMissEvent>();
  readonly runners = new Map<string, NodeRunner>();
  readonly edges: LocalEdge[] = [];
  private readonly order: string[];
  private readonly log: Logger;
  private inFlight = 0;
  private sleeping = 0;
  private idleWaiters: (() => void)[] = [];
  state: RuntimeState = "new";
  /** Errors RxJS reported from a subscriber of this runtime's nodes that the runtime could not catch itself. */
  unhandledErrors = 0;

  constructor(
    readonly graph: Graph,
    opts: RuntimeOptions,
  ) {
    this.clock = opts.clock;
    this.log = opts.log;
    this.registry = opts.registry ?? new MetricsRegistry();
    this.process = opts.process ?? "main";
    const only = opts.only;
    this.order = topologicalOrder(graph).filter((id) => !only || only.has(id));
    for (const id of this.order) {
      const node = graph.nodes.get(id)!;
      const runner = new NodeRunner(node, this.registry.node(id, node.type), this, this.log.child({ node: id }));
      this.runners.set(id, runner);
    }
    for (const e of graph.edges) {
      if (this.runners.has(e.from.node) && this.runners.has(e.to.node)) this.wire(e);
      else if (this.runners.has(e.to.node)) this.wireInbound(e);
    }
    installUnhandledErrorHook(this);
  }

  private wire(e: GraphEdge): void {
    const from = this.runners.get(e.from.node)!;
    const to = this.runners.get(e.to.node)!;
    const stats = this.registry.edge(portKey(e.from), portKey(e.to));
    const edge = new LocalEdge(e, stats, this.clock, to.input(e.to.port), (ev) => this.onMiss(ev));
    to.addInbound(edge);
    from.listen(e.from.port, (m, nowNs) => edge.offer(m, nowNs));
    this.edges.push(edge);
  }

  /**
   * An edge whose producer runs in another process: its consumer side is a LocalEdge like any other
   * (same QoS, same counters), fed by inject() from the transport link.
   */
  private wireInbound(e: GraphEdge): void {
    const to = this.runners.get(e.to.node)!;
    const stats = this.registry.edge(portKey(e.from), portKey(e.to));
    const edge = new LocalEdge(e, stats, this.clock, to.input(e.to.port), (ev) => this.onMiss(ev));
    to.addInbound(edge);
    this.edges.push(edge);
    this.inbound.set(stats.id, edge);
  }

  private readonly inbound = new Map<string, LocalEdge>();

  /** The edges fed from other processes, by edge id ("<from>/<port> -> <to>/<port>"). */
  get remoteInbound(): ReadonlyMap<string, LocalEdge> {
    return this.inbound;
  }

  /**
   * Delivers a message that crossed from another process into the consuming node's input, through the
   * edge's QoS (the cross-process counterpart of an output feeding a LocalEdge). `edge` is the edge id.
   */
  inject(edge: string, msg: Msg): void {
    const e = this.inbound.get(edge);
    if (!e) throw new Error(`edge "${edge}" does not end in process "${this.process}"`);
    if (this.state !== "running") {
      e.stats.droppedQueue++; // before start / after stop the consumer is not subscribed: counted, not delivered
      return;
    }
    e.offer(msg);
  }

  private missLogNs = 0;
  private onMiss(ev: DeadlineMissEvent): void {
    this.deadlineMisses.next(ev);
    if (ev.atNs - this.missLogNs >= 1e9 || this.missLogNs === 0) {
      this.missLogNs = ev.atNs;
      this.log.warn(
        { edge: ev.edge, age_ms: nsToMs(ev.ageNs), deadline_ms: nsToMs(ev.deadlineNs) },
        `deadline miss on ${ev.edge}: input ${nsToMs(ev.ageNs).toFixed(2)} ms old, deadline ${nsToMs(ev.deadlineNs)} ms`,
      );
    }
  }

  /** Taps an output of a node in this runtime (transport senders, recorders). */
  listen(node: string, port: string, listener: OutputListener): void {
    const r = this.runners.get(node);
    if (!r) throw new Error(`node "${node}" does not run in process "${this.process}"`);
    r.listen(port, listener);
  }

  // ---- NodeAccess: reaching nodes from outside the graph ---------------------------------------------

  nodeIds(type?: string): string[] {
    return this.order.filter((id) => type === undefined || this.runners.get(id)!.node.type === type);
  }

  private runnerOf(node: string, def: AnyNodeDefinition): NodeRunner {
    const r = this.runners.get(node);
    if (!r || r.node.type !== def.type) {
      const running = this.nodeIds(def.type);
      throw new RangeError(
        `no ${def.type} node "${node}" runs in process "${this.process}" (${running.length ? `running: ${running.join(", ")}` : "none runs"})`,
      );
    }
    return r;
  }

  /**
   * The control `node` returned from create(), typed by its definition. Throws a RangeError when the node
   * does not run here, is of another type, is not created yet (before init) or has no control.
   */
  control<D extends AnyNodeDefinition>(node: string, def: D): ControlOf<D> {
    const r = this.runnerOf(node, def);
    if (this.state === "new" || this.state === "disposed") throw new RangeError(`node "${node}" is not running (runtime ${this.state})`);
    const control: unknown = r.instance?.control;
    if (control === undefined) throw new RangeError(`node "${node}" (${def.type}) has no control`);
    return control as ControlOf<D>;
  }

  /**
   * The events `node` emits (declared by its definition), from the subscription on; completes when the
   * runtime stops. Subscribe before start() to miss none.
   */
  events<D extends AnyNodeDefinition>(node: string, def: D): Observable<EventOf<D>> {
    const port = this.runnerOf(node, def).events;
    if (!port) throw new RangeError(`node "${node}" (${def.type}) declares no events`);
    return port.observable as Observable<EventOf<D>>;
  }

  /** An error RxJS could not hand to any subscriber (see unhandled-errors.ts). */
  unhandled(err: unknown, certain: boolean): void {
    const msg = err instanceof Error ? err.message : String(err);
    if (certain) {
      this.unhandledErrors++;
      this.log.error({ err }, `unhandled error in a node's subscriber: ${msg}`);
    } else {
      this.log.error({ err }, `unhandled error in a node's subscriber (other runtimes run in this process: it may be theirs): ${msg}`);
    }
  }

  // ---- RunnerHost -----------------------------------------------------------------------------------

  workStarted(): void {
    this.inFlight++;
  }

  workEnded(): void {
    this.inFlight--;
    this.wakeIdleWaiters();
  }

  sleepStarted(): void {
    this.sleeping++;
    this.wakeIdleWaiters();
  }

  sleepEnded(): void {
    this.sleeping--;
  }

  /** Idle: no work in flight, except, on the virtual clock, work waiting for clock time to pass. */
  private get idle(): boolean {
    return this.inFlight <= (this.clock.kind === "virtual" ? this.sleeping : 0);
  }

  private wakeIdleWaiters(): void {
    if (this.idle) for (const w of this.idleWaiters.splice(0)) w();
  }

  arrivalPath(node: string, inPathId: number): PathStats {
    const id = paths.child(inPathId, node);
    return this.registry.path(id, () => paths.nodes(id));
  }

  // ---- lifecycle ------------------------------------------------------------------------------------

  async init(): Promise<void> {
    if (this.state !== "new") throw new Error(`runtime already ${this.state}`);
    const created: NodeRunner[] = [];
    try {
      for (const id of this.order) {
        const r = this.runners.get(id)!;
        try {
          r.instance = await r.node.def.create(r.ctx, r.node.params);
        } catch (err) {
          throw new NodeInitError(id, r.node.type, "create", err);
        }
        created.push(r);
        try {
          await r.instance.init?.();
        } catch (err) {
          throw new NodeInitError(id, r.node.type, "init", err);
        }
      }
    } catch (err) {
      await this.disposeRunners(created.reverse());
      this.state = "disposed";
      throw err;
    }
    this.state = "initialised";
  }

  async start(): Promise<void> {
    if (this.state === "new") await this.init();
    if (this.state !== "initialised") throw new Error(`cannot start a runtime that is ${this.state}`);
    this.registry.startedNs = this.clock.nowNs();
    // Consumers first, so that the first message a source emits finds its whole path subscribed.
    const reverse = [...this.order].reverse();
    unhandledErrorsStarted(this);
    for (const id of reverse) this.runners.get(id)!.subscribe();
    for (const id of reverse) {
      const r = this.runners.get(id)!;
      try {
        await r.instance?.start?.();
      } catch (err) {
        await this.stop();
        throw new NodeInitError(id, r.node.type, "start", err);
      }
    }
    this.state = "running";
  }

  /** Stops producers first, lets in-flight work finish (up to `flushMs`), then everything else. */
  async stop(flushMs = 2000): Promise<void> {
    if (this.state !== "running" && this.state !== "initialised") return;
    for (const id of this.order) {
      const r = this.runners.get(id)!;
      try {
        await r.instance?.stop?.();
      } catch (err) {
        r.fail(err, "stop");
      }
      // A source's streams end with its subscription; its consumers still take what is in flight.
      if (r.node.def.kind === "sensor" || r.node.def.kind === "source") r.unsubscribe();
    }
    await this.flush(flushMs);
    for (const id of this.order) this.runners.get(id)!.unsubscribe();
    for (const edge of this.edges) edge.clear();
    for (const id of this.order) this.runners.get(id)!.completeInputs();
    this.registry.stoppedNs = this.clock.nowNs();
    this.state = "stopped";
    unhandledErrorsStopped(this);
  }

  async dispose(): Promise<void> {
    if (this.state === "running") await this.stop();
    if (this.state === "disposed") return;
    await this.disposeRunners([...this.order].reverse().map((id) => this.runners.get(id)!));
    this.state = "disposed";
  }

  private async disposeRunners(runners: NodeRunner[]): Promise<void> {
    for (const r of runners) {
      try {
        await r.instance?.dispose?.();
      } catch (err) {
        r.fail(err, "dispose");
      }
      r.unsubscribe(); // a node created but never started: its own subscriptions end here
    }
  }

  /** Resolves once no node has work in flight other than waiting for the clock (or after `timeoutMs`). */
  async flush(timeoutMs = 2000): Promise<boolean> {
    if (this.idle) return true;
    return new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  /** Work in flight right now (busy nodes). */
  get busy(): number {
    return this.inFlight;
  }

  /**
   * Runs a started runtime on a virtual clock for `durationNs`: fire the next timer only when no work is
   * in flight, so every run of the same graph and seeds produces the same messages in the same order.
   */
  async runVirtual(durationNs: number, signal?: AbortSignal): Promise<void> {
    const clock = this.clock;
    if (!(clock instanceof VirtualClock)) throw new Error("runVirtual needs the virtual clock");
    const end = clock.nowNs() + durationNs;
    let fired = 0;
    while (!signal?.aborted) {
      await this.flush(60_000);
      const due = clock.nextDueNs();
      if (due === undefined || due > end) break;
      clock.fireNext(end);
      // Let promise callbacks started by this timer run before time moves on; yield to I/O now and then.
      if (++fired % 256 === 0) await new Promise<void>((r) => setImmediate(r));
      else await Promise.resolve();
    }
    await this.flush(60_000);
    if (!signal?.aborted) clock.advanceTo(end);
  }
}
