// runGraph, the one way `reflex run`, `reflex hil run` and `reflex eval` run a graph: in this process
// on either clock, for a duration, until a condition (in slices) or until aborted; the taps see the
// runtime in order; a placed graph needs its workers' options. (Real workers: cli-multiprocess.test.ts.)
import { strict as assert } from "node:assert";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigFile, loadConfigText } from "../../sdk/config/load.js";
import { edgeId } from "../../sdk/graph/ids.js";
import type { Graph } from "../../sdk/graph/model.js";
import { runGraph } from "../../sdk/process/run-graph.js";

const demo = async (): Promise<Graph> => {
  const r = await loadConfigFile("configs/demo-scripted.yaml", { registry: builtinRegistry() });
  assert.ok(r.graph, JSON.stringify(r.diagnostics));
  return r.graph;
};

describe("runGraph", () => {
  it("runs a graph in this process on the virtual clock for its duration; taps in order; figures summarized", async () => {
    const calls: string[] = [];
    let seen = 0;
    const graph = await demo();
    const ran = await runGraph(graph, {
      clock: "virtual",
      durationS: 2,
      taps: {
        onRuntime: (rt) => {
          calls.push("runtime");
          rt.listen("robot", "status", () => seen++);
        },
        onStarted: () => calls.push("started"),
        onEnd: () => calls.push("end"),
        onStopped: () => {
          calls.push("stopped");
        },
      },
    });
    assert.equal(ran.placed, false);
    if (ran.placed) return;
    assert.deepEqual(calls, ["runtime", "started", "end", "stopped"]);
    assert.equal(ran.virtualNs, 2e9);
    assert.equal(ran.summary.clock, "virtual");
    assert.equal(ran.summary.graph, "demo-scripted");
    assert.ok(seen > 0);
    assert.equal(ran.runtime.state, "disposed");
    // One edge id (sdk/graph/ids.ts) for the runtime's figures and everything that reads them.
    assert.deepEqual([...ran.runtime.registry.edges.keys()].sort(), graph.edges.map(edgeId).sort());
  });

  it("until: whole slices, ending after the first at whose end the condition holds, or at the duration", async () => {
    let checks = 0;
    const ran = await runGraph(await demo(), { clock: "virtual", durationS: 10, until: { sliceNs: 1e9, done: () => ++checks > 3 } });
    assert.ok(!ran.placed && ran.virtualNs === 3e9, String(!ran.placed && ran.virtualNs));
    const capped = await runGraph(await demo(), { clock: "virtual", durationS: 2.5, until: { sliceNs: 1e9, done: () => false } });
    assert.ok(!capped.placed && capped.virtualNs === 3e9);
  });

  it("an aborted signal ends a real-clock run without waiting for its duration", async () => {
    const abort = new AbortController();
    const t0 = Date.now();
    const ran = await runGraph(await demo(), {
      clock: "real",
      durationS: 60,
      signal: abort.signal,
      taps: { onStarted: () => setTimeout(() => abort.abort(), 200) },
    });
    assert.equal(ran.summary.clock, "real");
    assert.ok(Date.now() - t0 < 30_000);
  });

  it("a graph placed in several processes needs the workers' options and the real clock", async () => {
    const r = loadConfigText(
      "t.yaml",
      `name: two
processes:
  brain: { restart: on-failure, max_restarts: 2, backoff_ms: 50, env: { A: "1" } }
nodes:
  robot: { type: sim-robot, inputs: { actions: policy/actions } }
  camera: { type: sim-camera, inputs: { world: robot/world } }
  policy: { type: scripted-policy, process: brain, inputs: { image: camera/image, instruction: robot/instruction } }
`,
      { registry: builtinRegistry() },
    );
    assert.ok(r.graph, JSON.stringify(r.diagnostics));
    assert.deepEqual(r.graph.processes, { brain: { restart: "on-failure", maxRestarts: 2, backoffMs: 50, env: { A: "1" } } });
    await assert.rejects(runGraph(r.graph, { clock: "real", durationS: 1 }), /placed in several processes: running it needs the workers' options/);
    await assert.rejects(runGraph(r.graph, { clock: "virtual", durationS: 1 }), /runs on the real clock only/);
  });
});
