// The receiving end of one cross-process edge: a DEALER that connects to the sender's ROUTER.
//
// Why ROUTER/DEALER and not PUSH/PULL: PUSH/PULL is one-way, so the sender could only guess when a
// receiver is really there (a TCP accept is not a registered pipe, and under CurveZMQ not even an
// authenticated one). Here libzmq itself sends a hello on every (re)connect (ZMQ_PROBE_ROUTER), after
// the security handshake, and the sender answers WELCOME: both ends know the edge is live, which gives
// the no-start-up-loss handshake (LinkSender.waitForPeers) and survives restarts of either side. The
// ROUTER also gives each receiver its own bounded queue, so one output can feed several processes
// (PUSH would round-robin between them instead), and it tells a full queue (EAGAIN, counted) from a
// gone peer (EHOSTUNREACH).
//
// The receiver drains its socket eagerly, so ZeroMQ's queues stay short, and applies the edge's QoS in
// its own bounded mailbox; the consumer takes messages with request(n) when it is ready for them.
import * as zmq from "zeromq";
import type { Msg } from "../core/message.js";
import { decodeFrames } from "./codec.js";
import { BYE, END, ENDED, HELLO, WELCOME, isFrame } from "./control-frames.js";
import { newReceiverCounters, type ReceiverCounters } from "./counters.js";
import { DecodeError } from "./decode-error.js";
import { checkEndpoint } from "./endpoint.js";
import { maxFrameBytesOf } from "./frame-limits.js";
import { TCP_HEARTBEAT, type LinkCommonOptions } from "./link-options.js";
import { Mailbox, type LinkQos } from "./mailbox.js";
import { RateLimitedLog } from "../core/rate-limited-log.js";
import { MAX_PLAUSIBLE_GAP, SEQ_JUMP, SEQ_RESET, SeqTracker } from "./seq-tracker.js";
import { receiveFrames } from "./receive-loop.js";

export interface LinkReceiverCurve {
  /** The sender's public key, Z85. */
  readonly serverPublicKey: string;
  /** This end's key pair, Z85; its public key must be in the sender's allowed set. */
  readonly publicKey: string;
  readonly secretKey: string;
}

export type LinkStatus = "connected" | "disconnected";

/**
 * What one edge carries: the topic its producer port stamps ("<node>/<port>") and its message type.
 * A message that decodes but is not this is refused: it would reach an input that expects another
 * message (a process of another config, or a stray one, sending to this endpoint).
 */
export interface LinkEdgeContract {
  readonly topic: string;
  readonly type: string;
}

export interface LinkReceiverOptions extends LinkCommonOptions {
  /** The edge's QoS, applied here. Default keep-latest. */
  readonly qos?: LinkQos;
  /**
   * Called with each message the consumer asked for (see request()). Bulk fields are views of the
   * received frames. Runs synchronously inside the link; a throw is counted and logged.
   */
  readonly onMessage: (msg: Msg) => void;
  /** Called when the sender welcomes this receiver and when the connection drops. */
  readonly onStatus?: (status: LinkStatus) => void;
  /** Messages ZeroMQ may hold before this process reads them. Default 8. */
  readonly receiveHighWaterMark?: number;
  readonly curve?: LinkReceiverCurve;
  /** What the edge carries; without it any well-formed message is delivered. */
  readonly edge?: LinkEdgeContract;
  /**
   * The largest frame taken in, bytes: a sender that sends a larger one is disconnected by ZeroMQ
   * before the frame is read (it reconnects; that message is lost). Default from edge.type
   * (frame-limits.ts), unlimited without an edge.
   */
  readonly maxFrameBytes?: number;
}

/** How long a dropped connection may go without libzmq retrying it before the receiver re-opens it, ms. */
const REOPEN_AFTER_MS = 500;

