// `reflex agent`: runs on a second board and forks the workers a launcher on the main board places
// there. It listens on one tcp endpoint, CurveZMQ only, and accepts only launchers whose public keys it
// trusts (ZAP; a refused key is counted and logged). A peer without CurveZMQ (plain ZeroMQ) or with the
// wrong server key fails the handshake: counted and logged too. Every refusal log is rate-limited (one
// line per kind per second, with how many attempts it stands for): a peer retrying in a loop cannot
// flood the log. Each launcher connection is a session: its
// workers are forked here (the same worker entry, sdk/cli/worker-entry.ts, as on one board, same fork IPC protocol),
// their messages (heartbeats, ready, metrics, stopped) relayed to the launcher, the launcher's relayed
// to them, and kills and exits passed along. A launcher that goes silent (crashed, network gone) for
// `sessionTimeoutMs` ends its session: its workers are told the launcher is gone (they stop and flush,
// as on one board) and killed if they do not exit.
import { fork, type ChildProcess } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import type { Logger } from "pino";
import * as zmq from "zeromq";
import { checkEndpoint, type CurveKeyPair } from "../transport/index.js";
import { TCP_HEARTBEAT } from "../transport/link-options.js";
import { registerZapPolicy, type ZapRegistration } from "../transport/zap-handler.js";
import { nsToMs, RealClock } from "../core/clock.js";
import { agentWorkerEnv } from "./agent-env.js";
import { AGENT_PROTOCOL, parseFrame, type FromAgent, type ToAgent } from "./agent-protocol.js";
import type { FromWorker, ToWorker } from "./protocol.js";
import { workerScript } from "./worker-script.js";
import { receiveFrames } from "../transport/receive-loop.js";
import { RateLimitedLog } from "../core/rate-limited-log.js";

export interface AgentOptions {
  /** tcp://<address>:<port> to listen on. */
  readonly listen: string;
  /** This board's key pair and the file it came from (workers read their link keys from it). */
  readonly keys: CurveKeyPair;
  readonly secretFile: string;
  /** Public keys of the launchers allowed in. */
  readonly trusted: readonly string[];
  readonly logger: Logger;
  /** Working directory of the workers (config paths such as model folders resolve from it). */
  readonly root?: string;
  /** A session whose launcher is silent this long ends. Default 2000 ms. */
  readonly sessionTimeoutMs?: number;
  /** How long a worker of an ended session may take to stop before SIGKILL. Default 3000 ms. */
  readonly stopTimeoutMs?: number;
  /** At most one refusal log line per kind per this interval. Default 1000 ms. */
  readonly logIntervalMs?: number;
}

interface Session {
  readonly id: Buffer;
  readonly key: string;
  lastSeen: number;
  readonly workers: Map<string, ChildProcess>;
  /** ipc run dirs created for this session's workers, removed when it ends. */
  readonly dirs: Set<string>;
  /** Messages to workers go in order (a setup waits for its run dir). */
  chain: Promise<void>;
}

export class Agent {
  /**
   * Launchers refused for their key (refused), connections without CurveZMQ (plain) or whose handshake
   * failed otherwise, e.g. the wrong server key (badHandshakes); sessions started.
   */
  readonly counters = { refused: 0, plain: 0, badHandshakes: 0, sessions: 0, spawned: 0, badFrames: 0 };
  private readonly log: RateLimitedLog;
  private readonly socket: zmq.Router;
  private readonly sessions = new Map<string, Session>();
  private zap: ZapRegistration | undefined;
  private loop: Promise<void> | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;
  private boundEndpoint: string;

  constructor(private readonly opts: AgentOptions) {
    // The operator named the address on the command line: that is the "config says so".
    checkEndpoint(opts.listen, { curve: true, allowNonLoopback: true });
    if (!opts.listen.startsWith("tcp://")) throw new Error(`--listen ${opts.listen}: the agent listens on tcp://<address>:<port>`);
    this.boundEndpoint = opts.listen;
    this.log = new RateLimitedLog(opts.logger, opts.logIntervalMs);
    this.socket = new zmq.Router({ mandatory: true, sendTimeout: 0, sendHighWaterMark: 1000, receiveHighWaterMark: 1000, linger: 200, ...TCP_HEARTBEAT });
  }

  get endpoint(): string {
    return this.boundEndpoint;
  }

