// Bounded time series for the charts. Values are appended to typed arrays twice the capacity long;
// when the end is reached the newest `capacity` points are copied to the front, so appending is O(1)
// amortized, the memory is fixed, and the current window is one contiguous subarray (what uPlot draws)
// without allocating per snapshot.

export class SeriesHistory {
  private readonly cols: Float64Array[];
  private start = 0;
  private end = 0;

  constructor(
    /** Points kept: e.g. 5 minutes at 4 Hz = 1200. */
    readonly capacity: number,
    /** Columns per point: x first, then the series. */
    readonly width: number,
  ) {
    if (!(capacity > 0) || !(width > 0)) throw new Error(`SeriesHistory: capacity and width must be > 0 (got ${capacity}, ${width})`);
    this.cols = Array.from({ length: width }, () => new Float64Array(capacity * 2));
  }

  get length(): number {
    return this.end - this.start;
  }

  /** Appends one point; a point whose x is not after the last one restarts the series (a new run). */
  push(values: readonly number[]): void {
    if (values.length !== this.width) throw new Error(`SeriesHistory.push: expected ${this.width} values, got ${values.length}`);
    const x = values[0]!;
    if (this.length > 0 && !(x > this.cols[0]![this.end - 1]!)) {
      if (x === this.cols[0]![this.end - 1]) return; // the same snapshot again (e.g. hello after reconnect)
      this.start = this.end = 0;
    }
    if (this.end === this.capacity * 2) {
      for (const c of this.cols) c.copyWithin(0, this.end - this.capacity + 1, this.end);
      this.start = 0;
      this.end = this.capacity - 1;
    }
    for (let i = 0; i < this.width; i++) this.cols[i]![this.end] = values[i]!;
    this.end++;
    if (this.length > this.capacity) this.start = this.end - this.capacity;
  }

  /** The kept points, oldest first, one view per column (valid until the next push). */
  columns(): Float64Array[] {
    return this.cols.map((c) => c.subarray(this.start, this.end));
  }

  /** Forgets points with x before `x` (keeps the charts to a time window as well as a point count). */
  trimBefore(x: number): void {
    const xs = this.cols[0]!;
    while (this.start < this.end && xs[this.start]! < x) this.start++;
  }

  clear(): void {
    this.start = this.end = 0;
  }
}
