// The reflex command, run as a real child process.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const reflex = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", ...args], { encoding: "utf8", timeout: 60000 });

describe("reflex CLI", function () {
  this.timeout(90000);
  const dir = mkdtempSync(join(tmpdir(), "reflex-cli-"));

  it("validate: exit 2 and every problem with file:line:col", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "name: bad\nnodes:\n  cam:\n    type: sim-camra\n  robot:\n    type: sim-robot\n    params: { step_ms: -5 }\n");
    const r = reflex("validate", bad);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`${bad.replace(/[.]/g, "\\.")}:4:11: error: nodes\\.cam\\.type: unknown node type "sim-camra"`));
    assert.match(r.stderr, /did you mean "sim-camera"/);
    assert.match(r.stderr, /:7:24: error: nodes\.robot\.params\.step_ms/);
    assert.match(r.stderr, /2 problems found; nothing was started/);
  });

  it("validate: a model folder with a file that does not match its manifest hash is rejected before start", () => {
    const model = join(dir, "model");
    cpSync("models/tiny-vla", model, { recursive: true });
    appendFileSync(join(model, "head.onnx"), "tampered");
    const r = reflex("validate", "configs/demo.yaml", "--set", `policy.model=${model}`);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /nodes\.policy\.params\.model .*model\.yaml:\d+:\d+: stages\.head\.sha256: head\.onnx has sha256/);
    assert.match(r.stderr, /nothing was started/);
  });

  it("validate: ok for the demo", () => {
    const r = reflex("validate", "configs/demo.yaml");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /ok/);
  });

  it("run: the demo on the virtual clock prints the summary and writes the JSON report", () => {
    const report = join(dir, "report.json");
    const r = reflex("run", "configs/demo.yaml", "--clock", "virtual", "--duration", "2", "--report", report);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /graph demo: 2\.00 s on the virtual clock/);
    assert.match(r.stdout, /camera > policy > watchdog > robot/);
    const json = JSON.parse(readFileSync(report, "utf8")) as { nodes: { node: string; count: number; gauges: Record<string, number> }[] };
    assert.ok(json.nodes.find((n) => n.node === "camera")!.count >= 60);
    // The demo's watchdog sits before the robot and, in steady state, never holds it.
    assert.equal(json.nodes.find((n) => n.node === "watchdog")!.gauges.holds, 0);
  });

  it("run: --set overrides a param, and a bad --set exits 2", () => {
    const r = reflex("run", "configs/demo.yaml", "--clock", "virtual", "--duration", "1", "--set", "camera.fps=10");
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /camera\s+sim-camera\s+1[01]\s/);
    const bad = reflex("run", "configs/demo.yaml", "--set", "camera.fps=0");
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /out of range/);
  });

  it("graph: mermaid and dot", () => {
    const m = reflex("graph", "configs/demo.yaml");
    assert.equal(m.status, 0, m.stderr);
    assert.match(m.stdout, /^flowchart LR/);
    assert.match(m.stdout, /camera -->\|"image → image, latest, deadline 50 ms"\| policy/);
    const d = reflex("graph", "configs/demo.yaml", "--format", "dot");
    assert.match(d.stdout, /"camera" -> "policy"/);
    assert.match(d.stdout, /"policy" -> "watchdog"/);
    assert.match(d.stdout, /"watchdog" -> "robot"/);
  });

  it("nodes: lists every type with ports and params", () => {
    const r = reflex("nodes");
    assert.equal(r.status, 0, r.stderr);
    for (const t of ["sim-camera", "sim-robot", "joint-state", "imu", "timer", "throttle", "log", "relay", "scripted-policy"]) {
      assert.match(r.stdout, new RegExp(`^${t}  \\(`, "m"));
    }
    assert.match(r.stdout, /fps: number = 30/);
  });

  it("run: SIGINT stops gracefully and still prints the summary", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "run", "configs/demo.yaml"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    await new Promise((r) => setTimeout(r, 4000));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    assert.equal(code, 0, err);
    assert.match(err, /SIGINT: stopping/);
    assert.match(out, /graph demo: .* s on the real clock/);
  });
});
