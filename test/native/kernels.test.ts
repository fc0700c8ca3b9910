import assert from "node:assert/strict";

import { NativeKernels } from "../../sdk/native/kernels.js";
import {
  dequantizeInt8Reference,
  efficientVlaSelectReference,
  gatherRowsReference,
  patchSimilarityReference,
  quantizeInt8Reference,
  relativeL1Reference,
  topkReference,
} from "../../sdk/native/kernels-reference.js";
import { mulberry32, sample } from "./distributions.js";

const native = new NativeKernels();

function bits(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
}

describe("tensor kernels: CPU native and plain TypeScript give identical results", () => {
  it("top-k: same indices, with ties, NaN and every k", () => {
    const rand = mulberry32(1);
    const scores = new Float32Array(577);
    for (let i = 0; i < scores.length; i++) scores[i] = Math.round(rand() * 50) / 10; // many ties
    scores[3] = NaN;
    scores[100] = -Infinity;
    for (const k of [0, 1, 7, 64, 288, 577]) assert.deepEqual(Array.from(native.topk(scores, k)), Array.from(topkReference(scores, k)), `k=${k}`);
    assert.throws(() => native.topk(scores, 578), /k=578/);
  });

  it("gather rows: same matrix; out-of-range index rejected by both", () => {
    const tokens = sample("gaussian", 256 * 64, 2);
    const idx = native.topk(sample("laplace", 256, 3), 100);
    assert.deepEqual(bits(native.gatherRows(tokens, 64, idx)), bits(gatherRowsReference(tokens, 64, idx)));
    const bad = Int32Array.of(0, 256);
    assert.throws(() => native.gatherRows(tokens, 64, bad), /indices\[1\]=256/);
    assert.throws(() => gatherRowsReference(tokens, 64, bad), /indices\[1\]=256/);
  });

  it("patch cosine and relative L1: bit-identical on frames, zero patches and token matrices", () => {
    const grid = { height: 224, width: 224, channels: 3, patch: 14 };
    const prev = sample("gaussian", 224 * 224 * 3, 4);
    const curr = prev.map((v, i) => (i % 7 === 0 ? v + 0.01 : v));
    curr.fill(0, 0, 14 * 3); // part of the first patch's first row zero
    prev.fill(0, 224 * 3 * 28, 224 * 3 * 42); // the second row of patches all zero in prev
    const a = native.patchSimilarity(prev, curr, grid);
    const b = patchSimilarityReference(prev, curr, grid);
    assert.deepEqual(bits(a.cosine), bits(b.cosine));
    assert.deepEqual(bits(a.relativeL1), bits(b.relativeL1));
    assert.ok(b.relativeL1.includes(Infinity));
    const tokensGrid = { height: 256, width: 1, channels: 64, patch: 1 };
    const t0 = sample("gaussian", 256 * 64, 5);
    const t1 = sample("gaussian", 256 * 64, 6);
    assert.deepEqual(bits(native.patchSimilarity(t0, t1, tokensGrid).cosine), bits(patchSimilarityReference(t0, t1, tokensGrid).cosine));
    assert.throws(() => native.patchSimilarity(prev, curr, { ...grid, patch: 15 }), /patch 15 must divide/);
  });

  it("whole-tensor relative L1: same double", () => {
    const a = sample("laplace", 100000, 7);
    const b = sample("laplace", 100000, 8);
    assert.equal(native.relativeL1(a, b), relativeL1Reference(a, b));
    assert.equal(native.relativeL1(new Float32Array(4), new Float32Array(4)), 0);
  });

  it("INT8 quantize/dequantize: same bytes and floats, half-to-even, saturation, NaN", () => {
    const x = sample("outliers", 50000, 9);
    x.set([0.5, 1.5, 2.5, -2.5, NaN, Infinity, -Infinity], 0);
    for (const scale of [Math.fround(3.9 / 127), 1, 0.013]) {
      const q = native.quantizeInt8(x, scale);
      assert.deepEqual(Array.from(q), Array.from(quantizeInt8Reference(x, scale)), `scale ${scale}`);
      assert.deepEqual(bits(native.dequantizeInt8(q, scale)), bits(dequantizeInt8Reference(q, scale)));
    }
    assert.deepEqual(Array.from(native.quantizeInt8(x, 1).subarray(0, 7)), [0, 2, 2, -2, 0, 127, -128]);
    assert.throws(() => native.quantizeInt8(x, 0), /scale must be finite and > 0/);
  });

  it("efficientvla selection: same kept tokens (relevance, then diversity), ties and a NaN score", () => {
    const tokens = sample("gaussian", 64 * 64, 10);
    for (let k = 0; k < 64; k++) tokens[10 * 64 + k] = tokens[k] as number; // a duplicate of token 0
    const relevance = sample("relu", 64, 11);
    relevance[7] = NaN;
    for (const [rc, budget] of [[0, 16], [8, 16], [12, 16], [16, 16], [1, 64], [0, 1]] as const) {
      const a = native.efficientVlaSelect(tokens, 64, relevance, rc, budget);
      assert.deepEqual(Array.from(a), Array.from(efficientVlaSelectReference(tokens, 64, relevance, rc, budget)), `${rc}/${budget}`);
      assert.equal(new Set(a).size, budget);
    }
    assert.throws(() => native.efficientVlaSelect(tokens, 64, relevance.subarray(1), 1, 2), /64 tokens need as many relevance scores/);
  });
});
