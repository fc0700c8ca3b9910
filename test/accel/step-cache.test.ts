import assert from "node:assert/strict";
import { sampleFlowEuler } from "../../sdk/accel/flow-euler.js";
import { StepCache } from "../../sdk/accel/step-cache.js";

/** Runs a cache over `steps` inputs, each 10% larger than the last (relative L1 change 0.1 per step). */
function decisions(cache: StepCache, steps: number): boolean[] {
  cache.begin(steps);
  const m = Float32Array.from([1, 2, 3, 4]);
  const out: boolean[] = [];
  for (let i = 0; i < steps; i++) {
    out.push(cache.shouldCompute(i, m));
    for (let k = 0; k < m.length; k++) m[k] = (m[k] as number) * 1.1;
  }
  return out;
}

function computedSteps(d: boolean[]): number[] {
  return d.flatMap((c, i) => (c ? [i] : []));
}

describe("accel: step cache", () => {
  it("interval: computes every k-th step and reuses in between", () => {
    const c = new StepCache({ mode: "interval", interval: 3 });
    assert.deepEqual(computedSteps(decisions(c, 10)), [0, 3, 6, 9]);
    assert.deepEqual(c.report(), { mode: "interval", steps: 10, computed: 4, skipped: 6 });
    const every = new StepCache({ mode: "interval", interval: 1 });
    assert.equal(computedSteps(decisions(every, 7)).length, 7);
  });

  it("threshold: skips while the accumulated change stays under the threshold", () => {
    // Change 0.1 per step: the sum reaches 0.25 on every third step after a compute.
    const c = new StepCache({ mode: "threshold", threshold: 0.25 });
    assert.deepEqual(computedSteps(decisions(c, 10)), [0, 3, 6, 9]);
    assert.deepEqual(c.report(), { mode: "threshold", steps: 10, computed: 4, skipped: 6 });
  });

  it("threshold: always computes the first and last step", () => {
    const c = new StepCache({ mode: "threshold", threshold: 1e9 });
    assert.deepEqual(computedSteps(decisions(c, 8)), [0, 7]);
    const zero = new StepCache({ mode: "threshold", threshold: 0 });
    assert.equal(computedSteps(decisions(zero, 8)).length, 8);
  });

  it("threshold: a rescale polynomial changes what counts as change", () => {
    // 2x: each step counts 0.2, so the sum reaches 0.25 every second step.
    const c = new StepCache({ mode: "threshold", threshold: 0.25, rescale: [0, 2] });
    assert.deepEqual(computedSteps(decisions(c, 9)), [0, 2, 4, 6, 8]);
  });

  it("off computes every step; begin() starts the count afresh", () => {
    const c = new StepCache({ mode: "off" });
    decisions(c, 5);
    assert.deepEqual(c.report(), { mode: "off", steps: 5, computed: 5, skipped: 0 });
    decisions(c, 3);
    assert.deepEqual(c.report(), { mode: "off", steps: 3, computed: 3, skipped: 0 });
  });

  it("rejects a bad interval or threshold", () => {
    assert.throws(() => new StepCache({ mode: "interval", interval: 0 }), /interval must be an integer >= 1/);
    assert.throws(() => new StepCache({ mode: "threshold", threshold: -1 }), /threshold must be >= 0/);
  });

  it("drives the sampler: skipped steps reuse the last velocity and make no head call", async () => {
    let calls = 0;
    const noise = Float32Array.from([1, -1, 0.5, 2]);
    const velocity = async (x: Float32Array): Promise<Float32Array> => {
      calls++;
      return Float32Array.from(x, (v) => -v);
    };
    const r = await sampleFlowEuler({ steps: 10, noise, velocity, stepCache: new StepCache({ mode: "interval", interval: 4 }) });
    assert.equal(calls, 3); // steps 0, 4, 8
    assert.deepEqual({ computed: r.report.computed, skipped: r.report.skipped }, { computed: 3, skipped: 7 });
    // Reusing v0 = -x0 for steps 0..3: x4 = x0 * (1 - 4 * 0.1); the result differs from the uncached run.
    const full = await sampleFlowEuler({ steps: 10, noise, velocity });
    assert.notDeepEqual([...r.x], [...full.x]);
    const threshold = await sampleFlowEuler({ steps: 10, noise, velocity, stepCache: new StepCache({ mode: "threshold", threshold: 0.3 }) });
    assert.ok(threshold.report.skipped > 0 && threshold.report.computed >= 2);
    assert.equal(threshold.report.computed + threshold.report.skipped, 10);
  });
});
