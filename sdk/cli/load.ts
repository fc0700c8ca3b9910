// Loads a config for a command, or prints every problem in it and exits with EXIT_USAGE.
import { builtinRegistry } from "../../nodes/index.js";
import { formatDiagnostics } from "../config/diagnostic.js";
import { loadConfigFile, type LoadResult } from "../config/load.js";
import type { Graph } from "../graph/model.js";
import { EXIT_USAGE } from "./exit.js";

export async function loadOrExit(file: string, sets: readonly string[] = []): Promise<{ graph: Graph; result: LoadResult }> {
  const result = await loadConfigFile(file, { registry: builtinRegistry(), sets });
  if (!result.graph) {
    process.stderr.write(`${formatDiagnostics(result.diagnostics)}\n`);
    process.exit(EXIT_USAGE);
  }
  return { graph: result.graph, result };
}

/** Commander collects repeated `--set a=b` options with this. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
