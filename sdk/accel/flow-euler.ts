// Flow-matching sampler: x at t=0 is Gaussian noise, Euler steps along the predicted velocity to t=1,
// where x is the (normalised) action chunk. `steps` may change on every call. With steps = 1 and a
// distilled one-step head given, that head maps noise to actions directly instead of one Euler step.

import type { StepCache } from "./step-cache.js";

/** Velocity at (x, t); the returned array is read before the next call, so it may be reused by the callee. */
export type VelocityFn = (x: Float32Array, t: number) => Promise<Float32Array>;
/** Distilled one-step head: noise in, normalised actions out. */
export type OneStepFn = (noise: Float32Array) => Promise<Float32Array>;

export interface FlowEulerRun {
  /** Number of steps, an integer >= 1. */
  readonly steps: number;
  /** x0, read only. */
  readonly noise: Float32Array;
  readonly velocity: VelocityFn;
  /** Used for steps = 1 when given. */
  readonly oneStep?: OneStepFn;
  /** Decides per step whether `velocity` runs or the last velocity is reused. */
  readonly stepCache?: StepCache;
  /** Receives the result (same length as noise); a new array when absent. */
  readonly out?: Float32Array;
}

export interface FlowEulerReport {
  readonly steps: number;
  /** "onestep": the distilled head ran; "euler": N Euler steps. */
  readonly head: "onestep" | "euler";
  /** Head calls made and steps that reused a cached velocity. */
  readonly computed: number;
  readonly skipped: number;
}

export interface FlowEulerResult {
  readonly x: Float32Array;
  readonly report: FlowEulerReport;
}

export async function sampleFlowEuler(run: FlowEulerRun): Promise<FlowEulerResult> {
  const { steps, noise } = run;
  if (!(Number.isInteger(steps) && steps >= 1)) throw new RangeError(`sampler: steps must be an integer >= 1, got ${steps}`);
  const x = run.out ?? new Float32Array(noise.length);
  if (x.length !== noise.length) throw new RangeError(`sampler: out has ${x.length} values, noise ${noise.length}`);

  if (steps === 1 && run.oneStep) {
    const actions = await run.oneStep(noise);
    if (actions.length !== noise.length) throw new RangeError(`sampler: one-step head gave ${actions.length} values, expected ${noise.length}`);
    x.set(actions);
    return { x, report: { steps, head: "onestep", computed: 1, skipped: 0 } };
  }

  x.set(noise);
  const n = x.length;
  const dt = 1 / steps;
  const cache = run.stepCache;
  // The step cache sees the head's input apart from cond: [x_t, t].
  const modulated = cache ? new Float32Array(n + 1) : undefined;
  const velocity = new Float32Array(n);
  cache?.begin(steps);
  let computed = 0;
  for (let i = 0; i < steps; i++) {
    const t = i / steps;
    let compute = true;
    if (cache && modulated) {
      modulated.set(x);
      modulated[n] = t;
      compute = cache.shouldCompute(i, modulated);
    }
    if (compute) {
      const v = await run.velocity(x, t);
      if (v.length !== n) throw new RangeError(`sampler: velocity has ${v.length} values, expected ${n}`);
      velocity.set(v);
      computed++;
    }
    for (let j = 0; j < n; j++) x[j] = (x[j] as number) + dt * (velocity[j] as number);
  }
  return { x, report: { steps, head: "euler", computed, skipped: steps - computed } };
}
