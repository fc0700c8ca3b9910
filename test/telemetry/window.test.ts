import assert from "node:assert/strict";
import * as hdr from "hdr-histogram-js";
import { LatencyHistogram } from "../../sdk/core/histogram.js";
import { CounterWindow, LatencyWindow } from "../../sdk/telemetry/latency-window.js";
import { MetricsRegistry } from "../../sdk/core/stats.js";
import { TelemetryWindow } from "../../sdk/telemetry/window.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { EventLog } from "../../sdk/telemetry/events.js";

/** Seeded values spread over ns..ms, so the percentiles land in many HDR buckets. */
function values(seed: number, n: number, scale: number): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(Math.floor((s / 2 ** 32) ** 3 * scale));
  }
  return out;
}

describe("telemetry: sliding window", () => {
  it("the window's percentiles equal those of an HDR histogram holding only the window's samples", () => {
    const all = new LatencyHistogram();
    const w = new LatencyWindow(all, 3);
    const intervals = [values(1, 2000, 5e6), values(2, 500, 2e9), values(3, 3000, 1e5), values(4, 1000, 3e7)];
    for (const vs of intervals) {
      for (const v of vs) all.record(v);
      w.sample();
    }
    // Only the last 3 intervals are in the window. The reference is hdr-histogram-js itself, fed value by
    // value (not LatencyHistogram, whose staged records the window reads through).
    const ref = Object.assign(new hdr.Int32Histogram(1, 60e9, 3), { autoResize: true });
    for (const vs of intervals.slice(1)) for (const v of vs) ref.recordValue(v);
    const snap = w.snap();
    assert.equal(snap.count, 4500);
    assert.equal(snap.p50Us, ref.getValueAtPercentile(50) / 1000);
    assert.equal(snap.p90Us, ref.getValueAtPercentile(90) / 1000);
    assert.equal(snap.p99Us, ref.getValueAtPercentile(99) / 1000);
    assert.equal(snap.maxUs, ref.highestEquivalentValue(ref.maxValue) / 1000);
    assert.equal(snap.buckets.reduce((a, b) => a + b.count, 0), 4500);
    // The all-time histogram still has everything (the end-of-run summary reads it).
    assert.equal(all.count, 6500);
  });

  it("drops old samples as the virtual clock moves, and keeps the all-time figures", () => {
    const clock = new VirtualClock();
    const reg = new MetricsRegistry();
    const node = reg.node("policy", "vla-policy");
    const edge = reg.edge("camera/image", "policy/image");
    reg.startedNs = clock.nowNs();
    const win = new TelemetryWindow(reg, undefined, "main", clock.nowNs(), { intervalMs: 100, windowS: 1 });
    const stop = win.start(clock);
    // First second: 10 slow messages per 100 ms (5 ms each), all late.
    for (let i = 0; i < 10; i++) {
      for (let k = 0; k < 10; k++) {
        node.processing.record(5e6);
        node.emitted++;
        edge.delivered++;
        edge.deadlineMisses++;
      }
      clock.advanceBy(100e6);
    }
    let p = win.parts();
    assert.equal(p.nodes[0]!.processing.count, 100);
    const hdrUs = (ns: number): number => {
      const h = new LatencyHistogram();
      h.record(ns);
      return h.percentileNs(50) / 1000; // what HDR reports for ns at 3 significant digits
    };
    assert.equal(p.nodes[0]!.processing.p50Us, hdrUs(5e6));
    assert.equal(p.nodes[0]!.ratePerS, 100);
    assert.equal(p.edges[0]!.missesInWindow, 100);
    assert.equal(p.edges[0]!.health, "error");
    // Next 1.5 s: fast messages, on time. After a whole window the slow ones are gone.
    for (let i = 0; i < 15; i++) {
      for (let k = 0; k < 20; k++) {
        node.processing.record(10e3);
        node.emitted++;
        edge.delivered++;
      }
      clock.advanceBy(100e6);
    }
    p = win.parts();
    assert.equal(p.nodes[0]!.processing.count, 200);
    assert.equal(p.nodes[0]!.processing.maxUs, hdrUs(10e3));
    assert.equal(p.nodes[0]!.processing.p50Us, hdrUs(10e3));
    assert.equal(p.nodes[0]!.ratePerS, 200);
    assert.equal(p.edges[0]!.missesInWindow, 0);
    assert.equal(p.edges[0]!.deadlineMisses, 100, "all-time misses stay");
    assert.equal(p.edges[0]!.health, "ok");
    assert.equal(node.processing.count, 400, "all-time histogram keeps every sample");
    // Misses became events, one per interval that had some.
    const misses = p.events.filter((e) => e.kind === "deadline-miss");
    assert.equal(misses.length, 10);
    assert.match(misses[0]!.detail, /^10 deadline misses/);
    stop();
  });

  it("a reset of the all-time histogram (benchmarks do it) restarts the count: nothing is lost or counted twice", () => {
    const all = new LatencyHistogram();
    const w = new LatencyWindow(all, 4);
    for (const v of values(5, 300, 1e6)) all.record(v);
    w.sample();
    all.reset();
    const after = values(6, 120, 1e4);
    for (const v of after) all.record(v);
    w.sample();
    const ref = new LatencyHistogram();
    for (const v of [...values(5, 300, 1e6), ...after]) ref.record(v);
    const snap = w.snap();
    assert.equal(snap.count, 420);
    assert.equal(snap.p99Us, ref.percentileNs(99) / 1000);
    // Four more intervals without samples: the window is empty again.
    for (let i = 0; i < 4; i++) w.sample();
    assert.equal(w.snap().count, 0);
    assert.deepEqual(w.snap().buckets, []);
  });

  it("counter windows survive a reset of the counter (benchmarks reset between rounds)", () => {
    const c = new CounterWindow(2);
    c.sample(0);
    c.sample(10);
    c.sample(25);
    assert.equal(c.delta, 25);
    c.sample(3);
    assert.equal(c.lastDelta, 0);
    assert.equal(c.delta, 0);
  });

  it("keeps only the newest 50 events", () => {
    const log = new EventLog();
    for (let i = 0; i < 120; i++) log.push({ atNs: i, kind: "drop", where: "e", detail: String(i) });
    const l = log.list();
    assert.equal(l.length, 50);
    assert.equal(l[0]!.detail, "70");
    assert.equal(l[49]!.detail, "119");
    assert.equal(log.total, 120);
  });
});
