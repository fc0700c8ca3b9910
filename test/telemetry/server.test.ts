// The dashboard server over a real graph on the real clock: HTTP with node:http's client, the WebSocket
// with the `ws` client, /metrics through a Prometheus text parser.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import pino from "pino";
import WebSocket from "ws";
import { loadConfigText } from "../../sdk/config/load.js";
import { startDashboard, type DashboardHandle } from "../../sdk/dashboard/server.js";
import { RealClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import { LocalTelemetry } from "../../sdk/telemetry/snapshot.js";
import type { DashboardMessage, DashboardSnapshot } from "../../sdk/telemetry/snapshot-types.js";
import { testRegistry } from "../runtime/fixture-nodes.js";

const GRAPH = `name: served
nodes:
  src: { type: test-source, params: { rate_hz: 200, count: 1000000 } }
  relay: { type: relay, params: { message: reflex.Blob }, inputs: { in: { from: src/out, deadline_ms: 20 } } }
  sink: { type: test-sink, inputs: { in: relay/out } }
`;

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(url, { headers });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: await res.text() };
}

/** Messages from a ws client until `n` arrived (or the socket failed). */
function receive(url: string, n: number): Promise<{ messages: DashboardMessage[]; ws: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: DashboardMessage[] = [];
    ws.on("message", (data: WebSocket.RawData) => {
      messages.push(JSON.parse(String(data)) as DashboardMessage);
      if (messages.length === n) resolve({ messages, ws });
    });
    ws.on("error", reject);
  });
}

