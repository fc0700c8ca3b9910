// Scripted expert for the reaching task: plans an action chunk toward the instructed target by rolling a
// proportional controller forward from the current state (saturated at max speed, slowing near the
// target). With an rng it adds smooth noise (a random offset interpolated across the chunk, fading
// out near the target) so a dataset shows varied paths, not one straight line per scene. Reads the
// task; never changes it.

import type { Rng } from "./rng.js";
import { ACTION_DIM, type ReachingTask } from "./task.js";
import { clipVelocity } from "./robot.js";

export interface ExpertOptions {
  /** Proportional gain, 1/s: commanded velocity = gain * (target - position) before clipping. */
  gain: number;
  /** Noise standard deviation as a fraction of max speed (used only when an rng is given). */
  noise: number;
  /** Noise fades linearly to zero inside this distance of the target, workspace units. */
  noiseFadeDistance: number;
}

export const DEFAULT_EXPERT_OPTIONS: ExpertOptions = { gain: 4, noise: 0.2, noiseFadeDistance: 0.15 };

/**
 * An action chunk of `horizon` rows (vx, vy), row-major Float32Array of horizon * 2 values, that
 * drives the robot from its current position toward the instructed target.
 */
export function expertChunk(task: ReachingTask, horizon: number, rng?: Rng, options: Partial<ExpertOptions> = {}): Float32Array {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`expert: horizon must be a positive integer, got ${horizon}`);
  }
  const o: ExpertOptions = { ...DEFAULT_EXPERT_OPTIONS, ...options };
  const { maxSpeed, stepMs, robotRadius } = task.options;
  const dt = stepMs / 1000;
  const goal = task.target;
  let { x, y } = task.state;

  // Smooth noise: two random offsets, linearly blended from the first row to the last.
  let n0x = 0;
  let n0y = 0;
  let n1x = 0;
  let n1y = 0;
  if (rng && o.noise > 0) {
    const s = o.noise * maxSpeed;
    n0x = rng.normal() * s;
    n0y = rng.normal() * s;
    n1x = rng.normal() * s;
    n1y = rng.normal() * s;
  }

  const out = new Float32Array(horizon * ACTION_DIM);
  for (let k = 0; k < horizon; k++) {
    const dx = goal.x - x;
    const dy = goal.y - y;
    const d = Math.hypot(dx, dy);
    const w = horizon > 1 ? k / (horizon - 1) : 0;
    const fade = Math.min(1, d / o.noiseFadeDistance);
    const [vx, vy] = clipVelocity(
      o.gain * dx + fade * (n0x + (n1x - n0x) * w),
      o.gain * dy + fade * (n0y + (n1y - n0y) * w),
      maxSpeed,
    );
    out[2 * k] = vx;
    out[2 * k + 1] = vy;
    // Roll the plan forward exactly as the robot will move (same clipping and wall clamp).
    x = Math.min(1 - robotRadius, Math.max(robotRadius, x + vx * dt));
    y = Math.min(1 - robotRadius, Math.max(robotRadius, y + vy * dt));
  }
  return out;
}
