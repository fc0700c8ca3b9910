// Bundles the dashboard page (dashboard/) into dist/dashboard/: index.html, app.js (the page and uPlot)
// and app.css (uPlot's CSS and ours). Nothing is fetched from outside at run time: the device serves
// these three files and the WebSocket.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist", "dashboard");

export async function buildDashboard() {
  mkdirSync(out, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { app: "dashboard/app.ts" },
    outdir: out,
    bundle: true,
    platform: "browser",
    format: "iife",
    target: ["chrome100", "firefox100", "safari15"],
    minify: true,
    sourcemap: true,
    legalComments: "linked",
    logLevel: "warning",
  });
  await build({
    absWorkingDir: root,
    entryPoints: { app: "dashboard/app.css" },
    outdir: out,
    bundle: true,
    minify: true,
    logLevel: "warning",
  });
  copyFileSync(join(root, "dashboard", "index.html"), join(out, "index.html"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDashboard();
  console.log("built dist/dashboard/ (index.html, app.js, app.css)");
}
