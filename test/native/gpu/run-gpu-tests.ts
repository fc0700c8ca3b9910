// `npm run test:gpu`: runs the CUDA kernel and graph-executor tests where a GPU is present. Where there is
// none (or the addon was built without CUDA) it says why and exits 0 without running or passing anything.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { loadNative } from "../../../sdk/native/addon.js";

const addon = loadNative();
if (!addon.cuda.built) {
  console.log(`test:gpu: NOT RUN — the addon was built without CUDA (${addon.buildInfo.cuda.reason}). No GPU test passed.`);
  process.exit(0);
}
const query = addon.cuda.devices();
if (query.devices.length === 0) {
  console.log(`test:gpu: NOT RUN — no CUDA device: ${query.error} (driver version ${query.driverVersion || "none"}). No GPU test passed.`);
  process.exit(0);
}
console.log(`test:gpu: running on ${query.devices.map((d) => `${d.name} (sm ${d.computeCapability})`).join(", ")}`);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const run = spawnSync(
  process.execPath,
  [join(root, "node_modules", "mocha", "bin", "mocha.js"), "--no-config", "-n", "import=tsx", "--timeout", "120000", join(here, "*.gpu-test.ts")],
  { stdio: "inherit", cwd: root },
);
process.exit(run.status ?? 1);
