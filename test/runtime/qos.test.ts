// QoS on edges, under the virtual clock: bounded buffers drop and count, throttles drop and count,
// deadlines count misses, and every message sent is accounted for.
import { strict as assert } from "node:assert";
import pino from "pino";
import { loadConfigText } from "../../sdk/config/load.js";
import { formatDiagnostics } from "../../sdk/config/diagnostic.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import { probes, testRegistry } from "./fixture-nodes.js";

const log = pino({ level: "silent" });

async function runGraph(yaml: string, ms: number): Promise<GraphRuntime> {
  probes.clear();
  const r = loadConfigText("qos.yaml", yaml, { registry: testRegistry() });
  assert.ok(r.graph, formatDiagnostics(r.diagnostics));
  const rt = new GraphRuntime(r.graph, { clock: new VirtualClock(), log });
  await rt.start();
  await rt.runVirtual(ms * 1e6);
  await rt.stop();
  return rt;
}

const chain = (input: string, count = 100, work = 10): string => `name: q
nodes:
  src: { type: test-source, params: { rate_hz: 1000, count: ${count} } }
  slow:
    type: test-slow
    params: { work_ms: ${work} }
    inputs:
      in: ${input}
`;

describe("QoS operators (virtual clock)", () => {
  it("keep-latest: a busy consumer gets the newest message; each one replaced is counted", async () => {
    const rt = await runGraph(chain("{ from: src/out, qos: keep-latest }"), 200);
    const e = rt.registry.edges.get("src/out -> slow/in")!;
    const seen = probes.get("slow")!;
    assert.equal(e.delivered + e.droppedQueue + e.depth, 100, "every message is delivered, dropped or waiting");
    assert.ok(e.droppedQueue >= 80, `dropped ${e.droppedQueue}`);
    assert.equal(seen.length, e.delivered);
    // After the first, each delivery is the newest message sent while the consumer was busy.
    for (let i = 1; i < seen.length; i++) {
      const gap = seen[i]!.value - seen[i - 1]!.value;
      assert.ok(gap >= 9 && gap <= 11, `consumer got ${seen[i - 1]!.value} then ${seen[i]!.value}`);
    }
    assert.equal(e.maxDepth, 1);
  });

  it("queue with drop: oldest keeps the newest N waiting", async () => {
    const rt = await runGraph(chain("{ from: src/out, queue: 3, drop: oldest }", 30, 10), 400);
    const e = rt.registry.edges.get("src/out -> slow/in")!;
    const seen = probes.get("slow")!.map((s) => s.value);
    assert.equal(e.delivered + e.droppedQueue, 30);
    assert.equal(e.maxDepth, 3);
    // Busy 0-10 ms while 1..9 arrive: 7, 8, 9 wait. At 10 ms the work ends before message 10 arrives
    // (a tie goes to the timer set first), so 7 is taken; by 20 ms the newest three are 17, 18, 19.
    assert.deepEqual(seen.slice(0, 4), [0, 7, 17, 27]);
    assert.equal(e.droppedQueue, 30 - seen.length);
  });

  it("queue with drop: newest keeps the first N waiting and drops arrivals", async () => {
    const rt = await runGraph(chain("{ from: src/out, queue: 3, drop: newest }", 30, 10), 400);
    const e = rt.registry.edges.get("src/out -> slow/in")!;
    const seen = probes.get("slow")!.map((s) => s.value);
    assert.deepEqual(seen.slice(0, 4), [0, 1, 2, 3]);
    assert.equal(e.delivered + e.droppedQueue, 30);
    assert.equal(e.droppedQueue, 30 - seen.length);
  });

  it("deadline_ms counts a miss for each message older than the deadline when consumed", async () => {
    const rt = await runGraph(chain("{ from: src/out, queue: 5, drop: newest, deadline_ms: 15 }", 50, 10), 600);
    const e = rt.registry.edges.get("src/out -> slow/in")!;
    const seen = probes.get("slow")!;
    const late = seen.filter((s) => s.ageNs > 15e6).length;
    assert.ok(late > 0, "the slow consumer must see some old messages");
    assert.equal(e.deadlineMisses, late);
    assert.ok(seen.some((s) => s.ageNs <= 15e6), "and some fresh ones");
  });

  it("deadline misses are emitted as events naming the edge, node and port", async () => {
    probes.clear();
    const r = loadConfigText("qos.yaml", chain("{ from: src/out, queue: 5, deadline_ms: 1 }", 20, 10), { registry: testRegistry() });
    const rt = new GraphRuntime(r.graph!, { clock: new VirtualClock(), log });
    const events: { node: string; port: string; ageNs: number }[] = [];
    rt.deadlineMisses.subscribe((ev) => events.push(ev));
    await rt.start();
    await rt.runVirtual(300e6);
    await rt.stop();
    assert.ok(events.length > 0);
    assert.equal(events.length, rt.registry.edges.get("src/out -> slow/in")!.deadlineMisses);
    assert.ok(events.every((ev) => ev.node === "slow" && ev.port === "in" && ev.ageNs > 1e6));
  });

  it("throttle_hz passes at most that rate and counts the rest", async () => {
    const rt = await runGraph(
      `name: t
nodes:
  src: { type: test-source, params: { rate_hz: 1000, count: 1000 } }
  sink:
    type: test-sink
    inputs:
      in: { from: src/out, throttle_hz: 100 }
`,
      1000,
    );
    const e = rt.registry.edges.get("src/out -> sink/in")!;
    assert.equal(e.delivered + e.droppedThrottle, 1000);
    assert.ok(e.delivered >= 99 && e.delivered <= 101, `delivered ${e.delivered}`);
    const seen = probes.get("sink")!;
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.atNs - seen[i - 1]!.atNs >= 9.9e6);
  });

  it("delay_ms delays delivery by that much clock time", async () => {
    const rt = await runGraph(
      `name: d
nodes:
  src: { type: test-source, params: { rate_hz: 100, count: 10 } }
  sink:
    type: test-sink
    inputs:
      in: { from: src/out, delay_ms: 25 }
`,
      300,
    );
    const seen = probes.get("sink")!;
    assert.equal(seen.length, 10);
    assert.ok(seen.every((s) => Math.abs(s.ageNs - 25e6) < 1), seen.map((s) => s.ageNs).join(","));
    assert.equal(rt.registry.edges.get("src/out -> sink/in")!.drops, 0);
  });

  it("a fast consumer loses nothing on a queue edge", async () => {
    const rt = await runGraph(chain("{ from: src/out, queue: 2 }", 100, 0.5), 300);
    const e = rt.registry.edges.get("src/out -> slow/in")!;
    assert.equal(e.delivered, 100);
    assert.equal(e.drops, 0);
  });
});
