// reflex eval: the demo's tiny VLA in closed loop under the virtual clock, 20 episodes in process, and
// the command itself as a child process.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { evaluate, formatEval } from "../../sdk/cli/eval.js";

describe("reflex eval", function () {
  this.timeout(120000);

  it("20 episodes of the demo (tiny-vla, all accelerations): success >= 0.8 and every figure present", async () => {
    const r = await evaluate("configs/demo.yaml", { episodes: 20, seed: 0 });
    assert.equal(r.episodes, 20);
    assert.ok(r.successRate >= 0.8, `success rate ${r.successRate}`);
    assert.ok(r.meanEpisodeSteps > 1 && r.meanEpisodeSteps <= 100, `mean length ${r.meanEpisodeSteps}`);
    assert.deepEqual(r.policies, ["policy"]);
    assert.ok(r.ticks >= 20 * 10, `ticks ${r.ticks}`);
    assert.ok(r.latencyMs && r.latencyMs.p50 > 0 && r.latencyMs.p99 >= r.latencyMs.p50);
    for (const s of ["preprocess", "vision", "prune", "backbone", "head"]) {
      const q = r.stageMs[s]!;
      assert.ok(Number.isFinite(q.p50) && q.p99 >= q.p50, `stage ${s}`);
    }
    assert.ok(r.flopsPerTick > 0 && r.flopsPerTick < r.baselineFlopsPerTick, `flops ${r.flopsPerTick} of ${r.baselineFlopsPerTick}`);
    assert.ok(r.meanTokensKept > 0 && r.meanTokensKept < 64);
    assert.match(formatEval(r), /success rate +\d+\.\d% \(\d+\/20\)/);
  });

  it("the command: --json with --set, and exit 2 on a config without a sim-robot", () => {
    const reflex = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", ...args], { encoding: "utf8", timeout: 90000 });
    const r = reflex("eval", "configs/demo.yaml", "--episodes", "2", "--seed", "5", "--set", "policy.steps=2", "--json");
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { episodes: number; seed: number; meanStepsComputed: number; latencyMs: { p50: number } };
    assert.equal(j.episodes, 2);
    assert.equal(j.seed, 5);
    assert.equal(j.meanStepsComputed, 2);
    assert.ok(j.latencyMs.p50 > 0);
    const bad = reflex("eval", "test/fixtures/does-not-exist.yaml", "--episodes", "1");
    assert.equal(bad.status, 2, bad.stderr);
  });
});
