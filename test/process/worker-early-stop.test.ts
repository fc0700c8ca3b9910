// A worker told to stop before it has even loaded its modules (a restarted worker the run ended on, on a
// slow machine) stops and reports: the launcher's messages that arrive while it loads are not dropped,
// and it does not wait for a welcome from senders that will never come.
import { strict as assert } from "node:assert";
import { fork } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import { planRun } from "../../sdk/process/plan.js";
import type { FromWorker, ToWorker } from "../../sdk/process/protocol.js";

// The brain's image comes from the cam process, which is never started here: no welcome ever comes.
const config = `name: early-stop
processes:
  cam: {}
  brain: {}
nodes:
  robot:
    type: sim-robot
    params: { step_ms: 50 }
    inputs:
      actions: { from: policy/actions, deadline_ms: 100 }
  camera:
    type: sim-camera
    process: cam
    params: { width: 16, height: 16, fps: 30 }
    inputs:
      world: robot/world
  policy:
    type: scripted-policy
    process: brain
    inputs:
      image: { from: camera/image, deadline_ms: 100 }
      instruction: robot/instruction
`;

describe("worker told to stop while it is still loading", function () {
  this.timeout(60_000);
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "reflex-early-stop-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("obeys setup, draining and stop sent at once after the fork: stops without its senders, reports, exits 0", async () => {
    const file = join(dir, "early-stop.yaml");
    await writeFile(file, config);
    const r = await loadConfigFile(file, { registry: builtinRegistry() });
    assert.ok(r.graph, JSON.stringify(r.diagnostics));
    const plan = planRun(r.graph, await mkdtemp(join(dir, "run-"))).processes.find((p) => p.name === "brain")!;
    const child = fork(fileURLToPath(new URL("../../sdk/cli/worker-entry.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, ...plan.env, REFLEX_PROCESS: plan.name, REFLEX_RESTART: "1" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
    });
    const outcome = new Promise<FromWorker>((resolve) => {
      child.on("message", (m: FromWorker) => {
        if (m.t === "stopped" || m.t === "failed") resolve(m);
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const toWorker = (m: ToWorker): void => void child.send(m);
    toWorker({ t: "setup", setup: { configFile: file, sets: [], logLevel: "error", plan, heartbeatMs: 100 } });
    toWorker({ t: "draining" });
    toWorker({ t: "stop", flushMs: 200 });
    try {
      const m = await outcome;
      assert.equal(m.t, "stopped", JSON.stringify(m));
      if (m.t === "stopped") assert.equal(m.report.process, "brain");
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  });
});
