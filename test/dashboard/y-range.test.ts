// The latency charts' Y range (dashboard/y-range.ts) is pure, so it is checked here without a browser:
// one spike must not flatten the deadline line, a sustained rise must move the axis, and what is cut
// off is counted.
import assert from "node:assert/strict";
import { CLIP_QUANTILE, DEADLINE_ROOM, latencyYRange, niceCeil, quantileInPlace } from "../../dashboard/y-range.js";

/** A seeded generator so the "noisy" series are the same every run. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe("dashboard latency chart Y range", () => {
  it("keeps a 2 ms deadline readable when one p99 is 80 ms, and counts the clipped point", () => {
    const rnd = lcg(7);
    const p99 = Array.from({ length: 1200 }, () => 0.8 + rnd() * 0.6); // 0.8..1.4 ms
    p99[600] = 80;
    const r = latencyYRange(p99, 2);
    // The old auto range was [0, 88]: the deadline at 2.3% of the height.
    assert.ok(r.top >= 2 * DEADLINE_ROOM, `top ${r.top} leaves the deadline readable`);
    assert.ok(r.top < 10, `top ${r.top} is not set by the 80 ms spike`);
    assert.equal(r.clipped, 1);
    assert.equal(r.maxP99, 80);
    for (const v of p99) if (v !== 80) assert.ok(v <= r.top, `${v} ms drawn inside the chart`);
  });

  it("follows a sustained rise above the deadline instead of clipping it", () => {
    // 30% of the window at ~40 ms: that is the data now, not a spike.
    const p99 = Array.from({ length: 400 }, (_, i) => (i < 280 ? 1 : 40 + (i % 5)));
    const r = latencyYRange(p99, 2);
    assert.ok(r.top >= 44, `top ${r.top} shows the sustained 40-44 ms`);
    assert.equal(r.clipped, 0);
  });

  it("clips at most the top (1 - quantile) share of the points, whatever the series", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const rnd = lcg(seed);
      const n = 1 + Math.floor(rnd() * 2000);
      // Heavy tailed: mostly ~1 ms, now and then up to 1000x more.
      const p99 = Array.from({ length: n }, () => (rnd() < 0.03 ? 1 + rnd() * 1000 : 0.5 + rnd()));
      const deadline = rnd() < 0.5 ? undefined : 0.1 + rnd() * 5;
      const r = latencyYRange(p99, deadline);
      const above = p99.filter((v) => v > r.top).length;
      assert.equal(r.clipped, above, `seed ${seed}`);
      assert.ok(above <= Math.floor(n * (1 - CLIP_QUANTILE)), `seed ${seed}: ${above} of ${n} clipped`);
      if (deadline !== undefined) assert.ok(r.top >= deadline * DEADLINE_ROOM, `seed ${seed}: deadline ${deadline} under top ${r.top}`);
      assert.equal(r.maxP99, Math.max(...p99));
    }
  });

  it("ignores gaps (NaN) and has a usable range with no data or all zeros", () => {
    assert.deepEqual(latencyYRange([NaN, NaN], 2), { top: 3, clipped: 0, maxP99: NaN });
    assert.equal(latencyYRange([], undefined).top, 1);
    assert.equal(latencyYRange([0, 0, 0], undefined).top, 1);
    const r = latencyYRange([NaN, 5, NaN, 5], undefined);
    assert.ok(r.top >= 5 && r.top <= 6, `top ${r.top}`);
  });

  it("reuses the scratch buffer and leaves the input untouched", () => {
    const p99 = new Float64Array([3, 1, 2, 100, 4]);
    const scratch = new Float64Array(8);
    latencyYRange(p99, undefined, scratch);
    assert.deepEqual([...p99], [3, 1, 2, 100, 4]);
    assert.notDeepEqual([...scratch], new Array(8).fill(0));
  });

  it("selects the same quantile as a sort would", () => {
    const rnd = lcg(99);
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rnd() * 300);
      // Few distinct values too, so equal keys around the pivot are exercised.
      const vals = Array.from({ length: n }, () => (t % 2 ? Math.floor(rnd() * 4) : rnd()));
      const q = rnd();
      const sorted = [...vals].sort((a, b) => a - b);
      const want = sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
      assert.equal(quantileInPlace(Float64Array.from(vals), n, q), want, `n=${n} q=${q}`);
    }
  });

  it("rounds the top up to a nice value", () => {
    assert.equal(niceCeil(2.9), 3);
    assert.equal(niceCeil(3), 3);
    assert.equal(niceCeil(0.31), 0.4);
    assert.equal(niceCeil(101), 120);
    assert.equal(niceCeil(9.5), 10);
    for (const v of [0.0013, 0.7, 1, 7.7, 33, 987]) {
      const c = niceCeil(v);
      assert.ok(c >= v && c <= v * 1.25, `${v} -> ${c}`);
    }
  });
});
