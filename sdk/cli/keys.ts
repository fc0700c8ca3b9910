// reflex keys gen --out <dir> --name <name>: a CurveZMQ key pair for a host's tcp links.
// Writes <dir>/<name>.key (public: give it to the hosts that must accept this one) and
// <dir>/<name>.key_secret (mode 0600: stays on this host). The format is ZeroMQ's certificate format,
// so pyzmq (zmq.auth.load_certificate) and CZMQ (zcert) read the same files.
import type { Command } from "commander";
import { generateKeyPair, writeKeyFiles } from "../transport/curve-keys.js";
import { EXIT_USAGE } from "./exit.js";

export function register(program: Command): void {
  const keys = program.command("keys").description("CurveZMQ keys for links between hosts");
  keys
    .command("gen")
    .description("generate a key pair: <out>/<name>.key (public) and <out>/<name>.key_secret (secret, mode 0600)")
    .requiredOption("--out <dir>", "directory to write the key files to (created if missing)")
    .requiredOption("--name <name>", "key name, e.g. the host or process group: letters, digits, '.', '_', '-'")
    .option("--force", "replace an existing key pair of that name", false)
    .action(async (opts: { out: string; name: string; force: boolean }) => {
      try {
        const pair = generateKeyPair();
        const files = await writeKeyFiles(opts.out, opts.name, pair, { force: opts.force });
        process.stdout.write(`wrote ${files.publicFile} (public) and ${files.secretFile} (secret, mode 0600)\npublic key: ${pair.publicKey}\n`);
      } catch (err) {
        process.stderr.write(`reflex keys gen: ${(err as Error).message}\n`);
        process.exitCode = EXIT_USAGE;
      }
    });
}
