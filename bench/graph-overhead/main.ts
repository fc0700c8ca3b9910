// bench/graph-overhead: what a Reflex hop costs. Small messages (reflex.Blob, 8 bytes) go through a chain
// of 10 pass-through relay nodes, built as a real graph (YAML -> loadConfigText -> GraphRuntime on the
// real clock), at 1 kHz and 10 kHz. Per-hop latency comes from each message's trace spans (outNs of hop i
// minus outNs of hop i-1); drops from the runtime's edge counters. The baseline, run in the same process
// and interleaved with it round by round, is the same chain from bare RxJS Subjects stamped with the same
// clock read. The ratio is taken per round (Reflex p50 over bare p50 of the same round) and the median
// over the rounds is reported, so a burst of load from other processes during one round moves it little.
//
//   npx tsx bench/graph-overhead/main.ts [--quick] [--json] [--histogram-stand-in none|small-array|large-array|unstaged]
//
// --histogram-stand-in is a diagnostic (see stand-in.ts): the runtime's histogram records are replaced
// by a stand-in, so the figures say what the records cost; such a run claims no target.
// --quick finishes in well under a minute; --json prints one JSON object as the last stdout line.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import * as hdr from "hdr-histogram-js";
import { RealClock } from "../../sdk/core/clock.js";
import type { Trace } from "../../sdk/core/message.js";
import { startBareChain, type BareStamp } from "./bare-chain.js";
import { pace, type PaceResult } from "./pace.js";
import { startReflexChain, type Blob } from "./reflex-chain.js";
import { installFoldMeter } from "./fold-meter.js";
import { installStandIn, STAND_INS, type StandIn } from "./stand-in.js";

const HOPS = 10;
const PAYLOAD_BYTES = 8;
const TARGET_P50_US = 5;
const TARGET_RATIO = 3;

interface Plan {
  readonly rateHz: number;
  readonly rounds: number;
  /** Messages per chain per round. */
  readonly perRound: number;
}

const USAGE = "usage: npx tsx bench/graph-overhead/main.ts [--quick] [--json] [--histogram-stand-in none|small-array|large-array|unstaged]";
const argv = process.argv.slice(2);
const args = new Set<string>();
let standIn: StandIn | undefined;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === "--histogram-stand-in") {
    const v = argv[++i];
    if (!(STAND_INS as readonly string[]).includes(v ?? "")) {
      process.stderr.write(`--histogram-stand-in takes one of ${STAND_INS.join(", ")}, got ${v ?? "nothing"}\n${USAGE}\n`);
      process.exit(2);
    }
    standIn = v as StandIn;
  } else if (a === "--quick" || a === "--json") {
    args.add(a);
  } else {
    process.stderr.write(`unknown argument ${a}\n${USAGE}\n`);
    process.exit(2);
  }
}
const quick = args.has("--quick");
const json = args.has("--json");
if (standIn) installStandIn(standIn);
const plans: Plan[] = quick
  ? [
      { rateHz: 1000, rounds: 5, perRound: 400 },
      { rateHz: 10000, rounds: 5, perRound: 2000 },
    ]
  : [
      { rateHz: 1000, rounds: 11, perRound: 1000 },
      { rateHz: 10000, rounds: 11, perRound: 5000 },
    ];
const WARMUP_UNPACED = quick ? 20_000 : 50_000;
const WARMUP_PACED = quick ? 2_000 : 5_000;

// ---- figures ------------------------------------------------------------------------------------------

function histogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 10e9, numberOfSignificantValueDigits: 3 });
}

class ChainFigures {
  /** Every hop of every message. */
  readonly hop = histogram();
  /** Hop k (1 = source -> relay1). */
  readonly byHop = Array.from({ length: HOPS }, () => histogram());
  /** Every hop of every message of the current round. */
  readonly round = histogram();
  /** Source emit to last relay emit. */
  readonly chain = histogram();
  received = 0;

  record(hopIndex: number, ns: number): void {
    const v = ns > 0 ? Math.round(ns) : 0;
    this.hop.recordValue(v);
    this.round.recordValue(v);
    this.byHop[hopIndex - 1]?.recordValue(v);
  }

  reset(): void {
    this.hop.reset();
    this.round.reset();
    for (const h of this.byHop) h.reset();
    this.chain.reset();
    this.received = 0;
  }
}

interface Summary {
  count: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
  meanUs: number;
}

