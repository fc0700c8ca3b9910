// The charts' bounded history (dashboard/history.ts): fixed memory, oldest points forgotten first.
import assert from "node:assert/strict";
import { SeriesHistory } from "../../dashboard/history.js";

describe("dashboard chart history", () => {
  it("keeps at most `capacity` points, the newest, in order, across many wraps", () => {
    const h = new SeriesHistory(100, 2);
    for (let i = 1; i <= 1234; i++) {
      h.push([i, i * 2]);
      assert.ok(h.length <= 100);
    }
    const [xs, ys] = h.columns();
    assert.equal(xs!.length, 100);
    assert.equal(xs![0], 1135);
    assert.equal(xs![99], 1234);
    for (let i = 0; i < 100; i++) assert.equal(ys![i], xs![i]! * 2);
  });

  it("trims by time and restarts when time goes back (a new run)", () => {
    const h = new SeriesHistory(1000, 1);
    for (let i = 0; i < 50; i++) h.push([i]);
    h.trimBefore(40);
    assert.deepEqual([...h.columns()[0]!], [40, 41, 42, 43, 44, 45, 46, 47, 48, 49]);
    h.push([49]); // the same snapshot again: ignored
    assert.equal(h.length, 10);
    h.push([3]);
    assert.deepEqual([...h.columns()[0]!], [3]);
  });

  it("rejects a point of the wrong width", () => {
    assert.throws(() => new SeriesHistory(10, 3).push([1, 2]), /expected 3 values, got 2/);
  });
});
