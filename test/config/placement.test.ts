// Placement in YAML: `processes:` and each node's `process:`. Problems are reported like every other
// config error: file:line:col, YAML path, what was expected and a suggestion where one is close.
import { strict as assert } from "node:assert";
import { builtinRegistry } from "../../nodes/index.js";
import { formatDiagnostics, type Diagnostic } from "../../sdk/config/diagnostic.js";
import { loadConfigText } from "../../sdk/config/load.js";

const registry = builtinRegistry();
const only = (text: string): Diagnostic => {
  const r = loadConfigText("test.yaml", text, { registry });
  assert.equal(r.graph, undefined, "a config with problems must not produce a graph");
  assert.equal(r.diagnostics.length, 1, formatDiagnostics(r.diagnostics));
  return r.diagnostics[0]!;
};

const nodes = (policyProcess = "brain"): string => `nodes:
  robot:
    type: sim-robot
    process: body
  camera:
    type: sim-camera
    inputs:
      world: robot/world
  policy:
    type: scripted-policy
    process: ${policyProcess}
    inputs:
      image: { from: camera/image, deadline_ms: 50 }
      instruction: robot/instruction
`;
const placed = (processes: string, policyProcess = "brain"): string => `name: t
processes:
${processes}
${nodes(policyProcess)}`;
const okProcesses = `  brain: { restart: on-failure, max_restarts: 3, backoff_ms: 100, env: { OMP_NUM_THREADS: "2" } }
  body: {}`;

describe("config placement", () => {
  it("places each node in its process, unplaced nodes in main", () => {
    const r = loadConfigText("test.yaml", placed(okProcesses), { registry });
    assert.deepEqual(r.diagnostics, []);
    const g = r.graph!;
    assert.equal(g.nodes.get("policy")!.process, "brain");
    assert.equal(g.nodes.get("robot")!.process, "body");
    assert.equal(g.nodes.get("camera")!.process, "main");
    assert.deepEqual(r.config!.processes!.brain!.env, { OMP_NUM_THREADS: "2" });
  });

  it("a config without processes runs everything in main", () => {
    const r = loadConfigText("test.yaml", `name: t\n${nodes("main").replace("    process: body\n", "")}`, { registry });
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual([...r.graph!.nodes.values()].map((n) => n.process), ["main", "main", "main"]);
  });

  it("an unknown process names the node's line and suggests the near one", () => {
    const d = only(placed(okProcesses, "brian"));
    assert.equal(d.path, "nodes.policy.process");
    assert.equal(d.line, 15);
    assert.equal(d.col, 14);
    assert.match(d.message, /unknown process "brian"/);
    assert.match(d.expected!, /main, brain, body/);
    assert.equal(d.suggestion, 'did you mean "brain"?');
  });

  it("an unknown process with nothing near says how to declare it", () => {
    const d = only(placed(okProcesses, "gpu"));
    assert.match(d.suggestion!, /processes:\n {4}gpu: \{\}/);
  });

  it("a host that is not this machine needs CurveZMQ keys", () => {
    const d = only(placed(`  brain: { host: jetson-2.lab }\n  body: {}`));
    assert.equal(d.path, "processes.brain.host");
    assert.equal(d.line, 3);
    assert.match(d.message, /another host \(jetson-2\.lab\) but references no CurveZMQ keys/);
    assert.match(d.suggestion!, /reflex keys gen --out keys --name brain/);
  });

  it("a remote host with keys, and a loopback host without, are accepted", () => {
    const remote = `  brain: { host: 10.0.0.2, keys: { secret: keys/brain.key_secret, trusted: [keys/main.key] } }\n  body: { host: 127.0.0.1 }`;
    assert.deepEqual(loadConfigText("test.yaml", placed(remote), { registry }).diagnostics, []);
  });

  it("restart settings without restart: on-failure are flagged", () => {
    const d = only(placed(`  brain: { max_restarts: 3 }\n  body: {}`));
    assert.equal(d.path, "processes.brain.max_restarts");
    assert.match(d.message, /only applies to restart: on-failure/);
  });

  it("a bad restart policy lists the allowed ones", () => {
    const r = loadConfigText("test.yaml", placed(`  brain: { restart: always }\n  body: {}`), { registry });
    assert.equal(r.graph, undefined);
    const d = r.diagnostics.find((x) => x.path.startsWith("processes.brain.restart"));
    assert.ok(d, formatDiagnostics(r.diagnostics));
    assert.equal(d.line, 3);
  });

  it("an unknown key in a process entry is an error with a suggestion", () => {
    const r = loadConfigText("test.yaml", placed(`  brain: { hots: x }\n  body: {}`), { registry });
    assert.equal(r.graph, undefined);
    const d = r.diagnostics.find((x) => x.message.includes("hots"));
    assert.ok(d, formatDiagnostics(r.diagnostics));
    assert.match(d.suggestion ?? "", /host/);
  });

  it("a declared process with no nodes is an error", () => {
    const d = only(placed(`${okProcesses}\n  spare: {}`));
    assert.equal(d.path, "processes.spare");
    assert.match(d.message, /process "spare" has no nodes/);
  });
});
