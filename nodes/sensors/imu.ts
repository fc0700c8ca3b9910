// imu: a synthetic IMU. A slow rocking motion plus gravity, with white noise and a constant gyro bias,
// deterministic under the seed.
import { Type } from "@sinclair/typebox";
import { DurationS, RateHz, Seed } from "../../sdk/core/number-limits.js";
import { map } from "rxjs";
import type { reflex } from "../../sdk/messages/index.js";
import { defineNode } from "../../sdk/core/node.js";
import { Rng } from "../sim/index.js";

const G = 9.80665;

export default defineNode({
  type: "imu",
  description: "Synthetic IMU: rocking motion plus gravity, white noise and gyro bias, seeded.",
  kind: "sensor",
  params: Type.Object(
    {
      rate_hz: RateHz({ maximum: 10000, default: 200, description: "publish rate" }),
      gyro_noise: Type.Number({ minimum: 0, default: 0.002, description: "angular velocity noise std dev, rad/s" }),
      accel_noise: Type.Number({ minimum: 0, default: 0.02, description: "acceleration noise std dev, m/s^2" }),
      gyro_bias: Type.Number({ default: 0.001, description: "constant gyro bias, rad/s" }),
      rock_amplitude_rad: Type.Number({ minimum: 0, default: 0.05, description: "rocking amplitude (roll)" }),
      rock_period_s: DurationS({ default: 2, description: "rocking period" }),
      seed: Seed({ default: 1, description: "noise seed" }),
    },
    { additionalProperties: false },
  ),
  inputs: {},
  outputs: { imu: { type: "reflex.Imu", description: "angular velocity, linear acceleration, orientation" } },
  create(ctx, p) {
    const rng = new Rng(p.seed);
    const w = (2 * Math.PI) / p.rock_period_s;
    const imu = ctx.every(1000 / p.rate_hz).pipe(
      map(({ index }) => {
        const t = index / p.rate_hz;
        const roll = p.rock_amplitude_rad * Math.sin(w * t);
        const rollRate = p.rock_amplitude_rad * w * Math.cos(w * t);
        const body: reflex.Imu.$Properties = {
          angularVelocity: {
            x: rollRate + p.gyro_bias + p.gyro_noise * rng.normal(),
            y: p.gyro_bias + p.gyro_noise * rng.normal(),
            z: p.gyro_bias + p.gyro_noise * rng.normal(),
          },
          linearAcceleration: {
            x: p.accel_noise * rng.normal(),
            y: G * Math.sin(roll) + p.accel_noise * rng.normal(),
            z: G * Math.cos(roll) + p.accel_noise * rng.normal(),
          },
          orientationRpy: { x: roll, y: 0, z: 0 },
        };
        return ctx.msg(body);
      }),
    );
    return { outputs: { imu } };
  },
});
