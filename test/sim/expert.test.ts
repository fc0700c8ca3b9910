import assert from "node:assert/strict";
import { ReachingTask, Rng, expertChunk } from "../../nodes/sim/index.js";

function runExpert(task: ReachingTask, seed: number, horizon: number, execute: number, noisy: boolean): void {
  task.reset(seed);
  const rng = noisy ? new Rng(seed + 1_000_000) : undefined;
  while (!task.done) {
    task.loadChunk(expertChunk(task, horizon, rng), horizon);
    for (let k = 0; k < execute && !task.done; k++) task.stepChunk();
  }
}

describe("sim/expert", () => {
  it("succeeds on (nearly) every seed, with and without noise, replanning every few steps", () => {
    const task = new ReachingTask();
    for (const [noisy, execute] of [[false, 8], [true, 4], [true, 1]] as const) {
      let ok = 0;
      const n = 400;
      for (let seed = 0; seed < n; seed++) {
        runExpert(task, seed, 8, execute, noisy);
        if (task.success) ok++;
      }
      assert.ok(ok / n >= 0.995, `noisy ${noisy}, execute ${execute}: ${ok}/${n}`);
    }
  });

  it("respects the max speed and does not change the task", () => {
    const task = new ReachingTask({ seed: 12 });
    const before = task.state;
    const chunk = expertChunk(task, 16, new Rng(1));
    assert.deepEqual(task.state, before);
    assert.equal(task.stepIndex, 0);
    for (let k = 0; k < 16; k++) {
      assert.ok(Math.hypot(chunk[2 * k]!, chunk[2 * k + 1]!) <= task.options.maxSpeed + 1e-6);
    }
  });

  it("moves toward the target", () => {
    const task = new ReachingTask({ seed: 13 });
    const d0 = task.distance;
    task.loadChunk(expertChunk(task, 8), 8);
    for (let k = 0; k < 8; k++) task.stepChunk();
    assert.ok(task.distance < d0 - 0.1);
  });

  it("adds noise that depends only on the rng's seed", () => {
    const task = new ReachingTask({ seed: 14 });
    const plain = expertChunk(task, 8);
    const a = expertChunk(task, 8, new Rng(5));
    const b = expertChunk(task, 8, new Rng(5));
    const c = expertChunk(task, 8, new Rng(6));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, plain);
    assert.notDeepEqual(a, c);
  });
});
