// bench/calibration: |x| histogram collection throughput (native Calibrator vs a memcpy of the same buffer vs
// the TypeScript reference, all in this process), KL threshold search time per tensor (native vs reference),
// and where a Gaussian's entropy amax lands as the sample count grows.
//
//   npx tsx bench/calibration/main.ts [--quick] [--json] [--mb 256]
//
// --quick: one timed run per measurement (under a minute on 2 cores); default: median of 5.
// --json: the last stdout line is one JSON object with every figure.
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";

import { loadNative } from "../../sdk/native/addon.js";
import { ReferenceAbsHistogram, referenceEntropyThreshold } from "../../sdk/native/calibration-reference.js";
import { Calibrator } from "../../sdk/native/calibrator.js";
import { DISTRIBUTIONS, mulberry32, sample } from "../../test/native/distributions.js";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const json = args.includes("--json");
const mbArg = args.indexOf("--mb");
const megabytes = mbArg >= 0 ? Number(args[mbArg + 1]) : 256;
const reps = quick ? 1 : 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function fillActivations(n: number): Float32Array {
  // Sum of 4 uniforms (near-Gaussian, sigma ~0.58) with a rare outlier: cheap to generate at 256 MB.
  const out = new Float32Array(n);
  const rand = mulberry32(1234);
  for (let i = 0; i < n; i++) {
    const v = rand() + rand() + rand() + rand() - 2;
    out[i] = i % 100003 === 0 ? v * 40 : v;
  }
  return out;
}

async function main(): Promise<void> {
  const addon = loadNative();
  const n = Math.floor((megabytes * 1024 * 1024) / 4);
  const bytes = n * 4;
  const log = (s: string) => {
    if (!json) console.log(s);
    else process.stderr.write(s + "\n");
  };
  log(`calibration bench: ${megabytes} MB of float32 activations, ${reps} run(s) each, ${cpus().length} cores, ${cpus()[0]?.model ?? "?"}`);
  const src = fillActivations(n);
  const dst = new Float32Array(n);

  dst.set(src); // first touch of dst's pages outside the timing
  const memcpyS: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    dst.set(src);
    memcpyS.push((performance.now() - t) / 1000);
  }
  const nativeS: number[] = [];
  for (let r = 0; r < reps; r++) {
    const cal = new Calibrator();
    const t = performance.now();
    await cal.collect({ act: src });
    nativeS.push((performance.now() - t) / 1000);
  }
  const refS: number[] = [];
  for (let r = 0; r < (quick ? 1 : 3); r++) {
    const ref = new ReferenceAbsHistogram();
    const t = performance.now();
    ref.collect(src);
    refS.push((performance.now() - t) / 1000);
  }
  const gbps = (s: number) => bytes / s / 1e9;
  const memcpyGBps = gbps(median(memcpyS));
  const nativeGBps = gbps(median(nativeS));
  const refGBps = gbps(median(refS));

  // KL search per tensor: native prefix-sum search vs the textbook reference, on 2048-bin histograms.
  const kl: { distribution: string; nativeMs: number; referenceMs: number; sameBin: boolean }[] = [];
  for (const kind of DISTRIBUTIONS) {
    const h = new ReferenceAbsHistogram();
    h.collect(sample(kind, 1 << 20, 77));
    const iters = quick ? 20 : 100;
    let t = performance.now();
    let nativeResult = addon.entropyThreshold(h.counts, h.range);
    for (let i = 0; i < iters; i++) nativeResult = addon.entropyThreshold(h.counts, h.range);
    const nativeMs = (performance.now() - t) / iters;
    t = performance.now();
    const refResult = referenceEntropyThreshold(h.counts, h.range);
    const referenceMs = performance.now() - t;
    kl.push({ distribution: kind, nativeMs, referenceMs, sameBin: refResult.bin === nativeResult.bin });
  }

  // Where the KL optimum of an exact Gaussian lands, by sample count (sigma 1, one batch each, 3 seeds).
  const sigmaTrend: { samples: number; amaxSigma: number[] }[] = [];
  for (const samples of quick ? [16384, 65536, 1 << 20] : [16384, 65536, 262144, 1 << 20, 1 << 22]) {
    const row: number[] = [];
    for (let seed = 1; seed <= 3; seed++) {
      const cal = new Calibrator();
      await cal.collect({ g: sample("gaussian", samples, seed) });
      row.push(Number(((await cal.compute({ method: "entropy" })).get("g")?.amax ?? 0).toFixed(2)));
    }
    sigmaTrend.push({ samples, amaxSigma: row });
  }

  const result = {
    bench: "calibration",
    megabytes,
    quick,
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? "?", node: process.version },
    histogram: {
      memcpyGBps: Number(memcpyGBps.toFixed(2)),
      nativeGBps: Number(nativeGBps.toFixed(2)),
      referenceGBps: Number(refGBps.toFixed(3)),
      nativeOverMemcpy: Number((nativeGBps / memcpyGBps).toFixed(3)),
      nativeOverReference: Number((nativeGBps / refGBps).toFixed(1)),
      targets: { atLeast40PctOfMemcpy: nativeGBps / memcpyGBps >= 0.4, atLeast10xReference: nativeGBps / refGBps >= 10 },
    },
    klSearch: kl.map((k) => ({ ...k, nativeMs: Number(k.nativeMs.toFixed(3)), referenceMs: Number(k.referenceMs.toFixed(1)) })),
    klTargetUnder5ms: kl.every((k) => k.nativeMs < 5),
    gaussianAmaxSigmaBySamples: sigmaTrend,
  };

  log("");
  log("| histogram of |x| over " + megabytes + " MB | GB/s | ratio |");
  log("|---|---:|---:|");
  log(`| memcpy (TypedArray.set) | ${memcpyGBps.toFixed(2)} | 1.00 |`);
  log(`| native Calibrator.collect | ${nativeGBps.toFixed(2)} | ${(nativeGBps / memcpyGBps).toFixed(2)} of memcpy |`);
  log(`| TypeScript reference | ${refGBps.toFixed(3)} | native is ${(nativeGBps / refGBps).toFixed(1)}x |`);
  log("");
  log("| KL search, 2048 bins -> 128 | native ms | reference ms | ratio | same cut-off |");
  log("|---|---:|---:|---:|---|");
  for (const k of kl) log(`| ${k.distribution} | ${k.nativeMs.toFixed(3)} | ${k.referenceMs.toFixed(1)} | ${(k.referenceMs / k.nativeMs).toFixed(0)}x | ${k.sameBin ? "yes" : "NO"} |`);
  log("");
  log("| Gaussian samples | entropy amax / sigma (3 seeds) |");
  log("|---:|---|");
  for (const s of sigmaTrend) log(`| ${s.samples} | ${s.amaxSigma.join(", ")} |`);
  log("");
  log(`targets: histogram >= 40% of memcpy: ${result.histogram.targets.atLeast40PctOfMemcpy ? "met" : "NOT met"}; ` +
      `>= 10x reference: ${result.histogram.targets.atLeast10xReference ? "met" : "NOT met"}; KL < 5 ms: ${result.klTargetUnder5ms ? "met" : "NOT met"}`);
  if (json) console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
