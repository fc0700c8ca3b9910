// A launcher that goes away without its normal end leaves nothing behind: SIGKILLed, its workers stop
// on their own (the IPC channel closed) and the last one out removes the run dir; a double Ctrl-C
// exits at once with code 130, the run dir goes with it, and no worker prints a stack trace.
// Real CLI (the bundle), real workers, real ZeroMQ ipc sockets; TMPDIR is a fresh dir per run, so whatever the run
// dir of that run was, it is the only reflex-run-* that could be in it.
import { strict as assert } from "node:assert";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Launch {
  readonly child: ChildProcess;
  readonly stderr: () => string;
  /** Worker pids by process name, once all run. */
  readonly pids: Promise<Map<string, number>>;
  /** The launcher's exit: code or signal. */
  readonly exit: Promise<number | string | null>;
  /** Every writer of the launcher's stderr pipe closed: the launcher and all its workers are gone. */
  readonly closed: Promise<void>;
}

/** Gone, or a zombie nobody reaped yet (an orphan's new parent may be slow to): it runs no more code. */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

describe("a launcher gone without its normal end leaves no run dir (real CLI, real workers)", function () {
  this.timeout(90_000);
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const pidsSeen: number[] = [];

  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    for (const pid of pidsSeen) if (!gone(pid)) process.kill(pid, "SIGKILL");
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  const launch = async (): Promise<{ run: Launch; tmp: string }> => {
    const tmp = await mkdtemp(join(tmpdir(), "reflex-gone-"));
    dirs.push(tmp);
    // Its own process group, as a shell gives a command: Ctrl-C on a terminal reaches the whole group.
    // The bundle (dist/, built at install): from source, tsx would compile everything anew into the fresh TMPDIR.
    const child = spawn(process.execPath, ["dist/cli.js", "run", "configs/demo-multiprocess.yaml"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TMPDIR: tmp },
      detached: true,
    });
    children.push(child);
    let err = "";
    child.stdout!.resume();
    const pids = new Promise<Map<string, number>>((resolve) => {
      child.stderr!.on("data", (d: Buffer) => {
        err += d.toString();
        const line = /workers running: (.*)/.exec(err)?.[1];
        if (line) resolve(new Map([...line.matchAll(/(\w+) \(pid (\d+)\)/g)].map((m) => [m[1]!, Number(m[2])])));
      });
    });
    const exit = new Promise<number | string | null>((resolve) => child.on("exit", (code, sig) => resolve(code ?? sig)));
    const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
    return { run: { child, stderr: () => err, pids, exit, closed }, tmp };
  };

  const runDirs = async (tmp: string): Promise<string[]> => (await readdir(tmp)).filter((f) => f.startsWith("reflex-run-"));

  it("SIGKILL of the launcher: the workers stop and the last one out removes the run dir", async () => {
    const { run, tmp } = await launch();
    const pids = await run.pids;
    pidsSeen.push(...pids.values());
    assert.equal((await runDirs(tmp)).length, 1, "the run dir exists while the run runs");
    await new Promise((r) => setTimeout(r, 1000));
    run.child.kill("SIGKILL");
    assert.equal(await run.exit, "SIGKILL");
    await run.closed;
    for (const [name, pid] of pids) assert.ok(gone(pid), `worker ${name} (pid ${pid}) stopped after its launcher died`);
    assert.deepEqual(await runDirs(tmp), [], run.stderr());
    assert.doesNotMatch(run.stderr(), /\n\s+at .+:\d+:\d+\)?\n/, "no stack trace");
  });

  it("double Ctrl-C: exit code 130 at once, no worker stack trace, no run dir left", async () => {
    const { run, tmp } = await launch();
    const pids = await run.pids;
    pidsSeen.push(...pids.values());
    await new Promise((r) => setTimeout(r, 1000));
    process.kill(-run.child.pid!, "SIGINT");
    await new Promise((r) => setTimeout(r, 50));
    process.kill(-run.child.pid!, "SIGINT");
    assert.equal(await run.exit, 130, run.stderr());
    await run.closed;
    const err = run.stderr();
    assert.match(err, /SIGINT again: exiting without flushing/);
    for (const [name, pid] of pids) assert.ok(gone(pid), `worker ${name} (pid ${pid}) stopped after its launcher exited`);
    assert.deepEqual(await runDirs(tmp), [], err);
    assert.doesNotMatch(err, /\n\s+at .+:\d+:\d+\)?\n/, `no stack trace:\n${err}`);
    assert.doesNotMatch(err, /ERR_IPC|Error \[/, err);
  });
});
