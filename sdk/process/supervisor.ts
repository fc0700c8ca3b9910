// The launcher's side of a multi-process run: forks one worker per process group, hands each its
// plan, waits until every worker is ready (its receivers welcomed by their senders), then says go.
// Heartbeats come over the fork IPC channel; a worker silent for `deadAfterMs` or exited is dead and is
// restarted per its policy (on-failure: exponential backoff, at most max_restarts). stop() stops the
// workers producers-first, each after the one before it has flushed and exited.
import { fork } from "node:child_process";
import type { FromWorker, ToWorker, WorkerReport, WorkerSetup } from "./protocol.js";
import { combineIncarnations } from "./incarnations.js";
import type { ProcessPlan, RunPlan } from "./plan.js";
import type { WorkerChild } from "./remote-child.js";
import { RealClock } from "../core/clock.js";
import { workerScript } from "./worker-script.js";
import { RUN_DIR_ENV } from "./run-dir.js";

export interface SupervisorOptions {
  readonly configFile: string;
  readonly sets?: readonly string[];
  readonly logLevel?: string;
  readonly heartbeatMs?: number;
  /** A worker silent this long is dead. Default 500. */
  readonly deadAfterMs?: number;
  /** How long a starting worker may take to become ready. Default 30 s. */
  readonly readyTimeoutMs?: number;
  /** How long each worker may take to flush and exit at stop before it is killed. Default 3000. */
  readonly stopTimeoutMs?: number;
  /** Lines for people (worker died, restarting ...). Default stderr. */
  readonly note?: (line: string) => void;
  /**
   * Starts a worker of a process placed on another board (through its agent: see remote-child.ts).
   * `plan.env` there also holds this incarnation's REFLEX_RESTART and REFLEX_RUN_START_NS.
   */
  readonly spawnRemote?: (plan: ProcessPlan) => WorkerChild;
  /** Dashboard on: workers keep a sliding window of their figures and report it (see WorkerSetup.live). */
  readonly live?: WorkerSetup["live"];
  /** Node types the workers load (see WorkerSetup.registry). */
  readonly registry?: WorkerSetup["registry"];
}

export type WorkerState = "starting" | "ready" | "running" | "restarting" | "stopping" | "stopped" | "failed";

export interface WorkerRecord {
  readonly plan: ProcessPlan;
  state: WorkerState;
  pid: number | undefined;
  /** Times it was restarted after dying or hanging. */
  restarts: number;
  /** Deaths (exit or silence) not asked for. */
  deaths: number;
  /** Why it last died, for the summary. */
  lastDeath?: string;
  /** The last figures of each incarnation, newest last. */
  reports: WorkerReport[];
  child?: WorkerChild;
  lastHeartbeat: number;
  /** Whether this incarnation has said anything yet (module loading comes before the first heartbeat). */
  heard: boolean;
}

export interface SupervisorEvents {
  /** A worker died (exit or silence); `restartInMs` is set when it will be restarted. */
  onDeath?: (name: string, why: string, restartInMs: number | undefined) => void;
  onRestarted?: (name: string, pid: number) => void;
}

export class Supervisor {
  readonly workers = new Map<string, WorkerRecord>();
  private watchdog: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly heartbeatMs: number;
  private readonly deadAfterMs: number;
  private readonly note: (line: string) => void;
  private readonly pendingRestarts = new Set<NodeJS.Timeout>();
  /** Runtime clock ns (CLOCK_MONOTONIC) when the workers were first told to go: restarted ones get it. */
  private runStartNs = 0;

  constructor(
    readonly plan: RunPlan,
    private readonly opts: SupervisorOptions,
    private readonly events: SupervisorEvents = {},
  ) {
    this.heartbeatMs = opts.heartbeatMs ?? 100;
    this.deadAfterMs = opts.deadAfterMs ?? 500;
    this.note = opts.note ?? ((l) => process.stderr.write(`${l}\n`));
    for (const p of plan.processes) {
      this.workers.set(p.name, { plan: p, state: "starting", pid: undefined, restarts: 0, deaths: 0, reports: [], lastHeartbeat: 0, heard: false });
    }
  }

