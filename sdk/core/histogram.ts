// Latency histograms: HDR (hdr-histogram-js) in nanoseconds, 3 significant digits, so percentiles stay
// exact to 0.1% from 1 ns to minutes. The hot path does not touch the HDR counts: `record` appends the
// value to a small staging buffer, and the buffer is folded into the counts in a microtask once it is
// nearly full (after the synchronous chain that filled it, so off a message's path), at once if it
// fills up before that, and whenever anything reads the histogram. Why: HDR's counts array is 110 KB, a
// hop's 100-300 ns values fall on ~13 cache lines of it, and at 1 kHz on a shared machine those lines
// are cold at every record (a load miss per record, ~50 ns); a store into the staging buffer does not
// wait for its line, and a fold pays each cold line once for up to STAGED values
// (bench/results/graph-overhead.md). No value is ever dropped: a full buffer folds before it takes more.
import * as hdr from "hdr-histogram-js";

export interface LatencySummary {
  count: number;
  minNs: number;
  p50Ns: number;
  p90Ns: number;
  p99Ns: number;
  maxNs: number;
  meanNs: number;
}

/**
 * Values a histogram stages before they are folded into its counts: 2 KB per histogram, filled in order.
 * A fold is queued at FOLD_AT, so the hop that queues it comes once per 192 messages (under 1%, out of
 * the p99 of a hop), and a synchronous burst still has 64 values of room before a record must fold.
 */
export const STAGED = 256;
/** Staged values at which a fold is queued (the rest of the buffer takes a synchronous burst meanwhile). */
export const FOLD_AT = 192;
/** Values are clamped to this (about 3 days in ns), so that no value can make HDR's resize fail in a fold. */
const MAX_NS = 2 ** 48;

export class LatencyHistogram {
  /**
   * Histograms waiting for the queued fold. One microtask folds them all: the histograms of a chain reach
   * the mark on the same message, and one queueMicrotask costs less on that message than twenty.
   */
  private static waiting: LatencyHistogram[] = [];
  private static readonly foldWaiting = (): void => {
    const list = LatencyHistogram.waiting;
    LatencyHistogram.waiting = [];
    for (const h of list) {
      h.queued = false;
      h.flush();
    }
  };

  // What hdr.build({ bitBucketSize: 32, autoResize: true, ... }) makes, built directly so that the fold
  // can use its index arithmetic.
  private readonly h = Object.assign(new hdr.Int32Histogram(1, 60e9, 3), { autoResize: true });
  private readonly bucketShift = this.h.subBucketHalfCountMagnitude + this.h.unitMagnitude;
  /** Recorded values not yet in `h`, raw (clamped and rounded when folded). */
  private readonly stage = new Float64Array(STAGED);
  private staged = 0;
  /** In `waiting` (at most once: only the queued fold takes it out). */
  private queued = false;

  record(ns: number): void {
    const n = this.staged;
    this.stage[n] = ns;
    this.staged = n + 1;
    if (n + 1 >= FOLD_AT) this.nearlyFull();
  }

  private nearlyFull(): void {
    if (this.staged === STAGED) this.flush();
    else if (!this.queued) {
      this.queued = true;
      if (LatencyHistogram.waiting.push(this) === 1) queueMicrotask(LatencyHistogram.foldWaiting);
    }
  }

