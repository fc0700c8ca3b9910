// Diagnostic: what the staged histogram's fold costs in CPU, so the time it takes off a hop is not
// mistaken for time saved. 20 histograms (a 10-hop chain records into 20) take hop-like values (100-300
// ns); between "messages" an 8 MB buffer is walked, standing in for the other processes that evict the
// caches at 1 kHz. Reported per value, all with cold caches: the staged record (on the hop) and the fold
// of a batch of FOLD_AT - 1 (after the chain), against the direct record (the path before staging).
//
//   npx tsx bench/graph-overhead/fold-cost.ts [--json]
import { FOLD_AT, LatencyHistogram } from "../../sdk/core/histogram.js";
import { installStandIn } from "./stand-in.js";

const HISTOGRAMS = 20;
const BATCHES = 10;
const json = process.argv.includes("--json");
const thrash = new Float64Array(1 << 20); // 8 MB
let sink = 0;
function evict(): void {
  for (let i = 0; i < thrash.length; i += 8) sink += thrash[i]!++;
}
let seed = 1;
const hopValue = (): number => 100 + ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % 200);

function staged(): { recordNs: number; foldNs: number } {
  const hs = Array.from({ length: HISTOGRAMS }, () => new LatencyHistogram());
  let recordNs = 0;
  let foldNs = 0;
  let values = 0;
  for (let b = 0; b < BATCHES; b++) {
    for (let k = 0; k < FOLD_AT - 1; k++) {
      evict();
      const t0 = performance.now();
      for (const h of hs) h.record(hopValue());
      recordNs += (performance.now() - t0) * 1e6;
    }
    evict();
    const t0 = performance.now();
    for (const h of hs) h.flush();
    foldNs += (performance.now() - t0) * 1e6;
    values += HISTOGRAMS * (FOLD_AT - 1);
  }
  return { recordNs: recordNs / values, foldNs: foldNs / values };
}

function direct(): number {
  installStandIn("unstaged");
  const hs = Array.from({ length: HISTOGRAMS }, () => new LatencyHistogram());
  let ns = 0;
  let values = 0;
  for (let b = 0; b < BATCHES * (FOLD_AT - 1); b++) {
    evict();
    const t0 = performance.now();
    for (const h of hs) h.record(hopValue());
    ns += (performance.now() - t0) * 1e6;
    values += HISTOGRAMS;
  }
  return ns / values;
}

const s = staged();
const foldPerBatch = (s.foldNs * (FOLD_AT - 1)) / 1000;
const directPerValue = direct(); // last: it replaces record process-wide
const lines = [
  `staged record (on the hop): ${s.recordNs.toFixed(1)} ns per value`,
  `fold (after the chain): ${s.foldNs.toFixed(1)} ns per value, ${foldPerBatch.toFixed(2)} us per fold of ${FOLD_AT - 1} values per histogram`,
  `staged in all: ${(s.recordNs + s.foldNs).toFixed(1)} ns per value; direct record (the path before staging): ${directPerValue.toFixed(1)} ns per value`,
  `(means over ${BATCHES * (FOLD_AT - 1)} messages x ${HISTOGRAMS} histograms, timed 20 at a time; noisy on a shared machine${sink > 0 ? "" : "; ?"})`,
];
for (const l of lines) console.log(l);
if (json) console.log(JSON.stringify({ bench: "graph-overhead/fold-cost", stagedRecordNs: s.recordNs, foldNs: s.foldNs, foldUsPerBatch: foldPerBatch, directRecordNs: directPerValue, batch: FOLD_AT - 1, histograms: HISTOGRAMS }));
