// The dashboard server: the page's static files, `/api/snapshot` (JSON), `/api/graph` (the graph's
// shape), `/metrics` (Prometheus text) and a WebSocket at `/ws` that says hello (the graph's shape and a
// first snapshot) and then pushes a snapshot a few times a second. One snapshot is built and encoded per
// push, whatever the number of clients; a client whose socket still holds more than `maxBufferedBytes`
// is skipped for that push (counted), so a slow phone never grows the server's memory.
// Binds 127.0.0.1 by default; on any other address every request needs the token. On any address a
// request naming the server by a foreign Host (DNS rebinding) or coming from another site's page
// (Origin) is refused with 403 (auth.ts), counted by reason and logged at most once a second.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import type { Logger } from "pino";
import { WebSocketServer, type WebSocket } from "ws";
import type { DashboardSource } from "../telemetry/snapshot.js";
import type { DashboardMessage } from "../telemetry/snapshot-types.js";
import { defaultAssetsDir, PLACEHOLDER, readAsset } from "./assets.js";
import { allowedHosts, isLoopback, newToken, refusal, refusalText, requestToken, tokenMatches } from "./auth.js";
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from "./prometheus.js";
import { RefusalLog, type RefusalReason } from "./refusal-log.js";

export interface DashboardOptions {
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. Any other address requires a token (generated unless given). */
  readonly host?: string;
  /** Require this token even on loopback. */
  readonly token?: string;
  /** The built page (default dist/dashboard under the package root). */
  readonly assetsDir?: string;
  /** Snapshots per second over the WebSocket (default 4). */
  readonly hz?: number;
  /** Skip a push to a client whose socket buffers more than this (default 1 MiB). */
  readonly maxBufferedBytes?: number;
  /** Where refused requests are logged (rate-limited); without it they are only counted. */
  readonly logger?: Logger;
}

export interface DashboardHandle {
  /** Where the page is, with `?token=` when one is required. */
  readonly url: string;
  readonly port: number;
  readonly token: string | undefined;
  readonly stats: {
    readonly clients: number;
    readonly sent: number;
    readonly skipped: number;
    /** Every request refused (foreign Host or Origin, no token, an upgrade off /ws). */
    readonly badRequests: number;
    /** Refusals by reason (also on /metrics). */
    readonly refused: Readonly<Record<RefusalReason, number>>;
  };
  close(): Promise<void>;
}