const us = (ns: number): number => Math.round(ns) / 1000;
const round2 = (v: number): number => Math.round(v * 100) / 100;
function median(vs: readonly number[]): number {
  const s = [...vs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function summary(h: hdr.Histogram): Summary {
  return {
    count: h.totalCount,
    p50Us: us(h.getValueAtPercentile(50)),
    p90Us: us(h.getValueAtPercentile(90)),
    p99Us: us(h.getValueAtPercentile(99)),
    maxUs: us(h.maxValue),
    meanUs: us(h.mean),
  };
}

// ---- machine ------------------------------------------------------------------------------------------

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m?.[1]) return m[1].trim();
  } catch {
    // not Linux: fall through to what Node knows
  }
  return os.cpus()[0]?.model ?? "unknown";
}

/** The commit measured, and whether the runtime's hot-path code differs from it in this checkout. */
function revision(): string {
  try {
    const git = (...a: string[]): string => execFileSync("git", a, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = git("status", "--porcelain", "--", "sdk/runtime", "sdk/telemetry", "nodes/util/relay.ts");
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " + uncommitted changes in sdk/runtime or sdk/telemetry" : ""}`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

const machine = {
  nproc: os.availableParallelism(),
  cpu: cpuModel(),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  loadavg1: Math.round(os.loadavg()[0]! * 100) / 100,
};
const rev = revision();

// ---- the run ------------------------------------------------------------------------------------------

const clock = new RealClock();
const reflexFig = new ChainFigures();
const bareFig = new ChainFigures();
let measuring = false;

function onReflex(trace: Trace | undefined): void {
  if (!measuring) return;
  reflexFig.received++;
  const last = trace;
  let t = trace;
  while (t && t.prev) {
    reflexFig.record(t.depth - 1, t.outNs - t.prev.outNs);
    t = t.prev;
  }
  if (last && t) reflexFig.chain.recordValue(Math.max(0, Math.round(last.outNs - t.outNs)));
}

function onBare(lastStamp: BareStamp): void {
  if (!measuring) return;
  bareFig.received++;
  let t: BareStamp = lastStamp;
  let k = HOPS;
  while (t.prev) {
    bareFig.record(k--, t.outNs - t.prev.outNs);
    t = t.prev;
  }
  bareFig.chain.recordValue(Math.max(0, Math.round(lastStamp.outNs - t.outNs)));
}

const data = new Uint8Array(PAYLOAD_BYTES).fill(7);
const blob = (i: number): Blob => ({ data, value: i });

const log = (s: string): void => void process.stdout.write(`${s}\n`);
log(`graph-overhead: ${HOPS} pass-through hops, reflex.Blob (${PAYLOAD_BYTES} bytes), ${quick ? "quick" : "full"} run`);
log(`machine: ${machine.nproc} cpus (${machine.cpu}), node ${machine.node}, ${machine.platform}, load ${machine.loadavg1}`);
log(`runtime: ${rev}`);
if (standIn) log(`DIAGNOSTIC RUN: LatencyHistogram.record replaced by the "${standIn}" stand-in; these are not the runtime's figures`);

const foldMeter = standIn ? undefined : installFoldMeter(clock);
const reflex = await startReflexChain(HOPS, clock, onReflex);
const bare = startBareChain(HOPS, clock, onBare);
const runtime = reflex.runtime;

// Warm-up: get both chains through the JIT (unpaced), then a paced stretch at the higher rate.
for (let i = 0; i < WARMUP_UNPACED; i++) {
  reflex.push(blob(i));
  bare.push(blob(i));
}
await pace(clock, 10_000, WARMUP_PACED, (i) => {
  reflex.push(blob(i));
  bare.push(blob(i));
});
for (const s of runtime.registry.nodes.values()) s.processing.reset();

interface RateResult {
  rateHz: number;
  sent: number;
  reflex: Summary & { received: number; drops: number; chainP50Us: number; chainP99Us: number; nodeProcessingP50Us: number; byHopP50Us: number[] };
  bare: Summary & { received: number; chainP50Us: number; chainP99Us: number; byHopP50Us: number[] };
  /** Median over rounds of (Reflex hop p50 / bare hop p50 in that round): the headline figure. */
  ratioP50: number;
  ratioP99: number;
  /** Per-round ratios of the p50s, in round order. */
  roundRatiosP50: number[];
  /** Ratio of the p50s over all rounds pooled. */
  pooledRatioP50: number;
  pacing: { reflexLate: number; bareLate: number; achievedHzReflex: number; achievedHzBare: number };
  /** The staged histograms' folds during the measured rounds (off the hops; null with a stand-in). */
  folds: { count: number; values: number; nsPerValue: number; nsPerMessage: number } | null;
}

const results: RateResult[] = [];
for (const plan of plans) {
  reflexFig.reset();
  bareFig.reset();
  for (const s of runtime.registry.nodes.values()) s.processing.reset();
  const dropsBefore = reflex.drops();
  const deliveredBefore = reflex.delivered();
  const paced: { reflex: PaceResult[]; bare: PaceResult[] } = { reflex: [], bare: [] };
  const roundRatiosP50: number[] = [];
  const roundRatiosP99: number[] = [];
  measuring = true;
  foldMeter?.reset();
  for (let r = 0; r < plan.rounds; r++) {
    reflexFig.round.reset();
    bareFig.round.reset();
    // Alternate which chain goes first, so neither always runs right after the other.
    const order = r % 2 === 0 ? (["bare", "reflex"] as const) : (["reflex", "bare"] as const);
    for (const which of order) {
      if (which === "reflex") paced.reflex.push(await pace(clock, plan.rateHz, plan.perRound, (i) => reflex.push(blob(i))));
      else paced.bare.push(await pace(clock, plan.rateHz, plan.perRound, (i) => bare.push(blob(i))));
    }
    roundRatiosP50.push(reflexFig.round.getValueAtPercentile(50) / bareFig.round.getValueAtPercentile(50));
    roundRatiosP99.push(reflexFig.round.getValueAtPercentile(99) / bareFig.round.getValueAtPercentile(99));
  }
  measuring = false;
  const folded = foldMeter ? { count: foldMeter.folds, values: foldMeter.values, ns: foldMeter.ns } : undefined;
  const sent = plan.rounds * plan.perRound;
  const drops = reflex.drops() - dropsBefore;
  const delivered = reflex.delivered() - deliveredBefore;
  const relayProcessing = histogram();
  for (const s of runtime.registry.nodes.values()) {
    if (s.type !== "relay") continue;
    // The runtime's own per-node figure: from delivery into the node to its emit.
    const p = s.processing.summary();
    if (p.count > 0) relayProcessing.recordValue(p.p50Ns);
  }
  const achieved = (ps: PaceResult[]): number => Math.round(ps.reduce((a, p) => a + p.sent, 0) / (ps.reduce((a, p) => a + p.elapsedNs, 0) / 1e9));
  const rs = summary(reflexFig.hop);
  const bs = summary(bareFig.hop);
  results.push({
    rateHz: plan.rateHz,
    sent,
    reflex: {
      ...rs,
      received: Math.min(delivered, reflexFig.received),
      drops,
      chainP50Us: us(reflexFig.chain.getValueAtPercentile(50)),
      chainP99Us: us(reflexFig.chain.getValueAtPercentile(99)),
      nodeProcessingP50Us: us(relayProcessing.getValueAtPercentile(50)),
      byHopP50Us: reflexFig.byHop.map((h) => us(h.getValueAtPercentile(50))),
    },
    bare: {
      ...bs,
      received: bareFig.received,
      chainP50Us: us(bareFig.chain.getValueAtPercentile(50)),
      chainP99Us: us(bareFig.chain.getValueAtPercentile(99)),
      byHopP50Us: bareFig.byHop.map((h) => us(h.getValueAtPercentile(50))),
    },
    ratioP50: round2(median(roundRatiosP50)),
    ratioP99: round2(median(roundRatiosP99)),
    roundRatiosP50: roundRatiosP50.map(round2),
    pooledRatioP50: round2(reflexFig.hop.getValueAtPercentile(50) / bareFig.hop.getValueAtPercentile(50)),
    pacing: {
      reflexLate: paced.reflex.reduce((a, p) => a + p.late, 0),
      bareLate: paced.bare.reduce((a, p) => a + p.late, 0),
      achievedHzReflex: achieved(paced.reflex),
      achievedHzBare: achieved(paced.bare),
    },
    folds: folded
      ? { count: folded.count, values: folded.values, nsPerValue: Math.round(folded.ns / Math.max(1, folded.values)), nsPerMessage: Math.round(folded.ns / sent) }
      : null,
  });
}

await reflex.stop();
bare.stop();

// ---- report -------------------------------------------------------------------------------------------

const rate = (hz: number): string => (hz >= 1000 ? `${hz / 1000} kHz` : `${hz} Hz`);
const f = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3));
log("");
log("per-hop latency, us (from trace spans: outNs of hop i - outNs of hop i-1; all hops of all messages)");
log("");
log("| rate | chain | messages | hop p50 | hop p90 | hop p99 | hop max | chain p50 | chain p99 | drops |");
log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  const lost = r.sent - r.reflex.received;
  log(
    `| ${rate(r.rateHz)} | Reflex graph | ${r.reflex.received}/${r.sent} | ${f(r.reflex.p50Us)} | ${f(r.reflex.p90Us)} | ${f(r.reflex.p99Us)} | ${f(r.reflex.maxUs)} | ${f(r.reflex.chainP50Us)} | ${f(r.reflex.chainP99Us)} | ${r.reflex.drops}${lost > 0 ? ` (${lost} lost)` : ""} |`,
  );
  log(
    `| ${rate(r.rateHz)} | bare Subjects | ${r.bare.received}/${r.sent} | ${f(r.bare.p50Us)} | ${f(r.bare.p90Us)} | ${f(r.bare.p99Us)} | ${f(r.bare.maxUs)} | ${f(r.bare.chainP50Us)} | ${f(r.bare.chainP99Us)} | n/a |`,
  );
  log(`| ${rate(r.rateHz)} | **Reflex / bare** (median of ${r.roundRatiosP50.length} rounds) | | **${r.ratioP50.toFixed(1)}x** | | **${r.ratioP99.toFixed(1)}x** | | | | |`);
}
log("");
for (const r of results) {
  log(
    `${rate(r.rateHz)}: achieved ${r.pacing.achievedHzReflex} Hz (Reflex) / ${r.pacing.achievedHzBare} Hz (bare); late sends ${r.pacing.reflexLate} / ${r.pacing.bareLate}; ` +
      `relay processing p50 (runtime's own histogram: producer's emit -> emit, a synchronous hop being delivered at its producer's emit time) ${f(r.reflex.nodeProcessingP50Us)} us`,
  );
  log(`  Reflex/bare p50 by round: ${r.roundRatiosP50.map((x) => x.toFixed(2)).join(" ")} (median ${r.ratioP50.toFixed(2)}, pooled ${r.pooledRatioP50.toFixed(2)})`);
  log(`  p50 by hop (Reflex): ${r.reflex.byHopP50Us.map(f).join(" ")}`);
  log(`  p50 by hop (bare):   ${r.bare.byHopP50Us.map(f).join(" ")}`);
  if (r.folds) {
    log(
      `  histogram folds (a microtask after the chain, in no hop's latency): ${r.folds.count} folds of ${r.folds.values} values, ` +
        `${r.folds.nsPerValue} ns per value, ${r.folds.nsPerMessage} ns per message (${2 * HOPS} records)`,
    );
  }
}

