// The reaching task as an episode: reset from a seed, step with velocity actions, detect success.
// Pure and deterministic: no clock, no I/O, no Math.random. The runtime nodes (sim-camera, sim-robot)
// and the dataset generator all drive this same class.

import { ChunkCursor } from "./chunk.js";
import { renderScene, frameBytes } from "./render.js";
import { PointRobot, type RobotState } from "./robot.js";
import { mixSeed } from "./rng.js";
import { COLOR_NAMES, DEFAULT_SCENE_OPTIONS, generateScene, type Block, type Scene } from "./scene.js";

/** Action dimension: (vx, vy), workspace units per second. */
export const ACTION_DIM = 2;
/** Proprioception dimension: (x, y) position, workspace units. */
export const PROPRIO_DIM = 2;

export interface ReachingTaskOptions {
  /** Episode seed (reset(seed) changes it). */
  seed: number;
  /** Rendered image size in pixels. */
  width: number;
  height: number;
  /** Colored targets in the scene, 1..4. */
  targets: number;
  /** Gray distractor blocks. */
  distractors: number;
  /** Block side, workspace units (the workspace is the unit square). */
  blockSize: number;
  /** Robot disk radius, workspace units. */
  robotRadius: number;
  /** Maximum speed, workspace units per second; actions are clipped to it by norm. */
  maxSpeed: number;
  /** Control step: each step integrates one action row for this long. */
  stepMs: number;
  /** Step budget per episode. */
  maxSteps: number;
  /** Success when the robot center is within this distance of the target center, workspace units. */
  successRadius: number;
  /** Per-pixel uniform noise amplitude (0..255) in rendered frames; 0 = off (default). */
  pixelNoise: number;
  /** Camera jitter, whole-image shift in pixels per frame; 0 = off (default). */
  jitterPx: number;
}

export const DEFAULT_TASK_OPTIONS: ReachingTaskOptions = {
  seed: 0,
  width: 64,
  height: 64,
  targets: DEFAULT_SCENE_OPTIONS.targets,
  distractors: DEFAULT_SCENE_OPTIONS.distractors,
  blockSize: DEFAULT_SCENE_OPTIONS.blockSize,
  robotRadius: DEFAULT_SCENE_OPTIONS.robotRadius,
  maxSpeed: 0.6,
  stepMs: 50,
  maxSteps: 100,
  successRadius: 0.04,
  pixelNoise: 0,
  jitterPx: 0,
};

export interface Instruction {
  /** e.g. "reach the red block". */
  readonly text: string;
  /** Index into scene.targets. */
  readonly targetIndex: number;
  /** Index into COLOR_NAMES (the model's instruction token). */
  readonly colorIndex: number;
  readonly color: string;
}

export interface StepResult {
  /** Steps taken so far in this episode (after this one). */
  readonly step: number;
  /** Robot center to target center, workspace units, after this step. */
  readonly distance: number;
  /** The robot has reached the target (the episode ends on success). */
  readonly success: boolean;
  /** Success, or the step budget is used up. Further steps are no-ops that return the same result. */
  readonly done: boolean;
}

export class ReachingTask {
  readonly options: Readonly<ReachingTaskOptions>;
  private _seed: number;
  private _scene: Scene;
  private robot: PointRobot;
  private steps = 0;
  private succeeded = false;
  private readonly cursor = new ChunkCursor();

  constructor(options: Partial<ReachingTaskOptions> = {}) {
    const o: ReachingTaskOptions = { ...DEFAULT_TASK_OPTIONS, ...options };
    if (!(o.maxSpeed > 0)) throw new RangeError(`task: maxSpeed must be > 0, got ${o.maxSpeed}`);
    if (!(o.stepMs > 0)) throw new RangeError(`task: stepMs must be > 0, got ${o.stepMs}`);
    if (!Number.isInteger(o.maxSteps) || o.maxSteps < 1) {
      throw new RangeError(`task: maxSteps must be a positive integer, got ${o.maxSteps}`);
    }
    if (!(o.successRadius > 0)) throw new RangeError(`task: successRadius must be > 0, got ${o.successRadius}`);
    this.options = Object.freeze(o);
    this._seed = o.seed;
    this._scene = this.makeScene(o.seed);
    this.robot = this.makeRobot();
  }