export async function startDashboard(source: DashboardSource, opts: DashboardOptions = {}): Promise<DashboardHandle> {
  const host = opts.host ?? "127.0.0.1";
  const token = opts.token ?? (isLoopback(host) ? undefined : newToken());
  const assetsDir = opts.assetsDir ?? defaultAssetsDir();
  const hz = opts.hz ?? 4;
  if (!(hz > 0 && hz <= 60)) throw new RangeError(`dashboard push rate must be in (0, 60] Hz, got ${hz}`);
  const maxBuffered = opts.maxBufferedBytes ?? 1 << 20;
  const refusals = new RefusalLog(opts.logger);
  const stats = { clients: 0, sent: 0, skipped: 0, badRequests: 0, refused: refusals.counts };
  // Known once listening (port 0 picks one); no request is read before.
  let hosts: ReadonlySet<string> = new Set<string>();

  const authorized = (req: IncomingMessage): boolean => token === undefined || tokenMatches(token, requestToken(req));

  /** The refusal of a request, counted and logged; undefined when it may go on to its handler. */
  function refuse(req: IncomingMessage, kind: "an HTTP request" | "a WebSocket upgrade"): { status: 401 | 403; text: string } | undefined {
    const r = refusal(req, hosts);
    const path = new URL(req.url ?? "/", "http://dashboard").pathname;
    const peer = req.socket.remoteAddress;
    if (r !== undefined) {
      stats.badRequests++;
      const text = refusalText(r, req, hosts);
      refusals.refused(r, { peer, host: req.headers.host, origin: req.headers.origin, path }, `dashboard: refused ${kind} from ${peer}: ${text.slice(5).trim()}`);
      return { status: 403, text };
    }
    if (!authorized(req)) {
      stats.badRequests++;
      refusals.refused("token", { peer, path }, `dashboard: refused ${kind} from ${peer} without the dashboard's token`);
      return { status: 401, text: "401: this dashboard needs its token: add ?token=<token> (printed by `reflex run`) or send Authorization: Bearer <token>\n" };
    }
    return undefined;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A failing snapshot or a broken file read answers 500; it never takes the run down.
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", `dashboard error: ${err instanceof Error ? err.message : String(err)}\n`);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refused = refuse(req, "an HTTP request");
    if (refused) {
      if (refused.status === 401) res.setHeader("WWW-Authenticate", 'Bearer realm="reflex dashboard"');
      return send(res, refused.status, "text/plain; charset=utf-8", refused.text);
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return send(res, 405, "text/plain; charset=utf-8", `405: ${req.method} is not served here; use GET\n`);
    }
    const url = new URL(req.url ?? "/", "http://dashboard");
    switch (url.pathname) {
      case "/api/snapshot":
        return send(res, 200, "application/json; charset=utf-8", JSON.stringify(source.snapshot()));
      case "/api/graph":
        return send(res, 200, "application/json; charset=utf-8", JSON.stringify(source.shape()));
      case "/metrics":
        return send(res, 200, PROMETHEUS_CONTENT_TYPE, await prometheusText(source.snapshot(), stats));
      case "/ws":
        return send(res, 426, "text/plain; charset=utf-8", "426: /ws is a WebSocket\n");
    }
    const asset = await readAsset(assetsDir, url.pathname);
    if (asset) return send(res, 200, asset.type, asset.body);
    if (url.pathname === "/" || url.pathname === "/index.html") return send(res, 200, "text/html; charset=utf-8", PLACEHOLDER);
    return send(res, 404, "text/plain; charset=utf-8", `404: no ${url.pathname} here (the page is /, data at /api/snapshot, /metrics, /ws)\n`);
  }

  function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
    res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body) });
    res.end(res.req.method === "HEAD" ? undefined : body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on("upgrade", (req, socket, head) => {
    socket.on("error", () => socket.destroy());
    const refused = refuse(req, "a WebSocket upgrade");
    if (refused) {
      const reason = refused.status === 403 ? "Forbidden" : "Unauthorized";
      socket.end(`HTTP/1.1 ${refused.status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(refused.text)}\r\n\r\n${refused.text}`);
      return;
    }
    const path = new URL(req.url ?? "/", "http://dashboard").pathname;
    if (path !== "/ws") {
      stats.badRequests++;
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onClient(ws));
  });

  const clients = new Set<WebSocket>();
  function onClient(ws: WebSocket): void {
    clients.add(ws);
    stats.clients = clients.size;
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      clients.delete(ws);
      stats.clients = clients.size;
    });
    // The page only listens; anything it sends is ignored.
    ws.on("message", () => undefined);
    try {
      const hello: DashboardMessage = { t: "hello", graph: source.shape(), snapshot: source.snapshot() };
      ws.send(JSON.stringify(hello));
      stats.sent++;
    } catch (err) {
      ws.close(1011, `dashboard error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 120));
    }
  }

  const timer = setInterval(() => {
    if (clients.size === 0) return;
    let text: string;
    try {
      const m: DashboardMessage = { t: "snapshot", snapshot: source.snapshot() };
      text = JSON.stringify(m);
    } catch {
      return; // the next push tries again; /api/snapshot reports the error to whoever asks
    }
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > maxBuffered) {
        stats.skipped++;
        continue;
      }
      ws.send(text);
      stats.sent++;
    }
  }, 1000 / hz);
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 8080, host, () => {
      hosts = allowedHosts(host, (server.address() as AddressInfo).port);
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", () => undefined);
  const port = (server.address() as AddressInfo).port;
  const url = `http://${displayHost(host)}:${port}/${token !== undefined ? `?token=${token}` : ""}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    token,
    stats,
    close(): Promise<void> {
      closed ??= (async () => {
        clearInterval(timer);
        refusals.flush();
        for (const ws of clients) ws.terminate();
        clients.clear();
        stats.clients = 0;
        await new Promise<void>((r) => wss.close(() => r()));
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
      })();
      return closed;
    },
  };
}

/** The host to print: a wildcard bind is reached through one of the machine's addresses. */
function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") {
    for (const addrs of Object.values(os.networkInterfaces())) {
      const a = addrs?.find((x) => x.family === "IPv4" && !x.internal);
      if (a) return a.address;
    }
    return "127.0.0.1";
  }
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}
