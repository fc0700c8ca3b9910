// RGB8 renderer for a reaching scene: background, distractors, targets, then the robot on top.
// Pixel (col, row) samples the workspace at its center ((col + 0.5) / width, (row + 0.5) / height);
// no anti-aliasing, so every pixel is one of a few exact colors (unless noise is switched on), which
// keeps frames bit-exact under a seed and makes static patches truly static between frames.

import { Rng } from "./rng.js";
import { BACKGROUND_RGB, ROBOT_RGB, type Block, type Rgb, type Scene } from "./scene.js";

export interface CameraNoise {
  /** Seed of this frame's noise (derive it from the episode seed and the frame index). */
  readonly frameSeed: number;
  /** Per-pixel, per-channel uniform integer noise in [-pixelNoise, pixelNoise]; 0 = off. */
  readonly pixelNoise: number;
  /** Whole-image shift by a uniform integer number of pixels in [-jitterPx, jitterPx] on each axis; 0 = off. */
  readonly jitterPx: number;
}

export interface RobotDrawing {
  readonly x: number;
  readonly y: number;
  readonly radius: number;
}

/** Bytes needed for an RGB8 frame. */
export function frameBytes(width: number, height: number): number {
  return width * height * 3;
}

function fillRect(
  out: Uint8Array,
  width: number,
  height: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  rgb: Rgb,
  ox: number,
  oy: number,
): void {
  // Pixel col is inside when x0 <= (col - ox + 0.5) / width < x1.
  const c0 = Math.max(0, Math.ceil(x0 * width - 0.5 + ox));
  const c1 = Math.min(width, Math.ceil(x1 * width - 0.5 + ox));
  const r0 = Math.max(0, Math.ceil(y0 * height - 0.5 + oy));
  const r1 = Math.min(height, Math.ceil(y1 * height - 0.5 + oy));
  for (let r = r0; r < r1; r++) {
    let i = (r * width + c0) * 3;
    for (let c = c0; c < c1; c++) {
      out[i] = rgb[0];
      out[i + 1] = rgb[1];
      out[i + 2] = rgb[2];
      i += 3;
    }
  }
}

function drawBlock(out: Uint8Array, width: number, height: number, b: Block, ox: number, oy: number): void {
  fillRect(out, width, height, b.x - b.half, b.y - b.half, b.x + b.half, b.y + b.half, b.rgb, ox, oy);
  if (b.shape === "ring") {
    // Hollow it out, leaving a border at least 1.5 px wide so the ring survives small images.
    const t = Math.max(b.half * 0.4, 1.5 / Math.min(width, height));
    const h = b.half - t;
    if (h > 0) fillRect(out, width, height, b.x - h, b.y - h, b.x + h, b.y + h, BACKGROUND_RGB, ox, oy);
  }
}

function drawDisk(out: Uint8Array, width: number, height: number, d: RobotDrawing, rgb: Rgb, ox: number, oy: number): void {
  const c0 = Math.max(0, Math.floor((d.x - d.radius) * width + ox));
  const c1 = Math.min(width - 1, Math.ceil((d.x + d.radius) * width + ox));
  const r0 = Math.max(0, Math.floor((d.y - d.radius) * height + oy));
  const r1 = Math.min(height - 1, Math.ceil((d.y + d.radius) * height + oy));
  const rr = d.radius * d.radius;
  for (let r = r0; r <= r1; r++) {
    const py = (r - oy + 0.5) / height - d.y;
    for (let c = c0; c <= c1; c++) {
      const px = (c - ox + 0.5) / width - d.x;
      if (px * px + py * py <= rr) {
        const i = (r * width + c) * 3;
        out[i] = rgb[0];
        out[i + 1] = rgb[1];
        out[i + 2] = rgb[2];
      }
    }
  }
}

/**
 * Draw the scene into an RGB8 buffer (row-major, HWC, width * height * 3 bytes). Reuses `into` when
 * given (it must have the right length), so a camera loop allocates nothing per frame.
 */
export function renderScene(
  scene: Scene,
  robot: RobotDrawing,
  width: number,
  height: number,
  into?: Uint8Array,
  noise?: CameraNoise,
): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 8 || height < 8) {
    throw new RangeError(`render: width and height must be integers >= 8, got ${width}x${height}`);
  }
  const n = frameBytes(width, height);
  if (into && into.length !== n) {
    throw new RangeError(`render: buffer has ${into.length} bytes, a ${width}x${height} RGB8 frame needs ${n}`);
  }
  const out = into ?? new Uint8Array(n);

  let ox = 0;
  let oy = 0;
  const rng = noise && (noise.pixelNoise > 0 || noise.jitterPx > 0) ? new Rng(noise.frameSeed) : undefined;
  if (rng && noise && noise.jitterPx > 0) {
    const j = Math.floor(noise.jitterPx);
    ox = rng.int(2 * j + 1) - j;
    oy = rng.int(2 * j + 1) - j;
  }

  for (let i = 0; i < n; i += 3) {
    out[i] = BACKGROUND_RGB[0];
    out[i + 1] = BACKGROUND_RGB[1];
    out[i + 2] = BACKGROUND_RGB[2];
  }
  for (const b of scene.distractors) drawBlock(out, width, height, b, ox, oy);
  for (const b of scene.targets) drawBlock(out, width, height, b, ox, oy);
  drawDisk(out, width, height, robot, ROBOT_RGB, ox, oy);

  if (rng && noise && noise.pixelNoise > 0) {
    const a = Math.floor(noise.pixelNoise);
    const span = 2 * a + 1;
    for (let i = 0; i < n; i++) {
      const v = (out[i] as number) + rng.int(span) - a;
      out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  return out;
}
