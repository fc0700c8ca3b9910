// Point-robot dynamics. The robot is a disk that follows commanded velocities exactly (first-order,
// kinematic): a velocity action is clipped to the maximum speed by its norm (direction kept), integrated
// with a fixed step, and the position is clamped to the workspace.
//
// Why a point robot and not a planar 2-link arm: the policy problem the accelerations are measured on
// (find the named block in the image, move there) is the same, but a point robot's action is directly
// the end-effector velocity, so the scripted expert is exact, there is no IK singularity or self-
// occlusion to confuse a tiny model, and success depends on perception rather than on arm kinematics.

export interface RobotState {
  /** End-effector (robot center) position, workspace units. */
  readonly x: number;
  readonly y: number;
  /** Velocity applied during the last step, workspace units per second. */
  readonly vx: number;
  readonly vy: number;
}

/** Scale (vx, vy) down so its norm is at most maxSpeed; returns [vx, vy]. NaN actions become 0. */
export function clipVelocity(vx: number, vy: number, maxSpeed: number): [number, number] {
  if (!Number.isFinite(vx) || !Number.isFinite(vy)) return [0, 0];
  const n = Math.hypot(vx, vy);
  if (n <= maxSpeed || n === 0) return [vx, vy];
  const s = maxSpeed / n;
  return [vx * s, vy * s];
}

export class PointRobot {
  x: number;
  y: number;
  vx = 0;
  vy = 0;

  constructor(
    x: number,
    y: number,
    /** Workspace units per second. */
    readonly maxSpeed: number,
    /** Radius, workspace units: the center stays at least this far inside the walls. */
    readonly radius: number,
  ) {
    this.x = x;
    this.y = y;
  }

  /** Apply a velocity command for dtS seconds. */
  move(ax: number, ay: number, dtS: number): void {
    const [vx, vy] = clipVelocity(ax, ay, this.maxSpeed);
    const r = this.radius;
    this.x = Math.min(1 - r, Math.max(r, this.x + vx * dtS));
    this.y = Math.min(1 - r, Math.max(r, this.y + vy * dtS));
    this.vx = vx;
    this.vy = vy;
  }

  get state(): RobotState {
    return { x: this.x, y: this.y, vx: this.vx, vy: this.vy };
  }
}