  private makeScene(seed: number): Scene {
    const o = this.options;
    return generateScene(seed, {
      targets: o.targets,
      distractors: o.distractors,
      blockSize: o.blockSize,
      robotRadius: o.robotRadius,
      // The start must be well outside the success radius, or an episode could succeed at step 0.
      minStartDistance: Math.max(DEFAULT_SCENE_OPTIONS.minStartDistance, 4 * o.successRadius),
    });
  }

  private makeRobot(): PointRobot {
    return new PointRobot(this._scene.start.x, this._scene.start.y, this.options.maxSpeed, this.options.robotRadius);
  }

  /** Start a new episode; with no seed, the next seed after the current one. */
  reset(seed?: number): void {
    this._seed = seed ?? this._seed + 1;
    this._scene = this.makeScene(this._seed);
    this.robot = this.makeRobot();
    this.steps = 0;
    this.succeeded = false;
    this.cursor.clear();
  }

  get seed(): number {
    return this._seed;
  }

  get scene(): Scene {
    return this._scene;
  }

  get target(): Block {
    return this._scene.targets[this._scene.instructed] as Block;
  }

  get instruction(): Instruction {
    const t = this.target;
    const color = COLOR_NAMES[t.colorIndex] as string;
    return { text: `reach the ${color} block`, targetIndex: this._scene.instructed, colorIndex: t.colorIndex, color };
  }

  get state(): RobotState {
    return this.robot.state;
  }

  /** Steps taken in this episode. */
  get stepIndex(): number {
    return this.steps;
  }

  /** Simulated time since reset, ms. */
  get timeMs(): number {
    return this.steps * this.options.stepMs;
  }

  get distance(): number {
    const t = this.target;
    return Math.hypot(this.robot.x - t.x, this.robot.y - t.y);
  }

  get success(): boolean {
    return this.succeeded;
  }

  get done(): boolean {
    return this.succeeded || this.steps >= this.options.maxSteps;
  }

  private result(): StepResult {
    return { step: this.steps, distance: this.distance, success: this.succeeded, done: this.done };
  }

  /** Integrate one action row (vx, vy in workspace units per second) for one control step. */
  step(action: ArrayLike<number>): StepResult {
    if (action.length < ACTION_DIM) {
      throw new RangeError(`task: an action row needs ${ACTION_DIM} values (vx, vy), got ${action.length}`);
    }
    if (this.done) return this.result();
    this.robot.move(action[0] as number, action[1] as number, this.options.stepMs / 1000);
    this.steps++;
    if (this.distance <= this.options.successRadius) this.succeeded = true;
    return this.result();
  }

  /** Replace the chunk being played (horizon x ACTION_DIM, row-major); rows are consumed by stepChunk(). */
  loadChunk(chunk: Float32Array, horizon: number): void {
    this.cursor.load(chunk, horizon, ACTION_DIM);
  }

  /** Rows of the loaded chunk not yet executed. */
  get chunkRemaining(): number {
    return this.cursor.remaining;
  }

  /**
   * Execute the next row of the loaded chunk. When the chunk is used up the robot holds still
   * (zero velocity), which is what a real controller does when the policy falls behind.
   */
  stepChunk(): StepResult {
    return this.step(this.cursor.next() ?? ZERO_ACTION);
  }

  /** Render the current frame as RGB8 (width x height x 3). Same seed and step index, same bytes. */
  render(into?: Uint8Array): Uint8Array {
    const o = this.options;
    const noisy = o.pixelNoise > 0 || o.jitterPx > 0;
    return renderScene(
      this._scene,
      { x: this.robot.x, y: this.robot.y, radius: o.robotRadius },
      o.width,
      o.height,
      into,
      noisy ? { frameSeed: mixSeed(this._seed, FRAME_NOISE_STREAM, this.steps), pixelNoise: o.pixelNoise, jitterPx: o.jitterPx } : undefined,
    );
  }

  /** Bytes of one rendered frame. */
  get frameBytes(): number {
    return frameBytes(this.options.width, this.options.height);
  }
}

const ZERO_ACTION = new Float32Array(ACTION_DIM);
/** Stream label separating camera noise from the scene layout drawn from the same seed. */
const FRAME_NOISE_STREAM = 0x6e6f6973;
