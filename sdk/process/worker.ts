// A worker: one process group of a multi-process run, started by the launcher with child_process.fork.
// It gets its plan over the IPC channel, builds a GraphRuntime with only its nodes, binds a link for
// every edge it produces into another process and connects one for every edge it consumes from one,
// says ready once its receivers are welcomed (the handshake: no start-up loss), starts on "go", and on
// "stop" stops (producers first, in-flight work flushed), closes its links and sends its final figures.
// It heartbeats all along, so a hung worker is noticed.
//
// The node types come from the entry point (sdk/cli/worker-entry.ts, bundled as dist/worker.js): the
// SDK knows no node implementations of its own.
import pino, { type Logger } from "pino";
import { formatDiagnostics } from "../config/diagnostic.js";
import { loadConfigFile, loadConfigText } from "../config/load.js";
import { RealClock } from "../core/clock.js";
import type { NodeRegistry } from "../graph/registry.js";
import { GraphRuntime } from "../runtime/executor.js";
import { summarize } from "../telemetry/summary.js";
import { ProcessUsage } from "../telemetry/process-usage.js";
import { TelemetryWindow } from "../telemetry/window.js";
import { LinkSender, readKeyPair, type CurveKeyPair, type FrameCorruptionOptions } from "../transport/index.js";
import type { LinkCorruption, LinkPlan } from "./plan.js";
import { InboundLink } from "./inbound-link.js";
import type { FromWorker, ToWorker, WorkerReport, WorkerSetup } from "./protocol.js";
import { leaveRunDir, RUN_DIR_ENV } from "./run-dir.js";

/** How long a worker waits for its upstream senders to welcome its receivers. */
const CONNECT_TIMEOUT_MS = 20_000;
const METRICS_EVERY_MS = 1000;

/**
 * The node types a worker may load, by WorkerSetup.registry name ("builtin" when the setup names none).
 * Each is built only when a setup asks for it (the HIL fault nodes load only for a scenario).
 */
export type WorkerRegistries = Readonly<Record<NonNullable<WorkerSetup["registry"]>, () => NodeRegistry | Promise<NodeRegistry>>>;

function send(m: FromWorker): void {
  // A launcher that just died can still read as connected: the write then fails (EPIPE), and without a
  // callback that error is emitted on the process (a stack trace). Its disconnect handler stops us.
  if (process.connected) process.send!(m, undefined, {}, ignoreSendError);
}

const ignoreSendError = (): void => undefined;

