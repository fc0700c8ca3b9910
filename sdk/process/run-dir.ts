// The run dir of a multi-process run (its ipc:// socket files, under the temp dir) goes away however
// the launcher ends. A normal end removes it; a second Ctrl-C exits at once (no finally runs), so the
// launcher also removes it in its exit hook; a launcher killed outright (SIGKILL) runs nothing, so its
// workers, which stop when the launcher's IPC channel closes, each try to remove it once their links
// are closed: a socket file goes with the link that bound it, so the last worker out finds the dir
// empty and its rmdir succeeds (the others' fail with ENOTEMPTY, which is the point).
import { rmSync } from "node:fs";
import { rm, rmdir } from "node:fs/promises";
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
 * A worker whose launcher is gone: removes the run dir if it is empty (every link's socket file gone),
 * else leaves it to the worker still holding one. Never throws: cleanup must not fail the stop.
 */
export async function leaveRunDir(path: string | undefined): Promise<void> {
  if (!path) return;
  await rmdir(path).catch(() => undefined);
}
