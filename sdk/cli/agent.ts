// reflex agent --listen tcp://<addr>:<port> --secret <board.key_secret> --trust <launcher.key> ...
// Runs on a second board: the launcher on the main board connects (CurveZMQ, only trusted keys) and
// has the workers of the processes placed on this board forked here. Stops on Ctrl-C / SIGTERM (its
// workers stop and flush first).
import type { Command } from "commander";
import pino from "pino";
import { Agent } from "../process/agent.js";
import { DEFAULT_AGENT_PORT } from "../process/remote-hosts.js";
import { readKeyPair, readPublicKey } from "../transport/index.js";
import { EXIT_USAGE } from "./exit.js";
import { collect } from "./load.js";
import { parseLogLevel } from "./log-level-option.js";

interface AgentCliOptions {
  listen: string;
  secret: string;
  trust: string[];
  root?: string;
  logLevel: string;
}

export function register(program: Command): void {
  program
    .command("agent")
    .description("run on a second board: starts the workers a launcher places on this host (CurveZMQ, trusted keys only)")
    .requiredOption("--listen <endpoint>", `tcp://<address>:<port> to listen on, e.g. tcp://192.168.1.20:${DEFAULT_AGENT_PORT} (this board's address on the link to the main board)`)
    .requiredOption("--secret <file>", "this board's key pair (.key_secret from `reflex keys gen`); its .key goes into the config's keys.trusted")
    .option("--trust <file>", "public key (.key) of a launcher allowed to connect (repeatable; at least one)", collect, [])
    .option("--root <dir>", "working directory of the workers: relative paths in configs (model folders) resolve from it (default: here)")
    .option("--log-level <level>", "fatal, error, warn, info, debug", parseLogLevel, "info")
    .action(async (opts: AgentCliOptions) => {
      process.exitCode = await runAgent(opts);
    });
}

async function runAgent(opts: AgentCliOptions): Promise<number> {
  const logger = pino({ level: opts.logLevel, base: { agent: process.pid } }, pino.destination({ fd: 2, sync: true }));
  if (opts.trust.length === 0) {
    process.stderr.write("reflex agent: give at least one --trust <launcher.key>: the agent accepts no launcher it does not know\n");
    return EXIT_USAGE;
  }
  let agent: Agent;
  let keys: Awaited<ReturnType<typeof readKeyPair>>;
  try {
    keys = await readKeyPair(opts.secret);
    const trusted = await Promise.all(opts.trust.map((f) => readPublicKey(f)));
    agent = new Agent({ listen: opts.listen, keys, secretFile: opts.secret, trusted, logger, ...(opts.root ? { root: opts.root } : {}) });
    await agent.start();
  } catch (err) {
    process.stderr.write(`reflex agent: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  // The launcher parses this line (tests, scripts): keep its shape.
  process.stderr.write(`reflex agent listening on ${agent.endpoint} (public key ${keys.publicKey}), trusting ${opts.trust.length} launcher key(s)\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  process.stderr.write("reflex agent: stopping its workers...\n");
  await agent.close();
  return 0;
}
