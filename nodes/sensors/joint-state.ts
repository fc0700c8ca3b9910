// joint-state: a synthetic joint-state source. Each joint follows a sine trajectory plus Gaussian
// noise, deterministic under the seed: a stand-in for an arm's encoders.
import { Type } from "@sinclair/typebox";
import { DurationS, RateHz, Seed } from "../../sdk/core/number-limits.js";
import { map } from "rxjs";
import type { reflex } from "../../sdk/messages/index.js";
import { defineNode } from "../../sdk/core/node.js";
import { Rng } from "../sim/index.js";

export default defineNode({
  type: "joint-state",
  description: "Synthetic joint states: sine trajectories with Gaussian noise, seeded.",
  kind: "sensor",
  params: Type.Object(
    {
      joints: Type.Integer({ minimum: 1, maximum: 64, default: 6, description: "number of joints" }),
      rate_hz: RateHz({ maximum: 10000, default: 100, description: "publish rate" }),
      amplitude_rad: Type.Number({ minimum: 0, default: 0.5, description: "trajectory amplitude" }),
      period_s: DurationS({ default: 4, description: "trajectory period" }),
      noise_rad: Type.Number({ minimum: 0, default: 0.001, description: "position noise (std dev)" }),
      seed: Seed({ default: 1, description: "noise seed" }),
    },
    { additionalProperties: false },
  ),
  inputs: {},
  outputs: { state: { type: "reflex.JointState", description: "position and velocity per joint" } },
  create(ctx, p) {
    const rng = new Rng(p.seed);
    const names = Array.from({ length: p.joints }, (_, i) => `joint_${i + 1}`);
    const w = (2 * Math.PI) / p.period_s;
    const state = ctx.every(1000 / p.rate_hz).pipe(
      map(({ index }) => {
        const t = index / p.rate_hz;
        const position: number[] = [];
        const velocity: number[] = [];
        for (let j = 0; j < p.joints; j++) {
          const phase = (j * Math.PI) / p.joints;
          position.push(p.amplitude_rad * Math.sin(w * t + phase) + p.noise_rad * rng.normal());
          velocity.push(p.amplitude_rad * w * Math.cos(w * t + phase));
        }
        const body: reflex.JointState.$Properties = { name: names, position, velocity, effort: [] };
        return ctx.msg(body);
      }),
    );
    return { outputs: { state } };
  },
});
