import assert from "node:assert/strict";
import { sampleFlowEuler } from "../../sdk/accel/flow-euler.js";
import { GaussianNoise } from "../../sdk/accel/gaussian-noise.js";

const target = Float32Array.from([0.5, -1, 2, 0, 0.25, -0.75]);

/** The straight-line flow to `target`: v(x, t) = (target - x) / (1 - t). Euler is exact on it. */
async function towardTarget(x: Float32Array, t: number): Promise<Float32Array> {
  return Float32Array.from(x, (v, i) => ((target[i] as number) - v) / (1 - t));
}

describe("accel: flow-Euler sampler", () => {
  const noise = new GaussianNoise(7).fill(new Float32Array(target.length));

  it("runs steps 1..N, calling the head at t = i/N, and lands on the straight flow's end point", async () => {
    for (let steps = 1; steps <= 8; steps++) {
      const ts: number[] = [];
      const r = await sampleFlowEuler({
        steps,
        noise,
        velocity: async (x, t) => {
          ts.push(t);
          return towardTarget(x, t);
        },
      });
      assert.deepEqual(ts, Array.from({ length: steps }, (_, i) => i / steps));
      assert.deepEqual(r.report, { steps, head: "euler", computed: steps, skipped: 0 });
      for (let i = 0; i < target.length; i++) assert.ok(Math.abs((r.x[i] as number) - (target[i] as number)) < 1e-5);
    }
  });

  it("integrates a curved flow more accurately with more steps", async () => {
    // dx/dt = -x from x0: exact x1 = x0 / e. Euler with N steps gives x0 (1 - 1/N)^N.
    const decay = async (x: Float32Array): Promise<Float32Array> => Float32Array.from(x, (v) => -v);
    const err = async (steps: number): Promise<number> => {
      const r = await sampleFlowEuler({ steps: steps, noise: Float32Array.of(1), velocity: decay });
      return Math.abs((r.x[0] as number) - Math.exp(-1));
    };
    assert.ok((await err(16)) < (await err(4)));
    assert.ok(Math.abs((await sampleFlowEuler({ steps: 4, noise: Float32Array.of(1), velocity: decay })).x[0]! - 0.75 ** 4) < 1e-6);
  });

  it("uses the distilled one-step head for steps = 1, and Euler for steps > 1", async () => {
    let oneStepCalls = 0;
    let velocityCalls = 0;
    const run = (steps: number) =>
      sampleFlowEuler({
        steps,
        noise,
        velocity: async (x, t) => {
          velocityCalls++;
          return towardTarget(x, t);
        },
        oneStep: async (z) => {
          oneStepCalls++;
          return new Float32Array(z.length);
        },
      });
    const one = await run(1);
    assert.equal(one.report.head, "onestep");
    assert.deepEqual([...one.x], new Array(target.length).fill(0));
    assert.deepEqual([oneStepCalls, velocityCalls], [1, 0]);
    // The step count changes between calls of the same setup.
    const four = await run(4);
    assert.equal(four.report.head, "euler");
    assert.deepEqual([oneStepCalls, velocityCalls], [1, 4]);
    await run(2);
    assert.deepEqual([oneStepCalls, velocityCalls], [1, 6]);
  });

  it("rejects a step count that is not an integer >= 1", async () => {
    for (const steps of [0, -1, 2.5, NaN]) {
      await assert.rejects(sampleFlowEuler({ steps, noise, velocity: towardTarget }), /steps must be an integer >= 1/);
    }
  });

  it("writes into `out` and leaves the noise untouched", async () => {
    const before = noise.slice();
    const out = new Float32Array(target.length);
    const r = await sampleFlowEuler({ steps: 3, noise, velocity: towardTarget, out });
    assert.equal(r.x, out);
    assert.deepEqual([...noise], [...before]);
  });
});

describe("accel: seeded Gaussian noise", () => {
  it("is deterministic under the seed and differs across seeds", () => {
    const a = new GaussianNoise(42).fill(new Float32Array(64));
    const b = new GaussianNoise(42).fill(new Float32Array(64));
    const c = new GaussianNoise(43).fill(new Float32Array(64));
    const d = new GaussianNoise(42 + 2 ** 40).fill(new Float32Array(64));
    assert.deepEqual([...a], [...b]);
    assert.notDeepEqual([...a], [...c]);
    assert.notDeepEqual([...a], [...d]);
  });

  it("draws standard normal values (mean ~0, variance ~1 over 200k draws)", () => {
    const x = new GaussianNoise(1).fill(new Float32Array(200_000));
    let sum = 0;
    let sq = 0;
    for (const v of x) {
      sum += v;
      sq += v * v;
    }
    const mean = sum / x.length;
    const variance = sq / x.length - mean * mean;
    assert.ok(Math.abs(mean) < 0.01, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.02, `variance ${variance}`);
    assert.ok(x.every(Number.isFinite));
  });
});