  /** Forks every worker, waits until all are ready, then starts them all. Throws if one cannot start. */
  async start(): Promise<void> {
    try {
      await Promise.all([...this.workers.values()].map((w) => this.spawn(w)));
    } catch (err) {
      await this.killAll();
      throw err;
    }
    this.runStartNs = new RealClock().nowNs();
    for (const w of this.workers.values()) this.go(w);
    this.watchdog = setInterval(() => this.checkHeartbeats(), this.heartbeatMs);
  }

  /** Workers that are down at the end: gave up restarting, or would not stop cleanly. */
  get failed(): string[] {
    return [...this.workers.values()].filter((w) => w.state === "failed").map((w) => w.plan.name);
  }

  /** Stops every worker in dependency order (producers first), each flushed before the next. */
  async stop(flushMs = 2000): Promise<void> {
    this.stopping = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const t of this.pendingRestarts) clearTimeout(t);
    this.pendingRestarts.clear();
    for (const w of this.workers.values()) this.sendTo(w, { t: "draining" });
    for (const name of this.plan.stopOrder) {
      const w = this.workers.get(name)!;
      const child = w.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) {
        if (w.state !== "failed") w.state = "stopped";
        continue;
      }
      w.state = "stopping";
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      this.sendTo(w, { t: "stop", flushMs });
      const timeout = this.opts.stopTimeoutMs ?? flushMs + 3000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        exited.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeout))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        this.note(`worker ${name} did not stop within ${timeout} ms: killed`);
        child.kill("SIGKILL");
        await exited;
        w.state = "failed";
        w.lastDeath = "did not stop in time";
      } else if (child.exitCode !== 0) {
        w.state = "failed";
        w.lastDeath = `exited with ${child.exitCode ?? child.signalCode} while stopping`;
      } else {
        w.state = "stopped";
      }
    }
  }

  /** The newest figures of every worker (the final ones where it stopped cleanly). */
  reports(): WorkerReport[] {
    return [...this.workers.values()].flatMap((w) => w.reports.slice(-1).filter((r) => r !== undefined));
  }

  /** Every worker's figures summed over its incarnations (restarts); see combineIncarnations. */
  combinedReports(): WorkerReport[] {
    return [...this.workers.values()].flatMap((w) => combineIncarnations(w.reports) ?? []);
  }

  /** What a worker gets per incarnation, on this board or through an agent. */
  private incarnationEnv(w: WorkerRecord): Record<string, string> {
    return { REFLEX_RESTART: String(w.restarts), ...(this.runStartNs > 0 ? { REFLEX_RUN_START_NS: String(this.runStartNs) } : {}) };
  }

  private spawn(w: WorkerRecord): Promise<void> {
    const { file, execArgv } = workerScript();
    const child: WorkerChild =
      w.plan.remote && this.opts.spawnRemote
        ? this.opts.spawnRemote({ ...w.plan, env: { ...w.plan.env, ...this.incarnationEnv(w) } })
        : fork(file, [], {
            execArgv,
            // REFLEX_RESTART: a restarted worker's recorders write new files (nothing recorded is overwritten).
            // The run dir: a worker outliving a killed launcher removes it (see run-dir.ts).
            env: { ...process.env, ...w.plan.env, REFLEX_PROCESS: w.plan.name, [RUN_DIR_ENV]: this.plan.runDir, ...this.incarnationEnv(w) },
            stdio: ["ignore", "inherit", "inherit", "ipc"],
            serialization: "json",
          });
    w.child = child;
    w.pid = child.pid;
    w.state = "starting";
    w.lastHeartbeat = Date.now();
    w.heard = false;
    const incarnation = w.reports.length;
    let readyResolve: () => void = () => undefined;
    let readyReject: (err: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    });
    child.on("message", (m: FromWorker) => {
      if (w.child !== child) return;
      w.lastHeartbeat = Date.now();
      w.heard = true;
      w.pid ??= child.pid; // a remote worker's pid is known once its agent forked it
      switch (m.t) {
        case "ready":
          w.state = "ready";
          readyResolve();
          break;
        case "metrics":
        case "stopped":
          // One report slot per incarnation: the newest replaces the one before.
          w.reports[incarnation] = m.report;
          break;
        case "failed":
          w.lastDeath = m.error;
          readyReject(new Error(`worker ${w.plan.name} failed: ${m.error}`));
          break;
        case "hb":
          break;
      }
    });
    child.on("exit", (code, signal) => {
      readyReject(new Error(`worker ${w.plan.name} exited (${signal ?? code}) before it was ready${w.lastDeath ? `: ${w.lastDeath}` : ""}`));
      if (w.child !== child) return;
      if (this.stopping || w.state === "stopping" || w.state === "stopped") return;
      this.died(w, signal ? `killed by ${signal}` : `exited with code ${code}`);
    });
    child.on("error", (err) => readyReject(err));
    const timeoutMs = this.opts.readyTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`worker ${w.plan.name} was not ready after ${timeoutMs} ms`)), timeoutMs);
    });
    const setup: WorkerSetup = {
      configFile: this.opts.configFile,
      sets: this.opts.sets ?? [],
      logLevel: this.opts.logLevel ?? "warn",
      plan: w.plan,
      heartbeatMs: this.heartbeatMs,
      ...(this.opts.live ? { live: this.opts.live } : {}),
      ...(this.opts.registry ? { registry: this.opts.registry } : {}),
    };
    this.sendTo(w, { t: "setup", setup });
    return Promise.race([ready, timeout]).finally(() => clearTimeout(timer));
  }

  private go(w: WorkerRecord): void {
    w.state = "running";
    w.lastHeartbeat = Date.now();
    this.sendTo(w, { t: "go" });
  }

  private sendTo(w: WorkerRecord, m: ToWorker): void {
    // A worker that died meanwhile fails the send (EPIPE); its exit handler says why it died.
    if (w.child?.connected) w.child.send(m, (err) => err && undefined);
  }

  private checkHeartbeats(): void {
    const now = Date.now();
    for (const w of this.workers.values()) {
      const watched = w.state === "running" || w.state === "ready" || (w.state === "starting" && w.heard);
      if (watched && now - w.lastHeartbeat > this.deadAfterMs) {
        const child = w.child;
        w.child = undefined; // its exit is handled here, not by the exit handler
        child?.kill("SIGKILL");
        this.died(w, `no heartbeat for ${now - w.lastHeartbeat} ms (hung)`);
      }
    }
  }

  private died(w: WorkerRecord, why: string): void {
    w.deaths++;
    w.lastDeath = why;
    // Its consumers' inputs are stale from now, deadline or not (a link to a dead host may linger).
    for (const other of this.workers.values()) {
      if (other.plan.upstream.includes(w.plan.name)) this.sendTo(other, { t: "upstream-down", process: w.plan.name });
    }
    const p = w.plan.policy;
    if (p.restart !== "on-failure" || w.restarts >= p.maxRestarts) {
      w.state = "failed";
      const reason = p.restart === "on-failure" ? `gave up after ${w.restarts} restarts` : "restart: never";
      this.note(`worker ${w.plan.name} died (${why}); ${reason}`);
      this.events.onDeath?.(w.plan.name, why, undefined);
      return;
    }
    const delay = p.backoffMs * 2 ** w.restarts;
    w.state = "restarting";
    this.note(`worker ${w.plan.name} died (${why}); restarting in ${delay} ms (restart ${w.restarts + 1} of ${p.maxRestarts})`);
    this.events.onDeath?.(w.plan.name, why, delay);
    const t = setTimeout(() => {
      this.pendingRestarts.delete(t);
      if (this.stopping) return;
      w.restarts++;
      this.spawn(w).then(
        () => {
          if (this.stopping) return;
          this.go(w);
          this.events.onRestarted?.(w.plan.name, w.pid ?? 0);
        },
        (err: unknown) => {
          // Already handled where it was noticed (exit handler, watchdog) unless it is still starting.
          if (this.stopping || w.state !== "starting") return;
          const child = w.child;
          w.child = undefined;
          child?.kill("SIGKILL");
          this.died(w, err instanceof Error ? err.message : String(err));
        },
      );
    }, delay);
    this.pendingRestarts.add(t);
  }

  private async killAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.workers.values()].map(async (w) => {
        const c = w.child;
        if (!c || c.exitCode !== null || c.signalCode !== null) return;
        const exited = new Promise<void>((r) => c.once("exit", () => r()));
        c.kill("SIGKILL");
        await exited;
      }),
    );
  }
}
