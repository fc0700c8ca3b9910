// The demo graph runs for 2 virtual seconds: the camera produces its frames at 30 fps, the loop closes
// through the policy, the watchdog and the robot, and the summary has figures for every node and path.
import { strict as assert } from "node:assert";
import pino from "pino";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import { formatSummary, summarize } from "../../sdk/telemetry/summary.js";

describe("demo graph", () => {
  it("runs 2 virtual seconds: 30 fps frames, actions, robot steps and a non-empty summary", async () => {
    const r = await loadConfigFile("configs/demo.yaml", { registry: builtinRegistry() });
    assert.ok(r.graph, JSON.stringify(r.diagnostics));
    const rt = new GraphRuntime(r.graph, { clock: new VirtualClock(), log: pino({ level: "silent" }) });
    await rt.start();
    await rt.runVirtual(2e9);
    await rt.stop();
    const n = (id: string) => rt.registry.nodes.get(id)!;
    // Camera ticks at 0, 33.3, ..., 2000 ms: 61 ticks; the first comes before the robot's first world.
    const frames = rt.registry.edges.get("camera/image -> policy/image")!.delivered;
    assert.ok(frames === 60 || frames === 61, `frames ${frames}`);
    assert.equal(n("camera").emitted, frames);
    assert.equal(n("policy").emitted, frames, "one action chunk per frame");
    // Robot at 20 Hz: ticks at 0, 50, ..., 2000 ms = 41, five outputs each.
    assert.equal(n("robot").emitted, 41 * 5);
    const summary = summarize(rt.registry, r.graph.name, "virtual");
    assert.deepEqual(summary.nodes.map((x) => x.node).sort(), ["camera", "policy", "robot", "status", "watchdog"]);
    // Steady state: the watchdog forwards every action chunk (all fresh) and never holds the robot.
    assert.equal(n("watchdog").gauges.get("forwarded"), frames);
    assert.equal(n("watchdog").gauges.get("holds"), 0);
    assert.ok(summary.paths.some((p) => p.path === "camera > policy > watchdog > robot" && p.count === frames));
    const text = formatSummary(summary);
    assert.match(text, /camera > policy > watchdog > robot/);
    assert.match(text, /p99 ms/);
  });

  it("is deterministic: two runs give the same robot trajectory", async () => {
    const run = async (): Promise<string> => {
      const r = await loadConfigFile("configs/demo.yaml", { registry: builtinRegistry() });
      const rt = new GraphRuntime(r.graph!, { clock: new VirtualClock(), log: pino({ level: "silent" }) });
      const poses: string[] = [];
      rt.listen("robot", "pose", (m) => poses.push(JSON.stringify(m.body)));
      await rt.start();
      await rt.runVirtual(3e9);
      await rt.stop();
      return poses.join("\n");
    };
    const a = await run();
    assert.ok(a.length > 0);
    assert.equal(await run(), a);
  });

  it("the VLA policy (tiny-vla, all accelerations) completes episodes in closed loop", async () => {
    const r = await loadConfigFile("configs/demo.yaml", { registry: builtinRegistry(), sets: ["robot.episodes=5"] });
    const rt = new GraphRuntime(r.graph!, { clock: new VirtualClock(), log: pino({ level: "silent" }) });
    await rt.start();
    await rt.runVirtual(30e9);
    await rt.stop();
    const g = rt.registry.nodes.get("robot")!.gauges;
    assert.equal(g.get("episodes"), 5);
    assert.ok((g.get("success_rate") ?? 0) >= 0.8, `success rate ${g.get("success_rate")}`);
  });
});
