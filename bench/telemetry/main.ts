// bench/telemetry: what the live dashboard costs the graph. The graph-overhead chain (bench source ->
// 10 relay nodes -> bench sink, built from YAML by bench/graph-overhead/reflex-chain.ts) runs paced at
// 1 kHz and 10 kHz, in rounds that alternate between telemetry OFF (the runtime as `reflex run` has it
// without --dashboard) and ON (the sliding window sampled every 250 ms on the clock, the dashboard server
// listening, and one WebSocket client in another process, standing in for the page, receiving and
// parsing snapshots at 4 Hz). Per-hop latency comes from each message's trace spans, as in
// bench/graph-overhead; the ratio is ON / OFF at p50, with a target of at most 5% added.
//
//   npx tsx bench/telemetry/main.ts [--quick] [--json]
//
// --quick finishes in well under a minute; --json prints one JSON object as the last stdout line.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import * as hdr from "hdr-histogram-js";
import { startDashboard } from "../../sdk/dashboard/server.js";
import { RealClock } from "../../sdk/core/clock.js";
import type { Trace } from "../../sdk/core/message.js";
import { LocalTelemetry } from "../../sdk/telemetry/snapshot.js";
import { pace } from "../graph-overhead/pace.js";
import { startReflexChain, type Blob } from "../graph-overhead/reflex-chain.js";

const HOPS = 10;
const TARGET_ADDED_PCT = 5;

const args = new Set(process.argv.slice(2));
for (const a of args) {
  if (a !== "--quick" && a !== "--json") {
    process.stderr.write(`unknown argument ${a}\nusage: npx tsx bench/telemetry/main.ts [--quick] [--json]\n`);
    process.exit(2);
  }
}
const quick = args.has("--quick");
const json = args.has("--json");

interface Plan {
  readonly rateHz: number;
  /** Rounds per mode (ON and OFF alternate, so 2x this many rounds run). */
  readonly rounds: number;
  readonly perRound: number;
}
const plans: Plan[] = quick
  ? [
      { rateHz: 1000, rounds: 2, perRound: 1500 },
      { rateHz: 10000, rounds: 2, perRound: 10000 },
    ]
  : [
      { rateHz: 1000, rounds: 6, perRound: 3000 },
      { rateHz: 10000, rounds: 6, perRound: 20000 },
    ];

const histogram = (): hdr.Histogram => hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 10e9, numberOfSignificantValueDigits: 3 });

class Figures {
  readonly hop = histogram();
  readonly byHop = Array.from({ length: HOPS }, () => histogram());
  readonly chain = histogram();
  received = 0;
}

type Mode = "off" | "on";
const us = (ns: number): number => Math.round(ns) / 1000;

function cpuModel(): string {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (m?.[1]) return m[1].trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? "unknown";
}
const machine = {
  nproc: os.availableParallelism(),
  cpu: cpuModel(),
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  loadavg1: Math.round(os.loadavg()[0]! * 100) / 100,
};

const log = (s: string): void => void process.stdout.write(`${s}\n`);
log(`telemetry: ${HOPS}-hop relay chain, dashboard ON vs OFF, interleaved, ${quick ? "quick" : "full"} run`);
log(`machine: ${machine.nproc} cpus (${machine.cpu}), node ${machine.node}, ${machine.platform}, load ${machine.loadavg1}`);

const clock = new RealClock();
let current: Figures | undefined;
function onArrive(trace: Trace | undefined): void {
  const f = current;
  if (!f) return;
  f.received++;
  const last = trace;
  let t = trace;
  while (t && t.prev) {
    const v = Math.max(0, Math.round(t.outNs - t.prev.outNs));
    f.hop.recordValue(v);
    f.byHop[t.depth - 2]?.recordValue(v);
    t = t.prev;
  }
  if (last && t) f.chain.recordValue(Math.max(0, Math.round(last.outNs - t.outNs)));
}

const chain = await startReflexChain(HOPS, clock, onArrive);
const graph = chain.runtime.graph;
const data = new Uint8Array(8).fill(7);
const blob = (i: number): Blob => ({ data, value: i });

// ---- the page's stand-in, in its own process ----------------------------------------------------------

