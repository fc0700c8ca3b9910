// Crash tolerance, with real processes: `reflex run --record` on the real clock is SIGKILLed mid-run;
// `reflex inspect` reports the intact part (nothing the recorder had reported flushed is missing) and
// `--recover` writes a complete file that @mcap/core's indexed reader reads back in full. Files cut in
// the middle of a chunk and chunks with a flipped byte are found and skipped the same way.
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { McapIndexedReader, McapStreamReader } from "@mcap/core";
import { recoverRecording } from "../../sdk/mcap/recover.js";
import { scanRecording, type ScanReport } from "../../sdk/mcap/scan.js";
import { RecordingWriter } from "../../sdk/mcap/writer.js";
import { codecOf } from "../../sdk/messages/index.js";

const dir = mkdtempSync(join(tmpdir(), "reflex-crash-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function indexedCount(file: string): Promise<{ messages: number; topics: Set<string> }> {
  const bytes = readFileSync(file);
  const r = await McapIndexedReader.Initialize({
    readable: { size: async () => BigInt(bytes.byteLength), read: async (o, n) => bytes.subarray(Number(o), Number(o + n)) },
  });
  let messages = 0;
  const topics = new Set<string>();
  for await (const m of r.readMessages()) {
    messages++;
    topics.add(r.channelsById.get(m.channelId)!.topic);
  }
  assert.equal(BigInt(messages), r.statistics?.messageCount);
  return { messages, topics };
}

// A camera and a robot in closed loop, no model: cheap on a shared machine, images make chunks fill.
const config = `
name: crash
nodes:
  camera: { type: sim-camera, params: { width: 64, height: 64, fps: 30 }, inputs: { world: robot/world } }
  robot: { type: sim-robot, params: { seed: 3, step_ms: 50 } }
`;

describe("recording survives SIGKILL", function () {
  this.timeout(90_000);

  it("a killed `reflex run --record` leaves every reported chunk intact; inspect --recover rebuilds a complete file", async () => {
    const cfg = join(dir, "crash.yaml");
    const file = join(dir, "killed.mcap");
    writeFileSync(cfg, config);
    const child = spawn(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "run", cfg, "--record", file, "--log-level", "debug"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let reported = { flushed: 0, chunks: 0 };
    let buf = "";
    const killedAfterFlushes = new Promise<void>((resolve, reject) => {
      child.stderr!.on("data", (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split("\n");
        buf = lines.pop()!;
        for (const line of lines) {
          if (!line.includes('"flushed_messages"')) continue;
          const j = JSON.parse(line) as { flushed_messages: number; chunks: number };
          reported = { flushed: j.flushed_messages, chunks: j.chunks };
          // Kill mid-run, after a few chunks and while the next one is filling.
          if (j.chunks >= 3) {
            child.kill("SIGKILL");
            resolve();
          }
        }
      });
      child.on("exit", (code, sig) => (sig === "SIGKILL" ? resolve() : reject(new Error(`child exited ${code} before it was killed`))));
    });
    await killedAfterFlushes;
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.on("exit", r)));
    assert.equal(child.signalCode, "SIGKILL");

    const report = await scanRecording(file);
    assert.equal(report.complete, false, "no footer after SIGKILL");
    assert.ok(report.messages > 0);
    assert.ok(report.messages >= reported.flushed, `intact ${report.messages} >= reported flushed ${reported.flushed}`);
    assert.ok(report.chunks >= reported.chunks, `intact chunks ${report.chunks} >= reported ${reported.chunks}`);
    // Lost: at most the chunk being written when the process died (it may have reached the disk unreported).
    assert.ok(report.chunks <= reported.chunks + 1, `chunks ${report.chunks} vs reported ${reported.chunks}`);
    assert.deepEqual(new Set(report.topics.map((t) => t.topic)), new Set(["camera/image", "robot/state", "robot/pose", "robot/status", "robot/instruction", "robot/world"]));

    // The CLI, as a user runs it: JSON report and recovery.
    const fixed = join(dir, "fixed.mcap");
    const r = spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "inspect", file, "--recover", fixed, "--json"], { encoding: "utf8", timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!) as ScanReport & { recovered: { messages: number } };
    assert.equal(out.recovered.messages, report.messages);
    // The kill may tear a record or land exactly between two (then nothing is torn, but there is no footer).
    assert.match(out.damage!.reason, /incomplete record|record boundary|damaged/);
    const back = await indexedCount(fixed);
    assert.equal(back.messages, report.messages);
    assert.equal(back.topics.size, 6);
    const again = await scanRecording(fixed);
    assert.equal(again.complete, true);
    assert.deepEqual(
      again.topics.map((t) => [t.topic, t.type, t.count]),
      report.topics.map((t) => [t.topic, t.type, t.count]),
    );
  });

  describe("damaged files", () => {
    const whole = join(dir, "whole.mcap");
    const chunkEnds: number[] = [];
    before(async () => {
      const w = await RecordingWriter.create(whole, { chunkBytes: 2000 });
      const ch = w.channel("arm/state", "reflex.JointState");
      for (let i = 1; i <= 200; i++) {
        w.add(ch, { logTimeNs: i * 1e6, publishTimeNs: i * 1e6, sequence: i, data: codecOf("reflex.JointState").encode({ name: ["a", "b", "c"], position: [i, i / 2, i / 3] }).finish() });
      }
      await w.close();
      // Where each chunk's records (chunk + message indexes) end, from the indexed reader.
      const bytes = readFileSync(whole);
      const r = await McapIndexedReader.Initialize({ readable: { size: async () => BigInt(bytes.byteLength), read: async (o, n) => bytes.subarray(Number(o), Number(o + n)) } });
      for (const c of r.chunkIndexes) chunkEnds.push(Number(c.chunkStartOffset + c.chunkLength + c.messageIndexLength));
      assert.ok(chunkEnds.length >= 5);
    });

    it("cut in the middle of a chunk: the chunks before it are intact and recovered", async () => {
      const cut = join(dir, "cut.mcap");
      const at = Math.floor((chunkEnds[2]! + chunkEnds[3]!) / 2);
      writeFileSync(cut, readFileSync(whole).subarray(0, at));
      const rep = await scanRecording(cut);
      assert.equal(rep.complete, false);
      assert.equal(rep.chunks, 3);
      assert.match(rep.damage!.reason, /incomplete record at the end, no footer/);
      assert.ok(rep.damage!.offset <= at && rep.damage!.offset >= chunkEnds[2]!);
      const res = await recoverRecording(cut, join(dir, "cut-fixed.mcap"));
      assert.equal(res.messages, rep.messages);
      assert.equal((await indexedCount(join(dir, "cut-fixed.mcap"))).messages, rep.messages);
    });

    it("cut exactly on a record boundary: still cut short (no footer), nothing torn, every chunk before it kept", async () => {
      const cut = join(dir, "boundary.mcap");
      writeFileSync(cut, readFileSync(whole).subarray(0, chunkEnds[2]!));
      const rep = await scanRecording(cut);
      assert.equal(rep.complete, false);
      assert.equal(rep.chunks, 3);
      assert.equal(rep.damage!.offset, chunkEnds[2]);
      assert.match(rep.damage!.reason, /ends on a record boundary, no footer/);
      const r = spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "inspect", cut], { encoding: "utf8", timeout: 60_000 });
      assert.equal(r.status, 1, "a file without a footer is not complete");
      assert.match(r.stdout, /cut short: no footer; intact up to byte \d+ \(the file ends on a record boundary/);
      const res = await recoverRecording(cut, join(dir, "boundary-fixed.mcap"));
      assert.equal(res.messages, rep.messages);
    });

    it("a flipped byte inside a chunk stops reading there (CRC), everything before it is kept", async () => {
      const bad = join(dir, "flipped.mcap");
      const bytes = Buffer.from(readFileSync(whole));
      const at = chunkEnds[1]! + 200; // inside the third chunk's data
      bytes[at] = bytes[at]! ^ 0xff;
      writeFileSync(bad, bytes);
      const rep = await scanRecording(bad);
      assert.equal(rep.complete, false);
      assert.equal(rep.chunks, 2);
      assert.match(rep.damage!.reason, /damaged record: .*CRC/);
      // The stream reader itself agrees that the record is bad.
      const sr = new McapStreamReader();
      sr.append(bytes);
      assert.throws(() => {
        while (sr.nextRecord());
      }, /CRC/);
      const res = await recoverRecording(bad, join(dir, "flipped-fixed.mcap"));
      assert.equal((await indexedCount(join(dir, "flipped-fixed.mcap"))).messages, res.messages);
    });

    it("a complete file scans as complete with its exact counts", async () => {
      const rep = await scanRecording(whole);
      assert.equal(rep.complete, true);
      assert.equal(rep.damage, undefined);
      assert.equal(rep.messages, 200);
      assert.equal(rep.chunks, chunkEnds.length);
    });
  });
});
