// reflex validate <config>: every problem in the file at once, or "ok" and a one-line summary.
import type { Command } from "commander";
import { formatDiagnostics } from "../config/diagnostic.js";
import { checkRemoteHosts } from "../process/launcher.js";
import { EXIT_USAGE } from "./exit.js";
import { collect, loadOrExit } from "./load.js";

export function register(program: Command): void {
  program
    .command("validate")
    .description("check a graph config: YAML, keys, node types, params, wiring, port types, cycles (exit 2 on any problem)")
    .argument("<config>", "graph config file (YAML)")
    .option("--set <node.param=value>", "override a node param (repeatable)", collect, [])
    .action(async (config: string, opts: { set: string[] }) => {
      const { graph, result } = await loadOrExit(config, opts.set);
      // Processes on other boards: their keys readable, their agents answering.
      const remote = await checkRemoteHosts(graph);
      if (remote.length > 0) {
        process.stderr.write(`${formatDiagnostics(remote.map((r) => result.source.diagnostic(["processes", r.process, "host"], r.problem)))}\n`);
        process.exit(EXIT_USAGE);
      }
      process.stdout.write(`${config}: ok — graph "${graph.name}", ${graph.nodes.size} nodes, ${graph.edges.length} edges\n`);
    });
}
