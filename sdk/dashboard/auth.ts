// Who may read the dashboard. On a loopback address anyone on the machine may; on any other address a
// random token is required on every request (page, WebSocket, API, metrics), as `?token=` or
// `Authorization: Bearer <token>`.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

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
