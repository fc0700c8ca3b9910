// YAML aliases and --set strings that cannot be read are diagnostics at their place, never a thrown
// ReferenceError: an alias to no anchor, an alias inside its own anchor, an alias bomb ("billion
// laughs"), in configs, HIL scenarios and --set; and a --set the loader cannot read or write says why.
import { strict as assert } from "node:assert";
import { formatDiagnostics } from "../../sdk/config/diagnostic.js";
import { loadConfigText } from "../../sdk/config/load.js";
import { configProblems, only, registry } from "./config-problems.js";
import { loadScenarioText } from "../../sdk/hil/scenario-load.js";

const problems = configProblems;

// A node with no inputs, so that the only problems are the ones a case makes.
const timer = "name: t\nnodes:\n  tick:\n    type: timer\n    params: { rate_hz: 30 }\n";

/** `levels` lists, each holding nine aliases of the one before: 9^levels values from a few lines. */
function laughs(levels: number): string {
  const lines = ["name: bomb", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(", ")}]`);
  lines.push(`nodes: { camera: { type: sim-camera, params: { fps: 30 }, description: *l${levels} } }`);
  return `${lines.join("\n")}\n`;
}

describe("YAML aliases and --set strings", () => {
  it("an alias to no anchor is an error at the alias, with the nearest anchor", () => {
    const d = only(problems("name: t\nbase: &camera_params { fps: 30 }\nnodes:\n  camera:\n    type: sim-camera\n    params: *camera_param\n"));
    assert.deepEqual([d.file, d.line, d.col], ["t.yaml", 6, 13]);
    assert.match(d.message, /alias "\*camera_param" refers to no anchor/);
    assert.match(d.suggestion ?? "", /did you mean "camera_params"/);
  });

  it("an alias inside its own anchor is an error at the alias", () => {
    const d = only(problems("name: t\nloop: &a [1, *a]\nnodes:\n  camera:\n    type: sim-camera\n"));
    assert.deepEqual([d.line, d.col], [2, 14]);
    assert.match(d.message, /inside the value its anchor names/);
  });

  it("an alias bomb is an error at the alias that expands the most, and quick", () => {
    const t0 = performance.now();
    const d = only(problems(laughs(9)));
    assert.ok(performance.now() - t0 < 2000, "checking a bomb must not expand it");
    assert.equal(d.line, 12, formatDiagnostics([d]));
    assert.match(d.message, /aliases expand this document too far: "\*l9" alone stands for [\d.]+e\+\d+ values/);
  });

  it("aliases used a few times still work", () => {
    const text = "name: t\nnodes:\n  a:\n    type: timer\n    params: &p { rate_hz: 30 }\n  b:\n    type: timer\n    params: *p\n";
    const r = loadConfigText("t.yaml", text, { registry, sets: [] });
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.graph?.nodes.get("b")?.params.rate_hz, 30);
  });

  it("HIL scenarios: an alias to no anchor, and a bomb, are errors at their line", () => {
    const r = loadScenarioText("s.yaml", "name: s\ngraph: configs/demo-scripted.yaml\nduration_s: 2\nfaults: *faults\n");
    assert.equal(r.scenario, undefined);
    const d = only(r.diagnostics);
    assert.deepEqual([d.file, d.line, d.col], ["s.yaml", 4, 9]);
    assert.match(d.message, /alias "\*faults" refers to no anchor/);
    const bomb = loadScenarioText("s.yaml", laughs(9).replace(/^nodes: .*$/m, "description: *l9"));
    assert.match(only(bomb.diagnostics).message, /aliases expand this document too far/);
  });

  it("--set with an alias or a value that is not YAML says so against --set", () => {
    const ds = problems(timer, ["tick.rate_hz=*x", "tick.rate_hz=[1, 2"]);
    assert.equal(ds.length, 2, formatDiagnostics(ds));
    assert.ok(ds.every((d) => d.file === "--set"));
    assert.match(ds[0]!.message, /cannot read the value of --set "tick\.rate_hz=\*x": "\*x" is a YAML alias/);
    assert.match(ds[1]!.message, /cannot read the value of --set "tick\.rate_hz=\[1, 2"/);
  });

  it("a malformed --set says what is missing", () => {
    const ds = problems(timer, ["camera.fps", ".fps=3", "camera=3", "=3", "camera.fps.=3"]);
    const messages = ds.map((d) => d.message);
    assert.deepEqual(
      messages.map((m) => /^cannot read --set "([^"]*)": (.*)$/.exec(m)?.[1]),
      ["camera.fps", ".fps=3", "camera=3", "=3", "camera.fps.=3"],
      messages.join("\n"),
    );
    assert.match(messages[0]!, /no "="/);
    assert.match(messages[1]!, /names no node/);
    assert.match(messages[2]!, /names no param/);
    assert.match(messages[3]!, /nothing names the node and param/);
    assert.match(messages[4]!, /is not node\.param/);
    assert.ok(ds.every((d) => d.file === "--set" && /camera\.fps=15/.test(d.expected ?? "")));
  });

  it("a --set into params that are not a map is an error, not a throw", () => {
    const ds = problems("name: t\nnodes:\n  camera:\n    type: sim-camera\n    params: 3\n", ["camera.fps=10"]);
    const d = ds.find((x) => x.file === "--set");
    assert.ok(d, formatDiagnostics(ds));
    assert.match(d.message, /--set "camera\.fps=10" cannot be written/);
  });
});