  /**
   * Folds the staged values into the HDR counts. Every reader below calls it first, so what they see
   * always includes every value recorded; callers never need to.
   */
  flush(): void {
    const n = this.staged;
    if (n === 0) return;
    this.staged = 0;
    const h = this.h;
    const stage = this.stage;
    const shift = this.bucketShift;
    const half = h.subBucketHalfCountMagnitude;
    const unit = h.unitMagnitude;
    const base = h.subBucketHalfCount;
    // The counts themselves, incremented in place (what incrementCountAtIndex does, without its call);
    // read again after a recordValue, which may have resized them.
    let length = h.countsArrayLength;
    let counts = h._counts as Int32Array;
    // Min, max and total are updated once per fold, not once per value.
    let max = 0;
    let minNonZero = Number.MAX_SAFE_INTEGER;
    let counted = 0;
    for (let k = 0; k < n; k++) {
      const ns = stage[k]!;
      // Negative values can only come from stamps of two unsynchronised hosts; clamp rather than throw.
      // Zero is common under the virtual clock, where work takes no time. NaN folds as zero.
      const v = ns > 0 ? (ns < MAX_NS ? Math.round(ns) : MAX_NS) : 0;
      if (v < 0x80000000) {
        // hdr-histogram-js's own countsArrayIndex, in 32-bit integer ops where it uses Math.log2 and
        // Math.pow: the same index for every v < 2^31 (2 s), at a fraction of the cost.
        const bucket = Math.max(31 - Math.clz32(v) - shift, 0);
        const index = ((bucket + 1) << half) + (v >>> (bucket + unit)) - base;
        if (index < length) {
          counts[index]!++;
          if (v > max) max = v;
          if (v !== 0 && v < minNonZero) minNonZero = v;
          counted++;
          continue;
        }
      }
      h.recordValue(v); // larger values, and those that make it resize (min, max, total included)
      counts = h._counts as Int32Array;
      length = h.countsArrayLength;
    }
    if (counted > 0) {
      h.updateMinAndMax(max);
      if (minNonZero !== Number.MAX_SAFE_INTEGER) h.updateMinAndMax(minNonZero);
      h.addToTotalCount(counted);
    }
  }

  /** Values recorded but not yet folded into the counts (readers fold them first; tests look). */
  get pending(): number {
    return this.staged;
  }

  /** Values recorded so far (staged ones included). */
  get count(): number {
    return this.h.totalCount + this.staged;
  }

  percentileNs(p: number): number {
    this.flush();
    return this.h.totalCount === 0 ? 0 : this.h.getValueAtPercentile(p);
  }

  summary(): LatencySummary {
    this.flush();
    const h = this.h;
    if (h.totalCount === 0) return { count: 0, minNs: 0, p50Ns: 0, p90Ns: 0, p99Ns: 0, maxNs: 0, meanNs: 0 };
    return {
      count: h.totalCount,
      minNs: h.minNonZeroValue === Number.MAX_SAFE_INTEGER ? 0 : h.minNonZeroValue,
      p50Ns: h.getValueAtPercentile(50),
      p90Ns: h.getValueAtPercentile(90),
      p99Ns: h.getValueAtPercentile(99),
      maxNs: h.maxValue,
      meanNs: h.mean,
    };
  }

  /** Forgets every value, staged ones included. */
  reset(): void {
    this.staged = 0;
    this.h.reset();
  }

  /**
   * The raw counts, for sliding windows (latency-window.ts) that sample them once per interval, never
   * per record. `minIndex`..`maxIndex` bound the indexes that hold counts (maxIndex < minIndex: none).
   */
  rawCounts(): { readonly counts: ArrayLike<number>; readonly total: number; readonly minIndex: number; readonly maxIndex: number } {
    this.flush();
    const h = this.h;
    if (h.totalCount === 0) return { counts: h._counts, total: 0, minIndex: 0, maxIndex: -1 };
    const low = h.minNonZeroValue === Number.MAX_SAFE_INTEGER ? 0 : h.minNonZeroValue;
    // A zero (common on the virtual clock) is not "non-zero": index 0 then starts the range.
    const minIndex = h.getCountAtIndex(0) > 0 ? 0 : h.countsArrayIndex(low);
    return { counts: h._counts, total: h.totalCount, minIndex, maxIndex: Math.min(h.countsArrayIndex(h.maxValue), h.countsArrayLength - 1) };
  }

  /** The counts-array index a value falls at. */
  indexOfValue(ns: number): number {
    return this.h.countsArrayIndex(ns > 0 ? (ns < MAX_NS ? Math.round(ns) : MAX_NS) : 0);
  }

  /** The largest value a count at `index` stands for (what percentiles report). */
  valueAtIndex(index: number): number {
    return this.h.highestEquivalentValue(this.h.valueFromIndex(index));
  }

  /** Adds another histogram's counts into this one (e.g. merging a worker's figures). */
  add(other: LatencyHistogram): void {
    this.flush();
    other.flush();
    this.h.add(other.h);
  }
}
