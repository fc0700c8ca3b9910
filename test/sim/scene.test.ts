import assert from "node:assert/strict";
import { COLOR_NAMES, blocksOverlap, diskTouchesBlock, generateScene, DEFAULT_SCENE_OPTIONS } from "../../nodes/sim/index.js";

describe("sim/scene", () => {
  it("places blocks without overlap and inside the workspace, over many seeds", () => {
    for (let seed = 0; seed < 500; seed++) {
      const s = generateScene(seed);
      const all = [...s.targets, ...s.distractors];
      assert.equal(s.targets.length, DEFAULT_SCENE_OPTIONS.targets);
      assert.equal(s.distractors.length, DEFAULT_SCENE_OPTIONS.distractors);
      for (let i = 0; i < all.length; i++) {
        const a = all[i]!;
        assert.ok(a.x - a.half >= 0 && a.x + a.half <= 1 && a.y - a.half >= 0 && a.y + a.half <= 1, `seed ${seed}: block outside`);
        for (let j = i + 1; j < all.length; j++) {
          assert.ok(!blocksOverlap(a, all[j]!, 0), `seed ${seed}: blocks ${i} and ${j} overlap`);
        }
        assert.ok(!diskTouchesBlock(s.start.x, s.start.y, DEFAULT_SCENE_OPTIONS.robotRadius, a, 0), `seed ${seed}: start on a block`);
      }
    }
  });

  it("gives targets distinct colors, distractors none, and starts away from the instructed target", () => {
    for (let seed = 0; seed < 200; seed++) {
      const s = generateScene(seed);
      const colors = s.targets.map((t) => t.colorIndex);
      assert.equal(new Set(colors).size, colors.length);
      assert.ok(colors.every((c) => c >= 0 && c < COLOR_NAMES.length));
      assert.ok(s.distractors.every((d) => d.colorIndex === -1));
      const goal = s.targets[s.instructed]!;
      assert.ok(Math.hypot(s.start.x - goal.x, s.start.y - goal.y) >= DEFAULT_SCENE_OPTIONS.minStartDistance);
    }
  });

  it("is a pure function of the seed and varies with it", () => {
    assert.deepEqual(generateScene(11), generateScene(11));
    assert.notDeepEqual(generateScene(11).targets, generateScene(12).targets);
  });

  it("instructs every color over many seeds", () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 100; seed++) {
      const s = generateScene(seed);
      seen.add(s.targets[s.instructed]!.colorIndex);
    }
    assert.equal(seen.size, COLOR_NAMES.length);
  });

  it("rejects impossible layouts with a message saying what to change", () => {
    assert.throws(() => generateScene(1, { targets: 5 }), /targets must be an integer in 1..4/);
    assert.throws(() => generateScene(1, { distractors: 12, blockSize: 0.25 }), /use fewer or smaller blocks/);
  });
});
