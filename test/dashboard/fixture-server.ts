// A stand-in for the dashboard server, for tests of the page's own behaviour (reconnect, bounded
// history, a graph that grows): serves dist/dashboard/ and a WebSocket at /ws that sends whatever
// snapshots the test makes. The end-to-end test (browser.test.ts) uses the real server.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname } from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import type { DashboardMessage, DashboardSnapshot } from "../../sdk/telemetry/snapshot-types.js";

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".map": "application/json" };

export interface FixtureServer {
  readonly url: string;
  readonly clients: Set<WebSocket>;
  /** Called with each WebSocket upgrade request (the test reads the URL the page used). */
  onUpgrade?: (req: IncomingMessage) => void;
  send(m: DashboardMessage): void;
  /** Closes every open socket (the page should say so and reconnect). */
  dropClients(): void;
  close(): Promise<void>;
}

export async function startFixtureServer(assetsDir: string, hello: () => DashboardMessage, port = 0): Promise<FixtureServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = path === "/" ? "index.html" : path.slice(1);
    if (file.includes("..") || file.includes("/")) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(assetsDir, file)).then(
      (body) => res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  const wss = new WebSocketServer({ server, path: "/ws" });
  const clients = new Set<WebSocket>();
  wss.on("connection", (ws, req) => {
    fixture.onUpgrade?.(req);
    clients.add(ws);
    ws.on("close", () => clients.delete(ws));
    ws.send(JSON.stringify(hello()));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const addr = server.address();
  const actualPort = typeof addr === "object" && addr ? addr.port : port;
  const fixture: FixtureServer = {
    url: `http://127.0.0.1:${actualPort}/`,
    clients,
    send(m) {
      const text = JSON.stringify(m);
      for (const c of clients) c.send(text);
    },
    dropClients() {
      for (const c of clients) c.terminate();
    },
    async close() {
      for (const c of clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fixture;
}

/** A snapshot of a made-up chain graph `n0 > n1 > ... `, figures varying with `atMs`. */
export function chainSnapshot(ids: readonly string[], atMs: number, opts: { misses?: number } = {}): DashboardSnapshot {
  const lat = (base: number) => ({
    count: 100,
    p50Us: base * (1 + 0.1 * Math.sin(atMs / 700)),
    p90Us: base * 1.5,
    p99Us: base * 2 * (1 + 0.2 * Math.cos(atMs / 900)),
    maxUs: base * 3,
    buckets: [10, 20, 50, 100, 200, 500, 1000].map((le, i) => ({ leUs: le, count: (i * 7 + Math.round(atMs / 250)) % 13 })),
  });
  return {
    v: 1,
    graph: "fixture",
    clock: "real",
    atMs,
    windowS: 10,
    nodes: ids.map((id, i) => ({ id, type: i === 0 ? "timer" : "relay", process: "main", ratePerS: 20, errors: 0, processing: lat(10 + i), gauges: (i === 1 ? { tokens_kept: 16, cache_hit_rate: 0.25 } : {}) as Record<string, number>, health: "ok" as const })),
    edges: ids.slice(1).map((id, i) => ({
      id: `${ids[i]}/out -> ${id}/in`, from: `${ids[i]}/out`, to: `${id}/in`, ratePerS: 20, depth: 0, maxDepth: 8,
      drops: 0, deadlineMisses: i === 0 ? (opts.misses ?? 0) : 0, dropsInWindow: 0, missesInWindow: 0, stale: false, ageMs: 0.1, health: "ok" as const,
    })),
    paths: [{ id: ids.join(" > "), nodes: ids, latency: lat(100), deadlineMs: 1 }],
    processes: [{ name: "main", pid: 1234, state: "running", cpuPct: 12.5, rssMb: 80, restarts: 0 }],
    device: { source: "none", note: "no tegrastats or nvidia-smi on this machine" },
    events: opts.misses ? [{ atMs, kind: "deadline-miss", where: `${ids[0]}/out -> ${ids[1]}/in`, detail: "age 3 ms > deadline 1 ms" }] : [],
  };
}

export function chainHello(ids: readonly string[], atMs: number): DashboardMessage {
  const snap = chainSnapshot(ids, atMs);
  return {
    t: "hello",
    graph: { name: snap.graph, nodes: snap.nodes.map((n) => ({ id: n.id, type: n.type, process: n.process })), edges: snap.edges.map((e) => ({ id: e.id, from: e.from, to: e.to })) },
    snapshot: snap,
  };
}
