// The supervisor with real forked workers and real ZeroMQ links: a hung worker (SIGSTOP) is found by
// its missing heartbeats and restarted; restart: never leaves a dead worker failed and its consumers'
// inputs stale; on-failure gives up after max_restarts. No timing assertions: each test waits for
// the event it is about.
import { strict as assert } from "node:assert";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import { planRun } from "../../sdk/process/plan.js";
import type { LinkReport } from "../../sdk/process/protocol.js";
import { Supervisor } from "../../sdk/process/supervisor.js";

const config = `name: sup
processes:
  cam: {}
  brain: { restart: on-failure, max_restarts: 1, backoff_ms: 50 }
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

describe("supervisor (real worker processes)", function () {
  this.timeout(60_000);
  let dir = "";
  let file = "";
  const live: Supervisor[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "reflex-sup-test-"));
    file = join(dir, "sup.yaml");
    await writeFile(file, config);
  });

  afterEach(async () => {
    // Whatever a failing test left running goes down here.
    for (const s of live.splice(0)) await s.stop(200);
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (notes: string[]): Promise<{ sup: Supervisor; deaths: string[]; restarted: Promise<number> }> => {
    const r = await loadConfigFile(file, { registry: builtinRegistry() });
    assert.ok(r.graph, JSON.stringify(r.diagnostics));
    const runDir = await mkdtemp(join(dir, "run-"));
    const deaths: string[] = [];
    let onRestart: (pid: number) => void = () => undefined;
    const restarted = new Promise<number>((resolve) => (onRestart = resolve));
    const sup = new Supervisor(
      planRun(r.graph, runDir),
      { configFile: file, note: (l) => notes.push(l) },
      { onDeath: (name, why) => deaths.push(`${name}: ${why}`), onRestarted: (_n, pid) => onRestart(pid) },
    );
    live.push(sup);
    await sup.start();
    return { sup, deaths, restarted };
  };

  const until = async (cond: () => boolean, what: string): Promise<void> => {
    for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(cond(), `timed out waiting for ${what}`);
  };

  it("finds a hung worker by its missing heartbeats, kills and restarts it", async () => {
    const notes: string[] = [];
    const { sup, deaths, restarted } = await start(notes);
    const actions = (): LinkReport | undefined =>
      sup.reports().find((r) => r.process === "main")?.links.find((l) => l.edge === "policy/actions -> robot/actions");
    await until(() => (actions()?.delivered ?? 0) > 0, "the robot to get actions");
    const brain = sup.workers.get("brain")!;
    const hungPid = brain.pid!;
    process.kill(hungPid, "SIGSTOP");
    const newPid = await restarted;
    assert.notEqual(newPid, hungPid);
    assert.match(deaths[0] ?? "", /^brain: no heartbeat for \d+ ms \(hung\)$/);
    assert.equal(brain.restarts, 1);
    // Let the new policy's actions reach the robot again, then stop cleanly.
    await until(() => (actions()?.seqResets ?? 0) >= 1 && actions()?.stale === false, "the robot to get the new policy's actions");
    assert.ok(actions()!.staleEpisodes >= 1, "the actions went stale while the policy hung");
    await sup.stop();
    assert.deepEqual(sup.failed, []);
    assert.deepEqual([...sup.workers.values()].map((w) => w.state), ["stopped", "stopped", "stopped"]);
    assert.throws(() => process.kill(hungPid, 0), /ESRCH/, "the hung worker was killed");
  });

  it("restart: never leaves a dead worker failed, and its consumer's input stale until the end", async () => {
    const notes: string[] = [];
    const { sup, deaths } = await start(notes);
    process.kill(sup.workers.get("cam")!.pid!, "SIGKILL");
    await until(() => deaths.length > 0, "the camera's death to be noticed");
    assert.equal(deaths[0], "cam: killed by SIGKILL");
    assert.ok(notes.some((n) => /worker cam died \(killed by SIGKILL\); restart: never/.test(n)), notes.join("\n"));
    // Wait for a report taken after the death that shows the policy's image input stale.
    await until(() => sup.reports().find((r) => r.process === "brain")?.links.find((l) => l.edge === "camera/image -> policy/image")?.stale === true, "a stale report");
    await sup.stop();
    assert.deepEqual(sup.failed, ["cam"]);
    const image = sup.reports().find((r) => r.process === "brain")!.links.find((l) => l.edge === "camera/image -> policy/image")!;
    assert.equal(image.stale, true, "no frame came after the camera died");
    assert.ok(image.deadlineMisses >= 1);
    assert.equal(sup.workers.get("brain")!.state, "stopped");
  });

  it("on-failure gives up after max_restarts", async () => {
    const notes: string[] = [];
    const { sup, deaths, restarted } = await start(notes);
    process.kill(sup.workers.get("brain")!.pid!, "SIGKILL");
    const second = await restarted;
    process.kill(second, "SIGKILL");
    await until(() => deaths.length >= 2, "the second death");
    assert.ok(notes.some((n) => /worker brain died \(killed by SIGKILL\); gave up after 1 restarts/.test(n)), notes.join("\n"));
    await sup.stop();
    assert.deepEqual(sup.failed, ["brain"]);
    assert.equal(sup.workers.get("brain")!.restarts, 1);
  });
});
