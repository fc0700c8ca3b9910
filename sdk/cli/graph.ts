// reflex graph <config>: the wiring as a Mermaid or Graphviz diagram.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { renderGraph, type DiagramFormat } from "../graph/render.js";
import { loadOrExit } from "./load.js";

export function register(program: Command): void {
  program
    .command("graph")
    .description("print the graph as a diagram (nodes, edges with their QoS, process placement)")
    .argument("<config>", "graph config file (YAML)")
    .option("--format <format>", "mermaid or dot", parseFormat, "mermaid" as DiagramFormat)
    .action(async (config: string, opts: { format: DiagramFormat }) => {
      const { graph } = await loadOrExit(config);
      process.stdout.write(`${renderGraph(graph, opts.format)}\n`);
    });
}

function parseFormat(v: string): DiagramFormat {
  if (v !== "mermaid" && v !== "dot") throw new InvalidArgumentError(`"${v}" is not a format: use mermaid or dot`);
  return v;
}
