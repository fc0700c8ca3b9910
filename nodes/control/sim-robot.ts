// sim-robot: the simulated reaching task's robot. It plays action chunks one row per control step,
// integrates the motion, and publishes its joint state, end-effector pose, task status, the current
// instruction and the world a sim camera renders. Episodes follow one another (seed, seed+1, ...).
import { Type } from "@sinclair/typebox";
import { DurationMs, Seed } from "../../sdk/core/number-limits.js";
import { map, share, type Observable } from "rxjs";
import type { reflex } from "../../sdk/messages/index.js";
import { defineNode, type Outgoing } from "../../sdk/core/node.js";
import { ReachingTask } from "../sim/index.js";

export default defineNode({
  type: "sim-robot",
  description: "Point robot of the sim reaching task: consumes action chunks, publishes state, pose, status and world.",
  kind: "control",
  feedthrough: false,
  params: Type.Object(
    {
      seed: Seed({ default: 1, description: "seed of the first episode" }),
      targets: Type.Integer({ minimum: 1, maximum: 4, default: 4, description: "colored targets per scene" }),
      distractors: Type.Integer({ minimum: 0, maximum: 8, default: 3, description: "gray distractor blocks" }),
      step_ms: DurationMs({ maximum: 1000, default: 50, description: "control step" }),
      max_steps: Type.Integer({ minimum: 1, default: 100, description: "step budget per episode" }),
      max_speed: Type.Number({ exclusiveMinimum: 0, default: 0.6, description: "velocity limit, workspace units/s" }),
      success_radius: Type.Number({ exclusiveMinimum: 0, default: 0.04, description: "reach tolerance, workspace units" }),
      episodes: Type.Integer({ minimum: 0, default: 0, description: "stop after this many episodes (0: go on)" }),
    },
    { additionalProperties: false },
  ),
  inputs: {
    actions: { type: "reflex.ActionChunk", description: "action chunks (vx, vy rows)", required: false },
  },
  outputs: {
    state: { type: "reflex.JointState", description: "position (x, y) and velocity" },
    pose: { type: "reflex.Pose2D", description: "end-effector pose" },
    status: { type: "reflex.TaskStatus", description: "episode, step, distance, success" },
    instruction: { type: "reflex.Instruction", description: "what to reach this episode" },
    world: { type: "reflex.SimWorld", description: "scene and robot, for a sim camera" },
  },
  create(ctx, p) {
    const task = new ReachingTask({
      seed: p.seed,
      targets: p.targets,
      distractors: p.distractors,
      stepMs: p.step_ms,
      maxSteps: p.max_steps,
      maxSpeed: p.max_speed,
      successRadius: p.success_radius,
    });
    let episode = 0;
    let successes = 0;
    let stepsTotal = 0;
    let finished = false;
    ctx.subscribe(ctx.inputs.actions, (m) => {
      const chunk = m.body;
      const horizon = chunk.horizon ?? 0;
      // A hold (from a watchdog) stops the robot: one zero-velocity row, then the used-up cursor holds still.
      if (chunk.hold) {
        task.loadChunk(new Float32Array(2), 1);
        return;
      }
      const rows = Float32Array.from(chunk.data ?? []);
      if (horizon < 1 || rows.length < horizon * 2) {
        ctx.log.warn({ horizon, values: rows.length }, "action chunk empty or shorter than horizon x 2: ignored");
        return;
      }
      task.loadChunk(rows, horizon);
    });

    // One control step per tick; all outputs come from the same step.
    const steps = ctx.every(p.step_ms).pipe(
      map(() => {
        if (!finished) {
          const r = task.stepChunk();
          if (r.done) {
            episode++;
            if (r.success) successes++;
            stepsTotal += task.stepIndex;
            ctx.metrics.gauge("episodes", episode);
            ctx.metrics.gauge("success_rate", successes / episode);
            // Episode length in control steps (a faster reach is a better policy even at equal success).
            ctx.metrics.gauge("episode_steps", task.stepIndex);
            ctx.metrics.gauge("mean_episode_steps", stepsTotal / episode);
            if (p.episodes > 0 && episode >= p.episodes) finished = true;
            else task.reset();
          }
        }
        return ctx.msg(null);
      }),
      share(),
    );
    const out = <T>(body: () => T): Observable<Outgoing<T>> => steps.pipe(map((m) => ({ ...m, body: body() })));
    const s = (): { x: number; y: number; vx: number; vy: number } => task.state;
    return {
      outputs: {
        state: out<reflex.JointState.$Properties>(() => ({ name: ["x", "y"], position: [s().x, s().y], velocity: [s().vx, s().vy] })),
        pose: out<reflex.Pose2D.$Properties>(() => ({ x: s().x, y: s().y, theta: 0 })),
        status: out<reflex.TaskStatus.$Properties>(() => ({
          episode,
          step: task.stepIndex,
          distance: task.distance,
          success: task.success,
          done: task.done || finished,
          endEffector: { x: s().x, y: s().y, theta: 0 },
          targetIndex: task.instruction.targetIndex,
        })),
        instruction: out<reflex.Instruction.$Properties>(() => ({
          text: task.instruction.text,
          targetIndex: task.instruction.targetIndex,
          colorIndex: task.instruction.colorIndex,
        })),
        world: out<reflex.SimWorld.$Properties>(() => ({
          episode,
          sceneSeed: task.seed,
          targets: p.targets,
          distractors: p.distractors,
          blockSize: task.options.blockSize,
          robotRadius: task.options.robotRadius,
          x: s().x,
          y: s().y,
          step: task.stepIndex,
        })),
      },
    };
  },
});
