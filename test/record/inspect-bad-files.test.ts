// `reflex inspect` (real CLI, real files) on files that are not recordings: a PNG, random bytes, the MCAP
// magic followed by junk. They are refused with "not an MCAP file" (exit 2), and --recover writes nothing
// for them instead of a "recovered" empty recording; a real recording, whole or cut short, still works.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecordingWriter } from "../../sdk/mcap/writer.js";
import { codecOf } from "../../sdk/messages/index.js";
import { Sfc32 } from "../../sdk/core/sfc32.js";

const reflex = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

const MAGIC = [0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a];

describe("reflex inspect refuses files that are not MCAP (real CLI)", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "reflex-inspect-bad-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const png = join(dir, "camera.png");
  const random = join(dir, "random.mcap");
  const magicThenJunk = join(dir, "magic-then-junk.mcap");
  const whole = join(dir, "whole.mcap");
  before(async () => {
    // A PNG's signature and IHDR chunk: what a user gets by passing a saved camera frame.
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 64, 0, 0, 0, 64, 8, 2, 0, 0, 0]));
    const rng = new Sfc32(12, 34, 56); // seeded: the same "random" file on every run
    const bytes = Buffer.alloc(1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = rng.nextU32() & 0xff;
    bytes[0] = 0x42; // not 0x89, whatever the generator gave
    writeFileSync(random, bytes);
    writeFileSync(magicThenJunk, Buffer.concat([Buffer.from(MAGIC), bytes]));
    const w = await RecordingWriter.create(whole, { chunkBytes: 2000 });
    const ch = w.channel("arm/state", "reflex.JointState");
    for (let i = 1; i <= 100; i++) {
      w.add(ch, { logTimeNs: i * 1e6, publishTimeNs: i * 1e6, sequence: i, data: codecOf("reflex.JointState").encode({ name: ["a"], position: [i] }).finish() });
    }
    await w.close();
  });

  for (const [what, file, detail] of [
    ["a PNG", () => png, /starts with 89 50 4e 47 0d 0a 1a 0a \(a PNG image\), not the MCAP magic 89 4d 43 41 50 30 0d 0a/],
    ["1 KB of random bytes", () => random, /starts with 42 /],
  ] as const) {
    it(`${what}: inspect exits 2 with "not an MCAP file"; --recover exits 2 and writes no file`, () => {
      const r = reflex("inspect", file());
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /is not an MCAP file/);
      assert.match(r.stderr, detail);
      assert.ok(r.stderr.includes(file()), "names the file");
      assert.equal(r.stdout, "");
      const out = join(dir, `${what.replace(/\W+/g, "-")}-recovered.mcap`);
      const rec = reflex("inspect", file(), "--recover", out);
      assert.equal(rec.status, 2, rec.stdout + rec.stderr);
      assert.match(rec.stderr, /is not an MCAP file/);
      assert.doesNotMatch(rec.stderr, /^\s+at /m, "no stack trace");
      assert.equal(existsSync(out), false, "--recover wrote a file for something that is not a recording");
    });
  }

  it("the MCAP magic followed by junk: --recover refuses (nothing intact to recover) and writes no file", () => {
    const out = join(dir, "junk-recovered.mcap");
    const r = reflex("inspect", magicThenJunk, "--recover", out);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /has no intact MCAP record to recover/);
    assert.equal(existsSync(out), false);
  });

  it("--recover onto the file being recovered is refused, and the recording is left whole", () => {
    // A copy: today's code truncated the file it was asked to recover, and the tests after need `whole`.
    const self = join(dir, "self.mcap");
    copyFileSync(whole, self);
    const before = readFileSync(self);
    const r = reflex("inspect", self, "--recover", self);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /that is the file being recovered; write the copy to another path/);
    assert.deepEqual(readFileSync(self), before);
  });

  it("--recover into a missing folder: exit 2 naming the path, before reading anything", () => {
    const out = join(dir, "no-such-folder", "fixed.mcap");
    const r = reflex("inspect", whole, "--recover", out);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.ok(r.stderr.includes(`--recover ${out}: the folder`), r.stderr);
    assert.match(r.stderr, /does not exist/);
  });

  it("a real recording still inspects, and its cut-short copy still recovers", () => {
    const ok = reflex("inspect", whole, "--json");
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { messages: number; complete: boolean }).messages, 100);
    const cut = join(dir, "cut.mcap");
    const bytes = readFileSync(whole);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const fixed = join(dir, "fixed.mcap");
    const rec = reflex("inspect", cut, "--recover", fixed, "--json");
    assert.equal(rec.status, 0, rec.stderr);
    const report = JSON.parse(rec.stdout) as { complete: boolean; recovered: { messages: number } };
    assert.equal(report.complete, false);
    assert.ok(report.recovered.messages > 0);
    const again = reflex("inspect", fixed, "--json");
    assert.equal(again.status, 0, again.stderr);
    assert.equal((JSON.parse(again.stdout) as { messages: number; complete: boolean }).complete, true);
  });
});
