// Seeded standard-normal noise for the sampler's x0: the same seed gives the same sequence of draws on
// every machine (integer PRNG + Box-Muller in float64), so policy ticks replay exactly.

/** sfc32 (Chris Doty-Humphrey's small fast counter), 32-bit state words, period >= 2^32. */
export class GaussianNoise {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`noise seed must be a safe integer, got ${seed}`);
    // Split the seed into two 32-bit halves so seeds beyond 2^32 still differ.
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
    this.a = 0x9e3779b9;
    this.b = lo;
    this.c = hi;
    this.d = 1;
    // Warm up: sfc32's first outputs are poorly mixed for small seeds.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1), 32 bits. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 0x1_0000_0000;
  }

  /** One N(0, 1) draw. */
  gaussian(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    // 1 - u keeps the log argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Fills `out` with N(0, 1) draws and returns it. */
  fill(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.gaussian();
    return out;
  }
}
