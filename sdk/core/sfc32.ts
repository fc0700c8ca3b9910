// sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG) with Box-Muller normals: the one seeded generator
// behind the sim (nodes/sim/rng.ts) and the sampler's noise (sdk/accel/gaussian-noise.ts). Integer-only
// state updates, and V8's Math.log/sin/cos are fdlibm ports, so a seed gives the same stream everywhere.
// Callers choose how to turn a seed into the three state words; the stream from there is shared.

export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  /** Cached second value of the Box-Muller pair. */
  private spare: number | undefined;

  constructor(a: number, b: number, c: number) {
    this.a = a;
    this.b = b;
    this.c = c;
    // Warm up: sfc32's first outputs are poorly mixed.
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Standard normal N(0, 1), Box-Muller. */
  normal(): number {
    if (this.spare !== undefined) {
      const v = this.spare;
      this.spare = undefined;
      return v;
    }
    // 1 - next() is in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}
