// reflex validate <config>: every problem in the file at once, or "ok" and a one-line summary.
import type { Command } from "commander";
import { collect, loadOrExit } from "./load.js";

export function register(program: Command): void {
  program
    .command("validate")
    .description("check a graph config: YAML, keys, node types, params, wiring, port types, cycles (exit 2 on any problem)")
    .argument("<config>", "graph config file (YAML)")
    .option("--set <node.param=value>", "override a node param (repeatable)", collect, [])
    .action(async (config: string, opts: { set: string[] }) => {
      const { graph } = await loadOrExit(config, opts.set);
      process.stdout.write(`${config}: ok — graph "${graph.name}", ${graph.nodes.size} nodes, ${graph.edges.length} edges\n`);
    });
}