describe("dashboard server (real graph, real sockets)", function () {
  this.timeout(30_000);
  let rt: GraphRuntime;
  let tel: LocalTelemetry;
  const servers: DashboardHandle[] = [];

  before(async () => {
    const loaded = loadConfigText("served.yaml", GRAPH, { registry: testRegistry() });
    assert.ok(loaded.graph);
    const clock = new RealClock();
    rt = new GraphRuntime(loaded.graph, { clock, log: pino({ level: "silent" }) });
    tel = new LocalTelemetry({ registry: rt.registry, graph: loaded.graph, clock, window: { intervalMs: 50, windowS: 2 } });
    await rt.start();
    tel.start();
    await new Promise((r) => setTimeout(r, 300));
  });

  after(async () => {
    for (const s of servers) await s.close();
    tel.stop();
    await rt.stop();
    await rt.dispose();
  });

  const start = async (opts: Parameters<typeof startDashboard>[1]): Promise<DashboardHandle> => {
    const s = await startDashboard(tel, { port: 0, ...opts });
    servers.push(s);
    return s;
  };

  it("binds 127.0.0.1 without a token; /api/snapshot has the contract's shape and live figures", async () => {
    const d = await start({ hz: 20 });
    assert.match(d.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(d.token, undefined);
    const r = await get(`${d.url}api/snapshot`);
    assert.equal(r.status, 200);
    assert.match(r.type, /application\/json/);
    const s = JSON.parse(r.body) as DashboardSnapshot;
    assert.equal(s.v, 1);
    assert.equal(s.graph, "served");
    assert.equal(s.clock, "real");
    assert.equal(s.windowS, 2);
    assert.deepEqual(s.nodes.map((n) => n.id).sort(), ["relay", "sink", "src"]);
    for (const n of s.nodes) for (const k of ["p50Us", "p90Us", "p99Us", "maxUs", "count"] as const) assert.equal(typeof n.processing[k], "number");
    assert.ok(s.nodes.find((n) => n.id === "src")!.ratePerS > 50, "src runs at 200 Hz");
    assert.deepEqual(s.edges.map((e) => e.id).sort(), ["relay/out -> sink/in", "src/out -> relay/in"]);
    assert.equal(s.edges.find((e) => e.id === "src/out -> relay/in")!.deadlineMs, 20);
    assert.deepEqual(s.paths.map((p) => p.id), ["src > relay > sink"]);
    assert.ok(s.paths[0]!.latency.count > 0);
    assert.equal(s.processes[0]!.name, "main");
    assert.ok(["tegrastats", "nvidia-smi", "none"].includes(s.device.source));
    assert.ok(Array.isArray(s.events));
    const shape = JSON.parse((await get(`${d.url}api/graph`)).body) as { nodes: unknown[]; edges: unknown[] };
    assert.equal(shape.nodes.length, 3);
    assert.equal(shape.edges.length, 2);
  });

  it("/metrics is Prometheus text with the node, edge, path and process figures", async () => {
    const d = await start({});
    const r = await get(`${d.url}metrics`);
    assert.equal(r.status, 200);
    assert.match(r.type, /^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusTextFormat(r.body);
    const fam = (name: string) => {
      const f = families.find((x) => x.name === name);
      assert.ok(f, `no ${name} in /metrics`);
      return f;
    };
    const msgs = fam("reflex_node_messages_total");
    assert.equal(msgs.type, "COUNTER");
    const src = msgs.metrics.find((m) => m.labels?.node === "src");
    assert.ok(src && Number(src.value) > 0);
    assert.equal(src.labels?.graph, "served");
    assert.equal(src.labels?.process, "main");
    // A summary family: the quantiles are its rows, not a label of a gauge.
    const proc = fam("reflex_node_processing_seconds");
    assert.equal(proc.type, "SUMMARY");
    assert.deepEqual([...new Set(proc.metrics.flatMap((m) => Object.keys(m.quantiles ?? {})))].sort(), ["0.5", "0.9", "0.99", "1"]);
    // (this parser folds a labelled summary's series into one, so the _count rows are read from the text)
    assert.match(r.body, /^reflex_node_processing_seconds_count\{[^}]*node="relay"[^}]*\} [1-9]/m, "relay's _count: messages in the window");
    assert.ok(fam("reflex_edge_delivered_total").metrics.some((m) => m.labels?.edge === "src/out -> relay/in" && Number(m.value) > 0));
    assert.deepEqual([...new Set(fam("reflex_edge_drops_total").metrics.map((m) => m.labels?.cause))].sort(), ["gap", "queue", "throttle"]);
    assert.equal(Number(fam("reflex_edge_deadline_seconds").metrics[0]!.value), 0.02);
    assert.equal(fam("reflex_path_latency_seconds").type, "SUMMARY");
    assert.match(r.body, /^reflex_path_latency_seconds\{[^}]*path="src > relay > sink"[^}]*quantile="0\.99"[^}]*\} /m, "the path's series (read from the text: see above)");
    assert.ok(Number(fam("reflex_process_resident_memory_bytes").metrics[0]!.value) > 1e7);
    fam("reflex_device_info");
    fam("reflex_dashboard_sends_skipped_total");
  });

  it("WebSocket /ws: hello with the graph and a snapshot, then snapshots whose figures move", async () => {
    const d = await start({ hz: 20 });
    const { messages, ws } = await receive(`${d.url.replace("http", "ws")}ws`, 4);
    ws.close();
    const [hello, ...rest] = messages;
    assert.ok(hello?.t === "hello", "the first message is hello");
    assert.equal(hello.graph.name, "served");
    assert.deepEqual(hello.graph.nodes.map((n) => n.id).sort(), ["relay", "sink", "src"]);
    assert.equal(hello.snapshot.v, 1);
    for (const m of rest) assert.equal(m.t, "snapshot");
    const at = rest.map((m) => m.snapshot.atMs);
    assert.ok(at[2]! > at[0]!, `clock time moves between snapshots: ${at.join(", ")}`);
    const totals = rest.map((m) => m.snapshot.nodes.find((n) => n.id === "src")!.total!);
    assert.ok(totals[2]! > totals[0]!, "message totals grow");
    assert.ok(d.stats.sent >= 4);
  });

  it("a slow client (socket buffer over the limit) is skipped and counted, not queued", async () => {
    // A limit below zero: every push finds the buffer "full", as a stalled phone would make it.
    const d = await start({ hz: 20, maxBufferedBytes: -1 });
    const { ws } = await receive(`${d.url.replace("http", "ws")}ws`, 1);
    await new Promise((r) => setTimeout(r, 300));
    ws.close();
    assert.ok(d.stats.skipped >= 2, `skipped ${d.stats.skipped}`);
    assert.equal(d.stats.sent, 1, "only the hello went out");
  });

  it("on a non-loopback address every request needs the token: 401 without, 200 with ?token= or a Bearer header", async () => {
    const d = await start({ host: "0.0.0.0", hz: 20 });
    assert.ok(d.token && d.token.length >= 20, "a random token is generated");
    assert.match(d.url, new RegExp(`\\?token=${d.token}$`));
    const base = `http://127.0.0.1:${d.port}/`;
    for (const p of ["", "index.html", "api/snapshot", "metrics", "api/graph"]) {
      const r = await get(`${base}${p}`);
      assert.equal(r.status, 401, `/${p} without a token`);
      assert.match(r.body, /needs its token/);
      assert.equal((await get(`${base}${p}?token=wrong${d.token}`)).status, 401, `/${p} with a wrong token`);
      assert.equal((await get(`${base}${p}?token=${d.token}`)).status, 200, `/${p} with ?token=`);
      assert.equal((await get(`${base}${p}`, { Authorization: `Bearer ${d.token}` })).status, 200, `/${p} with a Bearer header`);
    }
    await assert.rejects(receive(`ws://127.0.0.1:${d.port}/ws`, 1), /401/);
    const { messages, ws } = await receive(`ws://127.0.0.1:${d.port}/ws?token=${d.token}`, 1);
    ws.close();
    assert.equal(messages[0]!.t, "hello");
  });

  it("serves the built page from its assets folder (never outside it), a placeholder until it is built", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "reflex-dash-"));
    try {
      const empty = await start({ assetsDir: dir });
      const placeholder = await get(empty.url);
      assert.equal(placeholder.status, 200);
      assert.match(placeholder.body, /The page is not built/);
      await writeFile(path.join(dir, "index.html"), "<!doctype html><title>page</title>");
      await writeFile(path.join(dir, "app.js"), "console.log(1)");
      const page = await get(empty.url);
      assert.equal(page.body, "<!doctype html><title>page</title>");
      const js = await get(`${empty.url}app.js`);
      assert.match(js.type, /text\/javascript/);
      assert.equal((await get(`${empty.url}..%2Fpackage.json`)).status, 404);
      assert.equal((await get(`${empty.url}nope.js`)).status, 404);
      const post = await fetch(`${empty.url}api/snapshot`, { method: "POST", body: "x" });
      assert.equal(post.status, 405);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("close() ends the clients and frees the port", async () => {
    const d = await start({ hz: 20 });
    const { ws } = await receive(`${d.url.replace("http", "ws")}ws`, 1);
    const closed = new Promise<number>((r) => ws.on("close", (code) => r(code)));
    await d.close();
    assert.ok((await closed) > 0);
    await assert.rejects(fetch(`${d.url}api/snapshot`));
  });
});
