// GPU-vs-CPU calibration histogram comparison, run by scripts/gpu-check.sh on a machine with a CUDA device
// (and by hand: npx tsx test/native/gpu/histogram-compare.ts [--quick]). Not a mocha file: npm test never
// runs it, because without a GPU it can only say "not run".
//
// For each case the same Float32Array goes through three |x| histograms: the production CPU path (the addon's
// Calibrator), the TypeScript reference, and the CUDA kernel given the CPU's range. Counts are integers, so all
// three must be equal bin for bin; the entropy and percentile cut-offs computed from the GPU counts must then
// equal the Calibrator's own. Prints one JSON line last.
//
// Exit codes: 0 every case equal; 1 a mismatch; 2 not run (addon without CUDA, or no CUDA device), so a
// caller that needs the GPU to have run cannot mistake "not run" for a pass.
import { loadNative, type NativeCuda } from "../../../sdk/native/addon.js";
import { ReferenceAbsHistogram } from "../../../sdk/quant/calibration-reference.js";
import { Calibrator } from "../../../sdk/quant/calibrator.js";
import { type DistributionName, sample } from "../distributions.js";

interface Case {
  readonly name: string;
  readonly bins: number;
  /** Batches collected in order; the first sets the range, later ones stay within it (see buildCases). */
  readonly batches: readonly Float32Array[];
}

interface CaseResult {
  readonly name: string;
  readonly bins: number;
  readonly values: number;
  readonly range: number;
  readonly cpuEqualsReference: boolean;
  readonly gpuEqualsCpu: boolean;
  readonly firstDifferingBin: number;
  readonly entropyAmaxEqual: boolean;
  readonly percentileAmaxEqual: boolean;
  readonly gpuMs: number;
  readonly ok: boolean;
}

const quick = process.argv.includes("--quick");

function withSpecials(x: Float32Array): Float32Array {
  // Non-finite values are counted apart by both sides; values exactly at the range land in the top bin.
  x.set([NaN, Infinity, -Infinity, 0, -0], 7);
  return x;
}

function scaledBelow(x: Float32Array, limit: number): Float32Array {
  // A later batch must not exceed the first batch's range: a growing range merges CPU bins, which the GPU
  // kernel (one batch, fixed range) does not do, so it is not what this compares.
  let max = 0;
  for (const v of x) if (Number.isFinite(v) && Math.abs(v) > max) max = Math.abs(v);
  const f = max === 0 ? 1 : Math.fround((0.999 * limit) / max);
  return x.map((v) => v * f);
}

