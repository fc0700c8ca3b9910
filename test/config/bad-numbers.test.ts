// No number in a config means "off" by accident: infinity, NaN and values past what a timer can hold are
// errors at their line (or against --set), one per value, for graph configs and HIL scenarios alike.
import { strict as assert } from "node:assert";
import { formatDiagnostics, type Diagnostic } from "../../sdk/config/diagnostic.js";
import { loadConfigText } from "../../sdk/config/load.js";
import { configProblems, registry } from "./config-problems.js";
import { MAX_SEED, MAX_TIMER_MS } from "../../sdk/core/number-limits.js";
import { loadScenarioText } from "../../sdk/hil/scenario-load.js";

const problems = configProblems;
const at = (ds: Diagnostic[], path: string): Diagnostic[] => ds.filter((d) => d.path === path);

// Line numbers below are 1-based and refer to this text.
const base = `name: t
nodes:
  robot:
    type: sim-robot
    params: { seed: 1 }
    inputs:
      actions: watchdog/command
  camera:
    type: sim-camera
    params: { fps: 30 }
    inputs:
      world: robot/world
  policy:
    type: scripted-policy
    inputs:
      image: { from: camera/image, deadline_ms: 50 }
      instruction: robot/instruction
  watchdog:
    type: watchdog
    params: { deadline_ms: 150 }
    inputs:
      actions: policy/actions
`;

describe("config numbers: finite and within what a timer holds", () => {
  it("the base is valid", () => {
    assert.deepEqual(loadConfigText("t.yaml", base, { registry }).diagnostics, []);
  });

  it("deadline_ms: .inf is an error at its line (it used to validate and switch the watchdog off)", () => {
    const ds = problems(base.replace("params: { deadline_ms: 150 }", "params: { deadline_ms: .inf }"));
    assert.equal(ds.length, 1, formatDiagnostics(ds));
    const d = ds[0]!;
    assert.equal(d.path, "nodes.watchdog.params.deadline_ms");
    assert.deepEqual([d.file, d.line, d.col], ["t.yaml", 20, 28]);
    assert.match(d.message, /^\.inf is not a finite number$/);
    assert.match(d.suggestion ?? "", /remove the key/);
  });

  it(".nan, 1e400 and -.inf anywhere (edges, integers, defaults, processes), one diagnostic per value", () => {
    const text = base
      .replace("name: t\n", "name: t\ndefaults: { deadline_ms: -.inf }\nprocesses:\n  main: { restart: on-failure, backoff_ms: 1e400 }\n")
      .replace("deadline_ms: 50 }", "deadline_ms: .nan }")
      .replace("params: { seed: 1 }", "params: { seed: .inf }");
    const ds = problems(text);
    const paths = ds.map((d) => d.path);
    assert.deepEqual(paths, ["defaults.deadline_ms", "processes.main.backoff_ms", "nodes.robot.params.seed", "nodes.policy.inputs.image.deadline_ms"], formatDiagnostics(ds));
    assert.match(ds[0]!.message, /^-\.inf is not a finite number/);
    assert.match(ds[1]!.message, /^1e400 is not a finite number/);
    assert.equal(ds[1]!.line, 4);
    assert.match(ds[3]!.message, /^\.nan is not a finite number/);
    assert.match(ds[3]!.suggestion ?? "", /NaN/);
  });

  it("--set watchdog.deadline_ms=.inf is reported against --set", () => {
    const ds = problems(base, ["watchdog.deadline_ms=.inf"]);
    assert.equal(ds.length, 1, formatDiagnostics(ds));
    assert.equal(ds[0]!.file, "--set");
    assert.match(ds[0]!.message, /^Infinity is not a finite number \(from --set watchdog\.deadline_ms=\.inf\)$/);
  });

  it("durations past 2^31-1 ms, rates whose period a timer cannot hold and seeds past 32 bits are out of range, with why", () => {
    const ds = problems(
      base
        .replace("params: { deadline_ms: 150 }", `params: { deadline_ms: ${MAX_TIMER_MS + 1} }`)
        .replace("fps: 30", "fps: 1e-9")
        .replace("seed: 1", `seed: ${MAX_SEED + 1}`)
        .replace("deadline_ms: 50 }", "deadline_ms: 2200000000 }"),
    );
    for (const path of ["nodes.watchdog.params.deadline_ms", "nodes.policy.inputs.image.deadline_ms"]) {
      const [d] = at(ds, path);
      assert.ok(d, `${path}: ${formatDiagnostics(ds)}`);
      assert.match(d.message, /out of range/);
      assert.match(d.expected ?? "", /<= 2147483647/);
      assert.match(d.suggestion ?? "", /longest a timer can wait/);
    }
    assert.match(at(ds, "nodes.camera.params.fps")[0]?.suggestion ?? "", /period longer than a timer/);
    assert.match(at(ds, "nodes.robot.params.seed")[0]?.expected ?? "", /<= 4294967295 \(seed of the first episode \(0\.\.4294967295\)\)/);
    // The largest values that fit are accepted.
    const fits = base.replace("params: { deadline_ms: 150 }", `params: { deadline_ms: ${MAX_TIMER_MS} }`).replace("seed: 1", `seed: ${MAX_SEED}`);
    assert.deepEqual(loadConfigText("t.yaml", fits, { registry }).diagnostics, []);
  });

  it("HIL scenarios: for_ms: .inf and a seed past 32 bits are errors at their line", () => {
    const r = loadScenarioText(
      "s.yaml",
      "name: s\ngraph: configs/demo-scripted.yaml\nduration_s: 2\ninputs:\n  sim: { seed: 4294967296 }\nfaults:\n  - { stop: camera, at_s: 1, for_ms: .inf }\nbudgets: { errors: 0 }\n",
    );
    assert.equal(r.scenario, undefined);
    const ds = r.diagnostics;
    assert.deepEqual(ds.map((d) => [d.path, d.line]), [["inputs.sim.seed", 5], ["faults.0.for_ms", 7]], formatDiagnostics(r.diagnostics));
    assert.match(ds[1]!.message, /^\.inf is not a finite number/);
  });
});
