// Bad input on the real command line, run as a child process: numbers that would mean "off" (infinity,
// NaN, durations past what a timer holds, seeds past 32 bits), YAML aliases that cannot be expanded,
// malformed --set strings and log levels. Each is exit 2 with what and where (file:line:col, or the
// option), and never a stack trace.
import { strict as assert } from "node:assert";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const reflex = (...args: string[]): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", ...args], { encoding: "utf8", timeout: 60000 });

/** Exit 2, and stderr says something but shows no stack trace and no JavaScript error name. */
function usageError(r: SpawnSyncReturns<string>): string {
  assert.equal(r.status, 2, `exit ${String(r.status)}\n${r.stdout}\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^\s+at \S/m, "no stack trace");
  assert.doesNotMatch(r.stderr, /\b[A-Z][A-Za-z]*Error\b/, "no JavaScript error name");
  return r.stderr;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("reflex CLI: bad numbers, aliases, --set and options", function () {
  this.timeout(120000);
  const dir = mkdtempSync(join(tmpdir(), "reflex-bad-input-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it("validate: deadline_ms .inf, .nan and 1e400 are each an error at file:line:col", () => {
    const f = file(
      "inf.yaml",
      [
        "name: inf",
        "nodes:",
        "  tick:",
        "    type: timer",
        "  watchdog:",
        "    type: watchdog",
        "    params: { deadline_ms: .inf }",
        "    inputs:",
        "      actions: { from: policy/out, deadline_ms: .nan }",
        "  policy:",
        "    type: relay",
        "    params: { message: reflex.ActionChunk }",
        "    inputs:",
        "      in: { from: watchdog/command, delay_ms: 1e400 }",
        "",
      ].join("\n"),
    );
    const err = usageError(reflex("validate", f));
    assert.match(err, new RegExp(`${esc(f)}:7:28: error: nodes\\.watchdog\\.params\\.deadline_ms: \\.inf is not a finite number`));
    assert.match(err, new RegExp(`${esc(f)}:9:49: error: nodes\\.watchdog\\.inputs\\.actions\\.deadline_ms: \\.nan is not a finite number`));
    assert.match(err, new RegExp(`${esc(f)}:14:47: error: nodes\\.policy\\.inputs\\.in\\.delay_ms: 1e400 is not a finite number`));
  });

  it("run: --set watchdog.deadline_ms=.inf is exit 2 against --set; nothing starts", () => {
    const err = usageError(reflex("run", "configs/demo-scripted.yaml", "--clock", "virtual", "--duration", "1", "--set", "watchdog.deadline_ms=.inf"));
    assert.match(err, /--set:0:0: error: nodes\.watchdog\.params\.deadline_ms: Infinity is not a finite number \(from --set watchdog\.deadline_ms=\.inf\)/);
    assert.match(err, /nothing was started/);
  });

  for (const duration of ["2200000", "inf", "Infinity"]) {
    it(`run: --duration ${duration} is exit 2 naming the option (2200000 s used to end the run after 1 ms, exit 0)`, () => {
      const err = usageError(reflex("run", "configs/demo-scripted.yaml", "--duration", duration));
      assert.match(err, new RegExp(`option '--duration <seconds>' argument '${duration}' is invalid`));
      assert.match(err, /<= 2147483\.647/);
    });
  }

  it("eval: --seed past 32 bits is exit 2 naming the option", () => {
    const err = usageError(reflex("eval", "configs/demo-scripted.yaml", "--episodes", "1", "--seed", "4294967296"));
    assert.match(err, /option '--seed <s>' argument '4294967296' is invalid\. 4294967296 is out of range; expected a seed: an integer >= 0 and <= 4294967295/);
  });

  it("validate: an alias to no anchor and an alias bomb are errors at their line", () => {
    const undefinedAlias = file("alias.yaml", "name: a\nnodes:\n  tick:\n    type: timer\n    params: *tick_params\n");
    let err = usageError(reflex("validate", undefinedAlias));
    assert.match(err, new RegExp(`${esc(undefinedAlias)}:5:13: error: alias "\\*tick_params" refers to no anchor`));
    const lines = ["name: bomb", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i <= 9; i++) lines.push(`l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(", ")}]`);
    lines.push("nodes: { tick: { type: timer, description: *l9 } }");
    const bomb = file("bomb.yaml", `${lines.join("\n")}\n`);
    err = usageError(reflex("validate", bomb));
    assert.match(err, new RegExp(`${esc(bomb)}:12:\\d+: error: aliases expand this document too far`));
  });

  it("hil run: a scenario with an alias to no anchor is exit 2 at its line", () => {
    const s = file("scenario.yaml", `name: s\ngraph: ${join(process.cwd(), "configs/demo-scripted.yaml")}\nduration_s: 1\nfaults: *faults\n`);
    const err = usageError(reflex("hil", "run", s));
    assert.match(err, new RegExp(`${esc(s)}:4:9: error: alias "\\*faults" refers to no anchor`));
  });

  it("run: malformed --set strings (no =, no node, an alias, bad YAML) are exit 2, each said", () => {
    const err = usageError(
      reflex("run", "configs/demo-scripted.yaml", "--set", "camera.fps", "--set", ".fps=3", "--set", "camera.fps=*x", "--set", "camera.fps=[1"),
    );
    assert.match(err, /cannot read --set "camera\.fps": it has no "="/);
    assert.match(err, /cannot read --set "\.fps=3": "\.fps" names no node/);
    assert.match(err, /cannot read the value of --set "camera\.fps=\*x": "\*x" is a YAML alias/);
    assert.match(err, /cannot read the value of --set "camera\.fps=\[1"/);
    assert.match(err, /4 problems found; nothing was started/);
  });

  it("run: a bad --log-level is exit 2 with the levels (it was a stack trace from pino)", () => {
    const err = usageError(reflex("run", "configs/demo-scripted.yaml", "--clock", "virtual", "--duration", "1", "--log-level", "loud"));
    assert.match(err, /option '--log-level <level>' argument 'loud' is invalid\. "loud" is not a log level: use one of fatal, error, warn, info, debug, trace, silent/);
  });
});
