// The dashboard's events say what happened in words a person can act on. A watchdog's holds are events
// (a real graph with the built-in watchdog, a camera gated dark for 600 ms, on the virtual clock); a
// throttled edge's drops, which are by design, are no warning; and a deadline miss of a producer that
// went silent says how long it has been silent (a real worker process on a real ipc link whose sender,
// in this test process, stops sending).
import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { builtinRegistry } from "../../nodes/index.js";
import { withFaultNodes } from "../../nodes/faults/index.js";
import { loadConfigFile, loadConfigText } from "../../sdk/config/load.js";
import { RealClock, VirtualClock } from "../../sdk/core/clock.js";
import { planRun } from "../../sdk/process/plan.js";
import type { FromWorker, ToWorker, WorkerSetup } from "../../sdk/process/protocol.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import type { RawEvent } from "../../sdk/telemetry/events.js";
import { LocalTelemetry } from "../../sdk/telemetry/snapshot.js";
import { LinkSender } from "../../sdk/transport/index.js";

const HELD = `name: held
nodes:
  camera:
    type: sim-camera
    params: { width: 16, height: 16, fps: 30 }
    inputs: { world: robot/world }
  policy:
    type: scripted-policy
    params: { horizon: 8, step_ms: 50 }
    inputs:
      image: { from: camera/image, qos: keep-latest }
      instruction: robot/instruction
  # The policy's actions stop reaching the watchdog from 1.0 s to 1.6 s of the run.
  dark:
    type: hil-gate
    params: { message: reflex.ActionChunk, from_ms: 1000, to_ms: 1600 }
    inputs: { in: policy/actions }
  watchdog:
    type: watchdog
    params: { deadline_ms: 150 }
    inputs: { actions: { from: dark/out, qos: keep-latest } }
  robot:
    type: sim-robot
    params: { seed: 1, step_ms: 50, max_steps: 1000 }
    inputs: { actions: { from: watchdog/command, qos: keep-latest } }
  status:
    type: log
    params: { message: reflex.TaskStatus, every_ms: 100000 }
    inputs: { in: { from: robot/status, throttle_hz: 5 } }
`;

