// The `reflex` command. Each sub-command lives in its own file and registers itself here.
import { existsSync } from "node:fs";
import { Command } from "commander";
import { register as registerGraph } from "./graph.js";
import { register as registerNodes } from "./nodes.js";
import { register as registerRun } from "./run.js";
import { register as registerValidate } from "./validate.js";

export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command("reflex")
    .description("Reflex: YAML dataflow graphs for robots — validate, run, inspect")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride((err) => {
      // Commander's own usage errors (unknown option, missing argument) exit with 2 like config errors.
      process.exit(err.exitCode === 0 ? 0 : 2);
    });
  registerValidate(program);
  registerRun(program);
  registerGraph(program);
  registerNodes(program);
  await program.parseAsync([...argv]);
}

// Present when the file exists (a bare checkout without dist/ still runs the CLI through tsx).
export const hasDist = (): boolean => existsSync(new URL("../../dist/cli.js", import.meta.url));
