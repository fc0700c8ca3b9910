// Output paths (--report, --record, --junit, --html, --json, --out) are checked before anything runs:
// the real CLI bundle (dist/cli.js, `npm run build`) as a child process, on real folders.
import { strict as assert } from "node:assert";
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// root may write into a read-only folder; such a folder stops only another user, so as root the child runs as nobody.
const asOtherUser: SpawnSyncOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function reflex(args: readonly string[], extra: SpawnSyncOptions = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["dist/cli.js", ...args], { encoding: "utf8", timeout: 50_000, ...extra });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr), seconds };
}

// Every refused run asks for --duration 60 (HIL: scenarios of 5 s and more); a refusal takes only the CLI's
// start-up, which is well under a second on an idle machine but several seconds on a loaded 2-core CI VM.
// Half the duration separates the two on any machine.
const QUICK_S = 30;

function refusedEarly(r: ReturnType<typeof reflex>, option: string, path: string, why: RegExp): void {
  assert.equal(r.status, 2, `exit ${r.status}, ${r.seconds.toFixed(1)} s; stderr:\n${r.stderr}`);
  assert.ok(r.seconds < QUICK_S, `took ${r.seconds.toFixed(1)} s: the run started before the path was checked`);
  assert.ok(r.stderr.includes(`${option} ${path}:`), `stderr names neither ${option} nor ${path}:\n${r.stderr}`);
  assert.match(r.stderr, why);
  assert.match(r.stderr, /nothing was started/);
  assert.doesNotMatch(r.stderr, /^\s+at /m, "no stack trace");
}

describe("output paths are checked before the run (real CLI, real folders)", function () {
  this.timeout(120_000);
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "reflex-outpaths-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reflex run --report in a missing folder: exit 2 at once, naming the option and the path", () => {
    const report = join(dir, "no-such-folder", "report.json");
    const r = reflex(["run", "configs/demo-scripted.yaml", "--duration", "60", "--report", report]);
    refusedEarly(r, "--report", report, /the folder .*no-such-folder does not exist; create it \(mkdir -p/);
  });

  it("reflex run --record in a missing folder: exit 2 at once", () => {
    const rec = join(dir, "missing", "run.mcap");
    const r = reflex(["run", "configs/demo-scripted.yaml", "--duration", "60", "--record", rec]);
    refusedEarly(r, "--record", rec, /does not exist/);
  });

  it(`reflex run --report in a read-only folder: exit 2 at once${asOtherUser.uid !== undefined ? " (run as nobody: root writes anywhere)" : ""}`, () => {
    const ro = join(dir, "read-only");
    spawnSync("mkdir", [ro]);
    chmodSync(dir, 0o755);
    chmodSync(ro, 0o555);
    const report = join(ro, "report.json");
    const r = reflex(["run", "configs/demo-scripted.yaml", "--duration", "60", "--report", report], asOtherUser);
    refusedEarly(r, "--report", report, /the folder .*read-only is not writable/);
  });

  it("reflex run --report naming a folder, or inside a file: exit 2 at once", () => {
    refusedEarly(reflex(["run", "configs/demo-scripted.yaml", "--duration", "60", "--report", dir]), "--report", dir, /is a folder; give the path of a file/);
    const file = join(dir, "plain-file");
    writeFileSync(file, "x");
    const inside = join(file, "report.json");
    refusedEarly(reflex(["run", "configs/demo-scripted.yaml", "--duration", "60", "--report", inside]), "--report", inside, /is not a folder/);
  });

  it("reflex run with good --report and --record paths still writes both", () => {
    const report = join(dir, "report.json");
    const rec = join(dir, "run.mcap");
    const r = reflex(["run", "configs/demo-scripted.yaml", "--clock", "virtual", "--duration", "1", "--report", report, "--record", rec]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok((JSON.parse(readFileSync(report, "utf8")) as { nodes: unknown[] }).nodes.length > 0);
    assert.ok(existsSync(rec));
  });

  it("reflex hil run --junit / --html / --json in a missing folder, --out on a file: exit 2 before any scenario runs", () => {
    const scenario = "hil-tests/scenarios/demo-steady-real.yaml"; // 5 s on the real clock if it ran
    for (const option of ["--junit", "--html", "--json"]) {
      const path = join(dir, "missing", `report-${option.slice(2)}`);
      const r = reflex(["hil", "run", scenario, option, path]);
      refusedEarly(r, option, path, /does not exist/);
      assert.doesNotMatch(r.stderr, /running demo-steady-real/);
    }
    const file = join(dir, "plain-file");
    writeFileSync(file, "x");
    refusedEarly(reflex(["hil", "run", scenario, "--out", file]), "--out", file, /is a file, not a folder/);
  });

  it(`reflex hil run --out under a read-only folder: exit 2 at once${asOtherUser.uid !== undefined ? " (run as nobody: root writes anywhere)" : ""}`, () => {
    const ro = join(dir, "read-only");
    spawnSync("mkdir", [ro]);
    chmodSync(dir, 0o755);
    chmodSync(ro, 0o555);
    const out = join(ro, "graphs", "as-run");
    const r = reflex(["hil", "run", "hil-tests/scenarios/demo-steady-real.yaml", "--out", out], asOtherUser);
    refusedEarly(r, "--out", out, /the folder .*read-only is not writable/);
  });

  it("reflex hil run with good paths still writes its reports (and creates a missing --out folder)", () => {
    const junit = join(dir, "j.xml");
    const json = join(dir, "r.json");
    const out = join(dir, "new", "graphs");
    const r = reflex(["hil", "run", "test/hil/fixtures/impossible.yaml", "--junit", junit, "--json", json, "--out", out]);
    assert.equal(r.status, 1, r.stderr); // the fixture's budget is impossible by design
    assert.match(readFileSync(junit, "utf8"), /<testsuites?/);
    assert.equal((JSON.parse(readFileSync(json, "utf8")) as { name: string }[])[0]?.name, "impossible");
    assert.ok(existsSync(out));
  });
});
