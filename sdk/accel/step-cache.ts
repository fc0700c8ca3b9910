// Velocity cache across the denoising steps of one sampler run: decides, step by step, whether the head
// runs or the last velocity it gave is reused.
//
// "interval" (FORA / DeepCache): compute on steps 0, k, 2k, ...; reuse in between.
// "threshold" (TeaCache): accumulate the relative L1 change of the head's timestep-modulated input
//   between consecutive steps; while the sum stays under the threshold, reuse; once it reaches it, compute
//   and reset the sum. The first and last steps are always computed. The modulated input is whatever the
//   sampler passes (flow-euler passes [x_t, t], the head's input apart from the constant cond); an optional
//   polynomial rescales the raw change, as TeaCache fits one per model.

import { relativeL1 } from "./row-similarity.js";

export type StepCacheMode = "off" | "interval" | "threshold";

export interface StepCacheOptions {
  readonly mode: StepCacheMode;
  /** interval: compute every `interval`-th step. Default 2. */
  readonly interval?: number;
  /** threshold: accumulated relative L1 change that forces a compute. Default 0.3. */
  readonly threshold?: number;
  /** threshold: coefficients c0, c1, ... of the rescaling c0 + c1*x + c2*x^2 ... Default identity. */
  readonly rescale?: readonly number[];
}

export interface StepCacheReport {
  readonly mode: StepCacheMode;
  readonly steps: number;
  readonly computed: number;
  readonly skipped: number;
}

export class StepCache {
  readonly mode: StepCacheMode;
  private readonly interval: number;
  private readonly threshold: number;
  private readonly rescale: readonly number[] | undefined;
  private previous: Float32Array = new Float32Array(0);
  private accumulated = 0;
  private steps = 0;
  private computed = 0;
  private total = 0;

  constructor(opts: StepCacheOptions) {
    this.mode = opts.mode;
    this.interval = opts.interval ?? 2;
    this.threshold = opts.threshold ?? 0.3;
    this.rescale = opts.rescale;
    if (!(Number.isInteger(this.interval) && this.interval >= 1)) throw new RangeError(`step cache: interval must be an integer >= 1, got ${this.interval}`);
    if (!(this.threshold >= 0)) throw new RangeError(`step cache: threshold must be >= 0, got ${this.threshold}`);
  }

  /** Starts a sampler run of `totalSteps` steps. */
  begin(totalSteps: number): void {
    this.total = totalSteps;
    this.steps = 0;
    this.computed = 0;
    this.accumulated = 0;
  }

  /**
   * Whether step `step` (0-based, in order) must run the head. `modulated` is the head's input at this
   * step (read, not kept: it is copied).
   */
  shouldCompute(step: number, modulated: Float32Array): boolean {
    this.steps++;
    const compute = this.decide(step, modulated);
    if (compute) this.computed++;
    return compute;
  }

  report(): StepCacheReport {
    return { mode: this.mode, steps: this.steps, computed: this.computed, skipped: this.steps - this.computed };
  }

  private decide(step: number, modulated: Float32Array): boolean {
    switch (this.mode) {
      case "off":
        return true;
      case "interval":
        return step % this.interval === 0;
      case "threshold":
        return this.teaCache(step, modulated);
    }
  }

  private teaCache(step: number, modulated: Float32Array): boolean {
    let compute: boolean;
    if (step === 0 || this.previous.length !== modulated.length) {
      compute = true;
    } else {
      this.accumulated += this.rescaled(relativeL1(modulated, this.previous));
      compute = step === this.total - 1 || this.accumulated >= this.threshold;
    }
    if (compute) this.accumulated = 0;
    if (this.previous.length !== modulated.length) this.previous = new Float32Array(modulated.length);
    this.previous.set(modulated);
    return compute;
  }

  private rescaled(x: number): number {
    const c = this.rescale;
    if (!c || c.length === 0) return x;
    // Horner's rule, highest power last in the list.
    let y = 0;
    for (let i = c.length - 1; i >= 0; i--) y = y * x + (c[i] as number);
    return y;
  }
}
