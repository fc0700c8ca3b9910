// Latency histograms: HDR (hdr-histogram-js) in nanoseconds, 3 significant digits, so recording costs
// tens of ns on the hot path and percentiles stay exact to 0.1% from 1 ns to minutes.
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

export class LatencyHistogram {
  // What hdr.build({ bitBucketSize: 32, autoResize: true, ... }) makes, built directly so that record()
  // can use its index arithmetic.
  private readonly h = Object.assign(new hdr.Int32Histogram(1, 60e9, 3), { autoResize: true });
  private readonly bucketShift = this.h.subBucketHalfCountMagnitude + this.h.unitMagnitude;

  record(ns: number): void {
    // Negative values can only come from stamps of two unsynchronised hosts; clamp rather than throw.
    // Zero is common under the virtual clock, where work takes no time.
    const v = ns > 0 ? Math.round(ns) : 0;
    const h = this.h;
    if (v < 0x80000000) {
      // hdr-histogram-js's own countsArrayIndex, in 32-bit integer ops where it uses Math.log2 and
      // Math.pow: the same index for every v < 2^31 (2 s), at a fraction of the cost on the hot path.
      const bucket = Math.max(31 - Math.clz32(v) - this.bucketShift, 0);
      const index = ((bucket + 1) << h.subBucketHalfCountMagnitude) + (v >>> (bucket + h.unitMagnitude)) - h.subBucketHalfCount;
      if (index < h.countsArrayLength) {
        // What recordValue does once it has the index.
        h.incrementCountAtIndex(index);
        h.updateMinAndMax(v);
        h.incrementTotalCount();
        return;
      }
    }
    h.recordValue(v); // larger values, and those that make it resize
  }

  get count(): number {
    return this.h.totalCount;
  }

  percentileNs(p: number): number {
    return this.h.totalCount === 0 ? 0 : this.h.getValueAtPercentile(p);
  }

  summary(): LatencySummary {
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

  reset(): void {
    this.h.reset();
  }

  /**
   * The raw counts, for sliding windows (latency-window.ts) that sample them once per interval, never
   * per record. `minIndex`..`maxIndex` bound the indexes that hold counts (maxIndex < minIndex: none).
   */
  rawCounts(): { readonly counts: ArrayLike<number>; readonly total: number; readonly minIndex: number; readonly maxIndex: number } {
    const h = this.h;
    if (h.totalCount === 0) return { counts: h._counts, total: 0, minIndex: 0, maxIndex: -1 };
    const low = h.minNonZeroValue === Number.MAX_SAFE_INTEGER ? 0 : h.minNonZeroValue;
    // A zero (common on the virtual clock) is not "non-zero": index 0 then starts the range.
    const minIndex = h.getCountAtIndex(0) > 0 ? 0 : h.countsArrayIndex(low);
    return { counts: h._counts, total: h.totalCount, minIndex, maxIndex: Math.min(h.countsArrayIndex(h.maxValue), h.countsArrayLength - 1) };
  }

  /** The counts-array index a value falls at. */
  indexOfValue(ns: number): number {
    return this.h.countsArrayIndex(Math.max(0, Math.round(ns)));
  }

  /** The largest value a count at `index` stands for (what percentiles report). */
  valueAtIndex(index: number): number {
    return this.h.highestEquivalentValue(this.h.valueFromIndex(index));
  }

  /** Adds another histogram's counts into this one (e.g. merging a worker's figures). */
  add(other: LatencyHistogram): void {
    this.h.add(other.h);
  }
}
