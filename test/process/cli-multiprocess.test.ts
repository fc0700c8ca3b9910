// `reflex run` on a placed graph, as a child process: SIGTERM stops every worker cleanly (exit 0, a
// summary covering all processes); a worker that dies for good makes the exit code say so.
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  pids: Promise<Map<string, number>>;
  exit: Promise<number | null>;
}

describe("reflex run with several processes (real CLI, real workers)", function () {
  this.timeout(60_000);
  const children: ChildProcess[] = [];

  after(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  });

  const run = (args: string[], config = "configs/demo-multiprocess.yaml"): Run => {
    const child = spawn(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "run", config, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    let err = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    const pids = new Promise<Map<string, number>>((resolve) => {
      child.stderr!.on("data", (d: Buffer) => {
        err += d.toString();
        const line = /workers running: (.*)/.exec(err)?.[1];
        if (line) resolve(new Map([...line.matchAll(/(\w+) \(pid (\d+)\)/g)].map((m) => [m[1]!, Number(m[2])])));
      });
    });
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    return { child, stdout: () => out, stderr: () => err, pids, exit };
  };

  it("SIGTERM stops every worker, flushed, with exit 0 and one summary", async () => {
    const r = run([]);
    const pids = await r.pids;
    assert.deepEqual([...pids.keys()].sort(), ["camera", "policy", "robot"]);
    await new Promise((res) => setTimeout(res, 1500));
    r.child.kill("SIGTERM");
    assert.equal(await r.exit, 0, r.stderr());
    assert.match(r.stderr(), /SIGTERM: stopping workers/);
    for (const p of ["camera", "policy", "robot"]) assert.match(r.stdout(), new RegExp(`\\n  ${p}\\s+stopped\\s+restarts 0\\s+deaths 0`));
    for (const pid of pids.values()) assert.throws(() => process.kill(pid, 0), /ESRCH/, "no worker outlives the launcher");
    // Nodes from every process are in the one table.
    for (const n of ["camera", "policy", "robot", "status"]) assert.match(r.stdout(), new RegExp(`\\n  ${n}\\s+`));
  });

  it("a worker that dies with restart: never makes the exit code 1", async () => {
    const r = run(["--duration", "4"]);
    const pids = await r.pids;
    process.kill(pids.get("camera")!, "SIGKILL");
    assert.equal(await r.exit, 1, r.stderr());
    assert.match(r.stderr(), /worker\(s\) failed: camera/);
    assert.match(r.stdout(), /\n {2}camera\s+failed\s+restarts 0\s+deaths 1/);
    assert.match(r.stdout(), /camera\/image -> policy\/image: .*stale now/);
  });

  it("a worker that cannot start fails the run before anything starts, and says why", async () => {
    const dir = await mkdtemp(join(tmpdir(), "reflex-mp-cli-"));
    try {
      // A worker that cannot start: its NODE_OPTIONS are bad, so node itself exits with code 9.
      const text = (await readFile("configs/demo-multiprocess.yaml", "utf8")).replace("  robot: {}", '  robot: { env: { NODE_OPTIONS: "--no-such-flag" } }');
      assert.match(text, /no-such-flag/);
      const file = join(dir, "bad.yaml");
      await writeFile(file, text);
      const r = run(["--duration", "2"], file);
      assert.equal(await r.exit, 1, r.stderr());
      assert.match(r.stderr(), /worker robot exited \(9\) before it was ready/);
      assert.match(r.stderr(), /nothing was left running/);
      assert.doesNotMatch(r.stderr(), /workers running/);
      assert.equal(r.stdout(), "", "no summary for a run that never started");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
