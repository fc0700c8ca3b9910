import assert from "node:assert/strict";
import { ACTION_DIM, ReachingTask } from "../../nodes/sim/index.js";

describe("sim/task", () => {
  it("clips actions to the max speed by norm and integrates with the fixed step", () => {
    const task = new ReachingTask({ seed: 2, maxSpeed: 0.5, stepMs: 40 });
    const { x, y } = task.state;
    task.step([3, 4]); // norm 5 -> clipped to 0.5, direction (0.6, 0.8)
    const s = task.state;
    assert.ok(Math.abs(s.vx - 0.3) < 1e-12 && Math.abs(s.vy - 0.4) < 1e-12);
    const ex = Math.min(1 - 0.045, Math.max(0.045, x + 0.3 * 0.04));
    const ey = Math.min(1 - 0.045, Math.max(0.045, y + 0.4 * 0.04));
    assert.ok(Math.abs(s.x - ex) < 1e-12 && Math.abs(s.y - ey) < 1e-12);
    assert.equal(task.stepIndex, 1);
    assert.equal(task.timeMs, 40);
  });

  it("keeps the robot inside the workspace", () => {
    const task = new ReachingTask({ seed: 3 });
    for (let k = 0; k < 60; k++) task.step([-1, -1]);
    assert.ok(Math.abs(task.state.x - 0.045) < 1e-12 && Math.abs(task.state.y - 0.045) < 1e-12);
  });

  it("detects success only within the success radius and ends the episode there", () => {
    const task = new ReachingTask({ seed: 5, maxSteps: 500 });
    const r = task.options.successRadius;
    let last = task.step([0, 0]);
    assert.equal(last.success, false);
    // Drive straight at the target, never faster than needed to land inside the radius.
    while (!last.done) {
      const t = task.target;
      const s = task.state;
      const dt = task.options.stepMs / 1000;
      last = task.step([(t.x - s.x) / dt / 2, (t.y - s.y) / dt / 2]);
      if (!last.success) assert.ok(last.distance > r);
    }
    assert.equal(last.success, true);
    assert.ok(last.distance <= r);
    assert.equal(task.done, true);
    // Steps after the end are no-ops.
    const frozen = task.state;
    const again = task.step([1, 1]);
    assert.deepEqual(task.state, frozen);
    assert.equal(again.step, last.step);
  });

  it("ends without success when the step budget runs out", () => {
    const task = new ReachingTask({ seed: 6, maxSteps: 7 });
    let res = task.step([0, 0]);
    for (let k = 1; k < 7; k++) {
      assert.equal(res.done, false);
      res = task.step([0, 0]);
    }
    assert.deepEqual([res.done, res.success, res.step], [true, false, 7]);
  });

  it("consumes a chunk one row per step, then holds still", () => {
    const task = new ReachingTask({ seed: 9, maxSpeed: 1 });
    const h = 3;
    const chunk = new Float32Array([0.1, 0, 0, 0.2, -0.1, 0]);
    assert.equal(chunk.length, h * ACTION_DIM);
    task.loadChunk(chunk, h);
    assert.equal(task.chunkRemaining, 3);
    const seen: [number, number][] = [];
    for (let k = 0; k < 5; k++) {
      task.stepChunk();
      seen.push([task.state.vx, task.state.vy]);
    }
    const f = Math.fround;
    assert.deepEqual(seen, [[f(0.1), 0], [0, f(0.2)], [f(-0.1), 0], [0, 0], [0, 0]]);
    assert.equal(task.chunkRemaining, 0);
    assert.throws(() => task.loadChunk(new Float32Array(5), 3), /expected 3 x 2 = 6 values/);
  });

  it("resets to the seed's scene and start, and advances the seed when none is given", () => {
    const task = new ReachingTask({ seed: 20 });
    const start = task.state;
    const scene = task.scene;
    task.step([0.5, 0.5]);
    task.reset(20);
    assert.deepEqual(task.state, start);
    assert.deepEqual(task.scene, scene);
    assert.equal(task.stepIndex, 0);
    task.reset();
    assert.equal(task.seed, 21);
    assert.notDeepEqual(task.scene, scene);
  });

  it("names the instructed target in the instruction", () => {
    const task = new ReachingTask({ seed: 31 });
    const ins = task.instruction;
    assert.equal(ins.text, `reach the ${ins.color} block`);
    assert.equal(task.scene.targets[ins.targetIndex]!.colorIndex, ins.colorIndex);
  });

  it("rejects bad options and short action rows", () => {
    assert.throws(() => new ReachingTask({ maxSteps: 0 }), /maxSteps must be a positive integer/);
    assert.throws(() => new ReachingTask({ stepMs: -1 }), /stepMs must be > 0/);
    assert.throws(() => new ReachingTask().step([1]), /needs 2 values/);
  });
});
