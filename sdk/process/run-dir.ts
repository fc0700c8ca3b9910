// The run dir of a multi-process run (its ipc:// socket files, under the temp dir) goes away however
// the launcher ends. A normal end removes it; a second Ctrl-C exits at once (no finally runs), so the
// launcher also removes it in its exit hook; a launcher killed outright (SIGKILL) runs nothing, so its
// workers, which stop when the launcher's IPC channel closes, each remove the socket files of the links
// they bound once those are closed (ZeroMQ leaves them: its unlink runs on its I/O thread, which a
// worker exiting right after the close does not wait for), then try to remove the dir: the last worker
// out finds it empty and its rmdir succeeds (the others' fail with ENOTEMPTY, which is the point).
import { rmSync } from "node:fs";
import { rm, rmdir, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { makeRunDir } from "../transport/index.js";

/** The env var that tells a worker forked on this board which run dir its links live in. */
export const RUN_DIR_ENV = "REFLEX_RUN_DIR";

export interface RunDir {
  readonly path: string;
  /** Removes the dir and everything in it; its exit hook goes with it. */
  remove(): Promise<void>;
}

/** A fresh run dir, removed at this process's exit too (a second Ctrl-C exits without unwinding). */
export async function openRunDir(): Promise<RunDir> {
  const path = await makeRunDir();
  const atExit = (): void => rmSync(path, { recursive: true, force: true });
  process.once("exit", atExit);
  return {
    path,
    remove: async () => {
      process.off("exit", atExit);
      await rm(path, { recursive: true, force: true });
    },
  };
}

/**
 * A worker whose launcher is gone, its links closed: removes the socket files of the endpoints it bound
 * in the run dir, then the dir if that left it empty, else leaves it to the worker still holding one.
 * Never throws: cleanup must not fail the stop.
 */
export async function leaveRunDir(path: string | undefined, boundEndpoints: readonly string[]): Promise<void> {
  if (!path) return;
  const files = boundEndpoints.filter((e) => e.startsWith("ipc://")).map((e) => e.slice("ipc://".length));
  await Promise.all(files.filter((f) => dirname(f) === path).map((f) => unlink(f).catch(() => undefined)));
  await rmdir(path).catch(() => undefined);
}
