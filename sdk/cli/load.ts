// Loads a config for a command, or prints every problem in it and exits with EXIT_USAGE.
import { builtinRegistry } from "../../nodes/index.js";
import { validateModel } from "../engine/model-package.js";
import { formatProblem } from "../engine/model-problem.js";
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
  // Model folders named by nodes (`model:` params) are checked before anything starts: missing files,
  // hash mismatches, tensor names the files don't have.
  const problems: string[] = [];
  for (const node of result.graph.nodes.values()) {
    const folder = node.params.model;
    if (typeof folder !== "string") continue;
    for (const p of await validateModel(folder)) {
      if (p.severity === "error") problems.push(`nodes.${node.id}.params.model (${folder}): ${formatProblem(p)}`);
    }
  }
  if (problems.length > 0) {
    process.stderr.write(`${problems.join("\n")}\n\n${problems.length} problem${problems.length === 1 ? "" : "s"} in model folders; nothing was started.\n`);
    process.exit(EXIT_USAGE);
  }
  return { graph: result.graph, result };
}

/** Commander collects repeated `--set a=b` options with this. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
