// Scenario inputs from an MCAP recording: hil-tests/recordings/demo-sensors.mcap (real MCAP, made by
// `reflex run --record`) is played by a replay node in place of the demo's sim camera, with the policy
// (tiny VLA, real ONNX Runtime) reading the recorded state and instruction. The actions at the robot are
// those of the live run the recording was made from, and those of the reference; bad `inputs` are
// reported at their line in the scenario.
import { strict as assert } from "node:assert";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import { ActuatorProbe } from "../../sdk/hil/actuator-probe.js";
import { runScenario, type ScenarioResult } from "../../sdk/hil/run-scenario.js";
import { loadScenarioFile, loadScenarioText } from "../../sdk/hil/scenario-load.js";
import { readSummarySync } from "../../sdk/mcap/reader.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import { withFaultNodes } from "../../nodes/faults/index.js";

// The node types a scenario may use, as the CLI builds them (sdk/cli/hil.ts).
const registry = withFaultNodes(builtinRegistry());

const RECORDING = "hil-tests/recordings/demo-sensors.mcap";
let out = "";
before(async () => {
  out = await mkdtemp(join(tmpdir(), "reflex-hil-mcap-"));
});
after(async () => {
  await rm(out, { recursive: true, force: true });
});

const failing = (r: ScenarioResult): string => r.budgets.filter((b) => !b.pass).map((b) => `${b.budget}: ${b.measured} vs ${b.limit} ${b.detail ?? ""}`).join("; ");

