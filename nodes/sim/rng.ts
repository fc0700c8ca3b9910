// Seeded pseudo-random numbers for the sim. Everything random in the sim (scene layout, expert noise,
// camera noise) draws from this so that a seed fixes every frame bit for bit. Math.random is never used.
//
// Generator: sfc32 (sdk/core/sfc32.ts), seeded through splitmix32 so that nearby seeds (1, 2, 3...) give
// unrelated streams. Integer-only arithmetic, so the stream is identical on every platform.

import { Sfc32 } from "../../sdk/core/sfc32.js";

/** splitmix32 finaliser: a good 32-bit integer hash. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Combine several integers (a seed, a stream label, a step index...) into one 32-bit seed.
 * Used to derive independent sub-streams, e.g. per-frame camera noise from (seed, frame).
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) {
    // Fold doubles that are not 32-bit integers (e.g. large seeds) in two halves, so no bits are lost.
    const lo = p >>> 0;
    const hi = Math.floor(p / 4294967296) >>> 0;
    h = splitmix32(h ^ lo);
    h = splitmix32(h ^ hi);
  }
  return h;
}

export class Rng {
  private readonly gen: Sfc32;

  constructor(seed: number) {
    const s = mixSeed(seed);
    const a = splitmix32(s);
    const b = splitmix32(a);
    this.gen = new Sfc32(a, b, splitmix32(b));
  }

  /** Next 32-bit unsigned integer. */
  nextU32(): number {
    return this.gen.nextU32();
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.gen.next();
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal N(0, 1). */
  normal(): number {
    return this.gen.normal();
  }

  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}
