// Cross-process faults. (1) The link sender's corruption hook, on a real ZeroMQ link: a seeded fraction
// of the messages leaves with bytes flipped in its wire frames, the receiver drops and counts what no
// longer decodes, the rest is delivered, and the sender's own buffers (the message's bulk bytes) stay
// untouched. (2) A scenario on the multi-process demo (real workers): a `corrupt` fault on a
// cross-process edge is injected by that link's sender, and a `delay` fault node runs in the consumer's
// worker; the receivers' bad-frame count matches what the sender corrupted and the graph goes on.
import { strict as assert } from "node:assert";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { runScenario } from "../../sdk/hil/run-scenario.js";
import { loadScenarioText } from "../../sdk/hil/scenario-load.js";
import type { Msg } from "../../sdk/core/message.js";
import { badFrameTotal } from "../../sdk/transport/index.js";
import { captureLogger, LinkScope, until } from "../transport/link-fixture.js";
import { withFaultNodes } from "../../nodes/faults/index.js";
import { builtinRegistry } from "../../nodes/index.js";

// The node types a scenario may use, as the CLI builds them (sdk/cli/hil.ts).
const registry = withFaultNodes(builtinRegistry());

describe("cross-process faults", function () {
  this.timeout(120_000);
  const scope = new LinkScope();
  let out = "";
  before(async () => {
    out = await mkdtemp(join(tmpdir(), "reflex-hil-link-"));
  });
  after(async () => {
    await scope.dispose();
    await rm(out, { recursive: true, force: true });
  });

  it("a link's sender corrupts a seeded fraction of frames: the receiver drops and counts them, delivers the rest, the sender's buffers are untouched", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("corrupt");
    let on = false;
    const tx = await scope.sender({ endpoint, name: "corrupt", logger, sendHighWaterMark: 1000, corrupt: { fraction: 0.3, seed: 2, active: () => on } });
    const got: Msg[] = [];
    const rx = scope.receiver({ endpoint, name: "corrupt", logger, receiveHighWaterMark: 1000, qos: { kind: "queue", size: 1000, drop: "newest" }, onMessage: (m) => got.push(m) });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    const pixels = new Uint8Array(64 * 64 * 3).map((_, i) => i % 251);
    const n = 300;
    for (let seq = 1; seq <= n; seq++) {
      on = seq > 50; // the window: the first 50 go out clean
      tx.send({ header: { topic: "camera/image", seq, captureNs: seq * 1e6, type: "reflex.Image", trace: undefined }, body: { width: 64, height: 64, encoding: "rgb8", step: 192, data: pixels } });
    }
    await until(() => rx.counters.received === n, () => `received ${rx.counters.received} of ${n}`);
    const corrupted = tx.corrupter!.corrupted;
    const bad = badFrameTotal(rx.counters);
    assert.ok(corrupted > 0.2 * 250 && corrupted < 0.4 * 250, `about 30 % of 250 corrupted: ${corrupted}`);
    assert.ok(bad <= corrupted && bad >= 0.85 * corrupted, `${bad} of ${corrupted} corrupted frames found bad`);
    assert.equal(got.length + bad, n, "every message is delivered or counted as bad");
    assert.deepEqual(got.slice(0, 50).map((m) => m.header.seq), Array.from({ length: 50 }, (_, i) => i + 1), "nothing corrupted outside the window");
    assert.ok(pixels.every((v, i) => v === i % 251), "the message's own bytes were not flipped");
  });

  it("multi-process scenario: link corruption from the sender, a delay node in the consumer's worker; bad frames counted, the graph goes on (real workers)", async () => {
    const text = `name: link-faults-short
graph: ../../../configs/demo-multiprocess.yaml
clock: real
duration_s: 4
faults:
  - { corrupt: camera/image -> policy/image, fraction: 0.25, seed: 5, at_s: 0.5 }
  - { delay: camera/image -> policy/image, ms: 30, at_s: 2, for_ms: 1000 }
budgets:
  bad_frames: { min: 5 }
  errors: 0
  stale_actions: 0
`;
    const s = loadScenarioText("test/hil/fixtures/inline.yaml", text);
    assert.ok(s.scenario, JSON.stringify(s.diagnostics));
    const notes: string[] = [];
    const r = await runScenario(s.scenario, { outDir: out, registry, note: (l) => notes.push(l), logLevel: "warn" });
    assert.ok(r.passed, JSON.stringify(r.budgets) + (r.error ?? "") + JSON.stringify(r.diagnostics ?? "") + notes.join("\n"));
    // The delay node sits in the policy's process; the link now ends at it, and carries the corruption.
    const asRun = parse(await readFile(r.measured!.graph.file, "utf8")) as { nodes: Record<string, { type: string; process?: string }> };
    assert.equal(asRun.nodes["fault-delay-1"]!.process, "policy");
    assert.deepEqual([...r.measured!.graph.linkFaults.keys()], ["camera/image -> fault-delay-1/in"]);
    const link = r.measured!.links![0]!;
    assert.ok(link.corrupted >= 5, JSON.stringify(link));
    assert.ok(link.badFrames <= link.corrupted && link.badFrames >= 0.8 * link.corrupted, JSON.stringify(link));
    const delay = r.measured!.summary.nodes.find((n) => n.node === "fault-delay-1")!;
    assert.ok(delay.count > 0, "the fault node ran in a worker");
    // The graph went on: the policy kept acting and the robot got fresh actions after the faults.
    assert.ok(r.measured!.summary.nodes.find((n) => n.node === "policy")!.count > 60);
  });

  it("a corrupt fault with layer: link on an edge inside one process is an error at its line", async () => {
    const text = "name: x\ngraph: ../../../configs/demo-multiprocess.yaml\nclock: real\nduration_s: 1\nfaults:\n  - { corrupt: robot/status -> status/in, fraction: 0.5, layer: link }\nbudgets: {}\n";
    const r = await runScenario(loadScenarioText("test/hil/fixtures/inline.yaml", text).scenario!, { outDir: out, registry });
    const d = r.diagnostics?.[0];
    assert.ok(d, "nothing runs");
    assert.match(`${d.line}:${d.col} ${d.message}`, /^6:16 "robot\/status -> status\/in" is not an edge between two processes/);
  });
});
