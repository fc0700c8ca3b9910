// The `reflex` command. Each sub-command lives in its own file and registers itself here.
import { Command } from "commander";
import { register as registerAgent } from "./agent.js";
import { register as registerCalibrate } from "./calibrate.js";
import { register as registerDoctor } from "./doctor.js";
import { register as registerEval } from "./eval.js";
import { register as registerGraph } from "./graph.js";
import { register as registerHil } from "./hil.js";
import { register as registerInspect } from "./inspect.js";
import { register as registerKeys } from "./keys.js";
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
  registerDoctor(program);
  registerCalibrate(program);
  registerKeys(program);
  registerAgent(program);
  registerEval(program);
  registerHil(program);
  registerInspect(program);
  await program.parseAsync([...argv]);
}
