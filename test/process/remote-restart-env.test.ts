// A restarted worker on another board gets what a restarted local worker gets: REFLEX_RESTART (its
// recorders write `<name>.<k>.mcap` instead of truncating the file before) and REFLEX_RUN_START_NS on
// that board's clock. First the translation itself (pure), then end to end: a real `reflex agent`
// child process, a real record node in the remote worker, SIGKILLed and restarted by its policy.
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import { agentWorkerEnv, toAgentSpawn } from "../../sdk/process/agent-env.js";
import { connectAgents } from "../../sdk/process/launcher.js";
import { planRun } from "../../sdk/process/plan.js";
import type { AgentClient } from "../../sdk/process/remote-child.js";
import { freePorts, readRemoteKeys } from "../../sdk/process/remote-hosts.js";
import { Supervisor } from "../../sdk/process/supervisor.js";
import { generateKeyPair, writeKeyFiles } from "../../sdk/transport/index.js";

const until = async (cond: () => boolean, what: string | (() => string), tries = 400): Promise<void> => {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(cond(), `timed out waiting for ${typeof what === "string" ? what : what()}`);
};

describe("remote restart env: translation between the boards' clocks", () => {
  it("sends the run's age instead of the launcher's clock reading, and the agent rebuilds the start on its own clock", () => {
    // Launcher's clock: run started at 5e12, spawn sent at 5e12 + 1.25 s. The agent's clock is elsewhere.
    const wire = toAgentSpawn({ A: "1", REFLEX_RESTART: "2", REFLEX_RUN_START_NS: "5000000000000" }, 5e12 + 1.25e9);
    assert.deepEqual(wire, { env: { A: "1", REFLEX_RESTART: "2" }, runElapsedNs: 1.25e9 });
    const agentNow = 42e9;
    const got = agentWorkerEnv(wire.env, wire.runElapsedNs, agentNow);
    assert.equal(got.problem, undefined);
    assert.equal(got.restart, 2);
    assert.deepEqual(got.env, { A: "1", REFLEX_RESTART: "2", REFLEX_RUN_START_NS: String(agentNow - 1.25e9) });
  });

  it("a first start carries no run start, and a launcher's raw clock reading never reaches the worker", () => {
    assert.deepEqual(toAgentSpawn({ REFLEX_RESTART: "0" }, 1e9), { env: { REFLEX_RESTART: "0" } });
    assert.deepEqual(toAgentSpawn({ REFLEX_RUN_START_NS: "garbage" }, 1e9), { env: {} });
    const got = agentWorkerEnv({ REFLEX_RUN_START_NS: "123", REFLEX_RESTART: "0" }, undefined, 9e9);
    assert.deepEqual(got, { env: { REFLEX_RESTART: "0" }, restart: 0 });
  });

  it("ignores and reports what a spawn frame from another version gets wrong, keeping the rest", () => {
    const got = agentWorkerEnv({ A: "1", B: 7, REFLEX_RESTART: "one" }, -5, 1e9);
    assert.deepEqual(got.env, { A: "1" });
    assert.equal(got.restart, 0);
    assert.match(got.problem ?? "", /env\.B is number, not a string/);
    assert.match(got.problem ?? "", /runElapsedNs -5 is not a duration/);
    assert.match(got.problem ?? "", /REFLEX_RESTART="one" is not a restart count/);
    assert.match(agentWorkerEnv(["x"], undefined, 1).problem ?? "", /env is an array/);
    assert.deepEqual(agentWorkerEnv(undefined, undefined, 1), { env: {}, restart: 0 });
  });
});

