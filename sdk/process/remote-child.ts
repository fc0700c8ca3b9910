// The launcher's side of a `reflex agent` on another board: one CurveZMQ connection per agent
// (AgentClient), and per worker there a RemoteChild, which the supervisor drives exactly like a forked
// child (messages, exit, kill), so restarts, heartbeats and stop order work the same on both boards.
import { EventEmitter } from "node:events";
import * as zmq from "zeromq";
import type { CurveKeyPair } from "../transport/index.js";
import { TCP_HEARTBEAT } from "../transport/link-options.js";
import { RealClock } from "../core/clock.js";
import { toAgentSpawn } from "./agent-env.js";
import { AGENT_PROTOCOL, parseFrame, type FromAgent, type ToAgent } from "./agent-protocol.js";
import type { FromWorker, ToWorker } from "./protocol.js";
import { receiveFrames } from "../transport/receive-loop.js";

/** What the supervisor needs of a worker process: a ChildProcess from fork() has it, so has RemoteChild. */
export interface WorkerChild {
  readonly pid?: number | undefined;
  readonly connected: boolean;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  send(m: ToWorker, cb: (err: Error | null) => void): boolean;
  kill(signal?: NodeJS.Signals): boolean;
  on(event: "message", listener: (m: FromWorker) => void): this;
  on(event: "exit", listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
  on(event: "error", listener: (err: Error) => void): this;
  once(event: "exit", listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
}

export interface AgentClientOptions {
  readonly endpoint: string;
  /** The agent's public key (the first `keys.trusted` of the process). */
  readonly serverKey: string;
  /** This board's key pair (`keys.secret`). */
  readonly keys: CurveKeyPair;
  /** The config text, handed to each worker there (the file is on this board only). */
  readonly configText: string;
  /** How long a spawn may wait for the agent's answer before the worker counts as dead. Default 3000. */
  readonly spawnTimeoutMs?: number;
  /** Ping period, ms: the agent ends a session silent for 2 s. Default 250. */
  readonly pingMs?: number;
}

export class AgentClient {
  private readonly socket: zmq.Dealer;
  private readonly children = new Map<string, RemoteChild>();
  private loop: Promise<void> | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private closed = false;
  private welcome: ((m: Extract<FromAgent, { t: "welcome" }>) => void) | undefined;
  private authError: string | undefined;
  /** The agent's host name and pid once it answered. */
  peer: { host: string; pid: number } | undefined;

  constructor(private readonly opts: AgentClientOptions) {
    this.socket = new zmq.Dealer({
      curveServerKey: opts.serverKey,
      curvePublicKey: opts.keys.publicKey,
      curveSecretKey: opts.keys.secretKey,
      sendTimeout: 0,
      sendHighWaterMark: 1000,
      receiveHighWaterMark: 1000,
      linger: 200,
      // Messages wait for the connection only while one exists: a spawn to a vanished agent fails fast.
      immediate: true,
      ...TCP_HEARTBEAT,
    });
    this.socket.events.on("handshake:error:auth", (e) => (this.authError = e.error.message));
    this.socket.events.on("handshake:error:protocol", (e) => (this.authError = e.error.message));
  }

  get endpoint(): string {
    return this.opts.endpoint;
  }

  /** Connects and waits for the agent's welcome; throws saying what to check when none comes. */
  async connect(timeoutMs = 3000): Promise<void> {
    this.socket.connect(this.opts.endpoint);
    this.loop = this.receiveLoop();
    const welcomed = new Promise<Extract<FromAgent, { t: "welcome" }>>((resolve) => (this.welcome = resolve));
    const deadline = Date.now() + timeoutMs;
    let answer: Extract<FromAgent, { t: "welcome" }> | undefined;
    // The hello is resent until answered: with ZMQ_IMMEDIATE a send before the handshake is refused.
    while (!answer && Date.now() < deadline) {
      this.post({ t: "hello", protocol: AGENT_PROTOCOL });
      answer = await Promise.race([welcomed, new Promise<undefined>((r) => setTimeout(() => r(undefined), 100))]);
    }
    if (!answer) {
      const why = this.authError
        ? `the agent refused this board's key (${this.opts.keys.publicKey}: ${this.authError}); start it with --trust <this board's .key file>, and check that keys.trusted holds the agent's public key`
        : `no \`reflex agent\` answered within ${timeoutMs} ms: is it running there (reflex agent --listen ${this.opts.endpoint} ...), is the port open, and is keys.trusted[0] its public key (a wrong key looks the same)?`;
      await this.close();
      throw new Error(`agent at ${this.opts.endpoint}: ${why}`);
    }
    this.peer = { host: answer.host, pid: answer.pid };
    this.pinger = setInterval(() => this.post({ t: "ping" }), this.opts.pingMs ?? 250);
  }

  /**
   * Asks the agent to fork a worker; the supervisor drives the returned child like a forked one. `env`
   * may hold REFLEX_RESTART and REFLEX_RUN_START_NS (this board's clock), as a local fork gets them.
   */
  spawn(name: string, env: Readonly<Record<string, string>>): RemoteChild {
    this.children.get(name)?.gone(null, "SIGKILL");
    const child = new RemoteChild(this, name, this.opts.configText);
    this.children.set(name, child);
    const wire = toAgentSpawn(env, new RealClock().nowNs());
    if (!this.post({ t: "spawn", name, ...wire })) {
      setImmediate(() => child.gone(null, null, `agent at ${this.opts.endpoint} unreachable`));
    } else {
      child.spawnTimer = setTimeout(() => child.gone(null, null, `agent at ${this.opts.endpoint} did not answer the spawn`), this.opts.spawnTimeoutMs ?? 3000);
    }
    return child;
  }

  /** One frame to the agent; false when it cannot go (no connection). */
  post(m: ToAgent): boolean {
    if (this.closed) return false;
    try {
      // zeromq.js sends synchronously when the pipe has room; the promise settles at once then.
      this.socket.send(JSON.stringify(m)).catch(() => undefined);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.pinger) clearInterval(this.pinger);
    this.post({ t: "bye" });
    this.closed = true;
    // Let the bye leave (linger) before the socket goes.
    this.socket.close();
    await this.loop;
  }

  private receiveLoop(): Promise<void> {
    return receiveFrames(this.socket, () => !this.closed, (frames) => {
      const m = parseFrame<FromAgent>(frames[0]);
      if (!m) return;
      if (m.t === "welcome") this.welcome?.(m);
      else if (m.t !== "pong") this.children.get(m.name)?.fromAgent(m);
    });
  }
}

export class RemoteChild extends EventEmitter implements WorkerChild {
  pid: number | undefined;
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  spawnTimer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    private readonly client: AgentClient,
    readonly name: string,
    private readonly configText: string,
  ) {
    super();
  }

  get connected(): boolean {
    return !this.done;
  }

  send(m: ToWorker, cb: (err: Error | null) => void): boolean {
    const msg: ToWorker = m.t === "setup" ? { t: "setup", setup: { ...m.setup, configText: this.configText } } : m;
    const ok = !this.done && this.client.post({ t: "to", name: this.name, m: msg });
    cb(ok ? null : new Error(`worker ${this.name} is not reachable`));
    return ok;
  }

  kill(signal: NodeJS.Signals = "SIGTERM"): boolean {
    if (this.done) return false;
    this.client.post({ t: "kill", name: this.name, signal });
    return true;
  }

  fromAgent(m: Exclude<FromAgent, { t: "welcome" | "pong" }>): void {
    if (this.done) return;
    switch (m.t) {
      case "spawned":
        clearTimeout(this.spawnTimer);
        this.pid = m.pid;
        break;
      case "spawn-failed":
        this.gone(1, null, m.error);
        break;
      case "from":
        if (m.pid === this.pid) this.emit("message", m.m);
        break;
      case "exit":
        if (m.pid === this.pid) this.gone(m.code, m.signal);
        break;
    }
  }

  /** The worker is gone (exit reported, or the agent unreachable): emits exit once. */
  gone(code: number | null, signal: NodeJS.Signals | null, why?: string): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.spawnTimer);
    if (why) this.emit("error", new Error(why));
    this.exitCode = code ?? (signal ? null : 1);
    this.signalCode = signal;
    this.emit("exit", this.exitCode, signal);
  }
}
