// scripted-policy: a placeholder policy with the same ports as a VLA. It finds the instructed color and
// the robot in the camera frame by their colors and steers toward the target with a proportional
// controller. No learning: a baseline and a stand-in until a model is wired.
import { Type } from "@sinclair/typebox";
import { DurationMs } from "../../sdk/core/number-limits.js";
import { map, withLatestFrom } from "rxjs";
import type { reflex } from "../../sdk/messages/index.js";
import { defineNode } from "../../sdk/core/node.js";
import { COLOR_RGB, ROBOT_RGB, type Rgb } from "../sim/index.js";

export default defineNode({
  type: "scripted-policy",
  description: "Color-segmentation policy for the sim reaching task: image + instruction in, action chunk out.",
  kind: "inference",
  params: Type.Object(
    {
      horizon: Type.Integer({ minimum: 1, maximum: 64, default: 8, description: "rows per action chunk" }),
      gain: Type.Number({ exclusiveMinimum: 0, default: 4, description: "proportional gain, 1/s" }),
      max_speed: Type.Number({ exclusiveMinimum: 0, default: 0.6, description: "velocity limit, workspace units/s" }),
      step_ms: DurationMs({ default: 50, description: "time between chunk rows" }),
      tolerance: Type.Integer({ minimum: 0, maximum: 255, default: 40, description: "color match tolerance per channel" }),
    },
    { additionalProperties: false },
  ),
  inputs: {
    image: { type: "reflex.Image", description: "RGB8 camera frame" },
    instruction: { type: "reflex.Instruction", description: "which color to reach" },
  },
  outputs: {
    actions: { type: "reflex.ActionChunk", description: "velocity rows (vx, vy)" },
  },
  create(ctx, p) {
    const actions = ctx.inputs.image.pipe(
      // Runs once per frame; the instruction is latched (it only changes between episodes).
      withLatestFrom(ctx.inputs.instruction),
      map(([img, instr]) => {
        const color = COLOR_RGB[instr.body.colorIndex ?? -1];
        const target = color ? centroid(img.body, color, p.tolerance) : undefined;
        const robot = centroid(img.body, ROBOT_RGB, p.tolerance);
        const data = new Array<number>(p.horizon * 2).fill(0);
        if (target && robot) {
          // Roll the controller forward over the chunk so later rows slow down as the robot closes in.
          let x = robot.x;
          let y = robot.y;
          const dt = p.step_ms / 1000;
          for (let r = 0; r < p.horizon; r++) {
            let vx = p.gain * (target.x - x);
            let vy = p.gain * (target.y - y);
            const speed = Math.hypot(vx, vy);
            if (speed > p.max_speed) {
              vx *= p.max_speed / speed;
              vy *= p.max_speed / speed;
            }
            data[2 * r] = vx;
            data[2 * r + 1] = vy;
            x += vx * dt;
            y += vy * dt;
          }
        }
        const body: reflex.ActionChunk.$Properties = { horizon: p.horizon, dim: 2, data, stepMs: p.step_ms, hold: false };
        return ctx.msg(body, [img, instr]);
      }),
    );
    return { outputs: { actions } };
  },
});

/** Mean position (workspace units, 0..1) of the pixels within `tol` of `rgb`, or undefined if none. */
function centroid(img: reflex.Image.$Properties, rgb: Rgb, tol: number): { x: number; y: number } | undefined {
  const w = img.width ?? 0;
  const h = img.height ?? 0;
  const d = img.data;
  if (!d || w === 0 || h === 0) return undefined;
  const step = img.step || w * 3;
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const i = row * step + col * 3;
      if (Math.abs(d[i]! - rgb[0]) <= tol && Math.abs(d[i + 1]! - rgb[1]) <= tol && Math.abs(d[i + 2]! - rgb[2]) <= tol) {
        sx += col + 0.5;
        sy += row + 0.5;
        n++;
      }
    }
  }
  return n === 0 ? undefined : { x: sx / n / w, y: sy / n / h };
}
