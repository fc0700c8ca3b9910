// A sliding window over an all-time LatencyHistogram, at no cost to the record path: the hot path keeps
// recording into the one all-time histogram, and once per interval (a timer on the runtime clock, not a
// record) `sample()` stores what changed since the last sample as a sparse delta in a ring of intervals.
// The window is the sum of the ring: exactly the samples recorded in the last N intervals. It is kept
// as a running dense sum (the delta entering is added, the one leaving subtracted), so a snapshot only
// walks up to its p99 and adds up the ring's per-interval bucket counts.
import type { LatencyHistogram } from "../core/histogram.js";
import type { LatencySnap } from "./snapshot-types.js";

/** Upper bounds of the coarse histogram the page draws, us (1-2-5 steps, 1 us to 10 s); a snapshot
 * carries the run of them from the first to the last that holds samples. */
export const BUCKET_BOUNDS_US: readonly number[] = (() => {
  const out: number[] = [];
  for (let decade = 1; decade <= 1e7; decade *= 10) out.push(decade, 2 * decade, 5 * decade);
  return out.filter((b) => b <= 1e7);
})();

interface Delta {
  /** Ascending counts-array indexes that changed, and by how much. */
  readonly index: Int32Array;
  readonly count: Int32Array;
  readonly total: number;
  /** Samples per BUCKET_BOUNDS_US bucket. */
  readonly buckets: Float64Array;
}

const EMPTY: Delta = { index: new Int32Array(0), count: new Int32Array(0), total: 0, buckets: new Float64Array(BUCKET_BOUNDS_US.length) };

export class LatencyWindow {
  /** The source's counts at the last sample (the source counts in int32 too). */
  private last = new Int32Array(0);
  private lastTotal = 0;
  private readonly ring: Delta[];
  private head = 0;
  /** The ring summed: counts per index, and their total. */
  private sum = new Float64Array(0);
  private sumTotal = 0;
  // Reused between samples: no allocation per interval beyond the delta itself.
  private scratchIndex = new Int32Array(256);
  private scratchCount = new Int32Array(256);
  /** The last counts-array index of each bucket (values above a bound fall in the next bucket). */
  private readonly bucketEnd: Int32Array;

  constructor(
    readonly source: LatencyHistogram,
    /** Intervals the window spans. */
    readonly intervals: number,
  ) {
    if (!(intervals >= 1)) throw new RangeError(`a latency window needs at least 1 interval, got ${intervals}`);
    this.ring = Array.from({ length: intervals }, () => EMPTY);
    this.bucketEnd = Int32Array.from(BUCKET_BOUNDS_US, (us) => source.indexOfValue(us * 1000));
  }

  /** Closes the current interval: what the source recorded since the last call enters the window. */
  sample(): void {
    const total = this.source.count;
    this.push(total === this.lastTotal ? EMPTY : this.delta(total));
  }

  /** Takes the source's counts so far as the starting point: they stay out of the window. */
  prime(): void {
    const total = this.source.count;
    if (total !== this.lastTotal) this.delta(total);
  }

  /** What the source recorded since the last sample, as a sparse delta (and `last` brought up to date). */
  private delta(total: number): Delta {
    const raw = this.source.rawCounts();
    if (total < this.lastTotal) {
      // The source was reset (benchmarks do between rounds): count from zero again.
      this.last.fill(0);
      this.lastTotal = 0;
    }
    let wanted = total - this.lastTotal;
    this.lastTotal = total;
    if (raw.maxIndex >= this.last.length) {
      const grown = new Int32Array(Math.max(raw.maxIndex + 1, this.last.length * 2));
      grown.set(this.last);
      this.last = grown;
    }
    const counts = raw.counts;
    const last = this.last;
    const hi = raw.maxIndex;
    const buckets = new Float64Array(BUCKET_BOUNDS_US.length);
    const ends = this.bucketEnd;
    let b = 0;
    let n = 0;
    // One pass from the lowest recorded index, stopping once every new sample is found: a few ns per
    // index up to the interval's largest value, not the all-time one.
    for (let i = raw.minIndex; i <= hi && wanted > 0; i++) {
      const c = counts[i]!;
      const l = last[i]!;
      if (c === l) continue;
      last[i] = c;
      const d = c - l;
      if (d < 0) continue; // counts only grow between resets
      wanted -= d;
      if (n === this.scratchIndex.length) this.growScratch();
      this.scratchIndex[n] = i;
      this.scratchCount[n] = d;
      n++;
      while (b < ends.length - 1 && i > ends[b]!) b++;
      buckets[b]! += d;
    }
    let sampled = 0;
    for (let k = 0; k < n; k++) sampled += this.scratchCount[k]!;
    return { index: this.scratchIndex.slice(0, n), count: this.scratchCount.slice(0, n), total: sampled, buckets };
  }

