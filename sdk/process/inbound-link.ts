// The consumer side of one cross-process edge in a worker: a transport receiver whose messages go
// into the consuming node's input through the edge's QoS (GraphRuntime.inject), and a watch that
// marks the edge stale while its producer is gone or silent past the deadline.
import type { Logger } from "pino";
import { type Clock, msToNs, nsToMs } from "../core/clock.js";
import type { GraphRuntime } from "../runtime/executor.js";
import type { EdgeStats } from "../core/stats.js";
import { portKey } from "../graph/ids.js";
import { LinkReceiver, badFrameTotal, type LinkReceiverCurve } from "../transport/index.js";
import type { LinkPlan } from "./plan.js";
import type { LinkReport } from "./protocol.js";

export class InboundLink {
  readonly receiver: LinkReceiver;
  private readonly stats: EdgeStats;
  private readonly deadlineNs: number;
  private lastArrivalNs = 0;
  private lastMissNs = 0;
  private timer: NodeJS.Timeout | undefined;
  private draining = false;

  constructor(
    readonly plan: LinkPlan,
    private readonly runtime: GraphRuntime,
    private readonly clock: Clock,
    logger: Logger,
    /** For a link from another board: CurveZMQ keys (see LinkPlan.curve). */
    curve?: LinkReceiverCurve,
  ) {
    const edge = runtime.remoteInbound.get(plan.edge);
    if (!edge) throw new Error(`edge ${plan.edge} does not end in process ${runtime.process}`);
    this.stats = edge.stats;
    this.deadlineNs = plan.deadlineMs !== undefined ? msToNs(plan.deadlineMs) : Number.POSITIVE_INFINITY;
    // What the producer's runner stamps on this output (sdk/runtime/node-runner.ts): the link refuses
    // anything else, so an input only ever sees the messages its edge was checked for.
    const producer = runtime.graph.nodes.get(plan.from.node);
    const edgeContract = { topic: portKey(plan.from), type: producer?.outputTypes[plan.from.port] ?? "reflex.Blob" };
    this.receiver = new LinkReceiver({
      endpoint: plan.endpoint,
      name: plan.edge,
      logger,
      edge: edgeContract,
      ...(curve ? { curve } : {}),
      ...(plan.allowNonLoopback ? { allowNonLoopback: true } : {}),
      onMessage: (msg) => {
        this.lastArrivalNs = this.clock.nowNs();
        this.stats.stale = false;
        runtime.inject(plan.edge, msg);
      },
      onStatus: (status) => {
        if (status === "disconnected") this.markStale();
      },
    });
  }

  /** Connects and resolves once the sender has welcomed this receiver (no start-up loss). */
  async connect(timeoutMs: number): Promise<void> {
    this.receiver.open();
    // Take everything as it comes: the edge's QoS is applied once, by the LocalEdge behind inject().
    this.receiver.request(Number.POSITIVE_INFINITY);
    await this.receiver.waitConnected(timeoutMs);
  }

  /**
   * From start on: an edge with a deadline that sees no message for a deadline counts a deadline miss
   * (one per deadline without input) and is stale until the next message arrives.
   */
  watch(): void {
    this.lastArrivalNs = this.clock.nowNs();
    if (!Number.isFinite(this.deadlineNs)) return;
    const periodMs = Math.max(5, nsToMs(this.deadlineNs) / 2);
    this.timer = setInterval(() => {
      const now = this.clock.nowNs();
      if (now - this.lastArrivalNs <= this.deadlineNs) return;
      if (now - Math.max(this.lastMissNs, this.lastArrivalNs) > this.deadlineNs) {
        this.lastMissNs = now;
        this.stats.deadlineMisses++;
      }
      this.markStale();
    }, periodMs);
    this.timer.unref();
  }

  /** The run is ending: producers going away from now on is the shutdown, not staleness. */
  drain(): void {
    this.draining = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The supervisor saw the producer's process die: stale now, even without a deadline. */
  producerDown(): void {
    this.markStale();
  }

  private markStale(): void {
    if (this.stats.stale || this.draining) return;
    this.stats.stale = true;
    this.stats.staleEpisodes++;
  }

  report(): LinkReport {
    const c = this.receiver.counters;
    this.stats.droppedGap = c.dropped_gap;
    return {
      edge: this.plan.edge,
      connected: this.receiver.connected,
      stale: this.stats.stale,
      staleEpisodes: this.stats.staleEpisodes,
      deadlineMisses: this.stats.deadlineMisses,
      delivered: this.stats.delivered,
      droppedGap: c.dropped_gap,
      droppedQos: c.dropped_qos,
      badFrames: badFrameTotal(c),
      seqResets: c.seq_resets,
      wrongType: c.wrong_type,
      wrongTopic: c.wrong_topic,
      protocolDrops: c.protocol_drops,
    };
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.receiver.close();
  }
}
