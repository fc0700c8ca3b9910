// The scenario's graph as built by the pipe of transforms: a bad `set:` is the scenario's problem (said
// at its line, as `reflex run --set` would word it without the command-line part), and the graph
// written for the run is the config line for line, with the scenario's nodes added.
import { strict as assert } from "node:assert";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withFaultNodes } from "../../nodes/faults/index.js";
import { builtinRegistry } from "../../nodes/index.js";
import { buildEffectiveGraph } from "../../sdk/hil/effective-graph.js";
import { loadScenarioText } from "../../sdk/hil/scenario-load.js";

const registry = withFaultNodes(builtinRegistry());
let out = "";
before(async () => {
  out = await mkdtemp(join(tmpdir(), "reflex-eg-"));
});
after(async () => {
  await rm(out, { recursive: true, force: true });
});

const scenario = (rest: string) => loadScenarioText("test/hil/fixtures/inline.yaml", `name: eg\ngraph: ../../../configs/demo-scripted.yaml\nduration_s: 1\n${rest}\nbudgets: {}\n`).scenario!;

describe("HIL effective graph (transforms over the config document)", () => {
  it("a bad set is reported at the scenario's overrides.set, in --set's words", async () => {
    const r = await buildEffectiveGraph(scenario("overrides:\n  set: { camera.fps: abc, camrea.fps: 1 }"), out, registry);
    assert.equal(r.ok, false);
    const lines = (r.ok ? [] : r.diagnostics).map((d) => `${d.file.split("/").pop()}:${d.line}:${d.col} ${d.path}: ${d.message}`);
    assert.ok(lines.some((l) => /^inline\.yaml:5:\d+ overrides\.set\.camera\.fps: /.test(l)), lines.join("\n"));
    assert.ok(lines.includes(`inline.yaml:5:8 overrides.set: --set names a node "camrea" the config does not have`), lines.join("\n"));
    assert.ok(lines.every((l) => !l.includes("(from --set")), lines.join("\n"));
  });

  it("the written graph is the config with the edits: its comments stay, fault node and recorder are added", async () => {
    const r = await buildEffectiveGraph(scenario("overrides:\n  set: { camera.fps: 10 }\nrecord: { topics: [camera/image] }\nfaults:\n  - { delay: camera/image -> policy/image, ms: 5 }"), out, registry);
    assert.ok(r.ok, r.ok ? "" : JSON.stringify(r.diagnostics));
    const written = await readFile(r.value.file, "utf8");
    const config = await readFile("configs/demo-scripted.yaml", "utf8");
    for (const comment of config.split("\n").filter((l) => l.trimStart().startsWith("#"))) assert.ok(written.includes(comment), comment);
    assert.deepEqual([...r.value.faultNodeIds], ["fault-delay-1"]);
    assert.equal(r.value.graph.nodes.get("camera")!.params.fps, 10);
    assert.equal(r.value.graph.edges.find((e) => e.to.node === "policy" && e.to.port === "image")!.from.node, "fault-delay-1");
    assert.equal(r.value.recorder!.node, "hil-record");
  });
});
