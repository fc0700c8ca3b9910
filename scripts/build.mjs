// Bundles the CLI and the worker entry (one per process group of a multi-process run) with esbuild. Dependencies stay external and
// load from node_modules, so native modules (zeromq, onnxruntime-node, our addon) resolve as installed.
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import { buildDashboard } from "./build-dashboard.mjs";

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
};

await build({
  ...common,
  entryPoints: { cli: "sdk/cli/bin.ts", worker: "sdk/cli/worker-entry.ts", index: "sdk/index.ts" },
  outdir: "dist",
  banner: { js: "#!/usr/bin/env node" },
});
chmodSync("dist/cli.js", 0o755);
console.log("built dist/cli.js, dist/worker.js and dist/index.js");
await buildDashboard(); // the dashboard page, served by `reflex run --dashboard`
console.log("built dist/dashboard/");
