// Each kind of config problem is rejected before anything starts, with file:line:col, the YAML path,
// what was expected and, where a near name exists, a suggestion.
import { strict as assert } from "node:assert";
import { formatDiagnostics, type Diagnostic } from "../../sdk/config/diagnostic.js";
import { loadConfigText } from "../../sdk/config/load.js";
import { configProblems, only, registry } from "./config-problems.js";

const check = (text: string, sets: string[] = []): Diagnostic[] => configProblems(text, sets, "test.yaml");

// A valid base the cases below break one thing in. Line numbers are 1-based.
const base = `name: t
nodes:
  robot:
    type: sim-robot
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
`;

describe("config errors", () => {
  it("accepts the valid base config", () => {
    const r = loadConfigText("test.yaml", base, { registry });
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.graph?.nodes.size, 3);
    assert.equal(r.graph?.edges.length, 3);
  });

  it("YAML syntax error: names the line and column", () => {
    const d = only(check("name: t\nnodes:\n  a: [1, 2\n  b: 3\n"));
    assert.match(d.message, /YAML syntax error/);
    assert.equal(d.file, "test.yaml");
    assert.equal(d.line, 4);
  });

  it("unknown top-level key, with a suggestion", () => {
    const d = only(check(base.replace("name: t", "name: t\nnmae: x")));
    assert.equal(d.message, 'unknown key "nmae"');
    assert.equal(d.path, "nmae");
    assert.deepEqual([d.line, d.col], [2, 1]);
    assert.match(d.suggestion ?? "", /did you mean "name"/);
    assert.match(d.expected ?? "", /name, description, clock, defaults, nodes/);
  });

  it("unknown node key `input:` suggests `inputs:`", () => {
    const d = only(check(base.replace("    inputs:\n      world", "    input:\n      world")));
    assert.equal(d.message, 'unknown key "input"');
    assert.equal(d.path, "nodes.camera.input");
    assert.deepEqual([d.line, d.col], [8, 5]);
    assert.match(d.suggestion ?? "", /did you mean "inputs"/);
  });

  it("unknown node type, with the nearest type", () => {
    const ds = check(base.replace("type: sim-camera", "type: sim-camra"));
    const d = ds.find((x) => x.message.startsWith("unknown node type"))!;
    assert.equal(d.path, "nodes.camera.type");
    assert.deepEqual([d.line, d.col], [6, 11]);
    assert.match(d.suggestion ?? "", /did you mean "sim-camera"/);
  });

  it("param of the wrong type", () => {
    const d = only(check(base.replace("fps: 30", "fps: fast")));
    assert.equal(d.path, "nodes.camera.params.fps");
    assert.match(d.message, /expected a number, got "fast"/);
    assert.deepEqual([d.line, d.col], [7, 20]);
  });

  it("param out of range says the limit", () => {
    const d = only(check(base.replace("fps: 30", "fps: 5000")));
    assert.equal(d.path, "nodes.camera.params.fps");
    assert.match(d.message, /out of range/);
    assert.match(d.expected ?? "", /<= 1000/);
    assert.deepEqual([d.line, d.col], [7, 20]);
  });

  it("unknown param, with a suggestion", () => {
    const d = only(check(base.replace("fps: 30", "fsp: 30")));
    assert.equal(d.path, "nodes.camera.params.fsp");
    assert.match(d.suggestion ?? "", /did you mean "fps"/);
    assert.deepEqual([d.line, d.col], [7, 15]);
  });

  it("input wired to a missing node", () => {
    const d = only(check(base.replace("from: camera/image", "from: camra/image")));
    assert.equal(d.path, "nodes.policy.inputs.image.from");
    assert.match(d.message, /missing node "camra"/);
    assert.match(d.suggestion ?? "", /did you mean "camera"/);
    assert.deepEqual([d.line, d.col], [13, 22]);
  });

  it("input wired to a missing port", () => {
    const d = only(check(base.replace("from: camera/image", "from: camera/imgae")));
    assert.match(d.message, /has no output "imgae"/);
    assert.match(d.suggestion ?? "", /did you mean "image"/);
    assert.deepEqual([d.line, d.col], [13, 22]);
  });

  it("an input port the node type does not have", () => {
    const d = only(check(base.replace("      instruction: robot/instruction", "      instruction: robot/instruction\n      instrction: robot/instruction")));
    assert.match(d.message, /has no input "instrction"/);
    assert.deepEqual([d.line, d.col], [15, 7]);
  });

  it("port message types that do not match", () => {
    const d = only(check(base.replace("from: camera/image", "from: robot/state")));
    assert.match(d.message, /port types differ: robot\/state carries reflex.JointState, policy.image takes reflex.Image/);
    assert.deepEqual([d.line, d.col], [13, 22]);
  });

  it("duplicate node ids", () => {
    const ds = check(base + "  camera:\n    type: sim-camera\n");
    const d = ds.find((x) => x.message.startsWith("duplicate key"))!;
    assert.match(d.message, /duplicate key "camera" \(node ids must be unique\)/);
    assert.deepEqual([d.line, d.col], [15, 3]);
  });

  it("a cycle with no delay, and that a delay makes it legal", () => {
    const cyc = `name: c
nodes:
  a:
    type: relay
    inputs:
      in: b/out
  b:
    type: relay
    inputs:
      in: a/out
`;
    const d = only(check(cyc));
    assert.match(d.message, /cycle with no delay: (a -> b -> a|b -> a -> b)/);
    assert.ok(d.line === 6 || d.line === 10, `line ${d.line}`);
    assert.match(d.suggestion ?? "", /delay_ms/);
    const fixed = loadConfigText("c.yaml", cyc.replace("in: a/out", "in: { from: a/out, delay_ms: 5 }"), { registry });
    assert.deepEqual(fixed.diagnostics, []);
  });

  it("a required input left unwired", () => {
    const d = only(check(base.replace("      instruction: robot/instruction\n", "")));
    assert.match(d.message, /required input "instruction" \(reflex.Instruction\) is not wired/);
    assert.equal(d.path, "nodes.policy");
    assert.deepEqual([d.line, d.col], [11, 5]);
  });

  it("reports every problem in a file at once, in line order", () => {
    const bad = base
      .replace("name: t", "name: t\nnmae: x")
      .replace("fps: 30", "fps: -1")
      .replace("from: camera/image", "from: camra/image");
    const ds = check(bad);
    assert.equal(ds.length, 3, formatDiagnostics(ds));
    assert.deepEqual(
      ds.map((d) => d.line),
      [2, 8, 14],
    );
  });

  it("a bad --set value is reported against --set", () => {
    const d = only(check(base, ["camera.fps=fast"]));
    assert.equal(d.file, "--set");
    assert.match(d.message, /expected a number.*from --set camera.fps=fast/);
  });

  it("formats a code frame with a caret under the column", () => {
    const text = formatDiagnostics(check(base.replace("fps: 30", "fps: fast")));
    assert.match(text, /test\.yaml:7:20: error: nodes\.camera\.params\.fps/);
    assert.match(text, /\n {2}7 \| {5}params: \{ fps: fast \}\n {2} {2}\| {20}\^/);
    assert.match(text, /1 problem found; nothing was started/);
  });
});
