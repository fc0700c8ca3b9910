// Bit-for-bit replay: the camera, joint state and instruction topics of the demo graph are recorded;
// the recording is replayed twice under the virtual clock through the same graph with the tiny VLA
// (real ONNX Runtime; pruning, frame cache, step cache on; sampler noise seeded) and the policy's action
// chunks, encoded, are the same bytes at the same clock times. A different seed gives different bytes,
// so the comparison can fail.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { builtinRegistry } from "../../nodes/index.js";
import { attachRecorder } from "../../nodes/record/attach.js";
import { loadConfigFile, loadConfigText } from "../../sdk/config/load.js";
import { formatDiagnostics } from "../../sdk/config/diagnostic.js";
import { readSummarySync } from "../../sdk/mcap/reader.js";
import { codecOf } from "../../sdk/messages/index.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";

const dir = mkdtempSync(join(tmpdir(), "reflex-determinism-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const silent = pino({ level: "silent" });
const file = join(dir, "demo.mcap");
const TOPICS = ["camera/image", "robot/state", "robot/instruction"];

interface Actions {
  count: number;
  /** sha256 over every action chunk's encoded bytes with its emission time and capture stamp. */
  digest: string;
  bytes: string[];
}

async function replayThroughPolicy(seed: number): Promise<Actions> {
  const yaml = `
name: replay-policy
nodes:
  src: { type: replay, params: { file: ${file} } }
  policy:
    type: vla-policy
    params:
      model: models/tiny-vla
      threads: 1
      pruning: { mode: efficientvla, keep_ratio: 0.25 }
      frame_cache: { enabled: true }
      step_cache: { mode: threshold, threshold: 0.3 }
      steps: 4
      seed: ${seed}
    inputs:
      image: { from: src/camera_image, qos: keep-latest }
      state: src/robot_state
      instruction: src/robot_instruction
`;
  const r = loadConfigText("replay-policy.yaml", yaml, { registry: builtinRegistry() });
  assert.ok(r.graph, formatDiagnostics(r.diagnostics));
  const rt = new GraphRuntime(r.graph, { clock: new VirtualClock(), log: silent });
  const hash = createHash("sha256");
  const bytes: string[] = [];
  rt.listen("policy", "actions", (m) => {
    const b = codecOf("reflex.ActionChunk").encode(m.body as never).finish();
    hash.update(b);
    hash.update(`@${rt.clock.nowNs()}/${m.header.captureNs}`);
    bytes.push(Buffer.from(b).toString("hex"));
  });
  await rt.start();
  await rt.runVirtual(1.5e9);
  await rt.stop();
  await rt.dispose();
  return { count: bytes.length, digest: hash.digest("hex"), bytes };
}

describe("deterministic replay", function () {
  this.timeout(120_000);

  before(async () => {
    const loaded = await loadConfigFile("configs/demo.yaml", { registry: builtinRegistry() });
    assert.ok(loaded.graph, formatDiagnostics(loaded.diagnostics));
    const graph = attachRecorder(loaded.graph, { file, topics: TOPICS });
    const rt = new GraphRuntime(graph, { clock: new VirtualClock(), log: silent });
    await rt.start();
    await rt.runVirtual(1.5e9);
    await rt.stop();
    await rt.dispose();
  });

  it("replaying the same file twice through the VLA policy gives the same action bytes; another seed does not", async () => {
    const s = readSummarySync(file);
    assert.deepEqual(s.topics.map((t) => t.topic).sort(), [...TOPICS].sort());
    const images = s.topics.find((t) => t.topic === "camera/image")!.count;
    assert.ok(images >= 40, `recorded frames ${images}`);

    const a = await replayThroughPolicy(7);
    const b = await replayThroughPolicy(7);
    assert.ok(a.count >= images - 2, `actions ${a.count} for ${images} frames`);
    assert.equal(b.count, a.count);
    assert.deepEqual(b.bytes, a.bytes);
    assert.equal(b.digest, a.digest);

    const c = await replayThroughPolicy(8);
    assert.equal(c.count, a.count, "the seed changes values, not how many");
    assert.notEqual(c.digest, a.digest, "a different sampler seed must change the action bytes");
    assert.ok(c.bytes.some((x, i) => x !== a.bytes[i]));
  });
});
