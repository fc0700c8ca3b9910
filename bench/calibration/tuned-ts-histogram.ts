// A tuned TypeScript |x| histogram with the same rule and the same one-pass scheme as the native code
// (native/src/calib/abs_histogram.cpp): locals in the hot loop, Uint32Array counts, the bin as a float32
// multiply truncated with `| 0`, and once the range is set, one pass that bins and takes the max together
// (a second pass only when the range must grow). It exists so the benchmark compares the native code with
// the best plain TypeScript we could write, not only with the textbook reference used as the test oracle.
// bench/calibration checks that it gives the reference's counts bit for bit before timing it.

export class TunedAbsHistogram {
  readonly counts: Float64Array;
  range = 0;
  maxAbs = 0;
  total = 0;
  nonFinite = 0;
  private readonly scratch: Uint32Array;

  constructor(readonly bins: number = 2048) {
    this.counts = new Float64Array(bins);
    this.scratch = new Uint32Array(bins + 1);
  }

  collect(x: Float32Array): void {
    const n = x.length;
    if (n === 0) return;
    if (this.range > 0) {
      const max = this.binPass(x, this.range);
      if (max > this.maxAbs) this.maxAbs = max;
      if (max <= this.range) return this.commit(n);
      this.grow(max);
      this.binPass(x, this.range);
      return this.commit(n);
    }
    let max = 0;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(x[i] as number);
      if (a > max && a < Infinity) max = a;
    }
    if (max > this.maxAbs) this.maxAbs = max;
    if (max === 0) {
      let finite = 0;
      for (let i = 0; i < n; i++) if (Number.isFinite(x[i])) finite++;
      this.counts[0] = (this.counts[0] as number) + finite;
      this.total += finite;
      this.nonFinite += n - finite;
      return;
    }
    this.range = max;
    this.binPass(x, max);
    this.commit(n);
  }

  /** Bins x against range into scratch (slot `bins` = outside [0, range]); returns the max finite |x|. */
  private binPass(x: Float32Array, range: number): number {
    const h = this.scratch;
    h.fill(0);
    const scale = Math.fround(this.bins / range);
    const top = this.bins - 1;
    const skip = this.bins;
    let max = 0;
    for (let i = 0, n = x.length; i < n; i++) {
      const a = Math.abs(x[i] as number);
      if (a <= range) {
        const k = Math.fround(a * scale) | 0;
        const bin = k < top ? k : top;
        h[bin] = (h[bin] as number) + 1;
        if (a > max) max = a;
      } else {
        h[skip] = (h[skip] as number) + 1;
        if (a > max && a < Infinity) max = a;
      }
    }
    return max;
  }

  private commit(n: number): void {
    const h = this.scratch;
    for (let b = 0; b < this.bins; b++) this.counts[b] = (this.counts[b] as number) + (h[b] as number);
    const skipped = h[this.bins] as number;
    this.total += n - skipped;
    this.nonFinite += skipped;
  }

  private grow(batchMax: number): void {
    let factor = 1;
    let range = this.range;
    while (range < batchMax) {
      range = Math.fround(range * 2);
      factor = Math.min(factor * 2, this.bins);
    }
    const merged = new Float64Array(this.bins);
    for (let j = 0; j < this.bins; j++) merged[(j / factor) | 0] = (merged[(j / factor) | 0] as number) + (this.counts[j] as number);
    this.counts.set(merged);
    this.range = range;
  }
}
