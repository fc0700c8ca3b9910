// Output paths of a command (--report, --record, --junit, --out, ...) checked before anything runs: a run
// of an hour must not end by failing to write its report because the folder was never there.
import { accessSync, constants, statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";

/** One output of a command: the option that named it, the path, and whether it is a file or a folder. */
export interface OutputPath {
  readonly option: string;
  readonly path: string;
  /** A folder is created (with its parents) when missing; a file's folder must already be there. */
  readonly kind: "file" | "folder";
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    // ENOTDIR: a file stands where a folder on the way should be; the caller finds and names it.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw err;
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function writableFile(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with writing `out`, said with the option and the path, or undefined when it can be written. */
export function outputPathProblem(out: OutputPath): string | undefined {
  const at = `${out.option} ${out.path}`;
  try {
    const here = statOf(out.path);
    if (out.kind === "file") {
      if (here?.isDirectory()) return `${at}: is a folder; give the path of a file (in that folder or elsewhere)`;
      if (here && !writableFile(out.path)) return `${at}: the file exists and is not writable; fix its permissions or give another path`;
      if (here) return undefined;
      const folder = dirname(resolve(out.path));
      const parent = statOf(folder);
      if (!parent) return `${at}: the folder ${folder} does not exist; create it (mkdir -p ${folder}) or give another path`;
      if (!parent.isDirectory()) return `${at}: ${folder} is not a folder; give a path inside a folder`;
      if (!writable(folder)) return `${at}: the folder ${folder} is not writable; fix its permissions or give another path`;
      return undefined;
    }
    if (here && !here.isDirectory()) return `${at}: is a file, not a folder; give a folder (it is created when missing)`;
    // A missing folder is created with its parents: the nearest one that exists must let us do that.
    let folder = resolve(out.path);
    let st = here;
    while (!st) {
      const up = dirname(folder);
      if (up === folder) break;
      folder = up;
      st = statOf(folder);
    }
    if (st && !st.isDirectory()) return `${at}: ${folder} is a file, so the folder cannot be created there; give another path`;
    if (!writable(folder)) return `${at}: the folder ${folder} is not writable; fix its permissions or give another path`;
    return undefined;
  } catch (err) {
    return `${at}: cannot be checked: ${(err as Error).message}`;
  }
}

/** The output an option names, or undefined when the option was not given. */
export function outputOf(option: string, path: string | undefined, kind: OutputPath["kind"] = "file"): OutputPath | undefined {
  return path === undefined ? undefined : { option, path, kind };
}

/**
 * Every problem with `outs` written to stderr, one line each, ending with "nothing was started"; true when
 * there was at least one (the caller exits 2).
 */
export function reportOutputProblems(outs: readonly (OutputPath | undefined)[]): boolean {
  const problems = outs.flatMap((o) => {
    const p = o && outputPathProblem(o);
    return p ? [p] : [];
  });
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (problems.length > 0) process.stderr.write("nothing was started.\n");
  return problems.length > 0;
}
