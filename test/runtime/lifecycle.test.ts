// Node lifecycle and errors: a node failing in init stops the start and names itself; a node throwing
// while running has each error counted and the graph goes on.
import { strict as assert } from "node:assert";
import pino from "pino";
import { loadConfigText } from "../../sdk/config/load.js";
import { RealClock, VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime, NodeInitError } from "../../sdk/runtime/executor.js";
import { spansOf } from "../../sdk/core/message.js";
import { probes, testRegistry } from "./fixture-nodes.js";

const log = pino({ level: "silent" });
const graphOf = (yaml: string) => {
  const r = loadConfigText("l.yaml", yaml, { registry: testRegistry() });
  assert.ok(r.graph, JSON.stringify(r.diagnostics));
  return r.graph;
};

describe("node lifecycle", () => {
  it("a node that throws in init stops the start with an error naming the node", async () => {
    const g = graphOf(`name: f
nodes:
  cam: { type: test-fail-init }
  sink:
    type: test-sink
    inputs: { in: cam/out }
`);
    const rt = new GraphRuntime(g, { clock: new VirtualClock(), log });
    await assert.rejects(rt.start(), (err: unknown) => {
      assert.ok(err instanceof NodeInitError);
      assert.equal(err.node, "cam");
      assert.match(err.message, /node "cam" \(test-fail-init\) failed to init: camera device \/dev\/video9 not found/);
      return true;
    });
    assert.equal(rt.state, "disposed");
  });

  it("a node that throws while running: errors counted, later messages still processed", async () => {
    probes.clear();
    const g = graphOf(`name: e
nodes:
  src: { type: test-source, params: { rate_hz: 100, count: 30 } }
  flaky:
    type: test-flaky
    params: { fail_every: 3 }
    inputs: { in: src/out }
  sink:
    type: test-sink
    inputs: { in: flaky/out }
`);
    const rt = new GraphRuntime(g, { clock: new VirtualClock(), log });
    await rt.start();
    await rt.runVirtual(500e6);
    await rt.stop();
    assert.equal(rt.registry.nodes.get("flaky")!.errors, 10); // 0, 3, ..., 27
    const got = probes.get("sink")!.map((s) => s.value);
    assert.deepEqual(got, [...Array(30).keys()].filter((v) => v % 3 !== 0));
  });

  it("traces carry a span per hop with in/out times, and paths record end-to-end latency", async () => {
    const g = graphOf(`name: t
nodes:
  src: { type: test-source, params: { rate_hz: 100, count: 5 } }
  a: { type: relay, inputs: { in: src/out } }
  b: { type: test-slow, params: { work_ms: 3 }, inputs: { in: a/out } }
  sink: { type: test-sink, inputs: { in: b/out } }
`);
    const rt = new GraphRuntime(g, { clock: new VirtualClock(), log });
    const seen: ReturnType<typeof spansOf>[] = [];
    rt.listen("b", "out", (m) => seen.push(spansOf(m.header.trace)));
    await rt.start();
    await rt.runVirtual(100e6);
    await rt.stop();
    assert.equal(seen.length, 5);
    const spans = seen[0]!;
    assert.deepEqual(spans.map((s) => s.node), ["src", "a", "b"]);
    assert.equal(spans[2]!.outNs - spans[2]!.inNs, 3e6, "b took 3 ms of virtual time");
    const path = rt.registry.fullPaths().map((p) => p.id);
    assert.deepEqual(path, ["src > a > b > sink"]);
    const e2e = rt.registry.fullPaths()[0]!.latency.summary();
    assert.equal(e2e.count, 5);
    // HDR histograms keep 3 significant digits.
    assert.ok(Math.abs(e2e.p50Ns - 3e6) <= 3e3, `p50 ${e2e.p50Ns}`);
  });

  it("stop() lets in-flight work finish before unsubscribing (real clock)", async () => {
    probes.clear();
    const g = graphOf(`name: s
nodes:
  src: { type: test-source, params: { rate_hz: 50, count: 1 } }
  slow: { type: test-slow, params: { work_ms: 30 }, inputs: { in: src/out } }
  sink: { type: test-sink, inputs: { in: slow/out } }
`);
    const rt = new GraphRuntime(g, { clock: new RealClock(), log });
    await rt.start();
    await new Promise((r) => setTimeout(r, 5));
    await rt.stop();
    await rt.dispose();
    assert.equal(probes.get("sink")?.length, 1, "the message in flight at stop reached the sink");
  });
});
