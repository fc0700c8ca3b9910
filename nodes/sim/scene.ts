// Scene generation for the 2D reaching task: colored target blocks, gray distractors and the robot's
// start position, laid out by a seed without overlap.
//
// Coordinates: the workspace is the unit square [0, 1] x [0, 1]; x grows to the right, y grows DOWN,
// so a point (x, y) maps to image column x * width and row y * height with no flip.

import { Rng } from "./rng.js";

/** Instruction vocabulary: the color index of a target is its position in this list. */
export const COLOR_NAMES = ["red", "green", "blue", "yellow"] as const;
export type ColorName = (typeof COLOR_NAMES)[number];

export type Rgb = readonly [number, number, number];

/** Saturated, well separated colors so one patch of pixels identifies the target. */
export const COLOR_RGB: readonly Rgb[] = [
  [220, 40, 40],
  [40, 200, 60],
  [50, 90, 230],
  [230, 210, 40],
];
export const DISTRACTOR_RGB: Rgb = [130, 130, 130];
export const BACKGROUND_RGB: Rgb = [24, 24, 28];
/** White: brighter than every block color, so the robot is visible even on top of a block. */
export const ROBOT_RGB: Rgb = [250, 250, 250];

/** Square filled block, or a hollow square outline (distractors only, for visual variety). */
export type BlockShape = "square" | "ring";

export interface Block {
  /** Center, workspace units. */
  readonly x: number;
  readonly y: number;
  /** Half the side length, workspace units. */
  readonly half: number;
  readonly shape: BlockShape;
  readonly rgb: Rgb;
  /** Index into COLOR_NAMES for targets; -1 for distractors. */
  readonly colorIndex: number;
}

export interface Scene {
  readonly seed: number;
  /** Targets, each a distinct color. */
  readonly targets: readonly Block[];
  readonly distractors: readonly Block[];
  /** Index into `targets` of the block the instruction names. */
  readonly instructed: number;
  /** Robot start position. */
  readonly start: { readonly x: number; readonly y: number };
}

export interface SceneOptions {
  /** Number of colored targets, 1..COLOR_NAMES.length. */
  targets: number;
  /** Number of gray distractors. */
  distractors: number;
  /** Block side length, workspace units. */
  blockSize: number;
  /** Robot radius, workspace units (keeps the start off every block). */
  robotRadius: number;
  /** Minimum free gap between any two blocks, workspace units. */
  gap: number;
  /** The robot starts at least this far from the instructed target's center. */
  minStartDistance: number;
}

export const DEFAULT_SCENE_OPTIONS: SceneOptions = {
  targets: 4,
  distractors: 3,
  blockSize: 0.11,
  robotRadius: 0.045,
  gap: 0.04,
  minStartDistance: 0.35,
};

/** True when two axis-aligned blocks come closer than `gap` (their expanded squares intersect). */
export function blocksOverlap(a: Block, b: Block, gap: number): boolean {
  const reach = a.half + b.half + gap;
  return Math.abs(a.x - b.x) < reach && Math.abs(a.y - b.y) < reach;
}

/** True when a disk (robot) of radius r at (x, y) comes within `gap` of a block. */
export function diskTouchesBlock(x: number, y: number, r: number, b: Block, gap: number): boolean {
  const dx = Math.max(Math.abs(x - b.x) - b.half, 0);
  const dy = Math.max(Math.abs(y - b.y) - b.half, 0);
  return dx * dx + dy * dy < (r + gap) * (r + gap);
}

function checkOptions(o: SceneOptions): void {
  if (!Number.isInteger(o.targets) || o.targets < 1 || o.targets > COLOR_NAMES.length) {
    throw new RangeError(`scene: targets must be an integer in 1..${COLOR_NAMES.length}, got ${o.targets}`);
  }
  if (!Number.isInteger(o.distractors) || o.distractors < 0 || o.distractors > 12) {
    throw new RangeError(`scene: distractors must be an integer in 0..12, got ${o.distractors}`);
  }
  if (!(o.blockSize > 0 && o.blockSize <= 0.25)) {
    throw new RangeError(`scene: blockSize must be in (0, 0.25], got ${o.blockSize}`);
  }
}

const MAX_LAYOUT_TRIES = 200;
const MAX_PLACE_TRIES = 500;

/**
 * Lay out a scene from a seed. Rejection sampling: each block is placed uniformly (inside the margins)
 * until it clears every block already placed; if a block cannot be placed the whole layout restarts
 * from the same generator, so the result is still a pure function of (seed, options).
 */
export function generateScene(seed: number, options: Partial<SceneOptions> = {}): Scene {
  const o: SceneOptions = { ...DEFAULT_SCENE_OPTIONS, ...options };
  checkOptions(o);
  const rng = new Rng(seed);
  const half = o.blockSize / 2;
  const margin = half + 0.02;

  for (let attempt = 0; attempt < MAX_LAYOUT_TRIES; attempt++) {
    const placed: Block[] = [];
    const place = (shape: BlockShape, rgb: Rgb, colorIndex: number): Block | undefined => {
      for (let t = 0; t < MAX_PLACE_TRIES; t++) {
        const b: Block = {
          x: rng.uniform(margin, 1 - margin),
          y: rng.uniform(margin, 1 - margin),
          half,
          shape,
          rgb,
          colorIndex,
        };
        if (placed.every((p) => !blocksOverlap(p, b, o.gap))) {
          placed.push(b);
          return b;
        }
      }
      return undefined;
    };

    const colors = rng.shuffle(COLOR_NAMES.map((_, i) => i)).slice(0, o.targets);
    const targets: Block[] = [];
    let ok = true;
    for (const c of colors) {
      const b = place("square", COLOR_RGB[c] as Rgb, c);
      if (!b) {
        ok = false;
        break;
      }
      targets.push(b);
    }
    const distractors: Block[] = [];
    for (let i = 0; ok && i < o.distractors; i++) {
      const b = place(rng.next() < 0.5 ? "square" : "ring", DISTRACTOR_RGB, -1);
      if (!b) ok = false;
      else distractors.push(b);
    }
    if (!ok) continue;

    const instructed = rng.int(targets.length);
    const goal = targets[instructed] as Block;
    const r = o.robotRadius;
    for (let t = 0; t < MAX_PLACE_TRIES; t++) {
      const x = rng.uniform(r, 1 - r);
      const y = rng.uniform(r, 1 - r);
      if (Math.hypot(x - goal.x, y - goal.y) < o.minStartDistance) continue;
      if (placed.some((b) => diskTouchesBlock(x, y, r, b, 0.01))) continue;
      return { seed, targets, distractors, instructed, start: { x, y } };
    }
  }
  throw new Error(
    `scene: could not place ${o.targets} targets and ${o.distractors} distractors of size ${o.blockSize} ` +
      `without overlap (seed ${seed}); use fewer or smaller blocks`,
  );
}
