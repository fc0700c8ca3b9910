// End to end: a real graph run by the bundled CLI with `--dashboard`, the real server, the built page in
// headless Chromium. Checks what a person watching would rely on: every node is there, the figures
// move, an injected deadline miss shows up, a token-protected dashboard refuses a page without its
// token, and a 50-node graph at ~1 kHz renders and keeps up. Saves test-artifacts/dashboard.png.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { parse } from "yaml";
import type { RenderStats } from "../../dashboard/app.js";
import { buildPage, collectPageErrors, HAVE_CHROMIUM, launchChromium, textOf } from "./chromium.js";
import { ROOT, runWithDashboard, type RunningGraph } from "./run-graph.js";

const MISS = "test/dashboard/miss.yaml";
const FIFTY = "test/dashboard/fifty.yaml";
const ARTIFACTS = join(ROOT, "test-artifacts");

const nodeIds = (config: string): string[] => Object.keys((parse(readFileSync(join(ROOT, config), "utf8")) as { nodes: Record<string, unknown> }).nodes);
const renderStats = (page: Page): Promise<RenderStats> => page.evaluate(() => (window as unknown as { __reflexDashboard: RenderStats }).__reflexDashboard);

/** Every latency figure on the page, as text: nodes' percentiles and the paths'. */
async function latencyFigures(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid^="node-p"], [data-testid^="node-max-"], [data-testid^="path-p"], [data-testid^="path-max-"]')).map(
      (e) => `${e.getAttribute("data-testid")}=${e.textContent}`,
    ),
  );
}

(HAVE_CHROMIUM ? describe : describe.skip)(HAVE_CHROMIUM ? "dashboard in headless Chromium (real graph, real server)" : "dashboard in headless Chromium: SKIPPED, no Chromium at /usr/bin/chromium", function () {
  this.timeout(90_000);
  let browser: Browser;
  let run: RunningGraph | undefined;
  let page: Page;
  let errors: string[];

  before(async () => {
    buildPage();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    errors = collectPageErrors(page);
  });
  afterEach(async () => {
    await page.close();
    const code = await run?.stop();
    run = undefined;
    // A page-side error fails the test: the page must not throw on anything the server sends.
    assert.deepEqual(errors.filter((e) => !/401|Unauthorized/.test(e)), [], "the page logged errors");
    assert.ok(code === 0 || code === null || code === 130, `reflex run exited with ${code}`);
  });

  it("shows every node, moving latency figures and an injected deadline miss", async () => {
    run = await runWithDashboard(MISS, [], 60);
    await page.goto(run.url);
    await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor({ timeout: 20_000 });
    for (const id of nodeIds(MISS)) {
      assert.ok((await textOf(page, `graph-node-${id}`)).startsWith(id), `graph node ${id}`);
      assert.equal(await textOf(page, `node-id-${id}`), id);
    }

    // The injected miss: every message on tick -> late is held 4 ms against a 2 ms deadline.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="misses-total"]')?.textContent ?? "0") > 0, undefined, { timeout: 20_000 });
    const miss = page.locator('[data-testid="event-item"][data-kind="deadline-miss"]').first();
    await miss.waitFor({ timeout: 10_000 });
    assert.match((await miss.getByTestId("event-where").textContent()) ?? "", /late/);
    assert.match((await page.locator('[data-testid="edge-issue-row"]').first().getAttribute("data-id")) ?? "", /-> late\/in$/);

    // Figures move between two reads about a second apart (the server pushes at ~4 Hz).
    await page.getByTestId("path-p50-tick.fast.sink").waitFor({ timeout: 10_000 });
    const first = await latencyFigures(page);
    const firstClock = await textOf(page, "run-clock");
    await page.waitForTimeout(1200);
    const second = await latencyFigures(page);
    assert.ok(first.length >= 4 * 4, `latency figures on the page: ${first.length}`);
    assert.notDeepEqual(second, first, "no latency figure changed in 1.2 s");
    assert.notEqual(await textOf(page, "run-clock"), firstClock);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "dashboard.png"), fullPage: true });
  });

  it("refuses the page without the token when the server requires one", async () => {
    // A non-loopback bind makes the server require a token (printed in the URL).
    run = await runWithDashboard(MISS, ["--host", "0.0.0.0"], 60);
    const withToken = new URL(run.url);
    const token = withToken.searchParams.get("token");
    assert.ok(token, `the printed URL carries a token: ${run.url}`);
    withToken.hostname = "127.0.0.1";
    const bare = new URL(withToken);
    bare.search = "";

    const refused = await page.goto(bare.href);
    assert.equal(refused?.status(), 401);
    assert.equal(await page.getByTestId("graph").count(), 0, "no dashboard without the token");
    const wrong = new URL(bare);
    wrong.searchParams.set("token", `${token}x`);
    assert.equal((await page.goto(wrong.href))?.status(), 401);

    const ok = await page.goto(withToken.href);
    assert.equal(ok?.status(), 200);
    await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor({ timeout: 20_000 });
    assert.ok((await textOf(page, "graph-node-late")).startsWith("late"));
  });

  it("renders all 50 nodes of a 1 kHz graph and keeps up with the snapshots", async () => {
    run = await runWithDashboard(FIFTY, [], 60);
    await page.goto(run.url);
    await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor({ timeout: 20_000 });
    const ids = nodeIds(FIFTY);
    assert.equal(ids.length, 50);
    assert.equal(await page.locator('[data-testid^="graph-node-"]').count(), 50);
    assert.equal(await page.locator('[data-testid^="node-row-"]').count(), 50);
    for (const id of ids) assert.equal(await textOf(page, `node-id-${id}`), id);

    const a = await renderStats(page);
    await page.waitForTimeout(3000);
    const b = await renderStats(page);
    // ~4 Hz for 3 s: at least a few new snapshots, each drawn (or replaced by a newer one).
    assert.ok(b.snapshots - a.snapshots >= 4, `snapshots in 3 s: ${b.snapshots - a.snapshots}`);
    assert.ok(b.renders - a.renders >= 4, `renders in 3 s: ${b.renders - a.renders}`);
    const mean = b.totalMs / b.renders;
    // Generous: the figure itself goes to docs/dashboard.md; this only catches a page that cannot keep up.
    assert.ok(mean < 150, `mean render ${mean.toFixed(1)} ms per snapshot`);
    console.log(`      50 nodes: ${b.renders} renders, page render per snapshot mean ${mean.toFixed(2)} ms, max ${b.maxMs.toFixed(2)} ms, skipped ${b.skipped}`);
  });
});
