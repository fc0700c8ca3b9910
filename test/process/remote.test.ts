// A process on "another board": a real `reflex agent` child process listening on 127.0.0.1 plays the
// second board, with real tcp + CurveZMQ between it and the launcher and between the workers. The
// remote worker runs, is SIGKILLed and restarted by its policy while the main board's input from it
// goes stale; a launcher with a key the agent does not trust is refused and the refusal logged; a
// plain (non-CURVE) ZeroMQ client retrying in a loop is refused and logged once per second, not once
// per attempt; `reflex validate` reports an unreachable agent. No timing assertions: each step waits for its event.
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zmq from "zeromq";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import { connectAgents } from "../../sdk/process/launcher.js";
import { planRun } from "../../sdk/process/plan.js";
import type { LinkReport } from "../../sdk/process/protocol.js";
import { AgentClient } from "../../sdk/process/remote-child.js";
import { freePorts, readRemoteKeys } from "../../sdk/process/remote-hosts.js";
import { Supervisor } from "../../sdk/process/supervisor.js";
import { generateKeyPair, readKeyPair, writeKeyFiles } from "../../sdk/transport/index.js";

const until = async (cond: () => boolean, what: string | (() => string), tries = 400): Promise<void> => {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(cond(), `timed out waiting for ${typeof what === "string" ? what : what()}`);
};

/** An agent port whose next two ports (where the remote links bind) are free too. */
async function agentPort(): Promise<number> {
  for (;;) {
    const [p] = (await freePorts(1)) as [number];
    const free = async (q: number): Promise<boolean> =>
      new Promise((res) => {
        const s = createServer().once("error", () => res(false));
        s.listen(q, "127.0.0.1", () => s.close(() => res(true)));
      });
    if ((await free(p + 1)) && (await free(p + 2))) return p;
  }
}

