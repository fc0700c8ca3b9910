import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import { builtinRegistry } from "../../nodes/index.js";
import { onVlaTick } from "../../nodes/policy/vla-policy.js";
import { formatDiagnostics } from "../../sdk/config/diagnostic.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";

// The demo loop (sim camera -> vla-policy on the shipped tiny-vla -> sim robot) with a policy-config node
// sending the sampler's step count to the policy's `config` input over a graph edge: 1 (params) -> 4 at
// 300 ms -> 2000 (bad: over the 1000 maximum) at 700 ms -> 1 at 1000 ms.
const model = JSON.stringify(resolve("models", "tiny-vla"));
const graphYaml = (extra: { processes?: string; policyProcess?: string; schedule: string; fps: number }): string => `name: vla-config-port
${extra.processes ?? ""}
nodes:
  camera:
    type: sim-camera
    params: { width: 64, height: 64, fps: ${extra.fps} }
    inputs:
      world: robot/world
  operator:
    type: policy-config
    params:
      schedule: ${extra.schedule}
  policy:
    type: vla-policy
    ${extra.policyProcess ?? ""}
    params:
      model: ${model}
      threads: 1
      pruning: { mode: efficientvla, keep_ratio: 0.25 }
      frame_cache: { enabled: true }
      steps: 1
      seed: 1
    inputs:
      image: { from: camera/image, qos: keep-latest }
      state: robot/state
      instruction: robot/instruction
      config: operator/config
  robot:
    type: sim-robot
    params: { seed: 7, step_ms: 50, max_steps: 20 }
    inputs:
      actions: { from: policy/actions, qos: keep-latest }
`;

describe("vla-policy: steps changed over the graph through the `config` input (real ONNX Runtime)", function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => void (dir = await mkdtemp(join(tmpdir(), "reflex-vla-config-"))));
  after(async () => void (await rm(dir, { recursive: true, force: true })));

  it("virtual clock: 1 -> 4 -> (bad, rejected) -> 1, applied at the next tick, the gauge follows", async () => {
    const file = join(dir, "graph.yaml");
    await writeFile(file, graphYaml({ fps: 20, schedule: "[{ at_ms: 300, steps: 4 }, { at_ms: 700, steps: 2000 }, { at_ms: 1000, steps: 1 }]" }));
    const r = await loadConfigFile(file, { registry: builtinRegistry() });
    if (!r.graph) throw new Error(formatDiagnostics(r.diagnostics));
    const clock = new VirtualClock();
    const logLines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => void (logLines.push(chunk.toString()), done()) });
    const rt = new GraphRuntime(r.graph, { clock, log: pino({ level: "warn" }, sink) });
    const ticks: { atMs: number; steps: number; head: string }[] = [];
    const off = onVlaTick(rt, (e) => void (e.node === "policy" && ticks.push({ atMs: clock.nowNs() / 1e6, steps: e.report.sampler.steps, head: e.report.sampler.head })));
    const gauges = (): Map<string, number> => rt.registry.nodes.get("policy")!.gauges;
    const stepsIn = (fromMs: number, toMs: number): number[] => ticks.filter((t) => t.atMs > fromMs && t.atMs < toMs).map((t) => t.steps);
    try {
      await rt.start();
      const t0 = clock.nowNs() / 1e6;
      await rt.runVirtual(600e6);
      assert.equal(gauges().get("steps"), 4);
      await rt.runVirtual(300e6); // to 900 ms: the bad change arrived at 700 and changed nothing
      assert.equal(gauges().get("steps"), 4);
      assert.equal(gauges().get("config_rejected"), 1);
      await rt.runVirtual(400e6); // to 1300 ms
      off();

      // Frames come every 50 ms; a change at time T applies from the first tick after it (a tick at
      // exactly T may come before or after the message, so T itself is not asserted).
      const at = (ms: number): number => t0 + ms;
      const before = stepsIn(-Infinity, at(300));
      const four = stepsIn(at(300), at(1000));
      const back = stepsIn(at(1000), Infinity);
      assert.ok(before.length >= 4 && four.length >= 10 && back.length >= 4, `${before.length}/${four.length}/${back.length} ticks`);
      assert.deepEqual(before, before.map(() => 1));
      assert.deepEqual(four, four.map(() => 4), "4 steps from 300 ms, unchanged by the bad message at 700 ms");
      assert.deepEqual(back, back.map(() => 1));
      assert.ok(ticks.filter((t) => t.steps === 1).every((t) => t.head === "onestep"));
      assert.ok(ticks.filter((t) => t.steps === 4).every((t) => t.head === "euler"));

      assert.equal(gauges().get("steps"), 1);
      assert.equal(gauges().get("config_accepted"), 2);
      assert.equal(gauges().get("config_rejected"), 1);
      assert.equal(rt.registry.nodes.get("policy")!.errors ?? 0, 0, "a bad message is not a node error");
      const warned = logLines.filter((l) => /rejected/.test(l));
      assert.equal(warned.length, 1, logLines.join(""));
      // What, where and how to fix.
      assert.match(warned[0]!, /vla-policy policy: input \\"config\\" \(reflex.PolicyConfig\) rejected, options unchanged/);
      assert.match(warned[0]!, /steps: Expected integer to be less or equal to 1000, got 2000/);
      assert.match(warned[0]!, /send steps within 1..1000/);
    } finally {
      off();
      await rt.stop();
      await rt.dispose();
    }
  });
});

describe("vla-policy: the `config` input across a real worker boundary (real CLI, real workers, real ZeroMQ)", function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => void (dir = await mkdtemp(join(tmpdir(), "reflex-vla-config-mp-"))));
  after(async () => void (await rm(dir, { recursive: true, force: true })));

  it("a policy-config node in main changes the steps of a vla-policy in its own process; a bad message is rejected there", async () => {
    const file = join(dir, "graph.yaml");
    const report = join(dir, "report.json");
    // Real clock (multi-process runs refuse the virtual one): 1 -> 4 at 0.6 s -> bad at 1.2 s -> 2 at 1.8 s.
    await writeFile(
      file,
      graphYaml({
        fps: 20,
        processes: "processes:\n  main: {}\n  brain: {}",
        policyProcess: "process: brain",
        schedule: "[{ at_ms: 600, steps: 4 }, { at_ms: 1200, steps: 2000 }, { at_ms: 1800, steps: 2 }]",
      }),
    );
    const child = spawn(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "run", file, "--duration", "3", "--report", report], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout!.resume();
    const code = await new Promise<number | null>((res) => child.on("exit", (c) => res(c)));
    assert.equal(code, 0, stderr);
    const summary = JSON.parse(await readFile(report, "utf8")) as { nodes: { node: string; errors: number; gauges: Record<string, number> }[] };
    const policy = summary.nodes.find((n) => n.node === "policy");
    assert.ok(policy, JSON.stringify(summary.nodes.map((n) => n.node)));
    assert.equal(policy.gauges.steps, 2, `policy gauges ${JSON.stringify(policy.gauges)}`);
    assert.equal(policy.gauges.config_accepted, 2);
    assert.equal(policy.gauges.config_rejected, 1);
    assert.equal(policy.errors, 0);
    assert.match(stderr, /vla-policy policy: input \\?"config\\?" \(reflex.PolicyConfig\) rejected, options unchanged: .*got 2000/);
  });
});
