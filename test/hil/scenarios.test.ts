// HIL scenarios run in this process under the virtual clock: the shipped fast scenarios pass their
// budgets, each fault kind has the effect it claims, overrides swap node types, and bad scenario files
// are reported with file:line:col. `reflex hil run` exits 1 on a broken budget (JUnit marks it) and 2 on
// a bad scenario. The multi-process kill scenario runs on the real clock: `npm run test:hil`.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScenario, type ScenarioResult } from "../../sdk/hil/run-scenario.js";
import { loadScenarioFile, loadScenarioText } from "../../sdk/hil/scenario-load.js";
import { withFaultNodes } from "../../nodes/faults/index.js";
import { builtinRegistry } from "../../nodes/index.js";

// The node types a scenario may use, as the CLI builds them (sdk/cli/hil.ts).
const registry = withFaultNodes(builtinRegistry());

let out = "";
before(async () => {
  out = await mkdtemp(join(tmpdir(), "reflex-hil-test-"));
});
after(async () => {
  await rm(out, { recursive: true, force: true });
});

async function runFile(file: string): Promise<ScenarioResult> {
  const r = await loadScenarioFile(file);
  assert.ok(r.scenario, JSON.stringify(r.diagnostics));
  return runScenario(r.scenario, { outDir: out, registry });
}

async function runText(text: string): Promise<ScenarioResult> {
  const r = loadScenarioText("test/hil/fixtures/inline.yaml", text);
  assert.ok(r.scenario, JSON.stringify(r.diagnostics));
  const res = await runScenario(r.scenario, { outDir: out, registry });
  assert.ok(!res.diagnostics && !res.error, JSON.stringify(res.diagnostics ?? res.error));
  return res;
}

const budget = (r: ScenarioResult, name: string) => {
  const b = r.budgets.find((x) => x.budget === name);
  assert.ok(b, `no budget "${name}" in ${r.budgets.map((x) => x.budget).join(", ")}`);
  return b;
};
const failing = (r: ScenarioResult): string => r.budgets.filter((b) => !b.pass).map((b) => `${b.budget}: ${b.measured} vs ${b.limit} ${b.detail ?? ""}`).join("; ");

