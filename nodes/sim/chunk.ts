// Action-chunk playback: a policy emits a chunk of `horizon` actions (row-major Float32Array,
// horizon x dim); the robot consumes one row per control step until the chunk runs out or a newer
// chunk replaces it.

export class ChunkCursor {
  private chunk: Float32Array | undefined;
  private horizon = 0;
  private dim = 0;
  private row = 0;

  /** Start playing a new chunk from its first row (replaces whatever was playing). */
  load(chunk: Float32Array, horizon: number, dim: number): void {
    if (!Number.isInteger(horizon) || !Number.isInteger(dim) || horizon < 1 || dim < 1) {
      throw new RangeError(`chunk: horizon and dim must be positive integers, got ${horizon} x ${dim}`);
    }
    if (chunk.length !== horizon * dim) {
      throw new RangeError(`chunk: expected ${horizon} x ${dim} = ${horizon * dim} values, got ${chunk.length}`);
    }
    this.chunk = chunk;
    this.horizon = horizon;
    this.dim = dim;
    this.row = 0;
  }

  /** Drop the current chunk (nothing left to play). */
  clear(): void {
    this.chunk = undefined;
    this.horizon = 0;
    this.dim = 0;
    this.row = 0;
  }

  /** Rows not yet consumed. */
  get remaining(): number {
    return this.chunk ? this.horizon - this.row : 0;
  }

  /** Index of the next row to be consumed. */
  get position(): number {
    return this.row;
  }

  /** The next row (a view, not a copy), or undefined when the chunk is used up. */
  next(): Float32Array | undefined {
    if (!this.chunk || this.row >= this.horizon) return undefined;
    const start = this.row * this.dim;
    this.row++;
    return this.chunk.subarray(start, start + this.dim);
  }
}
