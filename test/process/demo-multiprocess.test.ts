// configs/demo-multiprocess.yaml end to end: `reflex run` forks three real workers that talk over
// real ZeroMQ ipc links. The test SIGKILLs the policy worker mid-run and checks that the supervisor
// restarts it, that the watchdog's actions input (the link from the policy) went stale meanwhile
// (deadline misses, a stale episode) and flowed again, that the watchdog held the robot and forwarded
// no stale action, that what the camera sent while the policy was down is counted as lost with no
// receiver, and that the run still ends cleanly with exit 0 and a summary of every process.
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MultiProcessSummary } from "../../sdk/process/launcher.js";

describe("demo-multiprocess (real worker processes, real ZeroMQ links)", function () {
  this.timeout(90_000);
  let cli: ChildProcess | undefined;
  let dir = "";

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "reflex-mp-test-"));
  });

  after(async () => {
    // Leave nothing running: the CLI takes its workers down with it; SIGKILL only if it is still up.
    if (cli && cli.exitCode === null && cli.signalCode === null) cli.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  });

  it("restarts a SIGKILLed policy worker, downstream sees stale input meanwhile, the run ends with exit 0", async () => {
    const report = join(dir, "report.json");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "sdk/cli/bin.ts", "run", "configs/demo-multiprocess.yaml", "--duration", "8", "--report", report],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    cli = child;
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    let killedPid = 0;
    const killed = new Promise<void>((resolve, reject) => {
      child.stderr!.on("data", (d: Buffer) => {
        stderr += d.toString();
        const m = /workers running: .*policy \(pid (\d+)\)/.exec(stderr);
        if (m && killedPid === 0) {
          killedPid = Number(m[1]);
          // Let the loop run a while first, so the robot has had actions and then loses them.
          setTimeout(() => {
            try {
              process.kill(killedPid, "SIGKILL");
              resolve();
            } catch (err) {
              reject(err as Error);
            }
          }, 2000);
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await killed;
    const code = await exited;

    assert.equal(code, 0, `exit code\n${stderr}`);
    assert.match(stderr, /worker policy died \(killed by SIGKILL\); restarting in 200 ms \(restart 1 of 3\)/);
    const restarted = /worker policy restarted \(pid (\d+)\)/.exec(stderr);
    assert.ok(restarted, stderr);
    assert.notEqual(Number(restarted[1]), killedPid, "the restarted policy is a new process");
    assert.match(stdout, /graph demo-multiprocess: .* on the real clock/);
    assert.match(stdout, /policy\s+stopped\s+restarts 1\s+deaths 1/);

    const s = JSON.parse(await readFile(report, "utf8")) as MultiProcessSummary;
    const proc = (n: string): MultiProcessSummary["processes"][number] => s.processes.find((p) => p.process === n)!;
    assert.deepEqual(s.processes.map((p) => [p.process, p.state]), [["camera", "stopped"], ["policy", "stopped"], ["robot", "stopped"]]);
    assert.equal(proc("policy").restarts, 1);
    assert.equal(proc("policy").last_death, "killed by SIGKILL");
    assert.equal(proc("camera").deaths, 0);
    assert.equal(proc("robot").deaths, 0);

    const actions = s.links.find((l) => l.edge === "policy/actions -> watchdog/actions");
    assert.ok(actions, JSON.stringify(s.links));
    assert.ok(actions.staleEpisodes >= 1, `actions went stale: ${JSON.stringify(actions)}`);
    assert.ok(actions.deadlineMisses >= 1, `deadline misses counted while the policy was down: ${JSON.stringify(actions)}`);
    assert.equal(actions.stale, false, "messages flowed again after the restart");
    assert.ok(actions.seqResets >= 1, "the receiver saw the new policy's sequence start over");
    // The summary covers every process: every node has a row, the restarted policy emitted again.
    assert.deepEqual(s.nodes.map((n) => n.node).sort(), ["camera", "policy", "robot", "status", "watchdog"]);
    assert.ok(s.nodes.find((n) => n.node === "policy")!.count > 0);
    const linkEdge = s.edges.find((e) => e.edge === "policy/actions -> watchdog/actions")!;
    assert.equal(linkEdge.deadline_misses, actions.deadlineMisses);
    // What the camera sent while the policy was down is lost, and counted on its edge: by the camera's
    // link sender, in the JSON report (links and edges) and on the summary's line for the edge.
    const image = s.links.find((l) => l.edge === "camera/image -> policy/image")!;
    assert.ok(image.sender && image.sender.noReceiver >= 1, `sent with no receiver while the policy was down: ${JSON.stringify(image)}`);
    assert.ok(image.sender.sent > 0);
    assert.equal(s.edges.find((e) => e.edge === "camera/image -> policy/image")!.dropped_no_receiver, image.sender.noReceiver);
    assert.match(stdout, new RegExp(`camera/image -> policy/image: .*lost with no receiver ${image.sender.noReceiver},`));
    // The watchdog, in the robot's process, held the robot while the policy was gone and never let a
    // stale action through; the fresh actions of the restarted policy ended the hold.
    const wd = s.nodes.find((n) => n.node === "watchdog")!.gauges;
    assert.ok((wd.holds ?? 0) >= 1 && (wd.hold_episodes ?? 0) >= 1, `watchdog held: ${JSON.stringify(wd)}`);
    assert.ok((wd.max_forwarded_age_ms ?? Infinity) <= 150, `oldest forwarded ${wd.max_forwarded_age_ms} ms`);
    assert.equal(wd.holding, 0, "fresh actions came back after the restart");
  });
});