describe("remote restart env: a recorder on another board, restarted, writes a new part (real agent, tcp + CurveZMQ)", function () {
  this.timeout(90_000);
  let dir = "";
  let agent: ChildProcess | undefined;
  let agentLog = "";
  let sup: Supervisor | undefined;
  const clients = new Map<string, AgentClient>();

  after(async () => {
    await sup?.stop(200);
    for (const c of clients.values()) await c.close();
    if (agent && agent.exitCode === null) {
      const exited = new Promise((r) => agent!.once("exit", r));
      agent.kill("SIGTERM");
      await exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("gives the restarted remote worker REFLEX_RESTART=1 and a run start on the agent's clock", async () => {
    dir = await mkdtemp(join(tmpdir(), "reflex-remote-restart-"));
    await writeKeyFiles(dir, "main", generateKeyPair());
    await writeKeyFiles(dir, "board2", generateKeyPair());
    const [port] = (await freePorts(1)) as [number];
    agent = spawn(
      process.execPath,
      ["--import", "tsx", "sdk/cli/bin.ts", "agent", "--listen", `tcp://127.0.0.1:${port}`, "--secret", join(dir, "board2.key_secret"), "--trust", join(dir, "main.key")],
      { stdio: ["ignore", "inherit", "pipe"] },
    );
    agent.stderr!.on("data", (d: Buffer) => (agentLog += d.toString()));
    await until(() => /reflex agent listening on tcp:\/\/127\.0\.0\.1:\d+/.test(agentLog), () => `the agent to listen:\n${agentLog}`);

    const recFile = join(dir, "rec.mcap");
    const file = join(dir, "restart.yaml");
    await writeFile(
      file,
      `name: remote-restart
processes:
  board2:
    host: 127.0.0.1:${port}
    restart: on-failure
    max_restarts: 2
    backoff_ms: 50
    keys: { secret: ${join(dir, "main.key_secret")}, trusted: [${join(dir, "board2.key")}] }
nodes:
  tick:
    type: timer
    params: { rate_hz: 50 }
  rec:
    type: record
    process: board2
    params: { file: ${recFile}, ports: { in: reflex.Tick }, chunk_ms: 50, sync: false }
    inputs:
      in: tick/tick
`,
    );
    const r = await loadConfigFile(file, { registry: builtinRegistry() });
    assert.ok(r.graph, JSON.stringify(r.diagnostics));
    const keys = await readRemoteKeys(r.graph.processes);
    // The one edge goes from this board to board2: its sender binds here, on one of these free ports.
    const plan = planRun(r.graph, await mkdtemp(join(dir, "run-")), { keys, localPorts: await freePorts(r.graph.edges.length) });
    await connectAgents(plan, file, clients);
    let onRestart: (pid: number) => void = () => undefined;
    const restarted = new Promise<number>((res) => (onRestart = res));
    sup = new Supervisor(
      plan,
      { configFile: file, note: () => undefined, spawnRemote: (p) => clients.get(p.remote!.agentEndpoint)!.spawn(p.name, p.env) },
      { onRestarted: (_n, pid) => onRestart(pid) },
    );
    const startedAt = Date.now();
    await sup.start();
    const s = sup;
    const gauges = (): Record<string, number> | undefined => s.reports().find((x) => x.process === "board2")?.summary.nodes.find((n) => n.node === "rec")?.gauges;
    await until(() => (gauges()?.["flushed"] ?? 0) > 0, () => `the remote recorder to flush: ${JSON.stringify(gauges())}`);
    assert.equal(gauges()!["part"], 0);
    const pid = s.workers.get("board2")!.pid!;
    const sizeBefore = (await stat(recFile)).size;
    assert.ok(sizeBefore > 0);

    process.kill(pid, "SIGKILL");
    const newPid = await restarted;
    assert.notEqual(newPid, pid);
    const newGauges = (): Record<string, number> | undefined => {
      const rep = s.reports().find((x) => x.process === "board2");
      return rep?.pid === newPid ? rep.summary.nodes.find((n) => n.node === "rec")?.gauges : undefined;
    };
    await until(() => (newGauges()?.["flushed"] ?? 0) > 0, () => `the restarted recorder to flush: ${JSON.stringify(newGauges())}`);
    // The restarted recorder saw REFLEX_RESTART=1: it writes part 1 and left part 0 alone.
    assert.equal(newGauges()!["part"], 1);
    const sinceStartMs = Date.now() - startedAt;
    await s.stop();
    assert.deepEqual(s.failed, []);
    assert.ok((await stat(join(dir, "rec.1.mcap"))).size > 0, "rec.1.mcap written by the restarted worker");
    assert.ok((await stat(recFile)).size >= sizeBefore, "rec.mcap not truncated by the restart");

    // The agent logged the restart count and the run's age it rebuilt on its own clock.
    const m = new RegExp(`worker board2 started \\(pid ${newPid}, restart 1, run started (\\d+) ms ago\\)`).exec(agentLog);
    assert.ok(m, agentLog);
    const ageMs = Number(m[1]);
    assert.ok(ageMs > 0 && ageMs <= sinceStartMs, `run age ${ageMs} ms at the restart, ${sinceStartMs} ms since start`);
  });
});
