// The dashboard is not readable from another site's page: `reflex run --dashboard` (the bundled CLI) on
// loopback, hit with what a hostile page makes a browser send. A DNS-rebinding page reaches 127.0.0.1
// under its own name (node:http with a forged Host header); a cross-site page opens a WebSocket with
// its Origin (the `ws` client). Both are refused with 403, counted on /metrics and logged at most once
// a second with how many attempts the line stands for; the run's own page (same origin) still reads it.
// Off loopback the token rule stays, and a foreign Host is refused even with the token.
import assert from "node:assert/strict";
import { request } from "node:http";
import os from "node:os";
import pino from "pino";
import WebSocket from "ws";
import { loadConfigText } from "../../sdk/config/load.js";
import { RealClock } from "../../sdk/core/clock.js";
import { startDashboard } from "../../sdk/dashboard/server.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import { LocalTelemetry } from "../../sdk/telemetry/snapshot.js";
import type { DashboardMessage } from "../../sdk/telemetry/snapshot-types.js";
import { testRegistry } from "../runtime/fixture-nodes.js";
import { runWithDashboard, type RunningGraph } from "./run-graph.js";

/** A GET with exactly these headers (node:http sets Host from the URL unless told otherwise). */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET", headers, setHost: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The first message of a WebSocket opened with these headers, or the error it failed with. */
function wsFirst(url: string, headers: Record<string, string> = {}): Promise<DashboardMessage> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once("message", (data: WebSocket.RawData) => {
      resolve(JSON.parse(String(data)) as DashboardMessage);
      ws.close();
    });
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      // The body starts with the status ("403: ..."), as the server writes it.
      res.on("end", () => reject(new Error(`HTTP ${res.statusCode}, ${body}`)));
    });
    ws.once("error", reject);
  });
}

/** pino lines of a log text that say `msg` matches. */
function logLines(text: string, msg: RegExp): { reason?: string; count?: number; msg: string }[] {
  return text
    .split("\n")
    .flatMap((l) => {
      try {
        return l.startsWith("{") ? [JSON.parse(l) as { reason?: string; count?: number; msg: string }] : [];
      } catch {
        return []; // a line still being written
      }
    })
    .filter((l) => msg.test(l.msg));
}