export class LinkReceiver {
  readonly counters: ReceiverCounters = newReceiverCounters();
  private readonly socket: zmq.Dealer;
  private readonly mailbox: Mailbox<Msg>;
  private readonly seq = new SeqTracker();
  private readonly log: RateLimitedLog;
  private credit = 0;
  private delivering = false;
  private loop: Promise<void> | undefined;
  private state: "new" | "open" | "closed" = "new";
  private isConnected = false;
  private connectWaiters: { welcomed: () => void; closed: () => void }[] = [];
  private reopenTimer: NodeJS.Timeout | undefined;
  // Read once: the check on every message compares the decoded (interned) names with these.
  private readonly edgeType: string | undefined;
  private readonly edgeTopic: string | undefined;

  constructor(private readonly opts: LinkReceiverOptions) {
    checkEndpoint(opts.endpoint, { curve: opts.curve !== undefined, allowNonLoopback: opts.allowNonLoopback, insecure: opts.insecure });
    this.mailbox = new Mailbox<Msg>(opts.qos ?? { kind: "keep-latest" });
    this.log = new RateLimitedLog(opts.logger, opts.logIntervalMs);
    this.edgeType = opts.edge?.type;
    this.edgeTopic = opts.edge?.topic;
    const isTcp = opts.endpoint.startsWith("tcp://");
    const maxFrameBytes = opts.maxFrameBytes ?? (opts.edge ? maxFrameBytesOf(opts.edge.type) : -1);
    this.socket = new zmq.Dealer({
      ...(opts.context ? { context: opts.context } : {}),
      // ZMQ_PROBE_ROUTER sends the first hello (an empty message) when the pipe is attached. The pipe
      // outlives reconnects (ZMQ_IMMEDIATE off: with it on, libzmq discards messages still unread in
      // the pipe when the sender closes, losing the tail of a graceful shutdown), so later hellos are
      // sent by watchEvents() on each reconnect.
      probeRouter: true,
      immediate: false,
      sendTimeout: 0,
      receiveHighWaterMark: opts.receiveHighWaterMark ?? 8,
      sendHighWaterMark: 8,
      maxMessageSize: maxFrameBytes,
      // Long enough for the BYE to leave at close, short enough not to hold shutdown up.
      linger: 100,
      ...(isTcp ? TCP_HEARTBEAT : {}),
      ...(opts.curve
        ? { curveServerKey: opts.curve.serverPublicKey, curvePublicKey: opts.curve.publicKey, curveSecretKey: opts.curve.secretKey }
        : {}),
    });
  }

  /** Whether the sender has welcomed this receiver and the connection has not dropped since. */
  get connected(): boolean {
    return this.isConnected;
  }

  /** Messages held in the mailbox, waiting for request(). */
  get pending(): number {
    return this.mailbox.length;
  }

  /** Connects (the sender may bind later: ZeroMQ retries) and starts draining the socket. */
  open(): void {
    if (this.state !== "new") throw new Error(`link ${this.opts.name}: open() called twice`);
    this.state = "open";
    this.watchEvents();
    this.socket.connect(this.opts.endpoint);
    this.loop = this.receiveLoop();
  }

