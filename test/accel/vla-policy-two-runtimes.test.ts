// Two runtimes in one process, each with a vla-policy node of the same id: the option changes and the
// tick events of one never reach the other (they were process-wide maps keyed by node id).
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pino from "pino";
import { builtinRegistry } from "../../nodes/index.js";
import vlaPolicy, { configureVlaPolicy, onVlaTick, type VlaTickEvent } from "../../nodes/policy/vla-policy.js";
import { formatDiagnostics } from "../../sdk/config/diagnostic.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";

const yaml = `name: vla-two
nodes:
  camera:
    type: sim-camera
    params: { width: 64, height: 64, fps: 20 }
    inputs:
      world: robot/world
  policy:
    type: vla-policy
    params:
      model: ${JSON.stringify(resolve("models", "tiny-vla"))}
      threads: 1
      steps: 1
      seed: 1
    inputs:
      image: { from: camera/image, qos: keep-latest }
      state: robot/state
      instruction: robot/instruction
  robot:
    type: sim-robot
    params: { seed: 7, step_ms: 50, max_steps: 4 }
    inputs:
      actions: { from: policy/actions, qos: keep-latest }
`;

describe("vla-policy: two runtimes in one process, same node id", function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => void (dir = await mkdtemp(join(tmpdir(), "reflex-vla-two-"))));
  after(async () => void (await rm(dir, { recursive: true, force: true })));

  it("configureVlaPolicy and onVlaTick reach only the runtime they are given", async () => {
    const file = join(dir, "graph.yaml");
    await writeFile(file, yaml);
    const load = async (): Promise<GraphRuntime> => {
      const r = await loadConfigFile(file, { registry: builtinRegistry() });
      if (!r.graph) throw new Error(formatDiagnostics(r.diagnostics));
      return new GraphRuntime(r.graph, { clock: new VirtualClock(), log: pino({ level: "silent" }) });
    };
    const a = await load();
    const b = await load();
    const ticksA: VlaTickEvent[] = [];
    const ticksB: VlaTickEvent[] = [];
    const offA = onVlaTick(a, (e) => void ticksA.push(e));
    const offB = onVlaTick(b, (e) => void ticksB.push(e));
    try {
      await a.start();
      await b.start();
      configureVlaPolicy(a, "policy", { steps: 4 });
      await a.runVirtual(400e6);
      await b.runVirtual(400e6);
      assert.ok(ticksA.length >= 3 && ticksB.length >= 3, `${ticksA.length}/${ticksB.length} ticks`);
      assert.ok(ticksA.every((t) => t.node === "policy" && t.report.sampler.steps === 4));
      assert.ok(ticksB.every((t) => t.node === "policy" && t.report.sampler.steps === 1));
      assert.equal(a.registry.nodes.get("policy")!.gauges.get("steps"), 4);
      assert.equal(b.registry.nodes.get("policy")!.gauges.get("steps"), 1);
      // The typed control is the same function configureVlaPolicy calls.
      b.control("policy", vlaPolicy)({ steps: 2 });
      const mark = ticksB.length;
      await b.runVirtual(200e6);
      assert.ok(ticksB.slice(mark).every((t) => t.report.sampler.steps === 2));
      assert.ok(ticksB.length > mark);
      // The old process-wide form says what replaced it.
      assert.throws(() => configureVlaPolicy("policy" as unknown as GraphRuntime, "policy", { steps: 2 } as never), /configureVlaPolicy\(runtime, node, changes\)/);
    } finally {
      offA();
      offB();
      await a.dispose();
      await b.dispose();
    }
  });
});
