// Entry point bundled into dist/cli.js.
import { main } from "./main.js";

main(process.argv).catch((err: unknown) => {
  process.stderr.write(`reflex: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