describe("remote hosts: a worker on another board through `reflex agent` (real child processes, tcp + CurveZMQ)", function () {
  this.timeout(90_000);
  let dir = "";
  let port = 0;
  let agent: ChildProcess | undefined;
  let agentLog = "";
  const live: Supervisor[] = [];
  const agents: AgentClient[] = [];

  const configText = (p: number, secret: string, trusted: string): string => `name: remote
processes:
  brain:
    host: 127.0.0.1:${p}
    restart: on-failure
    max_restarts: 2
    backoff_ms: 50
    keys: { secret: ${secret}, trusted: [${trusted}] }
nodes:
  robot:
    type: sim-robot
    params: { step_ms: 50 }
    inputs:
      actions: policy/actions
  camera:
    type: sim-camera
    params: { width: 16, height: 16, fps: 20 }
    inputs:
      world: robot/world
  policy:
    type: scripted-policy
    process: brain
    inputs:
      image: { from: camera/image, deadline_ms: 200 }
      instruction: robot/instruction
`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "reflex-remote-test-"));
    await writeKeyFiles(dir, "main", generateKeyPair());
    await writeKeyFiles(dir, "board2", generateKeyPair());
    await writeKeyFiles(dir, "intruder", generateKeyPair());
    port = await agentPort();
    agent = spawn(
      process.execPath,
      ["--import", "tsx", "sdk/cli/bin.ts", "agent", "--listen", `tcp://127.0.0.1:${port}`, "--secret", join(dir, "board2.key_secret"), "--trust", join(dir, "main.key")],
      { stdio: ["ignore", "inherit", "pipe"] },
    );
    agent.stderr!.on("data", (d: Buffer) => (agentLog += d.toString()));
    await until(() => /reflex agent listening on tcp:\/\/127\.0\.0\.1:\d+/.test(agentLog), () => `the agent to listen:\n${agentLog}`);
  });

  afterEach(async () => {
    for (const s of live.splice(0)) await s.stop(200);
    for (const a of agents.splice(0)) await a.close();
  });

  after(async () => {
    if (agent && agent.exitCode === null) {
      const exited = new Promise((r) => agent!.once("exit", r));
      agent.kill("SIGTERM");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it("runs a process on the agent's board, restarts it after SIGKILL, and the main board's input from it goes stale meanwhile", async () => {
    const file = join(dir, "remote.yaml");
    await writeFile(file, configText(port, join(dir, "main.key_secret"), join(dir, "board2.key")));
    const r = await loadConfigFile(file, { registry: builtinRegistry() });
    assert.ok(r.graph, JSON.stringify(r.diagnostics));
    const keys = await readRemoteKeys(r.graph.processes);
    const plan = planRun(r.graph, await mkdtemp(join(dir, "run-")), { keys, localPorts: await freePorts(r.graph.edges.length) });
    // Between the boards: tcp on loopback with CurveZMQ; the brain's output binds after the agent's port.
    const actionsLink = plan.links.find((l) => l.edge === "policy/actions -> robot/actions")!;
    assert.equal(actionsLink.endpoint, `tcp://127.0.0.1:${port + 1}`);
    assert.ok(plan.links.every((l) => l.endpoint.startsWith("tcp://127.0.0.1:") && l.curve), JSON.stringify(plan.links));
    const clients = new Map<string, AgentClient>();
    await connectAgents(plan, file, clients);
    agents.push(...clients.values());
    let onRestart: (pid: number) => void = () => undefined;
    const restarted = new Promise<number>((res) => (onRestart = res));
    const deaths: string[] = [];
    const sup = new Supervisor(
      plan,
      { configFile: file, note: () => undefined, spawnRemote: (p) => clients.get(p.remote!.agentEndpoint)!.spawn(p.name, p.env) },
      { onDeath: (name, why) => deaths.push(`${name}: ${why}`), onRestarted: (_n, pid) => onRestart(pid) },
    );
    live.push(sup);
    await sup.start();
    const actions = (): LinkReport | undefined => sup.reports().find((x) => x.process === "main")?.links.find((l) => l.edge === actionsLink.edge);
    await until(() => (actions()?.delivered ?? 0) > 0, "the robot to get actions from the remote policy");
    const brain = sup.workers.get("brain")!;
    const pid = brain.pid!;
    assert.ok(pid > 0 && pid !== agent!.pid, "the agent forked the worker");
    assert.ok(agentLog.includes(`worker brain started (pid ${pid})`), agentLog);
    process.kill(pid, "SIGKILL");
    const newPid = await restarted;
    assert.notEqual(newPid, pid);
    assert.equal(deaths[0], "brain: killed by SIGKILL");
    await until(() => (actions()?.seqResets ?? 0) >= 1 && actions()?.stale === false, "actions from the restarted remote policy");
    // The robot's input has no deadline: it went stale because its producer died.
    assert.ok(actions()!.staleEpisodes >= 1, JSON.stringify(actions()));
    await sup.stop();
    assert.deepEqual(sup.failed, []);
    assert.deepEqual([...sup.workers.values()].map((w) => w.state), ["stopped", "stopped"]);
    const brainReport = sup.reports().find((x) => x.process === "brain")!;
    assert.ok(brainReport.links.find((l) => l.edge === "camera/image -> policy/image")!.delivered > 0, "frames crossed to the remote board");
    assert.equal(brainReport.pid, newPid);
  });

  it("refuses a launcher whose key the agent does not trust, and logs the refusal", async () => {
    const intruder = await readKeyPair(join(dir, "intruder.key_secret"));
    const board2 = await readKeyPair(join(dir, "board2.key_secret"));
    const client = new AgentClient({ endpoint: `tcp://127.0.0.1:${port}`, serverKey: board2.publicKey, keys: intruder, configText: "" });
    await assert.rejects(client.connect(1500), /refused this board's key .*--trust/);
    await until(() => agentLog.includes(`CurveZMQ key ${intruder.publicKey} is not trusted`), () => `the refusal in the agent's log:\n${agentLog}`);
  });

  it("logs a plain (non-CURVE) ZeroMQ client's attempts once per second, with how many the line stands for", async () => {
    const lines = (): { count: number; msg: string }[] =>
      agentLog
        .split("\n")
        .flatMap((l) => {
          try {
            return l.startsWith("{") ? [JSON.parse(l) as { count: number; msg: string }] : [];
          } catch {
            return []; // a line still being written
          }
        })
        .filter((l) => /without CurveZMQ \(plain ZeroMQ\)/.test(l.msg));
    const before = lines().length;
    // Real DEALERs without CurveZMQ, a new one every 40 ms for 2.5 s (~60 attempts): libzmq does not
    // reconnect a socket whose handshake failed, so a peer that keeps trying opens new connections.
    const t0 = Date.now();
    let attempts = 0;
    while (Date.now() - t0 < 2500) {
      const plain = new zmq.Dealer({ linger: 0 });
      plain.connect(`tcp://127.0.0.1:${port}`);
      attempts++;
      await new Promise((r) => setTimeout(r, 40));
      plain.close();
    }
    await until(() => lines().slice(before).length > 0, () => `a line about the plain clients in the agent's log:\n${agentLog}`);
    const seconds = (Date.now() - t0) / 1000;
    const mine = lines().slice(before);
    assert.match(mine[0]!.msg, new RegExp(`^refused a connection on tcp://127\\.0\\.0\\.1:${port} without CurveZMQ \\(plain ZeroMQ\\): only a launcher with CurveZMQ keys may connect`));
    assert.ok(mine.length <= Math.ceil(seconds) + 1, `${mine.length} lines in ${seconds.toFixed(1)} s: one per second at most\n${agentLog}`);
    // The lines stand for many attempts (their counts), not one each.
    const counted = mine.reduce((a, l) => a + l.count, 0);
    assert.ok(counted > mine.length, `${counted} attempts in ${mine.length} lines (${attempts} clients connected)`);
  });

  it("`reflex validate` reports an unreachable agent, and a remote host without keys", async () => {
    const [nobody] = await freePorts(1);
    const file = join(dir, "unreachable.yaml");
    await writeFile(file, configText(nobody!, join(dir, "main.key_secret"), join(dir, "board2.key")));
    const bad = join(dir, "nokeys.yaml");
    await writeFile(bad, configText(nobody!, "x", "y").replace(/    keys: .*\n/, ""));
    const validate = (f: string): Promise<{ code: number | null; err: string }> =>
      new Promise((res) => {
        const c = spawn(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "validate", f], { stdio: ["ignore", "ignore", "pipe"] });
        let err = "";
        c.stderr!.on("data", (d: Buffer) => (err += d.toString()));
        c.on("exit", (code) => res({ code, err }));
      });
    const unreachable = await validate(file);
    assert.equal(unreachable.code, 2, unreachable.err);
    assert.match(unreachable.err, new RegExp(`unreachable\\.yaml:\\d+:\\d+: error: processes\\.brain\\.host: .*no \`reflex agent\` answered`));
    const nokeys = await validate(bad);
    assert.equal(nokeys.code, 2, nokeys.err);
    assert.match(nokeys.err, /runs on another host \(127\.0\.0\.1:\d+\) but references no CurveZMQ keys/);
  });
});
