// The dashboard snapshot of a real small graph (loadConfigText -> GraphRuntime) on the virtual clock:
// figures checked against the runtime's own counters and against HDR references of known durations.
import assert from "node:assert/strict";
import pino from "pino";
import { loadConfigText } from "../../sdk/config/load.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import { LatencyHistogram } from "../../sdk/core/histogram.js";
import { LocalTelemetry } from "../../sdk/telemetry/snapshot.js";
import { testRegistry } from "../runtime/fixture-nodes.js";

export const SMALL_GRAPH = `name: small
nodes:
  src: { type: test-source, params: { rate_hz: 1000, count: 1000000 } }
  slow:
    type: test-slow
    params: { work_ms: 2 }
    inputs: { in: { from: src/out, queue: 4, deadline_ms: 3 } }
  sink: { type: test-sink, inputs: { in: { from: slow/out, deadline_ms: 50 } } }
  flaky: { type: test-flaky, params: { fail_every: 10 }, inputs: { in: src/out } }
  sink2: { type: test-sink, inputs: { in: flaky/out } }
`;

const hdrUs = (ns: number): number => {
  const h = new LatencyHistogram();
  h.record(ns);
  return h.percentileNs(50) / 1000;
};

describe("telemetry: snapshot of a real graph (virtual clock)", () => {
  it("nodes, edges, paths, health and events match the runtime's own figures", async () => {
    const loaded = loadConfigText("small.yaml", SMALL_GRAPH, { registry: testRegistry() });
    assert.ok(loaded.graph, JSON.stringify(loaded.diagnostics));
    const clock = new VirtualClock();
    const rt = new GraphRuntime(loaded.graph, { clock, log: pino({ level: "silent" }) });
    const tel = new LocalTelemetry({ registry: rt.registry, graph: loaded.graph, clock, window: { intervalMs: 100, windowS: 1 } });
    await rt.start();
    tel.start();
    try {
      await check(rt, tel, clock);
    } finally {
      tel.stop();
      await rt.stop();
      await rt.dispose();
    }
  });

  it("sampling the window on the virtual clock leaves the run exact: the same messages with and without it", async () => {
    const run = async (withTelemetry: boolean): Promise<string> => {
      const loaded = loadConfigText("small.yaml", SMALL_GRAPH, { registry: testRegistry() });
      const clock = new VirtualClock();
      const rt = new GraphRuntime(loaded.graph!, { clock, log: pino({ level: "silent" }) });
      const tel = withTelemetry ? new LocalTelemetry({ registry: rt.registry, graph: loaded.graph!, clock, window: { intervalMs: 100, windowS: 1 } }) : undefined;
      await rt.start();
      tel?.start();
      await rt.runVirtual(1e9);
      tel?.stop();
      await rt.stop();
      await rt.dispose();
      const reg = rt.registry;
      return JSON.stringify({
        nodes: [...reg.nodes.values()].map((n) => [n.id, n.emitted, n.errors, n.processing.summary()]),
        edges: [...reg.edges.values()].map((e) => [e.id, e.delivered, e.drops, e.deadlineMisses, e.maxDepth]),
        paths: [...reg.paths.values()].map((p) => [p.id, p.latency.summary()]),
      });
    };
    assert.equal(await run(true), await run(false));
  });
});

async function check(rt: GraphRuntime, tel: LocalTelemetry, clock: VirtualClock): Promise<void> {
  await rt.runVirtual(3.05e9);
  tel.stop();
  // Close an interval now (half of one: the last periodic tick was at 3.0 s), so the snapshot's
  // totals are those of the registry at this moment. The window then covers 0.95 s.
  tel.window.tick(clock.nowNs());
  const covered = tel.window.coveredS();
  assert.equal(covered, 0.95);
  const s = tel.snapshot();

  assert.equal(s.v, 1);
  assert.equal(s.graph, "small");
  assert.equal(s.clock, "virtual");
  assert.equal(s.windowS, 1);
  assert.equal(s.atMs, 3050);
  assert.deepEqual(s.nodes.map((n) => n.id).sort(), ["flaky", "sink", "sink2", "slow", "src"]);
  const node = (id: string) => s.nodes.find((n) => n.id === id)!;
  const edge = (to: string) => s.edges.find((e) => e.to === to)!;
  const reg = rt.registry;

  // src emits at 1 kHz: 1000 in the 1 s window; slow takes 2 ms of clock time each: 500/s.
  assert.ok(Math.abs(node("src").ratePerS - 1000) <= 10, `src rate ${node("src").ratePerS}`);
  assert.ok(Math.abs(node("slow").ratePerS - 500) <= 10, `slow rate ${node("slow").ratePerS}`);
  assert.equal(node("slow").processing.p50Us, hdrUs(2e6));
  assert.equal(node("slow").processing.maxUs, hdrUs(2e6));
  // The histogram's count and the message counter agree over the window.
  assert.ok(Math.abs(node("slow").processing.count - node("slow").ratePerS * covered) <= 2);
  assert.equal(node("slow").total, reg.nodes.get("slow")!.emitted);
  assert.equal(node("slow").process, "main");

  // The queue into slow overflows (half the messages) and what waits is older than 3 ms.
  const into = edge("slow/in");
  const stats = reg.edges.get(into.id)!;
  assert.equal(into.drops, stats.drops);
  assert.equal(into.deadlineMisses, stats.deadlineMisses);
  assert.ok(Math.abs(into.dropsInWindow - 500 * covered) <= 10, `drops in window ${into.dropsInWindow}`);
  assert.ok(into.missesInWindow > 0 && into.missesInWindow <= into.deadlineMisses);
  assert.equal(into.maxDepth, 4);
  assert.equal(into.deadlineMs, 3);
  assert.equal(into.health, "error");
  assert.equal(node("slow").health, "error");
  assert.equal(into.dropsByKind?.queue, stats.droppedQueue);

  // flaky throws on every 10th message: errors, health error, error events.
  assert.equal(node("flaky").errors, reg.nodes.get("flaky")!.errors);
  assert.ok(node("flaky").errors >= 290);
  assert.equal(node("flaky").health, "error");
  assert.equal(edge("sink2/in").health, "ok");

  // Paths source to sink only; the deadline drawn is that of the edge into the sink.
  assert.deepEqual(s.paths.map((p) => p.id).sort(), ["src > flaky > sink2", "src > slow > sink"]);
  const p = s.paths.find((x) => x.id === "src > slow > sink")!;
  assert.equal(p.deadlineMs, 50);
  assert.ok(Math.abs(p.latency.count - 500 * covered) <= 10, `path count ${p.latency.count}`);
  assert.ok(p.latency.p50Us > 2000, "end to end includes the 2 ms of work and the wait in the queue");
  assert.equal(p.total, [...reg.paths.values()].find((x) => x.id === p.id)!.latency.count);

  // Events: bounded, newest last, with clock times inside the run.
  assert.ok(s.events.length > 0 && s.events.length <= 50);
  assert.ok(s.events.some((e) => e.kind === "error" && e.where === "flaky"));
  assert.ok(s.events.some((e) => e.kind === "deadline-miss" && e.where === into.id));
  assert.ok(s.events.some((e) => e.kind === "drop" && e.where === into.id));
  for (let i = 1; i < s.events.length; i++) assert.ok(s.events[i]!.atMs >= s.events[i - 1]!.atMs);
  assert.ok(s.events.at(-1)!.atMs <= 3050);

  assert.equal(s.processes.length, 1);
  assert.equal(s.processes[0]!.pid, process.pid);
  assert.ok(s.processes[0]!.rssMb > 10);
  assert.equal(s.device.source, "none");
}
