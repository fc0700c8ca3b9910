// Starts `reflex run <config> --dashboard --port 0` as a child process (the bundled CLI, as a user runs
// it) and reads the page's URL from the `dashboard: <url>` line it prints on stderr.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface RunningGraph {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the run printed on stderr so far (for failure messages). */
  stderr(): string;
  /** SIGTERM (graceful stop) unless it already exited; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function runWithDashboard(config: string, args: readonly string[] = [], durationS = 60): Promise<RunningGraph> {
  const child = spawn(process.execPath, ["dist/cli.js", "run", config, "--dashboard", "--port", "0", "--duration", String(durationS), ...args], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "dashboard: <url>" line within 30 s; stderr:\n${err}`)), 30_000);
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (chunk: string) => {
      err += chunk;
      const m = /^dashboard: (\S+)/m.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`reflex run exited (code ${code}) before printing the dashboard URL; stderr:\n${err}`));
    });
  });
  return {
    url,
    child,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