describe("HIL scenario inputs from an MCAP recording", function () {
  this.timeout(120_000);

  it("demo-replay: the recording replaces the sim camera, the policy reads recorded state; golden actions hold", async () => {
    const loaded = await loadScenarioFile("hil-tests/scenarios/demo-replay.yaml");
    assert.ok(loaded.scenario, JSON.stringify(loaded.diagnostics));
    const r = await runScenario(loaded.scenario, { outDir: out, registry });
    assert.ok(r.passed, failing(r) || r.error || JSON.stringify(r.diagnostics));
    const eg = r.measured!.graph;
    assert.deepEqual(eg.mcap?.removed, ["camera"], "the sim camera is what the recording replaces");
    assert.equal(eg.graph.nodes.has("camera"), false);
    assert.equal(eg.graph.nodes.get("replay")!.type, "replay");
    assert.ok(eg.graph.nodes.has("robot"), "the actuator stays");
    const into = (port: string) => eg.graph.edges.find((e) => e.to.node === "policy" && e.to.port === port)!.from;
    assert.deepEqual(into("image"), { node: "replay", port: "camera_image" });
    assert.deepEqual(into("state"), { node: "replay", port: "robot_state" });
    assert.deepEqual(into("instruction"), { node: "replay", port: "robot_instruction" });
    // The graph as run is a config like any other, and says so.
    assert.match(await readFile(eg.file, "utf8"), /type: replay[\s\S]*file: .*demo-sensors\.mcap/);
    // Every frame recorded before the end of the run was played, at its recorded time.
    const frames = readSummarySync(RECORDING).topics.find((t) => t.topic === "camera/image")!;
    const played = r.measured!.summary.nodes.find((n) => n.node === "replay")!.gauges.played!;
    assert.ok(played > 0);
    const policy = r.measured!.summary.nodes.find((n) => n.node === "policy")!;
    assert.equal(policy.count, frames.count - 1, "one action chunk per frame played (the frame at 2.5 s is past the 2.4 s run)");
    assert.ok(r.budgets.find((b) => b.budget === "golden actions")!.pass);
  });

  it("the replayed sensors give the robot the very actions of the live run they were recorded from", async () => {
    // The live run make-demo-sensors.sh recorded: configs/demo.yaml, camera 10 fps, seed 11.
    const live = await loadConfigFile("configs/demo.yaml", { registry: builtinRegistry(), sets: ["camera.fps=10", "robot.seed=11"] });
    assert.ok(live.graph);
    const clock = new VirtualClock();
    const rt = new GraphRuntime(live.graph, { clock, log: pino({ level: "silent" }) });
    const probe = new ActuatorProbe(() => rt.registry.startedNs, () => clock.nowNs());
    rt.listen("watchdog", "command", probe.listener);
    await rt.start();
    await rt.runVirtual(2.4e9);
    await rt.stop();
    await rt.dispose();

    const loaded = await loadScenarioFile("hil-tests/scenarios/demo-replay.yaml");
    const replayed = (await runScenario(loaded.scenario!, { outDir: out, registry })).measured!.commands!;
    assert.ok(probe.commands.length >= 20, `live commands ${probe.commands.length}`);
    assert.equal(replayed.length, probe.commands.length);
    replayed.forEach((c, i) => {
      const l = probe.commands[i]!;
      assert.equal(c.tMs, l.tMs, `command ${i} time`);
      assert.deepEqual(c.data, l.data, `command ${i} values`);
    });
  });

  it("bad inputs are reported at their line: a missing file, a topic the graph lacks, replay settings without a file", async () => {
    const missing = loadScenarioText("test/hil/fixtures/inline.yaml", "name: x\ngraph: ../../../configs/demo.yaml\nduration_s: 1\ninputs:\n  mcap: ../nope.mcap\nbudgets: {}\n");
    assert.equal(missing.scenario, undefined);
    assert.match(missing.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join("\n"), /^5:9 the recording "\.\.\/nope\.mcap" does not exist/m);

    const orphan = loadScenarioText("test/hil/fixtures/inline.yaml", "name: x\ngraph: ../../../configs/demo.yaml\nduration_s: 1\ninputs:\n  rate: 2\nbudgets: {}\n");
    assert.match(orphan.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`).join("\n"), /^5:9 inputs\.rate applies to an MCAP recording, and inputs\.mcap is not set/m);

    // A topic the recording lacks: named with the ones it has.
    const text = `name: x\ngraph: ../../../configs/demo-scripted.yaml\nduration_s: 1\ninputs:\n  mcap: ../../../${RECORDING}\n  topics: [camera/image, robot/stat]\nbudgets: {}\n`;
    const typo = await runScenario(loadScenarioText("test/hil/fixtures/inline.yaml", text).scenario!, { outDir: out, registry });
    assert.ok(typo.diagnostics, "nothing runs");
    const d = typo.diagnostics[0]!;
    assert.match(`${d.file}:${d.line}:${d.col} ${d.message}`, /inline\.yaml:6:11 recording ".*demo-sensors\.mcap" has no topic "robot\/stat" \(did you mean "robot\/state"\?\)/);
    // A graph that produces none of the recorded topics.
    const none = `name: x\ngraph: imu-only.yaml\nduration_s: 1\ninputs:\n  mcap: ../../../${RECORDING}\nbudgets: {}\n`;
    const r2 = await runScenario(loadScenarioText("test/hil/fixtures/inline.yaml", none).scenario!, { outDir: out, registry });
    assert.match(r2.diagnostics?.[0]?.message ?? "", /no topic of the recording is an output of the graph \(it has robot\/state, robot\/instruction, camera\/image\)/);
    // Without `topics`, the file's topics the graph produces are played; the scripted demo reads no state.
    const ok = loadScenarioText("test/hil/fixtures/inline.yaml", text.replace("  topics: [camera/image, robot/stat]\n", ""));
    const run = await runScenario(ok.scenario!, { outDir: out, registry });
    assert.ok(!run.diagnostics, JSON.stringify(run.diagnostics));
    const eg = run.measured!.graph;
    assert.deepEqual([...eg.mcap!.topics.keys()].sort(), ["camera/image", "robot/instruction", "robot/state"]);
    assert.deepEqual(eg.mcap!.removed, ["camera"]);
    assert.equal(eg.graph.edges.find((e) => e.to.node === "policy" && e.to.port === "image")!.from.node, "replay");
  });
});
