// One wired edge inside a process: applies the edge's QoS between an output and an input.
// Every buffer is bounded and every message that does not reach the consumer is counted.
import type { EdgeQos, GraphEdge } from "../graph/model.js";
import type { EdgeStats } from "../core/stats.js";
import { type Clock, msToNs } from "../core/clock.js";
import type { Msg } from "../core/message.js";

/** The consuming side an edge delivers into (a node's input port, owned by the node runner). */
export interface EdgeConsumer {
  /** True when the node can take a message now (idle and not inside a delivery). */
  ready(): boolean;
  /** `nowNs`: the clock time the edge delivered at (the consumer need not read the clock again). */
  deliver(edge: LocalEdge, msg: Msg, nowNs: number): void;
  /** Called when a message is buffered, so the consumer can drain when it becomes ready. */
  pending(edge: LocalEdge): void;
}

export interface DeadlineMissEvent {
  readonly edge: string;
  readonly node: string;
  readonly port: string;
  readonly ageNs: number;
  readonly deadlineNs: number;
  readonly atNs: number;
}

export class LocalEdge {
  readonly qos: EdgeQos;
  readonly capacity: number;
  private readonly buffer: (Msg | undefined)[];
  private head = 0;
  private size = 0;
  private readonly throttlePeriodNs: number;
  private readonly deadlineNs: number;
  private readonly delayNs: number;
  private lastPassNs = Number.NEGATIVE_INFINITY;
  private delayed = 0;

  constructor(
    readonly spec: GraphEdge,
    readonly stats: EdgeStats,
    private readonly clock: Clock,
    private readonly consumer: EdgeConsumer,
    private readonly onMiss: (e: DeadlineMissEvent) => void,
  ) {
    this.qos = spec.qos;
    this.capacity = spec.qos.kind === "keep-latest" ? 1 : Math.max(1, spec.qos.queue);
    this.buffer = new Array<Msg | undefined>(this.capacity);
    this.throttlePeriodNs = spec.qos.throttleHz ? 1e9 / spec.qos.throttleHz : 0;
    this.deadlineNs = spec.qos.deadlineMs !== undefined ? msToNs(spec.qos.deadlineMs) : Number.POSITIVE_INFINITY;
    this.delayNs = spec.qos.delayMs ? msToNs(spec.qos.delayMs) : 0;
  }

  get depth(): number {
    return this.size;
  }

  /**
   * A message from the producing output. `nowNs`: the clock time it was emitted at, when the producer
   * calls synchronously right after reading the clock (it saves a second read per hop); without it the
   * edge reads the clock itself.
   */
  offer(msg: Msg, nowNs?: number): void {
    if (this.throttlePeriodNs > 0) {
      const now = nowNs ?? this.clock.nowNs();
      // 1% slack: a source at exactly the throttle rate must not lose every other message to jitter.
      if (now - this.lastPassNs < this.throttlePeriodNs * 0.99) {
        this.stats.droppedThrottle++;
        return;
      }
      this.lastPassNs = now;
    }
    if (this.delayNs > 0) {
      // Messages in flight on a delay line count against the edge's buffer like queued ones.
      if (this.delayed + this.size >= this.capacity && this.qos.kind === "queue") {
        this.stats.droppedQueue++;
        return;
      }
      this.delayed++;
      this.clock.at((nowNs ?? this.clock.nowNs()) + this.delayNs, () => {
        this.delayed--;
        this.arrive(msg, undefined);
      });
      return;
    }
    this.arrive(msg, nowNs);
  }

  private arrive(msg: Msg, nowNs: number | undefined): void {
    if (this.size === 0 && this.consumer.ready()) {
      this.deliver(msg, nowNs ?? this.clock.nowNs());
      return;
    }
    this.enqueue(msg);
    this.consumer.pending(this);
  }

  private enqueue(msg: Msg): void {
    const cap = this.capacity;
    if (this.size === cap) {
      this.stats.droppedQueue++;
      if (this.qos.kind === "queue" && this.qos.drop === "newest") return; // keep what waits, lose the new one
      // keep-latest and drop-oldest: the oldest waiting message goes.
      this.buffer[this.head] = undefined;
      this.head = (this.head + 1) % cap;
      this.size--;
    }
    this.buffer[(this.head + this.size) % cap] = msg;
    this.size++;
    this.stats.depth = this.size;
    if (this.size > this.stats.maxDepth) this.stats.maxDepth = this.size;
  }

  /** Delivers the oldest waiting message, if any; returns whether one was delivered. */
  deliverNext(): boolean {
    if (this.size === 0) return false;
    const msg = this.buffer[this.head]!;
    this.buffer[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    this.stats.depth = this.size;
    this.deliver(msg, this.clock.nowNs());
    return true;
  }

  private deliver(msg: Msg, now: number): void {
    const age = now - msg.header.captureNs;
    const stats = this.stats;
    stats.delivered++;
    stats.lastDeliveredNs = now;
    stats.lastAgeNs = age;
    if (age > this.deadlineNs) {
      stats.deadlineMisses++;
      this.onMiss({
        edge: stats.id,
        node: this.spec.to.node,
        port: this.spec.to.port,
        ageNs: age,
        deadlineNs: this.deadlineNs,
        atNs: now,
      });
    }
    this.consumer.deliver(this, msg, now);
  }

  /** Drops whatever waits (at stop). Returns how many were dropped; they are counted. */
  clear(): number {
    const n = this.size;
    this.stats.droppedQueue += n;
    this.buffer.fill(undefined);
    this.head = 0;
    this.size = 0;
    this.stats.depth = 0;
    return n;
  }
}
