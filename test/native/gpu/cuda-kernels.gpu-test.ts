// Run only by `npm run test:gpu` (test/native/gpu/run-gpu-tests.ts) on a machine with a CUDA device.
import assert from "node:assert/strict";

import { loadNative, type NativeCuda } from "../../../sdk/native/addon.js";
import { ReferenceAbsHistogram } from "../../../sdk/quant/calibration-reference.js";
import { NativeKernels } from "../../../sdk/native/kernels.js";
import { mulberry32, sample } from "../distributions.js";

const addon = loadNative();
const cuda = addon.cuda as NativeCuda;
const cpu = new NativeKernels(addon);

// The CUDA kernels write into caller-owned outputs (sdk/native/addon.ts); these allocate them, as NativeKernels
// does for the CPU kernels.
const gpu = {
  topk(scores: Float32Array, k: number): Int32Array {
    const out = new Int32Array(k);
    cuda.topk(scores, k, out);
    return out;
  },
  gatherRows(src: Float32Array, cols: number, indices: Int32Array): Float32Array {
    const out = new Float32Array(indices.length * cols);
    cuda.gatherRows(src, cols, indices, out);
    return out;
  },
  patchSimilarity(prev: Float32Array, curr: Float32Array, height: number, width: number, channels: number, patch: number) {
    const patches = (height / patch) * (width / patch);
    const cosine = new Float32Array(patches);
    const relativeL1 = new Float32Array(patches);
    cuda.patchSimilarity(prev, curr, height, width, channels, patch, cosine, relativeL1);
    return { cosine, relativeL1 };
  },
  quantizeInt8(x: Float32Array, scale: number): Int8Array {
    const out = new Int8Array(x.length);
    cuda.quantizeInt8(x, scale, out);
    return out;
  },
  dequantizeInt8(q: Int8Array, scale: number): Float32Array {
    const out = new Float32Array(q.length);
    cuda.dequantizeInt8(q, scale, out);
    return out;
  },
  absHistogram(x: Float32Array, range: number, bins: number): Float64Array {
    const out = new Float64Array(bins);
    cuda.absHistogram(x, range, bins, out);
    return out;
  },
};

type Selector = InstanceType<NativeCuda["TokenSelector"]>;
function select(selector: Selector, scores: Float32Array, tokens: Float32Array, cols: number, k: number) {
  const indices = new Int32Array(k);
  const out = new Float32Array(k * cols);
  return { ...selector.select(scores, tokens, cols, k, indices, out), indices, tokens: out };
}

function bits(a: Float32Array): number[] {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
}

describe("CUDA kernels give the CPU kernels' results bit for bit", () => {
  it("top-k with ties and NaN", () => {
    const rand = mulberry32(1);
    const scores = new Float32Array(1024).map(() => Math.round(rand() * 40) / 8);
    scores[10] = NaN;
    for (const k of [1, 100, 512, 1024]) assert.deepEqual(Array.from(gpu.topk(scores, k)), Array.from(cpu.topk(scores, k)), `k=${k}`);
  });

  it("gather rows", () => {
    const tokens = sample("gaussian", 576 * 128, 2);
    const idx = cpu.topk(sample("laplace", 576, 3), 200);
    assert.deepEqual(bits(gpu.gatherRows(tokens, 128, idx)), bits(cpu.gatherRows(tokens, 128, idx)));
  });

  it("patch cosine and relative L1", () => {
    const grid = { height: 224, width: 224, channels: 3, patch: 14 };
    const a = sample("gaussian", 224 * 224 * 3, 4);
    const b = a.map((v, i) => (i % 5 === 0 ? v * 1.01 : v));
    const g = gpu.patchSimilarity(a, b, 224, 224, 3, 14);
    const c = cpu.patchSimilarity(a, b, grid);
    assert.deepEqual(bits(g.cosine), bits(c.cosine));
    assert.deepEqual(bits(g.relativeL1), bits(c.relativeL1));
  });

  it("INT8 quantize and dequantize", () => {
    const x = sample("outliers", 1 << 20, 5);
    x.set([0.5, 1.5, 2.5, -2.5, NaN, Infinity], 0);
    const scale = Math.fround(4 / 127);
    const q = gpu.quantizeInt8(x, scale);
    assert.deepEqual(Array.from(q), Array.from(cpu.quantizeInt8(x, scale)));
    assert.deepEqual(bits(gpu.dequantizeInt8(q, scale)), bits(cpu.dequantizeInt8(q, scale)));
  });

  it("|x| histogram counts equal the CPU histogram's", () => {
    const x = sample("laplace", 1 << 22, 6);
    const ref = new ReferenceAbsHistogram();
    ref.collect(x);
    assert.deepEqual(Array.from(gpu.absHistogram(x, ref.range, 2048)), Array.from(ref.counts));
  });
});

describe("CudaGraph executor", () => {
  it("token selection: warm-up, capture, replay per shape, same results as the CPU path", () => {
    const selector = new cuda.TokenSelector(true);
    const modes: string[] = [];
    for (let tick = 0; tick < 4; tick++) {
      const scores = sample("gaussian", 576, 10 + tick);
      const tokens = sample("gaussian", 576 * 64, 20 + tick);
      const r = select(selector, scores, tokens, 64, 144);
      modes.push(r.mode);
      const idx = cpu.topk(scores, 144);
      assert.deepEqual(Array.from(r.indices), Array.from(idx));
      assert.deepEqual(bits(r.tokens), bits(cpu.gatherRows(tokens, 64, idx)));
    }
    assert.deepEqual(modes, ["warmup", "captured", "replayed", "replayed"]);
    const other = select(selector, sample("gaussian", 256, 1), sample("gaussian", 256 * 64, 2), 64, 64);
    assert.equal(other.mode, "warmup"); // a new shape gets its own graph
    assert.equal(selector.graphs(), 1);
  });

  it("with graphs off it runs plainly and says so", () => {
    const selector = new cuda.TokenSelector(false);
    const r = select(selector, sample("gaussian", 64, 1), sample("gaussian", 64 * 8, 2), 8, 8);
    assert.equal(r.mode, "fallback");
    assert.match(r.fallbackReason, /disabled/);
  });

  it("a 20-kernel chain replayed as a graph leaves the same buffer as launching one by one", () => {
    const t = cuda.chainBench(20, 4096, 50);
    assert.equal(t.graphUsed, true, t.fallbackReason);
    assert.equal(t.resultsMatch, true);
  });
});
