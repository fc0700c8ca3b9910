// Dataset generator for the tiny reference VLA: runs the TypeScript reaching sim with the scripted
// expert and records, at every control step, what the policy will see and what it should output.
//
//   npx tsx models/train/gen-dataset.ts --episodes 2500 --out models/train/data
//
// Output (all little-endian, N = samples, P = patches):
//   images.u8      N x height x width x 3   RGB8 frames
//   proprio.f32    N x 2                    robot position (x, y), raw workspace units
//   instruction.u8 N                        target color index (COLOR_NAMES order)
//   actions.f32    N x horizon x 2          expert action chunk (vx, vy), raw units/s
//   target.f32     N x 2                    instructed target's center (x, y), raw units (auxiliary label)
//   relevance.u8   N x P                    1 where the patch shows the instructed target or the robot
//   episode.u32    N                        episode number (for splits by episode)
//   meta.json      shapes, options, seeds, colors
//
// Diversity: the label at each step is a fresh expert chunk with smooth noise; what is executed is an
// expert chunk replanned every `--replan` steps, in a third of the episodes with stronger noise, so the
// data covers states off the clean expert path (recovery) as well as on it.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { COLOR_NAMES, ReachingTask, Rng, expertChunk, mixSeed, type Block } from "../../nodes/sim/index.js";

const { values: args } = parseArgs({
  options: {
    episodes: { type: "string", default: "2500" },
    out: { type: "string", default: "models/train/data" },
    "seed-base": { type: "string", default: "1000000" },
    horizon: { type: "string", default: "8" },
    patch: { type: "string", default: "8" },
    replan: { type: "string", default: "4" },
    size: { type: "string", default: "64" },
  },
});

const episodes = Number(args.episodes);
const seedBase = Number(args["seed-base"]);
const horizon = Number(args.horizon);
const patch = Number(args.patch);
const replan = Number(args.replan);
const size = Number(args.size);
const outDir = String(args.out);
if (size % patch !== 0) throw new Error(`--size ${size} must be a multiple of --patch ${patch}`);

const task = new ReachingTask({ width: size, height: size });
const o = task.options;
const grid = size / patch;
const P = grid * grid;

/** 1 for each patch that has a pixel center inside the target block or the robot disk. */
function relevanceMask(target: Block, rx: number, ry: number, out: Uint8Array, offset: number): void {
  const r2 = o.robotRadius * o.robotRadius;
  for (let pr = 0; pr < grid; pr++) {
    for (let pc = 0; pc < grid; pc++) {
      let hit = 0;
      for (let r = pr * patch; r < (pr + 1) * patch && !hit; r++) {
        const y = (r + 0.5) / size;
        for (let c = pc * patch; c < (pc + 1) * patch; c++) {
          const x = (c + 0.5) / size;
          const inBlock = Math.abs(x - target.x) <= target.half && Math.abs(y - target.y) <= target.half;
          const inRobot = (x - rx) * (x - rx) + (y - ry) * (y - ry) <= r2;
          if (inBlock || inRobot) {
            hit = 1;
            break;
          }
        }
      }
      out[offset + pr * grid + pc] = hit;
    }
  }
}

// Growable column buffers: the sample count is only known at the end.
const images: Uint8Array[] = [];
const proprio: number[] = [];
const targetPos: number[] = [];
const instruction: number[] = [];
const actions: Float32Array[] = [];
const relevance: Uint8Array[] = [];
const episodeOf: number[] = [];
let successes = 0;
let steps = 0;

for (let e = 0; e < episodes; e++) {
  const seed = seedBase + e;
  task.reset(seed);
  const labelRng = new Rng(mixSeed(seed, 1));
  const execRng = new Rng(mixSeed(seed, 2));
  const execNoise = e % 3 === 2 ? 0.5 : 0.2;
  const colorIndex = task.instruction.colorIndex;
  while (!task.done) {
    const s = task.state;
    images.push(task.render());
    proprio.push(s.x, s.y);
    targetPos.push(task.target.x, task.target.y);
    instruction.push(colorIndex);
    actions.push(expertChunk(task, horizon, labelRng));
    const mask = new Uint8Array(P);
    relevanceMask(task.target, s.x, s.y, mask, 0);
    relevance.push(mask);
    episodeOf.push(e);
    if (task.stepIndex % replan === 0) task.loadChunk(expertChunk(task, horizon, execRng, { noise: execNoise }), horizon);
    task.stepChunk();
  }
  steps += task.stepIndex;
  if (task.success) successes++;
}

const N = images.length;
function concat(parts: (Uint8Array | Float32Array)[], bytesEach: number): Buffer {
  const buf = Buffer.alloc(parts.length * bytesEach);
  parts.forEach((p, i) => Buffer.from(p.buffer, p.byteOffset, p.byteLength).copy(buf, i * bytesEach));
  return buf;
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "images.u8"), concat(images, size * size * 3));
writeFileSync(join(outDir, "proprio.f32"), Buffer.from(new Float32Array(proprio).buffer));
writeFileSync(join(outDir, "target.f32"), Buffer.from(new Float32Array(targetPos).buffer));
writeFileSync(join(outDir, "instruction.u8"), Buffer.from(new Uint8Array(instruction).buffer));
writeFileSync(join(outDir, "actions.f32"), concat(actions, horizon * 2 * 4));
writeFileSync(join(outDir, "relevance.u8"), concat(relevance, P));
writeFileSync(join(outDir, "episode.u32"), Buffer.from(new Uint32Array(episodeOf).buffer));
const meta = {
  samples: N,
  episodes,
  seed_base: seedBase,
  expert_success_rate: successes / episodes,
  mean_episode_steps: steps / episodes,
  image: { width: size, height: size, channels: 3, patch, grid: [grid, grid] },
  patches: P,
  horizon,
  action_dim: 2,
  proprio_dim: 2,
  replan,
  colors: COLOR_NAMES,
  task_options: o,
  created_by: `models/train/gen-dataset.ts --episodes ${episodes} --seed-base ${seedBase} --horizon ${horizon} --patch ${patch} --replan ${replan} --size ${size}`,
};
writeFileSync(join(outDir, "meta.json"), JSON.stringify(meta, null, 2) + "\n");
console.log(`wrote ${N} samples from ${episodes} episodes to ${outDir} (expert success ${(100 * successes) / episodes}%, mean ${(steps / episodes).toFixed(1)} steps)`);
