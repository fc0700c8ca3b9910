// Which processes run on another board, and where that board's `reflex agent` listens.
//
// A process runs through an agent when its `host:` is not this machine, or when it names a port
// (`host: 127.0.0.1:7450`): the port is the agent's, so a second board can be played by an agent on
// this very machine (tests, trying the setup out on one board). `host: <addr>` without a port means the
// agent's default port.
import { createServer } from "node:net";
import { resolve } from "node:path";
import type { Graph } from "../graph/model.js";
import { isLocalHost, isLoopbackHost, readKeyPair, readPublicKey, tcpEndpoint } from "../transport/index.js";

export const DEFAULT_AGENT_PORT = 7450;

export interface RemoteHost {
  /** The address as written (without the port): workers there bind their links on it. */
  readonly address: string;
  readonly agentPort: number;
  /** tcp://address:port of the agent. */
  readonly agentEndpoint: string;
}

/** `addr`, `addr:port`, `[v6]` or `[v6]:port`; undefined for a process that runs on this machine. */
export function remoteHostOf(host: string | undefined): RemoteHost | undefined {
  if (host === undefined) return undefined;
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(host) ?? /^([^:]+):(\d+)$/.exec(host);
  const address = m ? (m[1] as string) : host;
  const port = m?.[2] !== undefined ? Number(m[2]) : undefined;
  if (port === undefined && isLocalHost(address)) return undefined;
  const agentPort = port ?? DEFAULT_AGENT_PORT;
  if (!(agentPort > 0 && agentPort < 65536)) throw new Error(`host "${host}": ${agentPort} is not a tcp port`);
  return { address, agentPort, agentEndpoint: tcpEndpoint(address, agentPort) };
}

/**
 * The address a process on this machine binds its links to other boards on: its `host:` when that is
 * an address of this machine (the config says so), else loopback, which only another "board" played
 * on this machine can reach.
 */
export function localListenAddress(host: string | undefined): string {
  return host !== undefined && isLocalHost(host) && host !== "localhost" ? host : "127.0.0.1";
}

export function reachableFrom(listen: string, remote: RemoteHost): boolean {
  return !isLoopbackHost(listen) || isLoopbackHost(remote.address);
}

/** `n` tcp ports free on `host` right now (the OS picks them; they are released before returning). */
export async function freePorts(n: number, host = "127.0.0.1"): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<import("node:net").Server>((resolve, reject) => {
      const s = createServer();
      s.once("error", reject);
      s.listen(0, host, () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as import("node:net").AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** The keys the main board uses with one remote process (its `keys:` in the config, read here). */
export interface RemoteKeys {
  /** This board's key pair file (`keys.secret`) and its public key. */
  readonly secretFile: string;
  readonly publicKey: string;
  /** The remote board's public keys (`keys.trusted`); the first is its agent's key. */
  readonly trusted: readonly string[];
}

/**
 * Reads the keys of every process placed on another board: `keys.secret` is this board's key pair
 * (the launcher and this board's workers use it with that process), `keys.trusted` that board's public
 * keys, the first being its agent's (`reflex agent --secret`). Paths are relative to the working
 * directory, like model folders. Throws saying which key and how to fix it.
 */
export async function readRemoteKeys(processes: Graph["processes"]): Promise<Map<string, RemoteKeys>> {
  const out = new Map<string, RemoteKeys>();
  for (const [name, entry] of Object.entries(processes ?? {})) {
    const host = remoteHostOf(entry.host);
    if (!host) continue;
    const where = `processes.${name}.keys`;
    if (!entry.keys) throw new Error(`${where}: process "${name}" runs on ${host.address} and needs CurveZMQ keys (reflex keys gen)`);
    const trusted = entry.keys.trusted ?? [];
    if (trusted.length === 0) {
      throw new Error(`${where}.trusted: list the public key of ${host.address} (its \`reflex agent --secret\` key pair's .key file)`);
    }
    const pair = await readKeyPair(entry.keys.secret).catch((err: unknown) => {
      throw new Error(`${where}.secret: ${(err as Error).message}`);
    });
    const trustedKeys = await Promise.all(
      trusted.map((f, i) =>
        readPublicKey(f).catch((err: unknown) => {
          throw new Error(`${where}.trusted[${i}]: ${(err as Error).message}`);
        }),
      ),
    );
    out.set(name, { secretFile: resolve(entry.keys.secret), publicKey: pair.publicKey, trusted: trustedKeys });
  }
  return out;
}
