// A sliding window over an all-time LatencyHistogram, at no cost to the record path: the hot path keeps
// recording into the one all-time histogram, and once per interval (a timer on the runtime clock, not a
// record) `sample()` stores what changed since the last sample as a sparse delta in a ring of intervals.
// The window is the sum of the ring: exactly the samples recorded in the last N intervals.
import type { LatencyHistogram } from "./histogram.js";
import type { LatencySnap } from "./snapshot-types.js";

/** Upper bounds of the coarse histogram the page draws, us (1-2-5 steps, 1 us to 10 s). */
export const BUCKET_BOUNDS_US: readonly number[] = (() => {
  const out: number[] = [];
  for (let decade = 1; decade <= 1e7; decade *= 10) out.push(decade, 2 * decade, 5 * decade);
  return out.filter((b) => b <= 1e7);
})();

interface Delta {
  /** Ascending counts-array indexes that changed, and by how much. */
  readonly index: Int32Array;
  readonly count: Float64Array;
}

const EMPTY: Delta = { index: new Int32Array(0), count: new Float64Array(0) };

export class LatencyWindow {
  /** The source's counts at the last sample. */
  private last = new Float64Array(0);
  private lastTotal = 0;
  private readonly ring: Delta[];
  private head = 0;
  // Reused between samples and merges: no allocation per interval beyond the delta itself.
  private scratchIndex = new Int32Array(256);
  private scratchCount = new Float64Array(256);
  private merged = new Float64Array(0);

  constructor(
    readonly source: LatencyHistogram,
    /** Intervals the window spans. */
    readonly intervals: number,
  ) {
    if (!(intervals >= 1)) throw new RangeError(`a latency window needs at least 1 interval, got ${intervals}`);
    this.ring = Array.from({ length: intervals }, () => EMPTY);
  }

  /** Closes the current interval: what the source recorded since the last call enters the window. */
  sample(): void {
    const raw = this.source.rawCounts();
    if (raw.total < this.lastTotal) {
      // The source was reset (benchmarks do between rounds): count from zero again.
      this.last.fill(0);
    }
    this.lastTotal = raw.total;
    if (raw.maxIndex >= this.last.length) {
      const grown = new Float64Array(Math.max(raw.maxIndex + 1, this.last.length * 2));
      grown.set(this.last);
      this.last = grown;
    }
    let n = 0;
    const counts = raw.counts;
    const last = this.last;
    for (let i = raw.minIndex; i <= raw.maxIndex; i++) {
      const c = counts[i]!;
      const d = c - last[i]!;
      if (d === 0) continue;
      last[i] = c;
      if (d < 0) continue; // a reset between samples: only what came after it counts
      if (n === this.scratchIndex.length) this.growScratch();
      this.scratchIndex[n] = i;
      this.scratchCount[n] = d;
      n++;
    }
    this.ring[this.head] = n === 0 ? EMPTY : { index: this.scratchIndex.slice(0, n), count: this.scratchCount.slice(0, n) };
    this.head = (this.head + 1) % this.ring.length;
  }

  /** Takes the source's counts so far as the starting point: they stay out of the window. */
  prime(): void {
    this.sample();
    this.head = (this.head - 1 + this.ring.length) % this.ring.length;
    this.ring[this.head] = EMPTY;
  }

  /** The window's figures, us. */
  snap(): LatencySnap {
    let lo = Number.POSITIVE_INFINITY;
    let hi = -1;
    for (const d of this.ring) {
      if (d.index.length === 0) continue;
      lo = Math.min(lo, d.index[0]!);
      hi = Math.max(hi, d.index[d.index.length - 1]!);
    }
    if (hi < 0) return { count: 0, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0, buckets: BUCKET_BOUNDS_US.map((leUs) => ({ leUs, count: 0 })) };
    if (this.merged.length <= hi) this.merged = new Float64Array(hi + 1);
    const m = this.merged;
    let total = 0;
    for (const d of this.ring) {
      for (let k = 0; k < d.index.length; k++) {
        m[d.index[k]!]! += d.count[k]!;
        total += d.count[k]!;
      }
    }
    // Percentiles the way HDR computes them: the first index where the running count reaches
    // ceil(p% of the total), reported as the highest value that index stands for.
    const wants = [50, 90, 99].map((p) => Math.max(1, Math.ceil((p / 100) * total - 1e-9)));
    const found = [0, 0, 0];
    const buckets = BUCKET_BOUNDS_US.map((leUs) => ({ leUs, count: 0 }));
    let b = 0;
    let running = 0;
    for (let i = lo; i <= hi; i++) {
      const c = m[i]!;
      if (c === 0) continue;
      m[i] = 0; // leave the scratch clean for the next merge
      const before = running;
      running += c;
      const valueNs = this.source.valueAtIndex(i);
      for (let q = 0; q < 3; q++) if (before < wants[q]! && running >= wants[q]!) found[q] = valueNs;
      const us = valueNs / 1000;
      while (b < buckets.length - 1 && us > buckets[b]!.leUs) b++;
      (buckets[b] as { count: number }).count += c;
    }
    const us = (ns: number): number => Math.round(ns) / 1000;
    return { count: total, p50Us: us(found[0]!), p90Us: us(found[1]!), p99Us: us(found[2]!), maxUs: us(this.source.valueAtIndex(hi)), buckets };
  }

  private growScratch(): void {
    const i = new Int32Array(this.scratchIndex.length * 2);
    i.set(this.scratchIndex);
    this.scratchIndex = i;
    const c = new Float64Array(this.scratchCount.length * 2);
    c.set(this.scratchCount);
    this.scratchCount = c;
  }
}

/** A counter (messages, drops, misses ...) over the same ring of intervals: sampled, never per event. */
export class CounterWindow {
  /** Cumulative values at the last `intervals + 1` samples. */
  private readonly ring: Float64Array;
  private head = 0;
  private filled = 0;

  constructor(readonly intervals: number) {
    this.ring = new Float64Array(intervals + 1);
  }

  sample(cumulative: number): void {
    this.ring[this.head] = cumulative;
    this.head = (this.head + 1) % this.ring.length;
    if (this.filled < this.ring.length) this.filled++;
  }

  /** Growth over the window (0 if the counter went backwards, i.e. was reset). */
  get delta(): number {
    if (this.filled < 2) return this.filled === 1 ? Math.max(0, this.newest) : 0;
    const oldest = this.filled < this.ring.length ? this.ring[0]! : this.ring[this.head]!;
    return Math.max(0, this.newest - oldest);
  }

  /** Growth over the last interval. */
  get lastDelta(): number {
    if (this.filled < 2) return this.filled === 1 ? Math.max(0, this.newest) : 0;
    const prev = this.ring[(this.head - 2 + this.ring.length) % this.ring.length]!;
    return Math.max(0, this.newest - prev);
  }

  /** The cumulative value the window's growth is counted from. */
  get oldest(): number {
    if (this.filled === 0) return 0;
    return this.filled < this.ring.length ? this.ring[0]! : this.ring[this.head]!;
  }

  get newest(): number {
    return this.filled === 0 ? 0 : this.ring[(this.head - 1 + this.ring.length) % this.ring.length]!;
  }
}