const zeroDropsAt1k = results.filter((r) => r.rateHz === 1000).every((r) => r.reflex.drops === 0 && r.reflex.received === r.sent);
const p50Under = results.every((r) => r.reflex.p50Us < TARGET_P50_US);
const ratioOk = results.every((r) => r.ratioP50 <= TARGET_RATIO);
const targets = {
  [`hop p50 < ${TARGET_P50_US} us`]: p50Under,
  [`Reflex/bare p50 <= ${TARGET_RATIO}x (median of rounds)`]: ratioOk,
  "zero drops at 1 kHz": zeroDropsAt1k,
};
log("");
if (standIn) log(`targets: not assessed (diagnostic run with the "${standIn}" histogram stand-in)`);
else log(`targets: ${Object.entries(targets).map(([k, v]) => `${k}: ${v ? "met" : "MISSED"}`).join("; ")}`);

if (json) {
  log(
    JSON.stringify({
      bench: "graph-overhead",
      command: `npx tsx bench/graph-overhead/main.ts${quick ? " --quick" : ""} --json${standIn ? ` --histogram-stand-in ${standIn}` : ""}`,
      histogramStandIn: standIn ?? null,
      machine,
      revision: rev,
      hops: HOPS,
      payloadBytes: PAYLOAD_BYTES,
      results,
      targets: standIn ? null : targets,
      met: standIn ? null : p50Under && ratioOk && zeroDropsAt1k,
    }),
  );
}
