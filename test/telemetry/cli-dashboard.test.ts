// `reflex run --dashboard` and `--report` through the real CLI (a child process from the sources via
// tsx): the one `dashboard: <url>` line, the server behind it for one- and multi-process runs, a clean
// stop, and a report that holds exactly the figures of the table printed at the end.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { formatMultiSummary, type MultiProcessSummary } from "../../sdk/process/launcher.js";
import { formatSummary, type RunSummary } from "../../sdk/telemetry/summary.js";
import type { DashboardMessage, DashboardSnapshot } from "../../sdk/telemetry/snapshot-types.js";

const TIMER_GRAPH = `name: cli-dash
nodes:
  tick: { type: timer, params: { rate_hz: 200 } }
  pass: { type: relay, params: { message: reflex.Tick }, inputs: { in: { from: tick/tick, deadline_ms: 50 } } }
  out: { type: log, params: { message: reflex.Tick, every_ms: 100000 }, inputs: { in: pass/out } }
`;

interface Run {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** The url from the `dashboard: <url>` line. */
  readonly url: Promise<string>;
  readonly exit: Promise<number | null>;
}

describe("reflex run --dashboard / --report (real CLI)", function () {
  this.timeout(90_000);
  const children: ChildProcess[] = [];
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "reflex-cli-dash-"));
    await writeFile(path.join(dir, "timer.yaml"), TIMER_GRAPH);
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  const run = (args: string[]): Run => {
    const child = spawn(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "run", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let out = "";
    let err = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    const url = new Promise<string>((resolve, reject) => {
      child.stderr!.on("data", (d: Buffer) => {
        err += d.toString();
        const m = /^dashboard: (\S+)$/m.exec(err);
        if (m) resolve(m[1]!);
      });
      child.on("exit", () => reject(new Error(`reflex run exited before printing the dashboard line:\n${err}`)));
    });
    url.catch(() => undefined);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    return { child, stdout: () => out, stderr: () => err, url, exit };
  };

  const snapshot = async (url: string, path = "api/snapshot"): Promise<DashboardSnapshot> => {
    const u = new URL(url);
    u.pathname = `/${path}`;
    const res = await fetch(u);
    assert.equal(res.status, 200);
    return (await res.json()) as DashboardSnapshot;
  };

  /** Polls the snapshot until `ok` holds (the run is warming up) or 20 s pass. */
  const until = async (url: string, ok: (s: DashboardSnapshot) => boolean): Promise<DashboardSnapshot> => {
    const end = Date.now() + 20_000;
    for (;;) {
      const s = await snapshot(url);
      if (ok(s) || Date.now() > end) return s;
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  it("--dashboard --port 0 prints one dashboard line, serves page, API and WebSocket, and stops cleanly on SIGTERM", async () => {
    const report = path.join(dir, "one.json");
    const r = run([path.join(dir, "timer.yaml"), "--dashboard", "--port", "0", "--report", report]);
    const url = await r.url;
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /text\/html/);
    const s = await until(url, (x) => (x.nodes.find((n) => n.id === "tick")?.ratePerS ?? 0) > 50);
    assert.deepEqual(s.nodes.map((n) => n.id).sort(), ["out", "pass", "tick"]);
    assert.ok(s.nodes.find((n) => n.id === "tick")!.ratePerS > 50, "the timer runs at 200 Hz");
    const hello = await new Promise<DashboardMessage>((resolve, reject) => {
      const ws = new WebSocket(`${url.replace(/^http/, "ws")}ws`);
      ws.once("message", (d: WebSocket.RawData) => {
        ws.close();
        resolve(JSON.parse(String(d)) as DashboardMessage);
      });
      ws.on("error", reject);
    });
    assert.equal(hello.t, "hello");
    r.child.kill("SIGTERM");
    assert.equal(await r.exit, 0, r.stderr());
    assert.equal(r.stderr().match(/^dashboard: /gm)?.length, 1, "exactly one dashboard line");
    await assert.rejects(fetch(url), "the server is gone after the run");
    // --report holds the figures the table printed: formatting the JSON gives the same text.
    const json = JSON.parse(await readFile(report, "utf8")) as RunSummary;
    assert.equal(r.stdout(), `${formatSummary(json)}\n`);
    assert.ok(json.nodes.find((n) => n.node === "tick")!.count > 0);
  });

  it("--host 0.0.0.0 prints a url with a token; without it the dashboard answers 401", async () => {
    const r = run([path.join(dir, "timer.yaml"), "--dashboard", "--port", "0", "--host", "0.0.0.0", "--duration", "30"]);
    const url = new URL(await r.url);
    const token = url.searchParams.get("token");
    assert.ok(token && token.length >= 20);
    const base = `http://127.0.0.1:${url.port}`;
    assert.equal((await fetch(`${base}/api/snapshot`)).status, 401);
    assert.equal((await fetch(`${base}/metrics`)).status, 401);
    assert.equal((await fetch(`${base}/api/snapshot?token=${token}`)).status, 200);
    r.child.kill("SIGTERM");
    assert.equal(await r.exit, 0, r.stderr());
  });

  it("a multi-process run shows every process (pid, CPU, RSS, running, restarts) and every node with figures; --report matches the table", async () => {
    const report = path.join(dir, "multi.json");
    const r = run(["configs/demo-multiprocess.yaml", "--dashboard", "--port", "0", "--report", report]);
    const url = await r.url;
    const s = await until(
      url,
      (x) => x.processes.length === 3 && x.processes.every((p) => p.state === "running" && p.rssMb > 0) && x.nodes.every((n) => n.id === "status" || n.ratePerS > 0),
    );
    assert.deepEqual(s.processes.map((p) => p.name).sort(), ["camera", "policy", "robot"]);
    for (const p of s.processes) {
      assert.equal(p.state, "running", JSON.stringify(p));
      assert.ok(p.pid > 0 && p.pid !== r.child.pid, "a worker's own pid");
      assert.ok(p.rssMb > 10, `${p.name} rss ${p.rssMb}`);
      assert.equal(p.restarts, 0);
    }
    assert.deepEqual(s.processes.find((p) => p.name === "robot")!.nodes?.slice().sort(), ["robot", "status", "watchdog"]);
    for (const id of ["camera", "policy", "robot"]) {
      const n = s.nodes.find((x) => x.id === id)!;
      assert.ok(n.ratePerS > 0, `${id} rate ${n.ratePerS}`);
      assert.equal(n.process, id);
    }
    // Cross-process edges are reported by their consumer.
    const img = s.edges.find((e) => e.id === "camera/image -> policy/image")!;
    assert.ok(img.ratePerS > 0 && img.process === "policy");
    assert.ok(s.paths.some((p) => p.id === "camera > policy > watchdog > robot" && p.latency.count > 0 && p.deadlineMs === 100));
    const metrics = await (await fetch(new URL("/metrics", url))).text();
    for (const p of ["camera", "policy", "robot"]) assert.match(metrics, new RegExp(`^reflex_process_up\\{process="${p}",graph="demo-multiprocess"\\} 1$`, "m"));
    // Kill the policy worker (restart: on-failure): the dashboard shows the restart and the new pid.
    const old = s.processes.find((p) => p.name === "policy")!.pid;
    process.kill(old, "SIGKILL");
    const after = await until(url, (x) => {
      const p = x.processes.find((q) => q.name === "policy")!;
      return p.restarts === 1 && p.state === "running" && p.pid !== old && x.events.some((e) => e.kind === "restart" && e.where === "policy");
    });
    const policy = after.processes.find((p) => p.name === "policy")!;
    assert.equal(policy.restarts, 1, JSON.stringify(after.processes));
    assert.notEqual(policy.pid, old);
    assert.match(policy.lastDeath ?? "", /killed by SIGKILL/);
    assert.ok(after.events.some((e) => e.kind === "restart" && e.where === "policy" && /worker died \(killed by SIGKILL\)/.test(e.detail)), JSON.stringify(after.events));
    r.child.kill("SIGTERM");
    assert.equal(await r.exit, 0, r.stderr());
    const json = JSON.parse(await readFile(report, "utf8")) as MultiProcessSummary;
    assert.equal(r.stdout(), `${formatMultiSummary(json)}\n`);
    assert.deepEqual(json.processes.map((p) => p.process).sort(), ["camera", "policy", "robot"]);
    assert.equal(json.processes.find((p) => p.process === "policy")!.restarts, 1);
    assert.deepEqual(json.nodes.map((n) => n.node).sort(), ["camera", "policy", "robot", "status", "watchdog"]);
  });
});
