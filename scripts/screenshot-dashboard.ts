// Refreshes docs/img/dashboard.png, the README's picture of the dashboard: runs the demo graph with
// `--dashboard` through the bundled CLI, lets it settle, and has headless Chromium photograph the page.
//   npm run build && npx tsx scripts/screenshot-dashboard.ts [--config configs/demo.yaml] [--wait 8] [--out docs/img/dashboard.png]
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { launchChromium, buildPage } from "../test/dashboard/chromium.js";
import { runWithDashboard } from "../test/dashboard/run-graph.js";

const { values } = parseArgs({
  options: {
    config: { type: "string", default: "configs/demo.yaml" },
    wait: { type: "string", default: "8" },
    out: { type: "string", default: "docs/img/dashboard.png" },
    width: { type: "string", default: "1280" },
    height: { type: "string", default: "1500" },
  },
});

buildPage();
const run = await runWithDashboard(values.config!, [], 120);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: Number(values.width), height: Number(values.height) }, deviceScaleFactor: 1 });
  await page.goto(run.url);
  await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(Number(values.wait) * 1000);
  // The viewport, not the full page: the top panels are what the README shows, and the file stays small.
  await page.screenshot({ path: values.out!, fullPage: false });
  console.log(`${values.out}: ${(statSync(values.out!).size / 1024).toFixed(0)} KB (${values.config}, ${values.wait} s in)`);
} finally {
  await browser.close();
  await run.stop();
}