const client = spawn(process.execPath, [fileURLToPath(new URL("./ws-client.mjs", import.meta.url))], { stdio: ["pipe", "pipe", "inherit"] });
const clientLines = createInterface({ input: client.stdout! });
const nextLine = (): Promise<string> => new Promise((resolve) => clientLines.once("line", resolve));
const tell = (cmd: string): void => void client.stdin!.write(`${cmd}\n`);

interface OnState {
  tel: LocalTelemetry;
  close(): Promise<{ snapshots: number; bytes: number; skipped: number }>;
}

async function telemetryOn(): Promise<OnState> {
  const tel = new LocalTelemetry({ registry: chain.runtime.registry, graph, clock });
  tel.start();
  const dash = await startDashboard(tel, { port: 0 });
  const hello = nextLine();
  tell(`open ws://127.0.0.1:${dash.port}/ws`);
  const h = await hello;
  if (h !== "hello") throw new Error(`the bench client did not connect: ${h}`);
  return {
    tel,
    async close() {
      const closed = nextLine();
      tell("close");
      const [, n, b] = (await closed).split(" ");
      await dash.close();
      tel.stop();
      return { snapshots: Number(n), bytes: Number(b), skipped: dash.stats.skipped };
    },
  };
}

// ---- warm-up: the chain (JIT) and one ON stretch, so neither mode pays for compiling in the measure ----

for (let i = 0; i < (quick ? 20_000 : 50_000); i++) chain.push(blob(i));
{
  const on = await telemetryOn();
  await pace(clock, 10_000, quick ? 5_000 : 10_000, (i) => chain.push(blob(i)));
  await on.close();
}

// ---- the run --------------------------------------------------------------------------------------------

interface Summary {
  count: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
  chainP50Us: number;
  chainP99Us: number;
  byHopP50Us: number[];
  byHopP99Us: number[];
}
const summarize = (f: Figures): Summary => ({
  count: f.hop.totalCount,
  p50Us: us(f.hop.getValueAtPercentile(50)),
  p90Us: us(f.hop.getValueAtPercentile(90)),
  p99Us: us(f.hop.getValueAtPercentile(99)),
  maxUs: us(f.hop.maxValue),
  chainP50Us: us(f.chain.getValueAtPercentile(50)),
  chainP99Us: us(f.chain.getValueAtPercentile(99)),
  byHopP50Us: f.byHop.map((h) => us(h.getValueAtPercentile(50))),
  byHopP99Us: f.byHop.map((h) => us(h.getValueAtPercentile(99))),
});

interface RateResult {
  rateHz: number;
  sentPerMode: number;
  off: Summary & { received: number };
  on: Summary & { received: number };
  addedP50Pct: number;
  addedP99Pct: number;
  dashboard: { snapshots: number; bytesPerSnapshot: number; skippedSends: number; secondsOn: number };
}

const results: RateResult[] = [];
for (const plan of plans) {
  const figs: Record<Mode, Figures> = { off: new Figures(), on: new Figures() };
  let snapshots = 0;
  let bytes = 0;
  let skipped = 0;
  let onNs = 0;
  for (let r = 0; r < plan.rounds; r++) {
    const order: Mode[] = r % 2 === 0 ? ["off", "on"] : ["on", "off"];
    for (const mode of order) {
      const on = mode === "on" ? await telemetryOn() : undefined;
      current = figs[mode];
      const t0 = clock.nowNs();
      await pace(clock, plan.rateHz, plan.perRound, (i) => chain.push(blob(i)));
      if (on) onNs += clock.nowNs() - t0;
      current = undefined;
      if (on) {
        const c = await on.close();
        snapshots += c.snapshots;
        bytes += c.bytes;
        skipped += c.skipped;
      }
    }
  }
  const off = summarize(figs.off);
  const on = summarize(figs.on);
  const pct = (a: number, b: number): number => Math.round(((a - b) / b) * 1000) / 10;
  results.push({
    rateHz: plan.rateHz,
    sentPerMode: plan.rounds * plan.perRound,
    off: { ...off, received: figs.off.received },
    on: { ...on, received: figs.on.received },
    addedP50Pct: pct(figs.on.hop.getValueAtPercentile(50), figs.off.hop.getValueAtPercentile(50)),
    addedP99Pct: pct(figs.on.hop.getValueAtPercentile(99), figs.off.hop.getValueAtPercentile(99)),
    dashboard: { snapshots, bytesPerSnapshot: snapshots > 0 ? Math.round(bytes / snapshots) : 0, skippedSends: skipped, secondsOn: Math.round(onNs / 1e7) / 100 },
  });
}

