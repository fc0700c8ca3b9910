// The sending end of one cross-process edge. A ROUTER socket that binds; receivers are DEALERs that
// connect (see link-receiver.ts for why ROUTER/DEALER rather than PUSH/PULL).
//
// Never blocks, never queues without bound: every send is a non-blocking zmq_send (sendTimeout 0) to
// each peer that said hello. ZMQ_ROUTER_MANDATORY makes a full peer queue (high-water mark) fail with
// EAGAIN, counted as send_dropped, and a vanished peer fail with EHOSTUNREACH, which removes it.
import * as zmq from "zeromq";
import type { Msg } from "../core/message.js";
import { encodeFrames } from "./codec.js";
import { BYE, END, ENDED, WELCOME, isFrame } from "./control-frames.js";
import { newSenderCounters, type SenderCounters } from "./counters.js";
import { checkEndpoint } from "./endpoint.js";
import { FrameCorrupter, type FrameCorruptionOptions } from "./frame-corruption.js";
import { CONTROL_FRAME_LIMIT } from "./frame-limits.js";
import { TCP_HEARTBEAT, type LinkCommonOptions } from "./link-options.js";
import { RateLimitedLog } from "../core/rate-limited-log.js";
import { registerZapPolicy, type ZapRegistration } from "./zap-handler.js";
import { receiveFrames } from "./receive-loop.js";

export interface LinkSenderCurve {
  /** This end's (the server's) key pair, Z85. */
  readonly publicKey: string;
  readonly secretKey: string;
  /** Z85 public keys of the receivers allowed to connect. */
  readonly allowedClients: Iterable<string>;
}

export interface LinkSenderOptions extends LinkCommonOptions {
  /** Messages ZeroMQ may hold per peer before send_dropped counts. Default 8. */
  readonly sendHighWaterMark?: number;
  /** How long close() lets queued messages drain, ms. Default 500. */
  readonly lingerMs?: number;
  /** CurveZMQ server keys and the allowed clients (required for non-loopback tcp unless insecure). */
  readonly curve?: LinkSenderCurve;
  /** Fault injection (HIL): flip bytes in a fraction of the messages sent (see frame-corruption.ts). */
  readonly corrupt?: FrameCorruptionOptions;
}

interface Peer {
  readonly id: Buffer;
  readonly key: string;
  /** Send outcome handlers, bound once per peer so the hot path allocates no closures. */
  readonly onSent: () => void;
  readonly onFailed: (err: unknown) => void;
}

interface PeerWaiter {
  readonly n: number;
  readonly resolve: () => void;
}

export class LinkSender {
  readonly counters: SenderCounters = newSenderCounters();
  /** Set when the options ask for corruption: how many messages left corrupted. */
  readonly corrupter: FrameCorrupter | undefined;
  private readonly socket: zmq.Router;
  private readonly log: RateLimitedLog;
  private readonly peers = new Map<string, Peer>();
  private waiters: PeerWaiter[] = [];
  private zap: ZapRegistration | undefined;
  private loop: Promise<void> | undefined;
  private state: "new" | "opening" | "open" | "closing" | "closed" = "new";
  /** Peers that have not yet acknowledged END, while closing. */
  private ending: Set<string> | undefined;
  private endedAll: (() => void) | undefined;
  private boundEndpoint: string;

  constructor(private readonly opts: LinkSenderOptions) {
    checkEndpoint(opts.endpoint, { curve: opts.curve !== undefined, allowNonLoopback: opts.allowNonLoopback, insecure: opts.insecure });
    this.boundEndpoint = opts.endpoint;
    this.corrupter = opts.corrupt ? new FrameCorrupter(opts.corrupt) : undefined;
    this.log = new RateLimitedLog(opts.logger, opts.logIntervalMs);
    const isTcp = opts.endpoint.startsWith("tcp://");
    this.socket = new zmq.Router({
      ...(opts.context ? { context: opts.context } : {}),
      mandatory: true,
      sendTimeout: 0,
      sendHighWaterMark: opts.sendHighWaterMark ?? 8,
      // Control traffic only (hellos, byes): small and rare. A peer that sends a larger frame is
      // disconnected before libzmq allocates it, so junk cannot fill this process's memory.
      receiveHighWaterMark: 64,
      maxMessageSize: CONTROL_FRAME_LIMIT,
      linger: opts.lingerMs ?? 500,
      ...(isTcp ? TCP_HEARTBEAT : {}),
    });
  }