describe("telemetry: events a person can act on", function () {
  this.timeout(60_000);

  it("a watchdog's hold and its resume are events on the dashboard; a throttled edge's drops are no warning (real graph, virtual clock)", async () => {
    const loaded = loadConfigText("held.yaml", HELD, { registry: withFaultNodes(builtinRegistry()) });
    assert.ok(loaded.graph, JSON.stringify(loaded.diagnostics));
    const clock = new VirtualClock();
    const rt = new GraphRuntime(loaded.graph, { clock, log: pino({ level: "silent" }) });
    const tel = new LocalTelemetry({ registry: rt.registry, graph: loaded.graph, clock, window: { intervalMs: 100, windowS: 1 } });
    await rt.start();
    tel.start();
    try {
      await rt.runVirtual(3e9);
      const s = tel.snapshot();
      const gauges = rt.registry.nodes.get("watchdog")!.gauges;
      assert.equal(gauges.get("hold_episodes"), 1, "one hold episode: the 600 ms the actions were gated");
      const holds = s.events.filter((e) => e.kind === "hold");
      assert.equal(holds.length, 2, JSON.stringify(s.events));
      assert.equal(holds[0]!.where, "watchdog");
      assert.equal(holds[0]!.detail, "holding at zero velocity: the newest action is older than its 150 ms deadline (hold episode 1)");
      // The hold begins one deadline after the last action got through (1.0 s + 150 ms) ...
      assert.ok(holds[0]!.atMs > 1100 && holds[0]!.atMs <= 1300, `hold event at ${holds[0]!.atMs} ms`);
      const resumed = /^resumed: fresh actions again after (\d+) ms on hold$/.exec(holds[1]!.detail);
      assert.ok(resumed, holds[1]!.detail);
      // ... and ends with the first action after the gate opens at 1.6 s: the gauges say exactly when.
      const heldMs = (gauges.get("last_resume_ns")! - gauges.get("last_hold_ns")!) / 1e6;
      assert.equal(Number(resumed[1]), Math.round(heldMs));
      assert.ok(heldMs > 300 && heldMs < 600, `held ${heldMs} ms`);
      assert.ok(holds[1]!.atMs >= 1600 && holds[1]!.atMs <= 1800, `resume event at ${holds[1]!.atMs} ms`);

      const throttled = s.edges.find((e) => e.id === "robot/status -> status/in")!;
      assert.ok((throttled.dropsByKind?.throttle ?? 0) > 20, `throttle drops ${JSON.stringify(throttled.dropsByKind)}`);
      assert.equal(throttled.health, "ok", "throttle drops are by design");
      assert.equal(s.nodes.find((n) => n.id === "status")!.health, "ok");
      assert.deepEqual(s.events.filter((e) => e.kind === "drop" && e.where === throttled.id), [], "no drop events for a throttle");
    } finally {
      tel.stop();
      await rt.stop();
      await rt.dispose();
    }
  });

  it("a deadline miss of a producer that went silent says how long it has been silent (real worker, real ipc link)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "reflex-silent-test-"));
    const file = join(dir, "silent.yaml");
    await writeFile(
      file,
      `name: silent
processes:
  up: {}
  sink: {}
nodes:
  clock: { type: timer, process: up, params: { rate_hz: 10 } }
  show:
    type: log
    process: sink
    params: { message: reflex.Tick, every_ms: 100000 }
    inputs:
      in: { from: clock/tick, deadline_ms: 100 }
`,
    );
    const r = await loadConfigFile(file, { registry: builtinRegistry() });
    assert.ok(r.graph, JSON.stringify(r.diagnostics));
    const plan = planRun(r.graph, dir);
    const link = plan.links[0]!;
    // This test process plays the producer's worker: it sends three ticks, then nothing.
    const sender = new LinkSender({ endpoint: link.endpoint, name: link.edge, logger: pino({ level: "silent" }) });
    await sender.open();
    const worker = fork(fileURLToPath(new URL("../../sdk/cli/worker-entry.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
    });
    let ready = false;
    let delivered = 0;
    let events: readonly RawEvent[] = [];
    worker.on("message", (m: FromWorker) => {
      if (m.t === "ready") ready = true;
      if (m.t === "metrics" || m.t === "stopped") {
        delivered = m.report.links[0]?.delivered ?? 0;
        events = m.report.live?.events ?? events;
      }
    });
    const send = (m: ToWorker): void => void worker.send(m);
    const until = async (cond: () => boolean, what: string): Promise<void> => {
      for (let i = 0; i < 300 && !cond(); i++) await new Promise((res) => setTimeout(res, 50));
      assert.ok(cond(), `timed out waiting for ${what}: ${JSON.stringify(events)}`);
    };
    const silentMs = (e: RawEvent): number => Number(/no input for (\d+) ms/.exec(e.detail)?.[1] ?? NaN);
    try {
      const setup: WorkerSetup = { configFile: file, sets: [], logLevel: "error", plan: plan.processes.find((p) => p.name === "sink")!, heartbeatMs: 100, live: { intervalMs: 100, windowS: 2 } };
      send({ t: "setup", setup });
      await until(() => ready, "the worker to be ready");
      send({ t: "go" });
      const clock = new RealClock();
      for (let seq = 1; seq <= 3; seq++) {
        // Fresh capture stamps (CLOCK_MONOTONIC is the same in both processes): these are on time.
        sender.send({ header: { topic: "clock/tick", seq, captureNs: clock.nowNs(), type: "reflex.Tick", trace: undefined }, body: { index: seq } });
        await new Promise((res) => setTimeout(res, 30));
      }
      await until(() => delivered >= 3, "three messages delivered");
      const misses = (): RawEvent[] => events.filter((e) => e.kind === "deadline-miss" && e.where === link.edge);
      await until(() => misses().some((e) => silentMs(e) >= 600), "misses of a producer silent for 600 ms");
      const m = misses();
      assert.match(m[0]!.detail, /^\d+ deadline miss(es)? \(deadline 100 ms\); no input for \d+ ms( \(none since start\))?: its producer is silent or gone$/);
      assert.ok(silentMs(m[0]!) >= 100, m[0]!.detail);
      for (let i = 1; i < m.length; i++) assert.ok(silentMs(m[i]!) > silentMs(m[i - 1]!), `the silence grows: ${m.map((e) => e.detail).join(" | ")}`);
      const stale = events.find((e) => e.kind === "stale" && e.where === link.edge);
      assert.match(stale?.detail ?? "", /^input stale: its producer is gone or silent past the deadline \(no input for \d+ ms\)$/);
      send({ t: "draining" });
      send({ t: "stop", flushMs: 200 });
    } finally {
      const exited = new Promise((res) => worker.once("exit", res));
      setTimeout(() => worker.kill("SIGKILL"), 3000).unref();
      if (worker.exitCode === null) await exited;
      await sender.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
