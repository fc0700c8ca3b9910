// `reflex run --dashboard [--port P] [--host H]`: the options, and starting the dashboard for a
// one-process run (LocalTelemetry over the runtime's registry) or a multi-process one
// (SupervisedTelemetry over the workers' reports). Prints exactly one line, `dashboard: <url>`, to stderr
// once listening (with `?token=...` when a token is required); close() stops sampling and the server.
// Refused requests (foreign Host or Origin, no token) are logged on the run's logger, or on stderr.
import { InvalidArgumentError } from "commander";
import pino, { type Logger } from "pino";
import { DeviceSampler } from "../device/sampler.js";
import type { Graph } from "../graph/model.js";
import type { Clock } from "../core/clock.js";
import type { MetricsRegistry } from "../core/stats.js";
import { LocalTelemetry, type DashboardSource } from "../telemetry/snapshot.js";
import { SupervisedTelemetry } from "../telemetry/supervised-telemetry.js";
import type { WindowOptions } from "../telemetry/window.js";
import { startDashboard, type DashboardHandle } from "./server.js";

export interface DashboardCliOptions {
  dashboard?: boolean;
  port?: number;
  host?: string;
}

export const DEFAULT_PORT = 8080;
/** Window for the dashboard: the last 10 s, sampled every 250 ms. */
export const RUN_WINDOW: WindowOptions = { intervalMs: 250, windowS: 10 };

export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`"${v}" is not a port: use 0..65535 (0 = any free port)`);
  return n;
}

export interface RunDashboard {
  readonly handle: DashboardHandle;
  close(): Promise<void>;
}

/** Listens and prints the line; throws an Error saying what to do when it cannot listen. */
async function serve(source: DashboardSource, opts: DashboardCliOptions, stop: () => void, log: Logger | undefined): Promise<RunDashboard> {
  let handle: DashboardHandle;
  const logger = log ?? pino({ level: "warn", base: { component: "dashboard" } }, pino.destination({ fd: 2, sync: true }));
  try {
    handle = await startDashboard(source, { port: opts.port ?? DEFAULT_PORT, logger, ...(opts.host !== undefined ? { host: opts.host } : {}) });
  } catch (err) {
    stop();
    const e = err as NodeJS.ErrnoException;
    const where = `${opts.host ?? "127.0.0.1"}:${opts.port ?? DEFAULT_PORT}`;
    if (e.code === "EADDRINUSE") throw new Error(`dashboard: ${where} is in use: pick another with --port <n>, or --port 0 for any free port`);
    if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND") throw new Error(`dashboard: ${opts.host} is not an address of this machine: use one it has, or 0.0.0.0 for all`);
    if (e.code === "EACCES") throw new Error(`dashboard: not allowed to listen on ${where}: use a port above 1023`);
    throw new Error(`dashboard: cannot listen on ${where}: ${e.message}`);
  }
  process.stderr.write(`dashboard: ${handle.url}\n`);
  return {
    handle,
    close: async () => {
      stop();
      await handle.close();
    },
  };
}

/** One-process run: figures from the runtime's registry, sampled on the run's clock. */
export async function startLocalDashboard(opts: DashboardCliOptions, registry: MetricsRegistry, graph: Graph, clock: Clock, log?: Logger): Promise<RunDashboard | undefined> {
  if (!opts.dashboard) return undefined;
  const device = new DeviceSampler();
  device.start();
  const tel = new LocalTelemetry({ registry, graph, clock, window: RUN_WINDOW, device });
  tel.start();
  return serve(
    tel,
    opts,
    () => {
      tel.stop();
      device.stop();
    },
    log,
  );
}

/** Multi-process run: figures from the workers' reports; attach() it through the launcher's hooks. */
export async function startSupervisedDashboard(opts: DashboardCliOptions, graph: Graph, log?: Logger): Promise<(RunDashboard & { source: SupervisedTelemetry }) | undefined> {
  if (!opts.dashboard) return undefined;
  const device = new DeviceSampler();
  device.start();
  const source = new SupervisedTelemetry(graph, device, RUN_WINDOW);
  const d = await serve(source, opts, () => device.stop(), log);
  return { ...d, source };
}