describe("dashboard: Host and Origin (real CLI on loopback, forged headers)", function () {
  this.timeout(60_000);
  let run: RunningGraph;
  let port = 0;

  before(async () => {
    run = await runWithDashboard("test/dashboard/miss.yaml", [], 60);
    port = Number(new URL(run.url).port);
  });
  after(async () => {
    await run?.stop();
  });

  it("a DNS-rebinding page (Host: evil.example:PORT) is refused with 403 on every path, the WebSocket too", async () => {
    for (const path of ["/", "/api/snapshot", "/api/graph", "/metrics"]) {
      const r = await rawGet(port, path, { Host: `evil.example:${port}` });
      assert.equal(r.status, 403, `${path} with a foreign Host`);
      assert.match(r.body, /^403: Host "evil\.example:\d+" is not an address of this dashboard \(.*DNS rebinding.*\): open it as http:\/\/127\.0\.0\.1:\d+\//);
      assert.doesNotMatch(r.body, /"nodes"|reflex_node/, "no figure leaks");
    }
    // Another port on a loopback name is another server, and no Host at all names nothing.
    assert.equal((await rawGet(port, "/api/snapshot", { Host: "127.0.0.1:1" })).status, 403);
    await assert.rejects(wsFirst(`ws://127.0.0.1:${port}/ws`, { Host: `evil.example:${port}` }), /^Error: HTTP 403, 403: Host "evil\.example/);
    // The addresses the server is reachable at.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      assert.equal((await rawGet(port, "/api/snapshot", { Host: host })).status, 200, `Host ${host}`);
    }
  });

  it("a cross-site WebSocket (Origin: http://evil.example) is refused with 403; the run's own page and non-browser clients are not", async () => {
    const ws = `ws://127.0.0.1:${port}/ws`;
    await assert.rejects(wsFirst(ws, { Origin: "http://evil.example" }), /^Error: HTTP 403, 403: Origin "http:\/\/evil\.example" is not this dashboard's page/);
    // Same host, another port: another origin.
    await assert.rejects(wsFirst(ws, { Origin: `http://127.0.0.1:${port + 1}` }), /403/);
    await assert.rejects(wsFirst(ws, { Origin: "null" }), /403/);
    const cross = await rawGet(port, "/api/snapshot", { Host: `127.0.0.1:${port}`, Origin: "http://evil.example" });
    assert.equal(cross.status, 403);
    // Same origin (the page the run serves), no Origin (a script, Prometheus), a reverse proxy that says
    // which host the browser used.
    assert.equal((await wsFirst(ws, { Origin: `http://127.0.0.1:${port}` })).t, "hello");
    assert.equal((await wsFirst(ws)).t, "hello");
    assert.equal((await wsFirst(ws, { Origin: "https://robot.example", "X-Forwarded-Host": "robot.example" })).t, "hello");
  });

  it("refusals are counted on /metrics and logged once a second, the line saying how many it stands for; none is lost at the end", async () => {
    const refused = async (): Promise<Record<string, number>> => {
      const metrics = await rawGet(port, "/metrics", { Host: `127.0.0.1:${port}` });
      const out: Record<string, number> = {};
      for (const m of metrics.body.matchAll(/^reflex_dashboard_requests_refused_total\{[^}]*reason="(\w+)"[^}]*\} (\d+)$/gm)) out[m[1]!] = Number(m[2]);
      return out;
    };
    const before = await refused();
    const linesBefore = logLines(run.stderr(), /^dashboard: refused/).length;
    const burst = 40;
    await Promise.all(Array.from({ length: burst }, () => rawGet(port, "/api/snapshot", { Host: `rebind.example:${port}` })));
    const after = await refused();
    assert.equal(after["host"], (before["host"] ?? NaN) + burst, JSON.stringify({ before, after }));
    assert.equal(after["token"], 0, "loopback needs no token");
    const during = logLines(run.stderr(), /^dashboard: refused/).slice(linesBefore);
    assert.ok(during.length <= 2, `${during.length} log lines for a burst of ${burst} refusals:\n${run.stderr()}`);
    const code = await run.stop();
    assert.ok(code === 0 || code === null || code === 130, `reflex run exited with ${code}`);
    // At the stop the held-back count is written: the lines add up to every refusal /metrics counted.
    const all = logLines(run.stderr(), /^dashboard: refused/);
    assert.ok(all.some((l) => /^dashboard: refused an HTTP request from 127\.0\.0\.1: Host "rebind\.example:\d+" is not an address/.test(l.msg)), run.stderr());
    const sum = (reason: string): number => all.filter((l) => l.reason === reason).reduce((a, l) => a + (l.count ?? 0), 0);
    assert.equal(sum("host"), after["host"], run.stderr());
    assert.equal(sum("origin"), after["origin"] ?? 0);
    assert.ok(all.length <= 8, `${all.length} lines for ${(after["host"] ?? 0) + (after["origin"] ?? 0)} refusals`);
  });
});

describe("dashboard: Host off loopback (in process, --host 0.0.0.0, token required)", function () {
  this.timeout(30_000);

  it("a foreign Host is refused even with the token; the machine's own addresses get the token rule as before", async () => {
    const loaded = loadConfigText("served.yaml", "name: served\nnodes:\n  src: { type: test-source, params: { rate_hz: 50, count: 1000000 } }\n  sink: { type: test-sink, inputs: { in: src/out } }\n", { registry: testRegistry() });
    assert.ok(loaded.graph, JSON.stringify(loaded.diagnostics));
    const clock = new RealClock();
    const rt = new GraphRuntime(loaded.graph, { clock, log: pino({ level: "silent" }) });
    const tel = new LocalTelemetry({ registry: rt.registry, graph: loaded.graph, clock, window: { intervalMs: 50, windowS: 1 } });
    await rt.start();
    tel.start();
    const d = await startDashboard(tel, { port: 0, host: "0.0.0.0" });
    try {
      const token = d.token!;
      const evil = await rawGet(d.port, `/api/snapshot?token=${token}`, { Host: `evil.example:${d.port}` });
      assert.equal(evil.status, 403, "a rebinding page with a stolen-looking token is still refused");
      assert.equal((await rawGet(d.port, `/api/snapshot?token=${token}`, { Host: `${os.hostname()}:${d.port}` })).status, 200, "the machine's name");
      assert.equal((await rawGet(d.port, `/api/snapshot?token=${token}`, { Host: new URL(d.url).host })).status, 200, "the printed address");
      assert.equal((await rawGet(d.port, "/api/snapshot", { Host: `127.0.0.1:${d.port}` })).status, 401, "no token: 401 as before");
      await assert.rejects(wsFirst(`ws://127.0.0.1:${d.port}/ws?token=${token}`, { Origin: "http://evil.example" }), /403/);
      assert.deepEqual(d.stats.refused, { host: 1, origin: 1, token: 1 });
    } finally {
      await d.close();
      tel.stop();
      await rt.stop();
      await rt.dispose();
    }
  });
});
