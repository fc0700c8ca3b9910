// Who may read the dashboard. On a loopback address anyone on the machine may; on any other address a
// random token is required on every request (page, WebSocket, API, metrics), as `?token=` or
// `Authorization: Bearer <token>`.
// On any address a request must also name the server by an address it is reachable at (`Host`), and a
// browser request must come from the dashboard's own page (`Origin` absent or same-origin): without
// this, a web page whose name is rebound to 127.0.0.1 (DNS rebinding) or that opens a WebSocket to
// ws://127.0.0.1:8080 reads every figure of the run, since loopback needs no token.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import os from "node:os";

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h) || h === "::ffff:127.0.0.1";
}

export function newToken(): string {
  return randomBytes(18).toString("base64url");
}

/** The token a request carries, if any. */
export function requestToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (m) return m[1];
  }
  const q = new URL(req.url ?? "/", "http://x").searchParams.get("token");
  return q ?? undefined;
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const bracket = (h: string): string => (h.includes(":") && !h.startsWith("[") ? `[${h}]` : h);

/**
 * The `Host` values (lower case, `name:port`) of a server bound to `bindHost`:`port`: the loopback
 * names, the bound address, and for a wildcard bind (0.0.0.0, ::) every address of this machine and
 * its host name.
 */
export function allowedHosts(bindHost: string, port: number): Set<string> {
  const bound = bindHost.replace(/^\[|\]$/g, "");
  const wildcard = bound === "0.0.0.0" || bound === "::";
  // The bound address first: it is the one the refusal text suggests.
  const names = new Set([...(wildcard ? [] : [bracket(bound)]), "127.0.0.1", "localhost", "[::1]"]);
  if (wildcard) {
    for (const addrs of Object.values(os.networkInterfaces())) for (const a of addrs ?? []) names.add(bracket(a.address.replace(/%.*$/, "")));
    const name = os.hostname();
    names.add(name);
    if (!name.includes(".")) names.add(`${name}.local`);
  }
  const out = new Set<string>();
  for (const n of names) {
    out.add(`${n.toLowerCase()}:${port}`);
    // A browser leaves the port out of Host when it is the scheme's default.
    if (port === 80) out.add(n.toLowerCase());
  }
  return out;
}

/** Why a request is refused before any token check: a foreign `Host` or a cross-site `Origin`. */
export type Refusal = "host" | "origin";

/**
 * `undefined` when the request may go on. Same-origin: the `Origin`'s host is the request's `Host`
 * (or `X-Forwarded-Host`, set by a reverse proxy that forwards with its own Host). A page cannot
 * forge either header across sites: a cross-site WebSocket cannot set headers at all, and a cross-site
 * fetch with a custom header needs a preflight this server never grants.
 */
export function refusal(req: IncomingMessage, hosts: ReadonlySet<string>): Refusal | undefined {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !hosts.has(host)) return "host";
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  let originHost: string;
  try {
    const u = new URL(origin);
    if (u.protocol !== "http:" && u.protocol !== "https:") return "origin";
    originHost = u.host.toLowerCase();
  } catch {
    return "origin"; // "null" (a sandboxed frame, a file:// page) and anything unparsable
  }
  const forwarded = req.headers["x-forwarded-host"];
  const fwd = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim().toLowerCase();
  return originHost === host || (fwd !== undefined && originHost === fwd) ? undefined : "origin";
}

/** The 403 text for a refusal: what was wrong and how to reach the dashboard instead. */
export function refusalText(r: Refusal, req: IncomingMessage, hosts: ReadonlySet<string>): string {
  const [first, ...others] = hosts;
  if (r === "host") return `403: Host ${JSON.stringify(req.headers.host ?? "")} is not an address of this dashboard (a name rebound to it, DNS rebinding, is refused): open it as http://${first ?? "127.0.0.1"}/${others.length > 0 ? ` or at ${others.slice(0, 3).join(", ")}${others.length > 3 ? ", ..." : ""}` : ""}\n`;
  return `403: Origin ${JSON.stringify(req.headers.origin ?? "")} is not this dashboard's page: only the dashboard's own page (same origin) may read it\n`;
}