  /** The bound endpoint, with the port filled in when bound to tcp://host:*. */
  get endpoint(): string {
    return this.boundEndpoint;
  }

  /** Receivers that said hello and were not found gone since. */
  get peerCount(): number {
    return this.peers.size;
  }

  /** Binds (and, for curve links, registers the allowed keys with the ZAP handler first). */
  async open(): Promise<void> {
    if (this.state !== "new") throw new Error(`link ${this.opts.name}: open() called twice`);
    this.state = "opening";
    const { curve } = this.opts;
    try {
      if (curve) {
        const allowed = new Set(curve.allowedClients);
        this.zap = await registerZapPolicy(this.opts.context ?? zmq.context, this.opts.name, {
          allowed,
          onRefused: (info, why) => {
            this.counters.auth_refused++;
            this.log.warn("auth", { link: this.opts.name, peer: info.address, clientKey: info.clientKey, reason: why }, "refused a peer: CurveZMQ key not allowed");
          },
        });
        this.socket.curveServer = true;
        this.socket.curveSecretKey = curve.secretKey;
        this.socket.curvePublicKey = curve.publicKey;
        this.socket.zapDomain = this.zap.domain;
        this.socket.zapEnforceDomain = true;
      }
      await this.socket.bind(this.opts.endpoint);
    } catch (err) {
      await this.close();
      throw new Error(`link ${this.opts.name}: cannot bind ${this.opts.endpoint}: ${(err as Error).message}`);
    }
    this.boundEndpoint = this.socket.lastEndpoint ?? this.opts.endpoint;
    this.state = "open";
    this.loop = this.controlLoop();
  }

