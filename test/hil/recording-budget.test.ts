// "Nothing already recorded is lost": a scenario's recorder (`record:`) writes a real MCAP file; the
// recording_lost budget reads it back as `reflex inspect` does and compares it with what the recorder
// reported on disk. It passes on an intact run, fails once a chunk of the file is damaged, and holds
// across a SIGKILL of the recorder's own worker (real processes): the torn part keeps every message
// reported on disk, and the restarted recorder writes a second part instead of truncating the first.
import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordingPart } from "../../sdk/mcap/parts.js";
import { evaluateBudgets } from "../../sdk/hil/budgets.js";
import { runScenario, type ScenarioResult } from "../../sdk/hil/run-scenario.js";
import { loadScenarioText } from "../../sdk/hil/scenario-load.js";
import { scanRecording } from "../../sdk/mcap/scan.js";
import { withFaultNodes } from "../../nodes/faults/index.js";
import { builtinRegistry } from "../../nodes/index.js";

// The node types a scenario may use, as the CLI builds them (sdk/cli/hil.ts).
const registry = withFaultNodes(builtinRegistry());

let out = "";
before(async () => {
  out = await mkdtemp(join(tmpdir(), "reflex-hil-rec-"));
});
after(async () => {
  await rm(out, { recursive: true, force: true });
});

const row = (r: ScenarioResult) => r.budgets.find((b) => b.budget === "recording: messages lost")!;

describe("HIL recording budget (nothing already recorded is lost)", function () {
  this.timeout(120_000);

  it("an intact recording passes; a damaged chunk in it breaks the budget", async () => {
    const text = `name: rec
graph: ../../../configs/demo-scripted.yaml
duration_s: 3
record: { topics: [camera/image, watchdog/command] }
faults:
  - { corrupt: camera/image -> policy/image, fraction: 0.2, seed: 7 }
budgets:
  recording_lost: 0
`;
    const s = loadScenarioText("test/hil/fixtures/inline.yaml", text).scenario!;
    const r = await runScenario(s, { outDir: out, registry });
    assert.ok(r.passed, JSON.stringify(r.budgets));
    const file = r.measured!.graph.recorder!.file;
    const rep = await scanRecording(file);
    assert.equal(rep.complete, true);
    // 3 s at 30 fps (91 frames) plus one command per frame.
    assert.ok(rep.messages > 150, `messages ${rep.messages}`);
    assert.match(row(r).detail ?? "", new RegExp(`part 0: complete, ${rep.messages} messages intact vs ${rep.messages} reported on disk, 0 dropped`));
    assert.equal(r.measured!.recorderParts![0]!.flushed, rep.messages);

    // Flip a byte in the middle of the file: reading stops at that chunk (CRC), and the budget sees the loss.
    const bytes = Buffer.from(await readFile(file));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    await writeFile(file, bytes);
    const again = await evaluateBudgets(s, r.measured!, undefined);
    const b = again.find((x) => x.budget === "recording: messages lost")!;
    assert.equal(b.pass, false, JSON.stringify(b));
    assert.match(b.detail ?? "", /cut short \(damaged record/);
    assert.ok(Number(b.measured.split(" ")[0]) > 0);
  });

  it("the recorder's worker SIGKILLed: the torn part keeps what was reported on disk, the restarted recorder writes part 1 (real workers)", async () => {
    const text = `name: rec-kill
graph: ../../../configs/demo-multiprocess.yaml
clock: real
duration_s: 4
record: { topics: [camera/image, policy/actions], process: policy }
faults:
  - { kill: policy, at_s: 2 }
budgets:
  recording_lost: 0
  stale_actions: 0
`;
    const s = loadScenarioText("test/hil/fixtures/inline.yaml", text).scenario!;
    const r = await runScenario(s, { outDir: out, registry });
    assert.ok(r.passed, JSON.stringify(r.budgets) + (r.error ?? ""));
    const parts = r.measured!.recorderParts!;
    assert.deepEqual(parts.map((p) => [p.part, p.closed]), [[0, false], [1, true]]);
    const file = r.measured!.graph.recorder!.file;
    const torn = await scanRecording(file);
    assert.equal(torn.complete, false, "SIGKILL: no footer");
    assert.ok(parts[0]!.flushed > 0 && torn.messages >= parts[0]!.flushed, `${torn.messages} intact vs ${parts[0]!.flushed} reported`);
    const second = await scanRecording(recordingPart(file, 1));
    assert.equal(second.complete, true);
    assert.equal(second.messages, parts[1]!.flushed);
    assert.ok(existsSync(recordingPart(file, 1)) && !existsSync(recordingPart(file, 2)));
  });
});