  /** Resolves when the sender has welcomed this receiver; rejects after `timeoutMs`. */
  waitConnected(timeoutMs = 5000): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        welcomed: (): void => {
          clearTimeout(timer);
          resolve();
        },
        // Closed while waiting (a worker stopped before its senders welcomed it): no welcome will come,
        // and a timer left running would keep the process alive until the timeout.
        closed: (): void => {
          clearTimeout(timer);
          reject(new Error(`link ${this.opts.name}: closed before a welcome from ${this.opts.endpoint}`));
        },
      };
      const timer = setTimeout(() => {
        this.connectWaiters = this.connectWaiters.filter((w) => w !== waiter);
        reject(new Error(`link ${this.opts.name}: no welcome from ${this.opts.endpoint} after ${timeoutMs} ms`));
      }, timeoutMs);
      this.connectWaiters.push(waiter);
    });
  }

  /**
   * The consumer is ready for `n` more messages (Infinity: deliver everything as it comes, no QoS
   * drops here). Held messages are delivered right away, synchronously, up to `n`.
   */
  request(n = 1): void {
    this.credit += n;
    this.drain();
  }

  /** Says BYE to the sender, closes the socket. Held messages are discarded (not counted as drops). */
  async close(): Promise<void> {
    if (this.state === "closed") return;
    const wasOpen = this.state === "open";
    this.state = "closed";
    this.cancelReopen();
    const waiting = this.connectWaiters;
    this.connectWaiters = [];
    for (const w of waiting) w.closed();
    if (wasOpen) {
      // Best effort: a full or unconnected pipe just means the sender learns from EHOSTUNREACH instead.
      await this.socket.send(BYE).catch(() => undefined);
    }
    this.socket.close();
    await this.loop;
    this.mailbox.clear();
    this.log.flush();
    this.setConnected(false);
  }

  private setConnected(connected: boolean): void {
    if (connected === this.isConnected) return;
    this.isConnected = connected;
    if (connected) {
      const waiters = this.connectWaiters;
      this.connectWaiters = [];
      for (const w of waiters) w.welcomed();
    }
    try {
      this.opts.onStatus?.(connected ? "connected" : "disconnected");
    } catch (err) {
      this.counters.callback_errors++;
      this.log.warn("status-callback", { link: this.opts.name, err: (err as Error).message }, "onStatus threw");
    }
  }

  private watchEvents(): void {
    const events = this.socket.events;
    let connects = 0;
    events.on("connect", () => {
      this.cancelReopen();
      // The first connection's hello is the probe; a reconnect (the sender restarted) needs its own.
      if (++connects > 1 && this.state === "open") this.socket.send(HELLO).catch(() => undefined);
    });
    let handshaked = false;
    events.on("handshake", () => (handshaked = true));
    events.on("connect:retry", () => this.cancelReopen());
    events.on("disconnect", () => {
      this.setConnected(false);
      // After a lost connection libzmq retries (a "connect:retry" follows); after a protocol error on
      // an established one (a frame over maxFrameBytes, bytes that are not ZMTP) it gives the endpoint
      // up for good. Re-open it then, so one oversized message costs that message, not the edge.
      // A failed handshake (a wrong CurveZMQ key) is not retried here: it would fail again.
      if (handshaked && this.state === "open") {
        this.cancelReopen();
        this.reopenTimer = setTimeout(() => this.reopen(), REOPEN_AFTER_MS);
        this.reopenTimer.unref();
      }
      handshaked = false;
    });
    events.on("handshake:error:auth", (e) => {
      this.log.warn("auth", { link: this.opts.name, endpoint: e.address, err: e.error.message }, "the sender refused this receiver's CurveZMQ key");
    });
    // A wrong server key shows up as a protocol error or, on the client side, as "other" (the server
    // drops the connection when it cannot decrypt the client's hello).
    const handshakeFailed = (e: { address: string; error: Error }): void => {
      this.log.warn("handshake", { link: this.opts.name, endpoint: e.address, err: e.error.message }, "security handshake failed (wrong server key, or CurveZMQ on one end only?)");
    };
    events.on("handshake:error:protocol", handshakeFailed);
    events.on("handshake:error:other", handshakeFailed);
  }

  private cancelReopen(): void {
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
  }

  private reopen(): void {
    this.reopenTimer = undefined;
    if (this.state !== "open") return;
    this.counters.protocol_drops++;
    this.log.warn(
      "protocol-drop",
      { link: this.opts.name, endpoint: this.opts.endpoint },
      "the connection to the sender was dropped for a protocol error (a frame over this edge's size limit, or bytes that are not ZMTP); reconnecting",
    );
    try {
      this.socket.disconnect(this.opts.endpoint);
    } catch {
      // libzmq has already forgotten the endpoint: nothing to undo.
    }
    this.socket.connect(this.opts.endpoint);
  }

  private receiveLoop(): Promise<void> {
    return receiveFrames(
      this.socket,
      () => this.state === "open",
      (frames) => {
        if (frames.length === 1 && isFrame(frames[0], WELCOME)) {
          this.setConnected(true);
          return;
        }
        if (frames.length === 1 && isFrame(frames[0], END)) {
          // Everything the sender sent is now read (it was queued before END): confirm, so it may close.
          this.socket.send(ENDED).catch(() => undefined);
          this.setConnected(false);
          return;
        }
        this.onFrames(frames);
      },
      (err) => this.log.warn("receive", { link: this.opts.name, err: err.message }, "receive failed"),
    );
  }

  private onFrames(frames: Buffer[]): void {
    const c = this.counters;
    c.received++;
    const msg = decodeFrames(frames);
    if (msg instanceof DecodeError) {
      c.bad_frames[msg.reason]++;
      this.log.warn(`bad:${msg.reason}`, { link: this.opts.name, reason: msg.reason, detail: msg.message }, "dropped a bad message");
      return;
    }
    const h = msg.header;
    if (this.edgeType !== undefined && h.type !== this.edgeType) {
      c.wrong_type++;
      this.log.warn(
        "bad:wrong_type",
        { link: this.opts.name, reason: "wrong_type", expected: this.edgeType, got: h.type, topic: h.topic },
        "dropped a message of another type than the edge's: a process with another config (or a stray one) sends to this link; run every process from the same config",
      );
      return;
    }
    if (this.edgeTopic !== undefined && h.topic !== this.edgeTopic) {
      c.wrong_topic++;
      this.log.warn(
        "bad:wrong_topic",
        { link: this.opts.name, reason: "wrong_topic", expected: this.edgeTopic, got: h.topic, type: h.type },
        "dropped a message from another output than the edge's: a process with another config (or a stray one) sends to this link; run every process from the same config",
      );
      return;
    }
    const gap = this.seq.observe(h.topic, h.seq);
    if (gap > 0) c.dropped_gap += gap;
    else if (gap === SEQ_RESET) {
      c.seq_resets++;
      // Rate-limited: a peer sending made-up sequence numbers would otherwise write a line each.
      this.log.info("seq-reset", { link: this.opts.name, topic: h.topic, seq: h.seq }, "sequence restarted (producer restarted)");
    } else if (gap === SEQ_JUMP) {
      c.seq_resets++;
      this.log.warn(
        "seq-jump",
        { link: this.opts.name, topic: h.topic, seq: h.seq, maxGap: MAX_PLAUSIBLE_GAP },
        "sequence jumped forward by more than any plausible loss: taken as a producer restart, not counted as drops",
      );
    }
    if (this.credit > 0 && this.mailbox.length === 0 && !this.delivering) {
      this.credit--;
      this.deliver(msg);
      return;
    }
    if (this.mailbox.offer(msg)) c.dropped_qos++;
    this.drain();
  }

  private drain(): void {
    // Re-entrancy guard: a consumer that calls request() from onMessage is served by the loop below.
    if (this.delivering) return;
    this.delivering = true;
    try {
      while (this.credit > 0 && this.mailbox.length > 0) {
        this.credit--;
        this.deliver(this.mailbox.take() as Msg);
      }
    } finally {
      this.delivering = false;
    }
  }

  private deliver(msg: Msg): void {
    this.counters.delivered++;
    const wasDelivering = this.delivering;
    this.delivering = true;
    try {
      this.opts.onMessage(msg);
    } catch (err) {
      this.counters.callback_errors++;
      this.log.warn("callback", { link: this.opts.name, topic: msg.header.topic, err: (err as Error).message }, "onMessage threw");
    } finally {
      this.delivering = wasDelivering;
    }
    // Credit granted from inside onMessage on the direct path is served now.
    if (!wasDelivering) this.drain();
  }
}