  /**
   * Resolves once `n` receivers have said hello, so messages sent from then on reach them: the
   * no-start-up-loss handshake for edges that ask for reliability. Rejects after `timeoutMs`.
   */
  waitForPeers(n = 1, timeoutMs = 5000): Promise<void> {
    if (this.peers.size >= n) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: PeerWaiter = {
        n,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`link ${this.opts.name}: ${this.peers.size} of ${n} receiver(s) connected to ${this.boundEndpoint} after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Encodes and sends to every peer. Never throws on a message it cannot encode: counts and logs it. */
  send(msg: Msg): void {
    if (this.state !== "open" || this.peers.size === 0) {
      // Nobody to send to: not worth an encode.
      this.counters.send_no_peer++;
      return;
    }
    let frames: Uint8Array[];
    try {
      frames = encodeFrames(msg);
    } catch (err) {
      this.counters.encode_errors++;
      this.log.warn("encode", { link: this.opts.name, topic: msg.header.topic, type: msg.header.type, err: (err as Error).message }, "cannot encode a message; dropped");
      return;
    }
    this.sendFrames(this.corrupter ? this.corrupter.apply(frames) : frames);
  }

  /**
   * Sends already-encoded frames to every peer: one encoding shared by several links of the same
   * output, or raw frames from a test. The frames' buffers go to ZeroMQ as they are (not copied).
   */
  sendFrames(frames: readonly Uint8Array[]): void {
    if (this.state !== "open" || this.peers.size === 0) {
      this.counters.send_no_peer++;
      return;
    }
    // Reading ZMQ_EVENTS makes libzmq process its pending commands (queue credit returned by the I/O
    // thread, pipe activations), which a zmq_send with ZMQ_DONTWAIT does at most once a millisecond.
    void this.socket.writable;
    const n = frames.length;
    for (const peer of this.peers.values()) {
      const parts = new Array<Uint8Array>(n + 1);
      parts[0] = peer.id;
      for (let i = 0; i < n; i++) parts[i + 1] = frames[i] as Uint8Array;
      this.socket.send(parts).then(peer.onSent, peer.onFailed);
    }
  }

  /**
   * Flushes and closes: sends END to every receiver and waits, at most lingerMs, until each has read
   * everything up to it (ENDED), then closes the socket. Sends after close() starts are not sent.
   * Idempotent.
   */
  async close(): Promise<void> {
    if (this.state === "closed" || this.state === "closing") return;
    const wasOpen = this.state === "open";
    this.state = "closing";
    if (wasOpen && this.peers.size > 0) {
      const flushed = await this.endPeers(this.opts.lingerMs ?? 500);
      // Whatever a receiver that did not answer still has queued is not worth a second wait at exit.
      if (!flushed) this.socket.linger = 0;
    }
    this.state = "closed";
    this.socket.close();
    await this.loop;
    await this.zap?.release();
    this.log.flush();
    this.peers.clear();
  }

  /** Sends END to every peer; resolves true once all answered ENDED (or left), false at the deadline. */
  private async endPeers(timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    const ending = new Set(this.peers.keys());
    this.ending = ending;
    const done = new Promise<void>((resolve) => (this.endedAll = resolve));
    for (const peer of [...this.peers.values()]) {
      // A peer whose queue is full takes END once it has read some: retry until the deadline.
      for (;;) {
        try {
          await this.socket.send([peer.id, END]);
          break;
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code !== "EAGAIN" || performance.now() >= deadline) {
            ending.delete(peer.key);
            break;
          }
          await new Promise((r) => setTimeout(r, 1));
        }
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - performance.now()))));
    if (ending.size > 0) await Promise.race([done, timeout]);
    clearTimeout(timer);
    const flushed = ending.size === 0;
    if (!flushed) this.opts.logger.warn({ link: this.opts.name, receivers: ending.size, timeoutMs }, "closing with receivers that did not confirm they read everything");
    this.ending = undefined;
    this.endedAll = undefined;
    return flushed;
  }

  private peerEnded(key: string): void {
    if (this.ending?.delete(key) && this.ending.size === 0) this.endedAll?.();
  }

  private addPeer(id: Buffer): void {
    const key = id.toString("hex");
    if (!this.peers.has(key)) {
      const peer: Peer = {
        id,
        key,
        onSent: () => {
          this.counters.sent++;
        },
        onFailed: (err: unknown) => this.sendFailed(peer, err),
      };
      this.peers.set(key, peer);
      this.counters.peers_joined++;
      this.opts.logger.debug({ link: this.opts.name, peer: key }, "receiver joined");
    }
    // The welcome goes before any data on this peer's pipe, so the receiver knows it is registered.
    this.socket.send([id, WELCOME]).catch((err: unknown) => this.sendFailed(undefined, err));
    if (this.waiters.length > 0) {
      const due = this.waiters.filter((w) => this.peers.size >= w.n);
      this.waiters = this.waiters.filter((w) => this.peers.size < w.n);
      for (const w of due) w.resolve();
    }
  }

  private removePeer(key: string): void {
    this.peerEnded(key);
    if (this.peers.delete(key)) {
      this.counters.peers_left++;
      this.opts.logger.debug({ link: this.opts.name, peer: key }, "receiver left");
    }
  }

  private sendFailed(peer: Peer | undefined, err: unknown): void {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EAGAIN") {
      if (peer) this.counters.send_dropped++;
    } else if (code === "EHOSTUNREACH") {
      if (peer) {
        this.counters.send_no_peer++;
        this.removePeer(peer.key);
      }
    } else if (this.state === "open") {
      if (peer) this.counters.send_dropped++;
      this.log.warn(`send:${code}`, { link: this.opts.name, err: (err as Error).message }, "send failed");
    }
  }

  private controlLoop(): Promise<void> {
    return receiveFrames(
      this.socket,
      () => this.state !== "closed",
      (frames) => {
        const [id, payload] = frames;
        if (!id) return;
        if (frames.length === 2 && payload?.length === 0) {
          if (this.state === "open") this.addPeer(id);
        } else if (frames.length === 2 && isFrame(payload, ENDED)) this.peerEnded(id.toString("hex"));
        else if (frames.length === 2 && isFrame(payload, BYE)) this.removePeer(id.toString("hex"));
        else {
          this.counters.junk_frames++;
          this.log.warn("control-unknown", { link: this.opts.name, frames: frames.length - 1 }, "unexpected message from a receiver; ignored");
        }
      },
      (err) => this.log.warn("control", { link: this.opts.name, err: err.message }, "control receive failed"),
    );
  }
}
