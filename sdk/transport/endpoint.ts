// Where links listen. ipc:// on one host (a socket file under a per-run temp dir), tcp:// across
// hosts. Nothing binds a non-loopback address unless the caller says so, and a tcp link off this host
// must use CurveZMQ unless the caller explicitly asks for an insecure one.
import { mkdtemp } from "node:fs/promises";
import { hostname, networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";

/** Linux sun_path is 108 bytes including the terminating NUL. */
const IPC_PATH_MAX = 107;

/** A fresh directory for one run's ipc socket files (the launcher removes it at exit). */
export function makeRunDir(prefix = "reflex-run-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** `ipc://<runDir>/<name>.sock`; `name` is an edge id, characters outside [A-Za-z0-9._-] become '_'. */
export function ipcEndpoint(runDir: string, name: string): string {
  const path = join(runDir, `${name.replace(/[^A-Za-z0-9._-]/g, "_")}.sock`);
  if (Buffer.byteLength(path) > IPC_PATH_MAX) {
    throw new Error(`ipc socket path "${path}" is longer than ${IPC_PATH_MAX} bytes (a Unix socket limit): use a shorter run dir or edge name`);
  }
  return `ipc://${path}`;
}

/** `tcp://host:port`; port "*" binds an ephemeral port (read it back from LinkSender.endpoint). */
export function tcpEndpoint(host: string, port: number | "*"): string {
  return `tcp://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
}

export interface EndpointPolicy {
  /** Allow binding or connecting to a tcp address that is not loopback. Default false. */
  readonly allowNonLoopback?: boolean;
  /** Whether the link uses CurveZMQ. */
  readonly curve: boolean;
  /** Allow a non-loopback tcp link without CurveZMQ. Default false; for lab networks only. */
  readonly insecure?: boolean;
}

/** The host part of a tcp:// endpoint, or undefined for other transports. */
export function tcpHost(endpoint: string): string | undefined {
  const m = /^tcp:\/\/(\[[^\]]*\]|[^:/]*)(?::[^/]*)?$/.exec(endpoint);
  if (!endpoint.startsWith("tcp://")) return undefined;
  if (!m) throw new Error(`"${endpoint}" is not a tcp endpoint of the form tcp://host:port`);
  return (m[1] as string).replace(/^\[|\]$/g, "");
}

export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Throws, saying how to fix it, when `endpoint` may not be used under `policy`. */
export function checkEndpoint(endpoint: string, policy: EndpointPolicy): void {
  if (endpoint.startsWith("ipc://") || endpoint.startsWith("inproc://")) return;
  const host = tcpHost(endpoint);
  if (host === undefined) throw new Error(`unsupported endpoint "${endpoint}": use ipc://<path> on one host or tcp://<host>:<port> across hosts`);
  if (isLoopbackHost(host)) return;
  if (!policy.allowNonLoopback) {
    throw new Error(`refusing "${endpoint}": ${host} is not a loopback address; a link listens on another interface only when the config asks for it (allowNonLoopback)`);
  }
  if (!policy.curve && !policy.insecure) {
    throw new Error(`refusing "${endpoint}": tcp links between hosts use CurveZMQ; give the link keys (reflex keys gen) or mark it insecure`);
  }
}

/** Hosts that mean "this machine": the worker is forked here and its links use ipc://. */
export function isLocalHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === hostname() || isOwnAddress(host);
}

/** An address of one of this machine's interfaces (a process placed there binds its tcp links on it). */
function isOwnAddress(host: string): boolean {
  return Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address === host));
}
