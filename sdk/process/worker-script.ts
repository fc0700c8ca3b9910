// Where the program a worker process runs is, for child_process.fork (the supervisor here, the agent on
// another board). It is a file path, not an import: the entry sits with the CLI (sdk/cli/worker-entry.ts),
// which hands the worker its node types.
import { fileURLToPath } from "node:url";

export function workerScript(): { file: string; execArgv: string[] } {
  const here = import.meta.url;
  // From source (tsx): the .ts entry, loaded through tsx. From the bundle (dist/cli.js): dist/worker.js.
  if (here.endsWith(".ts")) return { file: fileURLToPath(new URL("../cli/worker-entry.ts", here)), execArgv: ["--import", "tsx"] };
  return { file: fileURLToPath(new URL("./worker.js", here)), execArgv: [] };
}