  async start(): Promise<void> {
    this.zap = await registerZapPolicy(zmq.context, "agent", {
      allowed: new Set(this.opts.trusted),
      onRefused: (info, why) => {
        this.counters.refused++;
        this.log.warn("untrusted-key", { peer: info.address, clientKey: info.clientKey, reason: why }, `refused a launcher from ${info.address}: CurveZMQ key ${info.clientKey || "(none)"} is not trusted (${why}); add its .key file with --trust to accept it`);
      },
      onAccepted: (info) => this.opts.logger.info({ peer: info.address, clientKey: info.clientKey }, "launcher authenticated"),
    });
    this.socket.curveServer = true;
    this.socket.curveSecretKey = this.opts.keys.secretKey;
    this.socket.curvePublicKey = this.opts.keys.publicKey;
    this.socket.zapDomain = this.zap.domain;
    this.socket.zapEnforceDomain = true;
    this.watchHandshakes();
    try {
      await this.socket.bind(this.opts.listen);
    } catch (err) {
      await this.close();
      throw new Error(`cannot listen on ${this.opts.listen}: ${(err as Error).message}`);
    }
    this.boundEndpoint = this.socket.lastEndpoint ?? this.opts.listen;
    this.loop = this.serve();
    const timeout = this.opts.sessionTimeoutMs ?? 2000;
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const s of this.sessions.values()) {
        if (now - s.lastSeen > timeout) void this.endSession(s, `launcher silent for ${now - s.lastSeen} ms`);
      }
    }, Math.max(50, timeout / 4));
  }

  /** Ends every session (workers stopped, then killed) and stops listening. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.all([...this.sessions.values()].map((s) => this.endSession(s, "agent closing")));
    this.socket.close();
    await this.loop;
    await this.zap?.release();
    this.log.flush();
  }

  /** Peers that fail the CurveZMQ handshake never reach ZAP: libzmq only says so on the socket's events. */
  private watchHandshakes(): void {
    const events = this.socket.events;
    // The address libzmq reports is the listening endpoint (not the peer's): that is what is logged.
    events.on("handshake:error:protocol", (e) => {
      if (e.error.code === "ERR_ZMTP_MECHANISM_MISMATCH") {
        this.counters.plain++;
        this.log.warn("plain", { endpoint: e.address, err: e.error.code }, `refused a connection on ${e.address} without CurveZMQ (plain ZeroMQ): only a launcher with CurveZMQ keys may connect (its config's processes.<name>.keys, with this board's .key in keys.trusted)`);
        return;
      }
      this.counters.badHandshakes++;
      this.log.warn("handshake", { endpoint: e.address, err: e.error.code }, `refused a connection on ${e.address}: CurveZMQ handshake failed (${e.error.code}): is this board's public key (printed at start) the one in the launcher's keys.trusted?`);
    });
    events.on("handshake:error:other", (e) => {
      this.counters.badHandshakes++;
      this.log.warn("handshake", { endpoint: e.address, err: e.error.message }, `refused a connection on ${e.address}: CurveZMQ handshake failed (${e.error.message})`);
    });
  }

  private serve(): Promise<void> {
    return receiveFrames(this.socket, () => !this.closed, (frames) => {
      const [id, frame] = frames;
      const m = parseFrame<ToAgent>(frame);
      if (!id || !m) {
        this.counters.badFrames++;
        this.log.warn("bad-frame", { frames: frames.length }, "dropped a frame that is not an agent message");
        return;
      }
      this.handle(id, m);
    });
  }

  private session(id: Buffer): Session {
    const key = id.toString("hex");
    let s = this.sessions.get(key);
    if (!s) {
      s = { id, key, lastSeen: Date.now(), workers: new Map(), dirs: new Set(), chain: Promise.resolve() };
      this.sessions.set(key, s);
      this.counters.sessions++;
    }
    s.lastSeen = Date.now();
    return s;
  }

  private handle(id: Buffer, m: ToAgent): void {
    const s = this.session(id);
    switch (m.t) {
      case "hello":
        if (m.protocol !== AGENT_PROTOCOL) {
          this.log.warn("protocol", { protocol: m.protocol }, `launcher speaks agent protocol ${m.protocol}, this agent ${AGENT_PROTOCOL}: run the same Reflex version on both boards`);
        }
        this.reply(s, { t: "welcome", protocol: AGENT_PROTOCOL, host: hostname(), pid: process.pid });
        break;
      case "ping":
        this.reply(s, { t: "pong" });
        break;
      case "spawn":
        this.spawn(s, m.name, m.env, m.runElapsedNs);
        break;
      case "to": {
        const { name, m: msg } = m;
        s.chain = s.chain.then(() => this.toWorker(s, name, msg)).catch((err: unknown) => {
          this.opts.logger.warn({ process: name, err: (err as Error).message }, "could not pass a message to a worker");
        });
        break;
      }
      case "kill":
        s.workers.get(m.name)?.kill(m.signal);
        break;
      case "bye":
        void this.endSession(s, "launcher said bye");
        break;
    }
  }

  private reply(s: Session, m: FromAgent): void {
    // A launcher that went away fails the send (EHOSTUNREACH); its session times out.
    this.socket.send([s.id, JSON.stringify(m)]).catch(() => undefined);
  }

  private spawn(s: Session, name: string, wireEnv: unknown, runElapsedNs: unknown): void {
    const nowNs = new RealClock().nowNs();
    const { env, restart, problem } = agentWorkerEnv(wireEnv, runElapsedNs, nowNs);
    if (problem) this.opts.logger.warn({ process: name }, `spawn of ${name}: ${problem}`);
    const old = s.workers.get(name);
    if (old && old.exitCode === null && old.signalCode === null) old.kill("SIGKILL");
    const { file, execArgv } = workerScript();
    let child: ChildProcess;
    try {
      child = fork(file, [], {
        execArgv,
        cwd: this.opts.root ?? process.cwd(),
        env: { ...process.env, ...env, REFLEX_PROCESS: name },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        serialization: "json",
      });
    } catch (err) {
      this.reply(s, { t: "spawn-failed", name, error: (err as Error).message });
      return;
    }
    const pid = child.pid ?? 0;
    s.workers.set(name, child);
    this.counters.spawned++;
    const runStart = Number(env["REFLEX_RUN_START_NS"] ?? 0);
    const age = runStart > 0 ? `, run started ${nsToMs(nowNs - runStart).toFixed(0)} ms ago` : "";
    this.opts.logger.info({ process: name, pid, restart }, `worker ${name} started (pid ${pid}${restart > 0 ? `, restart ${restart}${age}` : ""})`);
    child.on("message", (msg: FromWorker) => this.reply(s, { t: "from", name, pid, m: msg }));
    child.on("exit", (code, signal) => {
      this.opts.logger.info({ process: name, pid, code, signal }, `worker ${name} (pid ${pid}) exited (${signal ?? code})`);
      if (s.workers.get(name) === child) s.workers.delete(name);
      this.reply(s, { t: "exit", name, pid, code, signal });
    });
    child.on("error", (err) => this.opts.logger.warn({ process: name, err: err.message }, "worker IPC error"));
    this.reply(s, { t: "spawned", name, pid });
  }

  private async toWorker(s: Session, name: string, m: ToWorker): Promise<void> {
    const child = s.workers.get(name);
    if (!child?.connected) return;
    let msg = m;
    if (m.t === "setup") {
      // ipc links between processes on this board live under the launcher's run dir path, created here.
      for (const l of [...m.setup.plan.sends, ...m.setup.plan.receives]) {
        if (!l.endpoint.startsWith("ipc://")) continue;
        const dir = dirname(l.endpoint.slice("ipc://".length));
        if (!s.dirs.has(dir)) {
          await mkdir(dir, { recursive: true });
          s.dirs.add(dir);
        }
      }
      msg = { t: "setup", setup: { ...m.setup, agentSecretFile: this.opts.secretFile } };
    }
    child.send(msg, (err) => err && undefined);
  }

  private async endSession(s: Session, why: string): Promise<void> {
    if (!this.sessions.delete(s.key)) return;
    const live = [...s.workers.values()].filter((c) => c.exitCode === null && c.signalCode === null);
    if (live.length > 0) this.opts.logger.warn({ workers: live.length }, `session ended (${why}): stopping its workers`);
    const timeout = this.opts.stopTimeoutMs ?? 3000;
    await Promise.all(
      live.map(async (c) => {
        const exited = new Promise<void>((r) => c.once("exit", () => r()));
        // Closing the IPC channel is what a worker sees when its launcher dies: it stops and flushes.
        if (c.connected) c.disconnect();
        const timer = setTimeout(() => c.kill("SIGKILL"), timeout);
        await exited;
        clearTimeout(timer);
      }),
    );
    await Promise.all([...s.dirs].map((d) => rm(d, { recursive: true, force: true })));
  }
}
