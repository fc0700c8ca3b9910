// Seeded standard-normal noise for the sampler's x0: the same seed gives the same sequence of draws on
// every machine (integer PRNG + Box-Muller in float64), so policy ticks replay exactly.

import { Sfc32 } from "../core/sfc32.js";

export class GaussianNoise {
  private readonly gen: Sfc32;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`noise seed must be a safe integer, got ${seed}`);
    // Split the seed into two 32-bit halves so seeds beyond 2^32 still differ.
    this.gen = new Sfc32(0x9e3779b9, seed >>> 0, Math.floor(seed / 0x1_0000_0000) >>> 0);
  }

  /** Uniform in [0, 1), 32 bits. */
  next(): number {
    return this.gen.next();
  }

  /** One N(0, 1) draw. */
  gaussian(): number {
    return this.gen.normal();
  }

  /** Fills `out` with N(0, 1) draws and returns it. */
  fill(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.gen.normal();
    return out;
  }
}