  private push(d: Delta): void {
    const out = this.ring[this.head]!;
    const sum = this.sum;
    for (let k = 0; k < out.index.length; k++) sum[out.index[k]!]! -= out.count[k]!;
    this.sumTotal -= out.total;
    if (d.index.length > 0) {
      const top = d.index[d.index.length - 1]!;
      if (top >= this.sum.length) {
        const grown = new Float64Array(Math.max(top + 1, this.sum.length * 2));
        grown.set(this.sum);
        this.sum = grown;
      }
      const s = this.sum;
      for (let k = 0; k < d.index.length; k++) s[d.index[k]!]! += d.count[k]!;
      this.sumTotal += d.total;
    }
    this.ring[this.head] = d;
    this.head = (this.head + 1) % this.ring.length;
  }

  /** The window's figures, us. */
  snap(): LatencySnap {
    const total = this.sumTotal;
    if (total === 0) return { count: 0, p50Us: 0, p90Us: 0, p99Us: 0, maxUs: 0, buckets: [] };
    let lo = Number.POSITIVE_INFINITY;
    let hi = -1;
    const bucketSum = new Array<number>(BUCKET_BOUNDS_US.length).fill(0);
    for (const d of this.ring) {
      if (d.index.length === 0) continue;
      lo = Math.min(lo, d.index[0]!);
      hi = Math.max(hi, d.index[d.index.length - 1]!);
      for (let b = 0; b < bucketSum.length; b++) bucketSum[b]! += d.buckets[b]!;
    }
    // Percentiles the way HDR computes them: the first index where the running count reaches
    // ceil(p% of the total), reported as the highest value that index stands for. The walk stops at p99.
    const wants = [50, 90, 99].map((p) => Math.max(1, Math.ceil((p / 100) * total - 1e-9)));
    const found = [0, 0, 0];
    const s = this.sum;
    let q = 0;
    let running = 0;
    for (let i = lo; i <= hi && q < 3; i++) {
      const c = s[i]!;
      if (c === 0) continue;
      running += c;
      while (q < 3 && running >= wants[q]!) found[q++] = this.source.valueAtIndex(i);
    }
    const us = (ns: number): number => Math.round(ns) / 1000;
    const buckets = trimBuckets(BUCKET_BOUNDS_US.map((leUs, b) => ({ leUs, count: bucketSum[b]! })));
    return { count: total, p50Us: us(found[0]!), p90Us: us(found[1]!), p99Us: us(found[2]!), maxUs: us(this.source.valueAtIndex(hi)), buckets };
  }

  private growScratch(): void {
    const i = new Int32Array(this.scratchIndex.length * 2);
    i.set(this.scratchIndex);
    this.scratchIndex = i;
    const c = new Int32Array(this.scratchCount.length * 2);
    c.set(this.scratchCount);
    this.scratchCount = c;
  }
}

/** Leading and trailing empty buckets say nothing: left out (the snapshot stays small with many nodes). */
function trimBuckets(b: { leUs: number; count: number }[]): { leUs: number; count: number }[] {
  let first = 0;
  while (first < b.length && b[first]!.count === 0) first++;
  let last = b.length - 1;
  while (last >= first && b[last]!.count === 0) last--;
  return b.slice(first, last + 1);
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
