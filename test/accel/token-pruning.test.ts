import assert from "node:assert/strict";
import fc from "fast-check";
import { gatherRows, pruneTokens, tokenBudget, type PruningOptions } from "../../sdk/accel/token-pruning.js";

function matrix(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

function unit(dim: number, axis: number, wobble = 0): number[] {
  const v = new Array<number>(dim).fill(0);
  v[axis] = 1;
  if (wobble) v[(axis + 1) % dim] = wobble;
  return v;
}

/** How many different axes the kept tokens point along (the token's largest component). */
function distinctDirections(tokens: Float32Array, dim: number, kept: Int32Array): number {
  const axes = new Set<number>();
  for (const i of kept) {
    const row = tokens.subarray(i * dim, (i + 1) * dim);
    axes.add(row.indexOf(Math.max(...row)));
  }
  return axes.size;
}

describe("accel: token pruning", () => {
  describe("relevance top-k", () => {
    it("keeps the most relevant tokens, returned in index order", () => {
      const relevance = Float32Array.from([0.1, 0.9, 0.5, 0.7, 0.3]);
      const tokens = new Float32Array(5 * 2).fill(1);
      const r = pruneTokens(tokens, relevance, 5, 2, { mode: "relevance", keep_count: 2 });
      assert.deepEqual([...r.kept], [1, 3]);
      assert.equal(r.budget, 2);
      const r3 = pruneTokens(tokens, relevance, 5, 2, { mode: "relevance", keep_count: 3 });
      assert.deepEqual([...r3.kept], [1, 2, 3]);
    });

    it("breaks ties by index and ranks NaN relevance last", () => {
      const tokens = new Float32Array(6);
      const tied = pruneTokens(tokens, Float32Array.from([1, 1, 1, 1, 1, 1]), 6, 1, { mode: "relevance", keep_count: 3 });
      assert.deepEqual([...tied.kept], [0, 1, 2]);
      const nan = pruneTokens(tokens, Float32Array.from([NaN, 0, NaN, -5, 2, 1]), 6, 1, { mode: "relevance", keep_count: 4 });
      assert.deepEqual([...nan.kept], [1, 3, 4, 5]);
    });
  });

  describe("efficientvla (relevance + diversity)", () => {
    // Six near-duplicates of one direction carry the highest relevance; six distinct directions less.
    const dim = 8;
    const rows: number[][] = [];
    const rel: number[] = [];
    for (let i = 0; i < 6; i++) {
      rows.push(unit(dim, 0, 0.01 * (i + 1)));
      rel.push(0.9 + 0.01 * i);
    }
    for (let i = 0; i < 6; i++) {
      rows.push(unit(dim, i + 1));
      rel.push(0.1 * (i + 1));
    }
    const tokens = matrix(rows);
    const relevance = Float32Array.from(rel);

    it("keeps more distinct tokens than top-k when the relevant ones are near-duplicates", () => {
      const topk = pruneTokens(tokens, relevance, 12, dim, { mode: "relevance", keep_count: 6 });
      const eff = pruneTokens(tokens, relevance, 12, dim, { mode: "efficientvla", keep_count: 6 });
      const effDiverse = pruneTokens(tokens, relevance, 12, dim, { mode: "efficientvla", keep_count: 6, relevance_mix: 0 });
      assert.equal(distinctDirections(tokens, dim, topk.kept), 1);
      assert.ok(distinctDirections(tokens, dim, eff.kept) > 1);
      // 3 key tokens by relevance (all one direction), then 3 picked for diversity: 3 new directions.
      assert.equal(distinctDirections(tokens, dim, effDiverse.kept), 4);
      assert.equal(effDiverse.byRelevance, 3);
      assert.equal(effDiverse.byDiversity, 3);
    });

    it("always keeps the top key tokens by relevance", () => {
      const r = pruneTokens(tokens, relevance, 12, dim, { mode: "efficientvla", keep_count: 4, key_fraction: 0.5, relevance_mix: 0 });
      // Top two by relevance are 5 and 4.
      assert.ok(r.kept.includes(5) && r.kept.includes(4), [...r.kept].join(","));
    });

    it("with all-identical tokens and relevance, keeps the lowest indices", () => {
      const same = new Float32Array(10 * 3).fill(0.5);
      const r = pruneTokens(same, new Float32Array(10).fill(1), 10, 3, { mode: "efficientvla", keep_count: 4, relevance_mix: 0 });
      assert.deepEqual([...r.kept], [0, 1, 2, 3]);
    });
  });

  describe("budget", () => {
    const opts = (o: Omit<PruningOptions, "mode">): PruningOptions => ({ mode: "relevance", ...o });
    it("takes a ratio or a count, at least 1 and at most all", () => {
      assert.equal(tokenBudget(16, opts({ keep_ratio: 0.25 })), 4);
      assert.equal(tokenBudget(16, opts({ keep_ratio: 0.01 })), 1);
      assert.equal(tokenBudget(16, opts({ keep_ratio: 1 })), 16);
      assert.equal(tokenBudget(16, opts({ keep_count: 5 })), 5);
      assert.equal(tokenBudget(16, opts({ keep_count: 0 })), 1);
      assert.equal(tokenBudget(16, opts({ keep_count: 100 })), 16);
      assert.equal(tokenBudget(16, { mode: "off", keep_count: 3 }), 16);
    });

    it("rejects a ratio outside (0, 1], both ratio and count, or neither", () => {
      assert.throws(() => tokenBudget(16, opts({ keep_ratio: 0 })), /keep_ratio must be in \(0, 1\]/);
      assert.throws(() => tokenBudget(16, opts({ keep_ratio: 1.5 })), /keep_ratio/);
      assert.throws(() => tokenBudget(16, opts({ keep_ratio: 0.5, keep_count: 3 })), /not both/);
      assert.throws(() => tokenBudget(16, opts({})), /needs keep_ratio or keep_count/);
    });

    it("keeps exactly the budget, unique and ascending, in both modes (property)", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 1, max: 6 }),
          fc.integer({ min: 0, max: 50 }),
          fc.constantFrom<"relevance" | "efficientvla">("relevance", "efficientvla"),
          fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          (count, dim, keep, mode, seed) => {
            let s = seed;
            const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
            const tokens = Float32Array.from({ length: count * dim }, rnd);
            const relevance = Float32Array.from({ length: count }, rnd);
            const r = pruneTokens(tokens, relevance, count, dim, { mode, keep_count: keep });
            const budget = Math.min(count, Math.max(1, keep));
            assert.equal(r.kept.length, budget);
            for (let i = 1; i < r.kept.length; i++) assert.ok((r.kept[i] as number) > (r.kept[i - 1] as number));
            assert.ok(r.kept.every((k) => k >= 0 && k < count));
            // The single most relevant token is always kept.
            const best = relevance.indexOf(Math.max(...relevance));
            assert.ok(r.kept.includes(best));
          },
        ),
        { seed: 42, numRuns: 200 },
      );
    });
  });

  it("is deterministic: the same inputs give the same selection", () => {
    const tokens = Float32Array.from({ length: 64 * 8 }, (_, i) => Math.sin(i * 1.7));
    const relevance = Float32Array.from({ length: 64 }, (_, i) => Math.cos(i * 0.3));
    const a = pruneTokens(tokens, relevance, 64, 8, { mode: "efficientvla", keep_ratio: 0.3 });
    const b = pruneTokens(tokens.slice(), relevance.slice(), 64, 8, { mode: "efficientvla", keep_ratio: 0.3 });
    assert.deepEqual([...a.kept], [...b.kept]);
    assert.equal(a.kept.length, 19);
  });

  it("off keeps everything; gatherRows copies the kept rows in order", () => {
    const tokens = Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
    const r = pruneTokens(tokens, new Float32Array(4), 4, 2, { mode: "off" });
    assert.deepEqual([...r.kept], [0, 1, 2, 3]);
    const out = new Float32Array(8);
    assert.deepEqual([...gatherRows(tokens, 2, Int32Array.from([3, 1]), out)], [3, 3, 1, 1]);
  });
});
