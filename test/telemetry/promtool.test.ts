// `/metrics` of a real `reflex run --dashboard` (the bundled CLI on configs/demo.yaml, the tiny VLA in the
// loop) scraped over HTTP and handed to Prometheus's own linter, `promtool check metrics` (Debian's
// `prometheus` package; the test is skipped, saying so, where it is not installed).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { runWithDashboard, type RunningGraph } from "../dashboard/run-graph.js";

const PROMTOOL = spawnSync("sh", ["-c", "command -v promtool"], { encoding: "utf8" }).stdout.trim();

function promtool(text: string): { status: number | null; out: string } {
  const r = spawnSync(PROMTOOL, ["check", "metrics"], { input: text, encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function scrape(run: RunningGraph): Promise<string> {
  const res = await fetch(`${run.url}metrics`);
  assert.equal(res.status, 200);
  return res.text();
}

(PROMTOOL ? describe : describe.skip)(PROMTOOL ? "/metrics under promtool check metrics (real CLI, real HTTP)" : "/metrics under promtool check metrics: SKIPPED, no promtool on PATH (apt-get install prometheus)", function () {
  this.timeout(90_000);
  let run: RunningGraph | undefined;
  after(async () => {
    await run?.stop();
  });

  it("reflex run --dashboard: /metrics passes promtool, at the start (empty windows) and with figures in every family", async () => {
    run = await runWithDashboard("configs/demo.yaml", ["--clock", "real"], 60);
    const first = await scrape(run);
    const early = promtool(first);
    assert.equal(early.status, 0, `promtool on the first scrape:\n${early.out}\n${first}`);

    // Wait until the policy has run and reported its own figures, and the end-to-end paths have samples.
    let text = first;
    const until = Date.now() + 45_000;
    while (!(/^reflex_node_figure\{/m.test(text) && /^reflex_path_latency_seconds_count\{[^}]*\} [1-9]/m.test(text))) {
      assert.ok(Date.now() < until, `no node figures or path samples within 45 s:\n${text}\n${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 500));
      text = await scrape(run);
    }
    const later = promtool(text);
    assert.equal(later.status, 0, `promtool:\n${later.out}\n${text}`);
    assert.equal(later.out.trim(), "", "no lint findings");
    assert.match(text, /^# TYPE reflex_node_processing_seconds summary$/m);
    assert.match(text, /^# TYPE reflex_path_latency_seconds summary$/m);
    assert.match(text, /^reflex_node_processing_seconds\{[^}]*node="policy"[^}]*quantile="0\.99"[^}]*\} \d/m);
    assert.match(text, /^reflex_node_figure\{[^}]*node="policy"[^}]*figure="tokens_kept"[^}]*\} \d/m);
  });

  it("a multi-process run: the links under its cross-process edges are on /metrics too, and pass promtool", async () => {
    await run?.stop();
    run = await runWithDashboard("configs/demo-multiprocess.yaml", [], 60);
    let text = await scrape(run);
    const until = Date.now() + 45_000;
    while (!/^reflex_link_messages_lost_total\{[^}]*edge="camera\/image -> policy\/image"[^}]*cause="no_receiver"[^}]*\} \d/m.test(text)) {
      assert.ok(Date.now() < until, `no link figures within 45 s:\n${text}\n${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 500));
      text = await scrape(run);
    }
    const r = promtool(text);
    assert.equal(r.status, 0, `promtool:\n${r.out}\n${text}`);
    for (const family of ["reflex_link_frames_refused_total", "reflex_link_junk_frames_total", "reflex_link_seq_resets_total", "reflex_link_protocol_drops_total"]) {
      assert.match(text, new RegExp(`^# TYPE ${family} counter$`, "m"));
    }
    assert.match(text, /^reflex_link_frames_refused_total\{[^}]*reason="wrong_type"[^}]*\} 0$/m);
  });
});
