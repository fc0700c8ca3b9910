import assert from "node:assert/strict";
import * as hdr from "hdr-histogram-js";
import { FOLD_AT, LatencyHistogram, STAGED } from "../../sdk/core/histogram.js";

/** Seeded values over ns..s, with the awkward ones the runtime can see: zeros (virtual clock),
 * negatives (two hosts' stamps), fractions, values past HDR's initial range (it resizes). */
function values(seed: number, n: number): number[] {
  let s = seed >>> 0;
  const next = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = next();
    if (r < 0.05) out.push(0);
    else if (r < 0.07) out.push(-next() * 1e6);
    else if (r < 0.075) out.push(60e9 + next() * 600e9);
    else out.push(next() ** 4 * 3e9 + next()); // most of them small, a fraction of a ns each
  }
  return out;
}

/** The reference: hdr-histogram-js itself (what hdr.build makes for these options), fed value by value. */
function reference(vs: readonly number[]): hdr.Int32Histogram {
  const h = Object.assign(new hdr.Int32Histogram(1, 60e9, 3), { autoResize: true });
  for (const v of vs) h.recordValue(v > 0 ? Math.round(v) : 0);
  return h;
}

function assertSame(h: LatencyHistogram, ref: hdr.Int32Histogram, what: string): void {
  const s = h.summary();
  assert.equal(s.count, ref.totalCount, `${what}: count`);
  for (const p of [1, 10, 50, 90, 99, 99.9, 100]) assert.equal(h.percentileNs(p), ref.getValueAtPercentile(p), `${what}: p${p}`);
  assert.equal(s.p50Ns, ref.getValueAtPercentile(50), `${what}: summary p50`);
  assert.equal(s.p99Ns, ref.getValueAtPercentile(99), `${what}: summary p99`);
  assert.equal(s.maxNs, ref.maxValue, `${what}: max`);
  assert.equal(s.minNs, ref.minNonZeroValue, `${what}: min`);
  assert.ok(Math.abs(s.meanNs - ref.mean) <= 1e-9 * ref.mean, `${what}: mean ${s.meanNs} vs ${ref.mean}`);
}

describe("telemetry: latency histogram (staged records)", () => {
  it("equals a plain HDR histogram fed the same values, whenever it is read", async () => {
    const vs = values(7, 5000);
    const h = new LatencyHistogram();
    // Reads at irregular points: some with values staged, some after a microtask fold.
    const readAt = new Set([1, FOLD_AT - 1, FOLD_AT, STAGED - 1, STAGED, STAGED + 1, 1234, 4999]);
    for (let i = 0; i < vs.length; i++) {
      h.record(vs[i]!);
      if (i % 97 === 0) await Promise.resolve();
      if (readAt.has(i)) assertSame(h, reference(vs.slice(0, i + 1)), `after ${i + 1} values`);
    }
    assertSame(h, reference(vs), "all values");
  });

  it("counts staged values, and loses none in a synchronous burst much larger than the buffer", () => {
    const h = new LatencyHistogram();
    const vs = values(8, 10 * STAGED + 5);
    for (const v of vs) h.record(v);
    assert.equal(h.count, vs.length);
    assert.ok(h.pending > 0 && h.pending < STAGED, `some values are staged (${h.pending})`);
    assertSame(h, reference(vs), "burst");
    assert.equal(h.pending, 0, "a read folds");
  });

  it("folds a nearly full buffer in a microtask, off the record path", async () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < FOLD_AT - 1; i++) h.record(100 + i);
    await Promise.resolve();
    assert.equal(h.pending, FOLD_AT - 1, "below the mark, values wait for more records or a reader");
    h.record(1000);
    assert.equal(h.pending, FOLD_AT, "the record that reaches the mark does not fold");
    await Promise.resolve();
    assert.equal(h.pending, 0, "folded once the synchronous code returned");
    assert.equal(h.count, FOLD_AT);
    assert.equal(h.percentileNs(100), 1000);
  });

  it("one queued fold takes every histogram that reached the mark, and each again after it", async () => {
    const hs = Array.from({ length: 5 }, () => new LatencyHistogram());
    for (let round = 1; round <= 2; round++) {
      for (let i = 0; i < FOLD_AT; i++) for (const h of hs) h.record(i);
      assert.deepEqual(hs.map((h) => h.pending), hs.map(() => FOLD_AT));
      hs[0]!.percentileNs(50); // a reader folds one of them before the queued fold runs
      await Promise.resolve();
      assert.deepEqual(hs.map((h) => h.pending), hs.map(() => 0), `round ${round}: all folded`);
      assert.deepEqual(hs.map((h) => h.count), hs.map(() => round * FOLD_AT));
    }
  });

  it("every reader sees staged values without a fold having run", () => {
    const vs = [3, 0, 250, 251, 9e5];
    const ref = reference(vs);
    const staged = (): LatencyHistogram => {
      const h = new LatencyHistogram();
      for (const v of vs) h.record(v);
      assert.equal(h.pending, vs.length);
      return h;
    };
    assert.equal(staged().count, vs.length);
    assert.equal(staged().percentileNs(50), ref.getValueAtPercentile(50));
    assert.equal(staged().summary().maxNs, ref.maxValue);
    assert.equal(staged().rawCounts().total, vs.length);
    const merged = new LatencyHistogram();
    merged.add(staged());
    assert.equal(merged.percentileNs(99), ref.getValueAtPercentile(99));
  });

  it("windows see staged values: rawCounts folds first", () => {
    const h = new LatencyHistogram();
    for (const v of [0, 5, 5, 250, 3e6]) h.record(v);
    assert.equal(h.pending, 5);
    const raw = h.rawCounts();
    assert.equal(raw.total, 5);
    let sum = 0;
    for (let i = raw.minIndex; i <= raw.maxIndex; i++) sum += raw.counts[i]!;
    assert.equal(sum, 5);
    assert.equal(raw.minIndex, 0, "a zero starts the range");
    const ref = reference([3e6]);
    assert.equal(h.valueAtIndex(raw.maxIndex), ref.highestEquivalentValue(ref.maxValue));
  });

  it("reset forgets staged values; add merges staged values of both sides", async () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 10; i++) h.record(1e3);
    h.reset();
    assert.equal(h.count, 0);
    assert.equal(h.summary().count, 0);
    await Promise.resolve();
    assert.equal(h.count, 0, "a fold queued before the reset brings nothing back");

    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const va = values(9, 30);
    const vb = values(10, 100);
    for (const v of va) a.record(v);
    for (const v of vb) b.record(v);
    a.add(b);
    assertSame(a, reference([...va, ...vb]), "merged");
  });

  it("non-finite and absurd values are recorded, clamped, never thrown from a fold", async () => {
    const h = new LatencyHistogram();
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e300]) h.record(v);
    for (let i = 0; i < FOLD_AT; i++) h.record(10);
    await Promise.resolve(); // the fold ran in a microtask: a throw there would fail this test
    assert.equal(h.count, FOLD_AT + 4);
    assert.equal(h.summary().minNs, 10);
    assert.ok(h.summary().maxNs >= 2 ** 48, "infinities are clamped to the top, not dropped");
  });
});