function maxAbs(x: Float32Array): number {
  let m = 0;
  for (const v of x) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

function buildCases(): Case[] {
  const n = quick ? 1 << 18 : 1 << 22;
  const kinds: readonly DistributionName[] = ["gaussian", "laplace", "relu", "outliers"];
  const cases: Case[] = [];
  let seed = 100;
  for (const kind of kinds) {
    for (const bins of [2048, 8192]) cases.push({ name: `${kind} n=${n} bins=${bins}`, bins, batches: [withSpecials(sample(kind, n, seed++))] });
  }
  // Odd lengths: the grid-stride loop's tail.
  for (const len of [1, 255, 257, 100_003]) cases.push({ name: `laplace n=${len}`, bins: 2048, batches: [sample("laplace", len, seed++)] });
  const first = sample("outliers", n, seed++);
  cases.push({
    name: `three batches within the first's range n=${n}`,
    bins: 2048,
    batches: [first, scaledBelow(sample("gaussian", n, seed++), maxAbs(first)), scaledBelow(sample("relu", n >> 1, seed++), maxAbs(first))],
  });
  cases.push({ name: "all zeros", bins: 2048, batches: [new Float32Array(4096)] });
  return cases;
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

async function compare(cuda: NativeCuda, c: Case): Promise<CaseResult> {
  const calibrator = new Calibrator({ bins: c.bins });
  const reference = new ReferenceAbsHistogram(c.bins);
  for (const batch of c.batches) {
    await calibrator.collect({ t: batch });
    reference.collect(batch);
  }
  const cpu = await calibrator.histogram("t");
  if (cpu === undefined) throw new Error(`${c.name}: the calibrator has no histogram`);

  const gpu = new Float64Array(c.bins);
  const counts = new Float64Array(c.bins); // the kernel's caller-owned output, one per case
  const t0 = performance.now();
  if (cpu.range === 0) {
    // An all-zero input never sets a range; the CPU puts every finite value in bin 0 and the GPU kernel
    // returns nothing for range 0, so the GPU side is built the CPU's way and only the kernel call is checked.
    for (const batch of c.batches) {
      cuda.absHistogram(batch, 0, c.bins, counts);
      if (counts.some((v) => v !== 0)) throw new Error(`${c.name}: GPU counted values with range 0`);
      for (const v of batch) if (Number.isFinite(v)) gpu[0] = (gpu[0] as number) + 1;
    }
  } else {
    for (const batch of c.batches) {
      cuda.absHistogram(batch, cpu.range, c.bins, counts);
      for (let i = 0; i < c.bins; i++) gpu[i] = (gpu[i] as number) + (counts[i] as number);
    }
  }
  const gpuMs = performance.now() - t0;

  const addon = loadNative();
  const cpuEntropy = await calibrator.compute({ method: "entropy" });
  const cpuPercentile = await calibrator.compute({ method: "percentile", percentile: 99.99 });
  const gpuEntropy = addon.entropyThreshold(gpu, cpu.range);
  const gpuPercentile = addon.percentileThreshold(gpu, cpu.range, 99.99);

  const cpuEqualsReference = firstDifference(cpu.counts, reference.counts) === -1 && cpu.range === reference.range;
  const firstDifferingBin = firstDifference(gpu, cpu.counts);
  const entropyAmaxEqual = gpuEntropy.amax === cpuEntropy.get("t")?.amax;
  const percentileAmaxEqual = gpuPercentile.amax === cpuPercentile.get("t")?.amax;
  const values = c.batches.reduce((s, b) => s + b.length, 0);
  return {
    name: c.name,
    bins: c.bins,
    values,
    range: cpu.range,
    cpuEqualsReference,
    gpuEqualsCpu: firstDifferingBin === -1,
    firstDifferingBin,
    entropyAmaxEqual,
    percentileAmaxEqual,
    gpuMs: Number(gpuMs.toFixed(2)),
    ok: cpuEqualsReference && firstDifferingBin === -1 && entropyAmaxEqual && percentileAmaxEqual,
  };
}

async function main(): Promise<number> {
  const addon = loadNative();
  let reason = "";
  if (!addon.cuda.built) reason = `the addon was built without CUDA (${addon.buildInfo.cuda.reason})`;
  else {
    const q = addon.cuda.devices();
    if (q.devices.length === 0) reason = `no CUDA device: ${q.error} (driver version ${q.driverVersion || "none"})`;
  }
  if (reason !== "" || !addon.cuda.built) {
    console.log(`histogram-compare: NOT RUN — ${reason}. Nothing was compared.`);
    console.log(JSON.stringify({ check: "gpu-histogram", run: false, reason }));
    return 2;
  }
  const device = addon.cuda.devices().devices[0];
  console.log(`histogram-compare: on ${device?.name} (sm ${device?.computeCapability}), ${quick ? "quick" : "full"} sizes`);
  const results: CaseResult[] = [];
  for (const c of buildCases()) {
    const r = await compare(addon.cuda, c);
    results.push(r);
    const notes = [
      r.cpuEqualsReference ? "" : "CPU != TS reference",
      r.gpuEqualsCpu ? "" : `GPU != CPU from bin ${r.firstDifferingBin}`,
      r.entropyAmaxEqual ? "" : "entropy amax differs",
      r.percentileAmaxEqual ? "" : "percentile amax differs",
    ].filter((s) => s !== "");
    console.log(`  ${r.ok ? "same" : "DIFFERENT"}  ${r.name}  (range ${r.range}, GPU ${r.gpuMs} ms)${notes.length ? `: ${notes.join("; ")}` : ""}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`histogram-compare: ${results.length - failed}/${results.length} cases with the same counts`);
  console.log(JSON.stringify({ check: "gpu-histogram", run: true, device: device?.name, cases: results.length, failed, results }));
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