// What the dashboard's periodic work costs by itself on this graph (12 nodes, 11 edges, 1 path shown),
// each interval having seen traffic (250 messages through the chain between two ticks).
const costs = (() => {
  const tel = new LocalTelemetry({ registry: chain.runtime.registry, graph, clock });
  const n = quick ? 200 : 1000;
  let tickNs = 0;
  let snapNs = 0;
  let size = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 250; k++) chain.push(blob(k));
    const t0 = clock.nowNs();
    tel.window.tick(clock.nowNs());
    const t1 = clock.nowNs();
    size += JSON.stringify({ t: "snapshot", snapshot: tel.snapshot() }).length;
    const t2 = clock.nowNs();
    tickNs += t1 - t0;
    snapNs += t2 - t1;
  }
  return { tickUs: Math.round(tickNs / n / 10) / 100, snapshotJsonUs: Math.round(snapNs / n / 10) / 100, snapshotBytes: Math.round(size / n) };
})();

await chain.stop();
tell("exit");
await new Promise<void>((r) => (client.exitCode !== null ? r() : client.once("exit", () => r())));

// ---- report ---------------------------------------------------------------------------------------------

const rate = (hz: number): string => (hz >= 1000 ? `${hz / 1000} kHz` : `${hz} Hz`);
const f = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(3));
const signed = (v: number): string => `${v > 0 ? "+" : ""}${v.toFixed(1)}%`;
log("");
log("per-hop latency, us (trace spans: outNs of hop i - outNs of hop i-1; all hops of all messages)");
log("");
log("| rate | telemetry + dashboard | messages | hop p50 | hop p90 | hop p99 | hop max | chain p50 | chain p99 |");
log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  for (const mode of ["off", "on"] as const) {
    const s = r[mode];
    log(`| ${rate(r.rateHz)} | ${mode.toUpperCase()} | ${s.received}/${r.sentPerMode} | ${f(s.p50Us)} | ${f(s.p90Us)} | ${f(s.p99Us)} | ${f(s.maxUs)} | ${f(s.chainP50Us)} | ${f(s.chainP99Us)} |`);
  }
  log(`| ${rate(r.rateHz)} | **added (ON vs OFF)** | | **${signed(r.addedP50Pct)}** | | **${signed(r.addedP99Pct)}** | | | |`);
}
log("");
for (const r of results) {
  log(`${rate(r.rateHz)}: p50 by hop OFF ${r.off.byHopP50Us.map(f).join(" ")}`);
  log(`${rate(r.rateHz)}: p50 by hop ON  ${r.on.byHopP50Us.map(f).join(" ")}`);
  log(`${rate(r.rateHz)}: p99 by hop OFF ${r.off.byHopP99Us.map(f).join(" ")}`);
  log(`${rate(r.rateHz)}: p99 by hop ON  ${r.on.byHopP99Us.map(f).join(" ")}`);
  log(
    `${rate(r.rateHz)}: dashboard ON for ${r.dashboard.secondsOn} s: ${r.dashboard.snapshots} snapshots received by the client (${r.dashboard.bytesPerSnapshot} bytes each), ${r.dashboard.skippedSends} sends skipped`,
  );
}
log(`periodic work on this graph (each interval saw 250 messages): window tick ${costs.tickUs} us; snapshot + JSON ${costs.snapshotJsonUs} us (${costs.snapshotBytes} bytes)`);
const met = results.every((r) => r.addedP50Pct <= TARGET_ADDED_PCT);
log("");
log(`target: at most ${TARGET_ADDED_PCT}% added at p50: ${met ? "met" : "MISSED"} (${results.map((r) => `${rate(r.rateHz)} ${signed(r.addedP50Pct)}`).join(", ")})`);

if (json) {
  log(
    JSON.stringify({
      bench: "telemetry",
      command: `npx tsx bench/telemetry/main.ts${quick ? " --quick" : ""} --json`,
      machine,
      hops: HOPS,
      results,
      costs,
      target: { addedP50PctAtMost: TARGET_ADDED_PCT },
      met,
    }),
  );
}