describe("HIL scenarios (virtual clock)", function () {
  this.timeout(120_000);

  it("camera-dropout: the watchdog holds through the dropout, no stale action reaches the robot, recovery measured", async () => {
    const r = await runFile("hil-tests/scenarios/camera-dropout.yaml");
    assert.ok(r.passed, failing(r));
    const cmds = r.measured!.commands!;
    const holds = cmds.filter((c) => c.hold);
    assert.ok(holds.length >= 5, `holds ${holds.length}`);
    // Holds fall inside the dropout (2.0 .. 3.0 s) plus the deadline of the last action before it.
    for (const h of holds) assert.ok(h.tMs > 2000 && h.tMs <= 3000, `hold at ${h.tMs} ms`);
    assert.ok(cmds.some((c) => !c.hold && c.tMs >= 3000), "fresh actions after the camera is back");
    assert.match(budget(r, "recovery after fault").detail ?? "", /stop ended at 3000 ms/);
    const gate = r.measured!.summary.nodes.find((n) => n.node.startsWith("fault-gate"))!;
    assert.equal(gate.gauges.fault_dropped, 30, "30 frames at 30 fps in 1 s");
  });

  it("corrupted-frames: corrupted frames are dropped or survived, the graph goes on and the task succeeds", async () => {
    const r = await runFile("hil-tests/scenarios/corrupted-frames.yaml");
    assert.ok(r.passed, failing(r));
    const f = r.measured!.summary.nodes.find((n) => n.node.startsWith("fault-corrupt"))!;
    const hit = (f.gauges.fault_corrupted ?? 0) + (f.gauges.fault_dropped ?? 0);
    assert.ok(hit > 40 && hit < 80, `about 20 % of 300 frames corrupted: ${hit}`);
  });

  it("demo-steady: the demo (tiny VLA) matches its golden actions exactly and changes show up", async () => {
    const r = await runFile("hil-tests/scenarios/demo-steady.yaml");
    assert.ok(r.passed, failing(r));
    assert.match(budget(r, "golden actions").measured, /^0 of 240 differ/);
    // A different seed gives different actions: the golden check can fail.
    const text = (await readFile("hil-tests/scenarios/demo-steady.yaml", "utf8")).replace("seed: 11", "seed: 12").replace("../reference", "../../../hil-tests/reference").replace("../../configs", "../../../configs");
    const other = loadScenarioText("test/hil/fixtures/seed12.yaml", text);
    const r2 = await runScenario(other.scenario!, { outDir: out, registry });
    assert.equal(budget(r2, "golden actions").pass, false);
  });

  it("delay, reorder and slow faults have the effect they claim", async () => {
    const base = (fault: string): string => `name: f
graph: ../../../configs/demo-scripted.yaml
duration_s: 2
faults:
  - ${fault}
budgets:
  paths: { camera > policy > watchdog > robot: { p99_ms: 1000 } }
`;
    const delayed = await runText(base("{ delay: camera/image -> policy/image, ms: 30 }"));
    const p = (r: ScenarioResult) => r.measured!.summary.paths.find((x) => x.path.startsWith("camera > fault"))!;
    assert.ok(Math.abs(p(delayed).p99_ms - 30) < 0.5, `delay adds 30 ms: ${p(delayed).p99_ms}`);
    const slowed = await runText(base("{ slow: policy, ms: 20, at_s: 1 }"));
    assert.ok(p(slowed).max_ms >= 20 && p(slowed).p50_ms < 20, `slow from 1 s on: p50 ${p(slowed).p50_ms}, max ${p(slowed).max_ms}`);
    const reordered = await runText(base("{ reorder: camera/image }"));
    const f = reordered.measured!.summary.nodes.find((n) => n.node.startsWith("fault-reorder"))!;
    assert.ok((f.gauges.fault_swapped ?? 0) > 20, `pairs swapped: ${f.gauges.fault_swapped}`);
  });

  it("overrides swap a node's type (sim policy -> another driver) and set params", async () => {
    const r = await runText(`name: swap
graph: ../../../configs/demo-scripted.yaml
duration_s: 1
overrides:
  set: { camera.fps: 10 }
  nodes:
    policy: { type: vla-policy, params: { model: models/tiny-vla, steps: 1 } }
budgets:
  errors: 0
`);
    assert.ok(r.passed, failing(r));
    const n = r.measured!.summary.nodes;
    assert.equal(n.find((x) => x.node === "policy")!.type, "vla-policy");
    assert.equal(n.find((x) => x.node === "camera")!.count, 11, "10 fps for 1 s (ticks at 0 and 1 s)");
  });

  it("a bad scenario is reported with file:line:col, expected and a suggestion", async () => {
    const r = await loadScenarioFile("test/hil/fixtures/bad.yaml");
    assert.equal(r.scenario, undefined);
    const text = r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.path}: ${d.message} | ${d.suggestion ?? ""}`).join("\n");
    assert.match(text, /bad\.yaml:6:5: faults\.1: a fault step needs one kind \| did you mean "stop"\?/);
    assert.match(text, /bad\.yaml:8:3: budgets\.stale_action: unknown key "stale_action" \| did you mean "stale_actions"\?/);
    // A fault naming a node the graph lacks is found when the graph is built, at the scenario's line.
    const s = loadScenarioText("test/hil/fixtures/inline.yaml", "name: x\ngraph: ../../../configs/demo-scripted.yaml\nduration_s: 1\nfaults:\n  - { stop: camrea }\nbudgets: {}\n");
    const res = await runScenario(s.scenario!, { outDir: out, registry });
    assert.ok(res.diagnostics);
    assert.match(`${res.diagnostics[0]!.file}:${res.diagnostics[0]!.line}:${res.diagnostics[0]!.col} ${res.diagnostics[0]!.message} ${res.diagnostics[0]!.suggestion}`, /inline\.yaml:5:13 the graph has no node "camrea" .*camera/);
  });

  it("reflex hil run: exit 1 on an impossible budget (JUnit marks it, HTML is self-contained), exit 2 on a bad file", async () => {
    const junit = join(out, "j.xml");
    const html = join(out, "r.html");
    const run = spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "hil", "run", "test/hil/fixtures/impossible.yaml", "--junit", junit, "--html", html, "--out", out], { encoding: "utf8" });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /scenario impossible: FAIL/);
    assert.match(run.stdout, /path camera > policy > watchdog > robot p99\s+\d+\.\d+ ms\s+<= 0\.000 ms\s+FAIL/);
    const xml = await readFile(junit, "utf8");
    assert.match(xml, /<testcase classname="hil.impossible" name="path camera &gt; policy &gt; watchdog &gt; robot p99" time="0"><failure message="[^"]+limit &lt;= 0.000 ms">/);
    assert.match(xml, /<testcase classname="hil.impossible" name="node errors" time="0"><system-out>/, "the met budget passes");
    assert.match(xml, /tests="2" failures="1"/);
    const page = await readFile(html, "utf8");
    assert.match(page, /<svg /);
    assert.doesNotMatch(page, /(src|href)=["']?https?:/, "no external fetches");
    const bad = spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "hil", "run", "test/hil/fixtures/bad.yaml"], { encoding: "utf8" });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.yaml:6:5: error: faults\.1: a fault step needs one kind/);
  });
});