/** A worker process's whole life: called once by its entry point. */
export async function runWorker(registries: WorkerRegistries): Promise<void> {
  // Ctrl-C on a terminal reaches the whole process group: the launcher decides the stop order.
  process.on("SIGINT", () => undefined);
  if (!process.send) {
    process.stderr.write("sdk/process/worker is started by `reflex run` (child_process.fork), not by hand\n");
    process.exit(2);
  }
  const control = listenToLauncher();
  const setup = await control.setup;
  const heartbeat = setInterval(() => send({ t: "hb" }), setup.heartbeatMs);
  const { plan } = setup;
  const log = pino({ level: setup.logLevel, base: { process: plan.name, pid: process.pid } }, pino.destination({ fd: 2, sync: true }));
  try {
    await runPlanned(setup, log, registries, control);
  } catch (err) {
    log.error({ err }, `worker ${plan.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    send({ t: "failed", error: err instanceof Error ? err.message : String(err) });
    clearInterval(heartbeat);
    process.exitCode = 1;
    hangUp();
    return;
  }
  clearInterval(heartbeat);
  hangUp();
}

/**
 * Closes the IPC channel if the launcher has not: disconnect() on a closed channel emits an "error"
 * (ERR_IPC_DISCONNECTED) that nothing listens to, a stack trace after a launcher that went away.
 */
function hangUp(): void {
  if (process.connected) process.disconnect?.();
}

/** What the launcher has said so far; listened to from the worker's first moment on (see listenToLauncher). */
interface LauncherControl {
  readonly setup: Promise<WorkerSetup>;
  readonly go: Promise<void>;
  /** Resolves with the flush time once the worker is to stop. */
  readonly stop: Promise<number>;
  /** Stop as if asked (SIGTERM). */
  readonly stopNow: (flushMs: number) => void;
  /** The inbound links, once they exist: "draining" and "upstream-down" apply to them. */
  readonly inbound: InboundLink[];
  draining: boolean;
}

/**
 * One listener for the whole life of the worker, attached before its first await: a message that
 * arrives while no listener is attached is dropped. A restarted worker can be told to stop while it is
 * still loading its modules (the run ended meanwhile); a stop lost there left it waiting for a "go"
 * until the launcher killed it, and its recorder's part with it.
 */
function listenToLauncher(): LauncherControl {
  let setupResolve: (s: WorkerSetup) => void = () => undefined;
  let goResolve: () => void = () => undefined;
  let stopResolve: (flushMs: number) => void = () => undefined;
  const control: LauncherControl = {
    setup: new Promise<WorkerSetup>((r) => (setupResolve = r)),
    go: new Promise<void>((r) => (goResolve = r)),
    stop: new Promise<number>((r) => (stopResolve = r)),
    stopNow: (flushMs) => stopResolve(flushMs),
    inbound: [],
    draining: false,
  };
  process.on("message", (m: ToWorker) => {
    if (m.t === "setup") setupResolve(m.setup);
    else if (m.t === "go") goResolve();
    else if (m.t === "draining") {
      control.draining = true;
      for (const l of control.inbound) l.drain();
    } else if (m.t === "stop") stopResolve(m.flushMs);
    else if (m.t === "upstream-down") for (const l of control.inbound) if (l.plan.from.process === m.process) l.producerDown();
  });
  // The launcher gone (killed, crashed): stop as if asked.
  process.on("disconnect", () => stopResolve(500));
  return control;
}

async function runPlanned(setup: WorkerSetup, log: Logger, registries: WorkerRegistries, control: LauncherControl): Promise<void> {
  const { plan } = setup;
  const registry = await registries[setup.registry ?? "builtin"]();
  const loadOpts = { registry, sets: setup.sets };
  // On another board the config comes as text (its relative paths resolve from the agent's --root).
  const loaded = setup.configText !== undefined ? loadConfigText(setup.configFile, setup.configText, loadOpts) : await loadConfigFile(setup.configFile, loadOpts);
  if (!loaded.graph) throw new Error(`config has problems:\n${formatDiagnostics(loaded.diagnostics)}`);
  const graph = loaded.graph;
  const clock = new RealClock();
  const runtime = new GraphRuntime(graph, { clock, log, process: plan.name, only: new Set(plan.nodes) });

  const { inbound, go, stop } = control;
  // SIGTERM sent to this worker alone: stop as if asked.
  process.on("SIGTERM", () => control.stopNow(1000));

  await runtime.init();
  const senders: LinkSender[] = [];
  for (const l of plan.sends) {
    const keys = await linkKeys(l, "sender", setup);
    const sender = new LinkSender({
      endpoint: l.endpoint,
      name: l.edge,
      logger: log,
      ...(keys && l.curve ? { curve: { ...keys, allowedClients: l.curve.receiverKeys } } : {}),
      ...(l.allowNonLoopback ? { allowNonLoopback: true } : {}),
      ...(l.corrupt ? { corrupt: corruptionOf(l.corrupt, clock) } : {}),
    });
    await sender.open();
    runtime.listen(l.from.node, l.from.port, (msg) => sender.send(msg));
    senders.push(sender);
  }
  for (const l of plan.receives) {
    const keys = await linkKeys(l, "receiver", setup);
    const link = new InboundLink(l, runtime, clock, log, keys && l.curve ? { ...keys, serverPublicKey: l.curve.senderKey } : undefined);
    if (control.draining) link.drain();
    inbound.push(link);
  }
  // Told to stop before the senders welcomed us (a restarted worker the run ended on): they may be gone
  // already, upstream stops first, so stop without them rather than wait out the connect timeout.
  const connected = Promise.all(inbound.map((l) => l.connect(CONNECT_TIMEOUT_MS)));
  connected.catch(() => undefined); // awaited just below unless the stop came first
  const stoppedFirst = await Promise.race([connected.then(() => false), stop.then(() => true)]);

  const report = (): WorkerReport => {
    const links = inbound.map((l) => l.report());
    // While running, rates are over the time so far (the registry's stop stamp is set at stop).
    const reg = runtime.registry;
    const running = reg.stoppedNs === 0 && reg.startedNs !== 0;
    if (running) reg.stoppedNs = clock.nowNs();
    const summary = summarize(reg, graph.name, clock.kind);
    if (running) reg.stoppedNs = 0;
    const corrupted = senders.filter((s) => s.corrupter).map((s, i) => ({ edge: plan.sends.filter((l) => l.corrupt)[i]!.edge, corrupted: s.corrupter!.corrupted }));
    return { process: plan.name, pid: process.pid, summary, links, usage: usage.sample(), ...(live ? { live: live.parts() } : {}), ...(corrupted.length ? { corrupted } : {}) };
  };
  const usage = new ProcessUsage();
  // Dashboard on: the window is sampled on the clock and reported as often as it moves.
  let live: TelemetryWindow | undefined;
  let stopLive: (() => void) | undefined;
  if (!stoppedFirst) send({ t: "ready" });
  const first = stoppedFirst ? "stop" : await Promise.race([go.then(() => "go" as const), stop.then(() => "stop" as const)]);
  let metrics: NodeJS.Timeout | undefined;
  if (first === "go") {
    await runtime.start();
    for (const l of inbound) l.watch();
    if (setup.live) {
      live = new TelemetryWindow(runtime.registry, graph, plan.name, clock.nowNs(), setup.live);
      stopLive = live.start(clock);
    }
    metrics = setInterval(() => send({ t: "metrics", report: report() }), live ? Math.min(METRICS_EVERY_MS, live.intervalMs) : METRICS_EVERY_MS);
  }
  const flushMs = await stop;
  if (metrics) clearInterval(metrics);
  stopLive?.();
  await runtime.stop(flushMs);
  // Senders close after the runtime stopped: what the last messages left queued drains (linger).
  await Promise.all(senders.map((s) => s.close()));
  await Promise.all(inbound.map((l) => l.close()));
  // Disposed first: nodes that finish their work there (a recorder closing its file) report it too.
  await runtime.dispose();
  const final = report();
  await new Promise<void>((resolve) => {
    if (!process.connected) return resolve();
    const m: FromWorker = { t: "stopped", report: final };
    process.send!(m, undefined, {}, () => resolve());
  });
  // No launcher to remove the run dir (it was killed): the last worker out does (see run-dir.ts).
  if (!process.connected) await leaveRunDir(process.env[RUN_DIR_ENV], plan.sends.map((l) => l.endpoint));
}

/**
 * A link's corruption fault, on the run's clock: its window counts from when the run started (the
 * supervisor passes that to restarted workers in REFLEX_RUN_START_NS), else from this worker's start.
 */
function corruptionOf(c: LinkCorruption, clock: RealClock): FrameCorruptionOptions {
  const startNs = Number(process.env.REFLEX_RUN_START_NS ?? 0) || clock.nowNs();
  const toMs = c.toMs ?? Number.POSITIVE_INFINITY;
  return {
    fraction: c.fraction,
    seed: c.seed,
    active: () => {
      const t = (clock.nowNs() - startNs) / 1e6;
      return t >= c.fromMs && t < toMs;
    },
  };
}

/** This end's key pair for a link between boards: its file from the plan, or this board's agent key. */
async function linkKeys(l: LinkPlan, end: "sender" | "receiver", setup: WorkerSetup): Promise<CurveKeyPair | undefined> {
  if (!l.curve) return undefined;
  const file = (end === "sender" ? l.curve.senderSecretFile : l.curve.receiverSecretFile) ?? setup.agentSecretFile;
  if (!file) throw new Error(`link ${l.edge}: no CurveZMQ key pair for its ${end} (not started by an agent, and the plan names no key file)`);
  return readKeyPair(file);
}

