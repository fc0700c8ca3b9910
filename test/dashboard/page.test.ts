// The page's own behaviour against a stand-in server (fixture-server.ts) that sends snapshots the test
// controls: the token goes through to the WebSocket, a lost connection is shown and retried, nodes and
// events appear as snapshots say. browser.test.ts runs the page against the real server.
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import type { Browser, Page } from "playwright-core";
import { chainHello, chainSnapshot, startFixtureServer, type FixtureServer } from "./fixture-server.js";
import { buildPage, collectPageErrors, HAVE_CHROMIUM, launchChromium, textOf } from "./chromium.js";

const ASSETS = new URL("../../dist/dashboard/", import.meta.url).pathname;

(HAVE_CHROMIUM ? describe : describe.skip)(HAVE_CHROMIUM ? "dashboard page (fixture server, headless Chromium)" : "dashboard page: SKIPPED, no Chromium at /usr/bin/chromium", function () {
  this.timeout(60_000);
  let browser: Browser;
  let server: FixtureServer;
  let page: Page;
  let errors: string[];
  const ids = ["cam", "r1", "r2", "sink"];
  let at = 1000;

  before(async () => {
    buildPage();
    server = await startFixtureServer(ASSETS, () => chainHello(ids, at));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    errors = collectPageErrors(page);
  });
  afterEach(async () => {
    await page.close();
    assert.deepEqual(errors, [], "the page logged errors");
  });

  it("passes the page's token to the WebSocket and shows every node and figure", async () => {
    const seen = new Promise<string>((resolve) => {
      server.onUpgrade = (req: IncomingMessage) => resolve(req.url ?? "");
    });
    await page.goto(`${server.url}?token=s3cr%20t`);
    assert.equal(await seen, "/ws?token=s3cr%20t");
    server.onUpgrade = undefined;
    await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor();
    for (const id of ids) {
      assert.equal(await textOf(page, `graph-node-${id}`).then((t) => t.startsWith(id)), true, `graph node ${id}`);
      assert.equal(await textOf(page, `node-id-${id}`), id);
    }
    assert.equal(await textOf(page, "device-source"), "none");
    assert.match(await textOf(page, "device-note"), /no tegrastats/);
    assert.equal(await textOf(page, "gauge-r1-tokens_kept"), "16");
  });

  it("says when the connection is lost, reconnects, and shows new misses and events", async () => {
    await page.goto(server.url);
    await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor();
    assert.equal(await textOf(page, "misses-total"), "0");
    server.dropClients();
    await page.getByTestId("conn-status").filter({ hasText: "disconnected" }).waitFor();
    await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor({ timeout: 10_000 });
    at += 250;
    server.send({ t: "snapshot", snapshot: chainSnapshot(ids, at, { misses: 2 }) });
    await page.getByTestId("misses-total").filter({ hasText: "2" }).waitFor();
    const ev = page.getByTestId("event-item").first();
    assert.equal(await ev.getAttribute("data-kind"), "deadline-miss");
    assert.equal(await ev.getByTestId("event-where").textContent(), "cam/out -> r1/in");
  });

  it("shows a watchdog's hold as an event, and throttle drops (by design) without the warning color that losses get", async () => {
    await page.goto(server.url);
    await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor();
    const withDrops = (kind: { queue: number; throttle: number }): ReturnType<typeof chainSnapshot> => {
      at += 250;
      const snap = chainSnapshot(ids, at);
      const drops = kind.queue + kind.throttle;
      return {
        ...snap,
        edges: snap.edges.map((e, i) => (i === 1 ? { ...e, drops, dropsInWindow: drops, dropsByKind: { ...kind, gap: 0 } } : e)),
        events: [{ atMs: at, kind: "hold", where: "r2", detail: "holding at zero velocity: the newest action is older than its 150 ms deadline (hold episode 1)" }],
      };
    };
    server.send({ t: "snapshot", snapshot: withDrops({ queue: 0, throttle: 40 }) });
    await page.getByTestId("drops-total").filter({ hasText: "40" }).waitFor();
    assert.equal(await page.getByTestId("drops-total").evaluate((el) => el.classList.contains("warn")), false, "throttle drops are no warning");
    assert.equal(await page.getByTestId("edge-issue-drops").first().evaluate((el) => el.classList.contains("warn")), false);
    assert.equal(await textOf(page, "edge-issue-drops"), "40 (40 throttle)");
    const ev = page.getByTestId("event-item").first();
    assert.equal(await ev.getAttribute("data-kind"), "hold");
    assert.equal(await ev.locator(".kind").evaluate((el) => [el.textContent, el.classList.contains("k-hold")]).then(String), "hold,true");
    server.send({ t: "snapshot", snapshot: withDrops({ queue: 3, throttle: 40 }) });
    await page.getByTestId("drops-total").filter({ hasText: "43" }).waitFor();
    assert.equal(await page.getByTestId("drops-total").evaluate((el) => el.classList.contains("warn")), true, "a queue drop is a loss: warning");
    assert.equal(await page.getByTestId("edge-issue-drops").first().evaluate((el) => el.classList.contains("warn")), true);
  });

  it("reuses its DOM rows from one snapshot to the next", async () => {
    await page.goto(server.url);
    await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor();
    await page.evaluate(() => {
      (window as unknown as { __row: Element | null }).__row = document.querySelector('[data-testid="node-row-r2"]');
    });
    const before = await page.evaluate(() => (window as unknown as { __reflexDashboard: { renders: number } }).__reflexDashboard.renders);
    for (let i = 0; i < 5; i++) {
      at += 250;
      server.send({ t: "snapshot", snapshot: chainSnapshot(ids, at) });
      await page.waitForFunction((n) => (window as unknown as { __reflexDashboard: { renders: number } }).__reflexDashboard.renders > n, before + i);
    }
    const same = await page.evaluate(() => (window as unknown as { __row: Element | null }).__row === document.querySelector('[data-testid="node-row-r2"]'));
    assert.equal(same, true);
  });

  it("keeps the path chart's Y axis near the deadline when one p99 spikes, and says what it clipped", async () => {
    await page.goto(server.url);
    await page.getByTestId("conn-status").filter({ hasText: "live" }).waitFor();
    const slug = ids.join(".");
    const renders = (): Promise<number> => page.evaluate(() => (window as unknown as { __reflexDashboard: { renders: number } }).__reflexDashboard.renders);
    // Each snapshot is awaited until drawn: one sent before the last was drawn would replace it.
    const sendDrawn = async (p99Us?: number): Promise<void> => {
      const before = await renders();
      at += 250;
      const snap = chainSnapshot(ids, at);
      const paths = p99Us === undefined ? snap.paths : snap.paths.map((p) => ({ ...p, latency: { ...p.latency, p99Us, maxUs: p99Us } }));
      server.send({ t: "snapshot", snapshot: { ...snap, paths } });
      await page.waitForFunction((n) => (window as unknown as { __reflexDashboard: { renders: number } }).__reflexDashboard.renders > n, before);
    };
    const chart = page.getByTestId(`path-chart-${slug}`);
    for (let i = 0; i < 12; i++) await sendDrawn();
    await sendDrawn(80_000); // one 80 ms p99 against the fixture's 1 ms deadline
    for (let i = 0; i < 12; i++) await sendDrawn();
    const top = Number(await chart.getAttribute("data-y-top"));
    // The fixture's p99 stays under 0.25 ms, so the deadline sets the top: 1.5 x 1 ms.
    assert.equal(top, 1.5);
    assert.match(await textOf(page, `path-clipped-${slug}`), /1 above 1\.5 ms \(max 80\.0\)/);
    assert.equal(await page.getByTestId(`path-clipped-${slug}`).isVisible(), true);
  });
});
