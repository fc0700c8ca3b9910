import assert from "node:assert/strict";
import { Rng, mixSeed } from "../../nodes/sim/index.js";

describe("sim/rng", () => {
  it("gives the same stream for the same seed and different streams for neighbouring seeds", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 64 }, () => a.nextU32());
    const sb = Array.from({ length: 64 }, () => b.nextU32());
    const sc = Array.from({ length: 64 }, () => c.nextU32());
    assert.deepEqual(sa, sb);
    assert.notDeepEqual(sa, sc);
    // Neighbouring seeds are unrelated: almost no positions coincide.
    assert.ok(sa.filter((v, i) => v === sc[i]).length < 2);
  });

  it("keeps uniform draws in range with a mean near the middle", () => {
    const r = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = r.next();
      assert.ok(v >= 0 && v < 1);
      sum += v;
      const k = r.int(5);
      assert.ok(Number.isInteger(k) && k >= 0 && k < 5);
    }
    assert.ok(Math.abs(sum / 20000 - 0.5) < 0.01);
  });

  it("draws standard normals with mean ~0 and variance ~1", () => {
    const r = new Rng(3);
    const n = 40000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = r.normal();
      s += v;
      s2 += v * v;
    }
    assert.ok(Math.abs(s / n) < 0.02, `mean ${s / n}`);
    assert.ok(Math.abs(s2 / n - 1) < 0.03, `variance ${s2 / n}`);
  });

  it("mixes seed parts order-sensitively, including seeds beyond 32 bits", () => {
    assert.equal(mixSeed(1, 2, 3), mixSeed(1, 2, 3));
    assert.notEqual(mixSeed(1, 2, 3), mixSeed(3, 2, 1));
    assert.notEqual(mixSeed(2 ** 32 + 5), mixSeed(5));
  });

  it("shuffles to a permutation", () => {
    const items = new Rng(9).shuffle([0, 1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual([...items].sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
