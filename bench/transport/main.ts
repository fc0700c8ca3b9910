// bench/transport: what a Reflex link costs over raw ZeroMQ, across processes on one host.
//
// A forked child echoes messages back (echo-child.ts). Per payload size (1 KB, 100 KB, 1 MB, 4 MB, the
// last a camera frame), two paths run side by side over ipc://, interleaved block by block so machine
// noise hits both alike:
//   raw     ZeroMQ PUSH/PULL ping-pong, the payload as one frame, echoed back as received
//   Reflex  LinkSender -> LinkReceiver -> (child) LinkSender -> LinkReceiver with a reflex.Image whose
//           pixels are the payload: envelope + body encoded and decoded at both ends, pixels as a bulk
//           frame, sequence tracking, QoS mailbox, counters - everything a real cross-process edge does
// Hop latency = round trip / 2, one message in flight (HDR histogram, p50/p99). Throughput = messages
// per second with 4 in flight (below the high-water marks, so nothing is dropped).
//
//   npx tsx bench/transport/main.ts [--quick] [--json] [--sizes KB,...] [--runs N]
//
// --quick finishes in well under a minute; --json prints one JSON object as the last stdout line.
import { fork } from "node:child_process";
import { rm } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import * as hdr from "hdr-histogram-js";
import pino from "pino";
import * as zmq from "zeromq";
import { appendSpan, type Trace } from "../../sdk/core/message.js";
import { ipcEndpoint, LinkReceiver, LinkSender, makeRunDir } from "../../sdk/transport/index.js";
import type { ChildCommand, ChildReply } from "./protocol.js";

const KB = 1024;
const SIZES = [1 * KB, 100 * KB, 1024 * KB, 4096 * KB] as const;
const WINDOW = 4;
const TARGET_RATIO = 1.3;
const TARGET_SMALL_US = 20;

const USAGE = "usage: npx tsx bench/transport/main.ts [--quick] [--json] [--sizes KB,KB,...] [--runs N]";
const argv = process.argv.slice(2);
const args = new Set<string>();
// --sizes 100,4096: only these payload sizes (KB), for profiling one size; the table needs all four.
let sizes: readonly number[] = SIZES;
// --runs N: the whole measurement N times in one process (all sizes, then again); figures are the
// medians over the runs, each run's own figures are kept in the JSON.
let runs = 1;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i] as string;
  if (a === "--sizes" && argv[i + 1] !== undefined) {
    sizes = (argv[++i] as string).split(",").map((v) => Number(v) * KB);
    if (sizes.some((v) => !(v > 0))) {
      process.stderr.write(`--sizes ${argv[i]}: give payload sizes in KB, e.g. --sizes 100,4096\n${USAGE}\n`);
      process.exit(2);
    }
  } else if (a === "--runs" && argv[i + 1] !== undefined) {
    runs = Number(argv[++i]);
    if (!Number.isInteger(runs) || runs < 1) {
      process.stderr.write(`--runs ${argv[i]}: give a whole number of runs >= 1, e.g. --runs 3\n${USAGE}\n`);
      process.exit(2);
    }
  } else if (a === "--quick" || a === "--json") args.add(a);
  else {
    process.stderr.write(`unknown argument ${a}\n${USAGE}\n`);
    process.exit(2);
  }
}
const quick = args.has("--quick");
const json = args.has("--json");

/** Round trips per path for latency and messages per path for throughput, by payload size. */
function plan(size: number): { latency: number; throughput: number; blocks: number } {
  const scale = quick ? 1 : 4;
  if (size <= KB) return { latency: 3200 * scale, throughput: 6400 * scale, blocks: 16 * scale };
  if (size <= 100 * KB) return { latency: 960 * scale, throughput: 1920 * scale, blocks: 16 * scale };
  if (size <= 1024 * KB) return { latency: 320 * scale, throughput: 480 * scale, blocks: 16 * scale };
  return { latency: 160 * scale, throughput: 240 * scale, blocks: 16 * scale };
}

// ---- paths ----------------------------------------------------------------------------------------------

interface Path {
  readonly name: "raw" | "reflex";
  /** Sends one message of the current payload. */
  send(): void;
  /** Set by the driver: called once per echoed message. */
  onEcho: (() => void) | undefined;
  dropped(): number;
}

const nowNs = (): number => performance.now() * 1e6;

function histogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60e9, numberOfSignificantValueDigits: 3 });
}

/** Runs `count` messages through `path` with at most `window` in flight; returns elapsed ns. */
function runBlock(path: Path, count: number, window: number, latency?: { all: hdr.Histogram; block: number[] }): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let sent = 0;
    let done = 0;
    let sentAt = 0;
    const start = nowNs();
    const watchdog = setTimeout(() => reject(new Error(`${path.name}: block stalled at ${done}/${count} (dropped ${path.dropped()})`)), 30_000);
    const pump = (): void => {
      while (sent - done < window && sent < count) {
        sent++;
        sentAt = nowNs();
        path.send();
      }
    };
    path.onEcho = () => {
      done++;
      // One in flight: the echo belongs to the last send. Hop = round trip / 2.
      if (latency) {
        const hopNs = Math.max(1, Math.round((nowNs() - sentAt) / 2));
        latency.all.recordValue(hopNs);
        latency.block.push(hopNs);
      }
      if (done === count) {
        clearTimeout(watchdog);
        path.onEcho = undefined;
        resolve(nowNs() - start);
      } else pump();
    };
    pump();
  });
}

let payload: Buffer = Buffer.alloc(0);

async function rawPath(ping: string, pong: string): Promise<{ path: Path; ready(): Promise<void>; close(): Promise<void> }> {
  const push = new zmq.Push({ sendHighWaterMark: 8, linger: 0 });
  const pull = new zmq.Pull({ receiveHighWaterMark: 8, linger: 0 });
  await push.bind(ping);
  await pull.bind(pong);
  // Idiomatic zeromq.js: `await send()` (default sendTimeout), one send in flight at a time, the next
  // one issued when it resolves. Nothing is dropped: a full queue makes the sender wait.
  let queued = 0;
  let sending = false;
  const pumpSends = (): void => {
    if (sending || queued === 0) return;
    queued--;
    sending = true;
    push.send(payload).then(
      () => {
        sending = false;
        pumpSends();
      },
      (err: unknown) => process.stderr.write(`raw send failed: ${String(err)}\n`),
    );
  };
  const path: Path = {
    name: "raw",
    send: () => {
      queued++;
      pumpSends();
    },
    onEcho: undefined,
    dropped: () => 0,
  };
  const loop = (async () => {
    for (;;) {
      try {
        await pull.receive();
      } catch {
        return;
      }
      path.onEcho?.();
    }
  })();
  return {
    path,
    /** PUSH with sendTimeout 0 refuses while no PULL is connected: ping until the child echoes. */
    /** Wait for the child's PULL (a PUSH with no peer holds the message until one connects). */
    async ready() {
      let echoed = false;
      path.onEcho = () => (echoed = true);
      await push.send(payload);
      while (!echoed) await new Promise((r) => setTimeout(r, 5));
      path.onEcho = undefined;
    },
    async close() {
      push.close();
      pull.close();
      await loop;
    },
  };
}

async function reflexPath(ping: string, pong: string): Promise<{ path: Path; tx: LinkSender; rx: LinkReceiver; close(): Promise<void> }> {
  const logger = pino({ level: "warn" });
  const tx = new LinkSender({ endpoint: ping, name: "bench-ping", logger });
  await tx.open();
  let seq = 0;
  // A realistic envelope: two hops of trace (camera, then a preprocessing node).
  const trace: Trace = appendSpan(appendSpan(undefined, "camera", 1_000, 2_000, "io"), "resize", 2_500, 3_000, "io");
  const path: Path = {
    name: "reflex",
    send: () => {
      seq++;
      tx.send({ header: { topic: "camera/image", seq, captureNs: nowNs(), type: "reflex.Image", trace }, body: { width: payload.length / 3, height: 1, encoding: "rgb8", step: payload.length, data: payload, frameId: seq } });
    },
    onEcho: undefined,
    dropped: () => tx.counters.send_dropped + rx.counters.dropped_gap + rx.counters.dropped_qos,
  };
  const rx = new LinkReceiver({ endpoint: pong, name: "bench-pong", logger, qos: { kind: "keep-latest" }, onMessage: () => path.onEcho?.() });
  rx.request(Infinity);
  rx.open();
  return {
    path,
    tx,
    rx,
    async close() {
      await rx.close();
      await tx.close();
    },
  };
}

// ---- run ------------------------------------------------------------------------------------------------

interface PathFigures {
  hop_p50_us: number;
  hop_p99_us: number;
  msgs_per_s: number;
  mb_per_s: number;
}

interface Row {
  payload_bytes: number;
  round_trips: number;
  blocks: number;
  raw: PathFigures;
  reflex: PathFigures;
  /** Median over block pairs of reflex / raw hop p50. */
  p50_ratio: number;
  /** Of the whole run's histograms (not paired). */
  p99_ratio: number;
  /** Median over block pairs of reflex / raw time for the same messages (1 = as fast as raw). */
  throughput_ratio: number;
  /** Median over block pairs of reflex - raw hop p50, us. */
  p50_added_us: number;
  target: string;
  target_met: boolean;
  /** With --runs > 1: each run's paired figures (the row's figures are their medians). */
  per_run?: { p50_ratio: number; p50_added_us: number; throughput_ratio: number; raw_p50_us: number; reflex_p50_us: number }[];
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function figures(h: hdr.Histogram, messages: number, elapsedNs: number, size: number): PathFigures {
  const msgsPerS = messages / (elapsedNs / 1e9);
  return {
    hop_p50_us: h.getValueAtPercentile(50) / 1000,
    hop_p99_us: h.getValueAtPercentile(99) / 1000,
    msgs_per_s: msgsPerS,
    mb_per_s: (msgsPerS * size) / 1e6,
  };
}

/** One row from several runs of the same size: every figure the median over the runs. */
function combineRuns(rs: readonly Row[]): Row {
  const first = rs[0] as Row;
  if (rs.length === 1) return first;
  const m = (f: (r: Row) => number): number => median(rs.map(f));
  const path = (f: (r: Row) => PathFigures): PathFigures => ({
    hop_p50_us: m((r) => f(r).hop_p50_us),
    hop_p99_us: m((r) => f(r).hop_p99_us),
    msgs_per_s: m((r) => f(r).msgs_per_s),
    mb_per_s: m((r) => f(r).mb_per_s),
  });
  const p50Ratio = m((r) => r.p50_ratio);
  const added = m((r) => r.p50_added_us);
  const thrRatio = m((r) => r.throughput_ratio);
  const small = first.payload_bytes < 100 * KB;
  return {
    ...first,
    raw: path((r) => r.raw),
    reflex: path((r) => r.reflex),
    p50_ratio: p50Ratio,
    p99_ratio: m((r) => r.p99_ratio),
    throughput_ratio: thrRatio,
    p50_added_us: added,
    target_met: small ? added <= TARGET_SMALL_US : p50Ratio <= TARGET_RATIO && thrRatio <= TARGET_RATIO,
    per_run: rs.map((r) => ({ p50_ratio: r.p50_ratio, p50_added_us: r.p50_added_us, throughput_ratio: r.throughput_ratio, raw_p50_us: r.raw.hop_p50_us, reflex_p50_us: r.reflex.hop_p50_us })),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const runDir = await makeRunDir("reflex-bench-");
  const eps = {
    rawPing: ipcEndpoint(runDir, "raw-ping"),
    rawPong: ipcEndpoint(runDir, "raw-pong"),
    reflexPing: ipcEndpoint(runDir, "reflex-ping"),
    reflexPong: ipcEndpoint(runDir, "reflex-pong"),
  };
  const raw = await rawPath(eps.rawPing, eps.rawPong);
  const reflex = await reflexPath(eps.reflexPing, eps.reflexPong);
  const child = fork(fileURLToPath(new URL("./echo-child.ts", import.meta.url)), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const replies: ChildReply[] = [];
  const waiters: (() => void)[] = [];
  child.on("message", (m: ChildReply) => {
    replies.push(m);
    waiters.splice(0).forEach((w) => w());
  });
  const expect = async (kind: ChildReply["kind"]): Promise<void> => {
    let i: number;
    while ((i = replies.findIndex((r) => r.kind === kind)) < 0) await new Promise<void>((r) => waiters.push(r));
    replies.splice(i, 1);
  };
  const command = (c: ChildCommand): void => void child.send(c);
  command({ kind: "setup", ...eps });
  await expect("ready");
  await reflex.tx.waitForPeers(1, 10_000);
  await reflex.rx.waitConnected(10_000);
  await raw.ready();

  const measureSize = async (size: number): Promise<Row> => {
    payload = Buffer.alloc(size, 0x5a);
    const p = plan(size);
    const paths = [raw.path, reflex.path];
    // Warm-up: JIT, socket buffers, allocator.
    for (const path of paths) await runBlock(path, Math.max(20, p.latency / 10), 1);
    const lat = { raw: histogram(), reflex: histogram() };
    const elapsed = { raw: 0, reflex: 0 };
    // Paired design: the machine's load drifts (2 shared cores), so each block of one path is compared
    // with the adjacent block of the other, and the targets are judged on the median of those pairs.
    const pairs = { p50Ratio: [] as number[], p50AddedUs: [] as number[], throughputRatio: [] as number[] };
    // Latency blocks first, then throughput blocks (a throughput block leaves garbage - 4 MB receive
    // buffers, collected in full GCs every few tens of MB - that would land in the next latency block).
    // Each block starts with a few unrecorded round trips so it does not pay for the other path's
    // garbage or cold code; which path goes first alternates.
    const settle = Math.max(5, Math.round(p.latency / p.blocks / 5));
    for (let b = 0; b < p.blocks; b++) {
      const blockP50 = { raw: 0, reflex: 0 };
      for (const path of b % 2 === 0 ? paths : [...paths].reverse()) {
        await runBlock(path, settle, 1);
        const block: number[] = [];
        await runBlock(path, p.latency / p.blocks, 1, { all: lat[path.name], block });
        blockP50[path.name] = median(block) / 1000;
      }
      pairs.p50Ratio.push(blockP50.reflex / blockP50.raw);
      pairs.p50AddedUs.push(blockP50.reflex - blockP50.raw);
    }
    for (let b = 0; b < p.blocks; b++) {
      const blockNs = { raw: 0, reflex: 0 };
      for (const path of b % 2 === 0 ? paths : [...paths].reverse()) {
        await runBlock(path, settle, WINDOW);
        blockNs[path.name] = await runBlock(path, p.throughput / p.blocks, WINDOW);
        elapsed[path.name] += blockNs[path.name];
      }
      pairs.throughputRatio.push(blockNs.reflex / blockNs.raw);
    }
    const rawF = figures(lat.raw, p.throughput, elapsed.raw, size);
    const reflexF = figures(lat.reflex, p.throughput, elapsed.reflex, size);
    const p50Ratio = median(pairs.p50Ratio);
    const added = median(pairs.p50AddedUs);
    const thrRatio = median(pairs.throughputRatio);
    const small = size < 100 * KB;
    const row: Row = {
      payload_bytes: size,
      round_trips: p.latency,
      blocks: p.blocks,
      raw: rawF,
      reflex: reflexF,
      p50_ratio: p50Ratio,
      p99_ratio: reflexF.hop_p99_us / rawF.hop_p99_us,
      throughput_ratio: thrRatio,
      p50_added_us: added,
      target: small ? `hop p50 +<= ${TARGET_SMALL_US} us` : `hop p50 and throughput within ${TARGET_RATIO}x`,
      target_met: small ? added <= TARGET_SMALL_US : p50Ratio <= TARGET_RATIO && thrRatio <= TARGET_RATIO,
  };
  lat.raw.destroy();
  lat.reflex.destroy();
  return row;
  };
  const perRun: Row[][] = [];
  for (let r = 0; r < runs; r++) {
    const rowsOfRun: Row[] = [];
    for (const size of sizes) rowsOfRun.push(await measureSize(size));
    perRun.push(rowsOfRun);
  }
  const rows: Row[] = sizes.map((_, i) => combineRuns(perRun.map((rs) => rs[i] as Row)));

  const dropped = { raw: raw.path.dropped(), reflex: reflex.path.dropped() };
  const badFrames = Object.values(reflex.rx.counters.bad_frames).reduce((a, b) => a + b, 0);
  command({ kind: "stop" });
  await expect("stopped");
  await raw.close();
  await reflex.close();
  await new Promise((r) => child.once("exit", r));
  await rm(runDir, { recursive: true, force: true });

  const cpus = os.cpus();
  const machine = {
    nproc: cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    node: process.version,
    zeromq_js: "6",
    libzmq: zmq.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    load_avg_1m_at_start: Number(loadAtStart.toFixed(2)),
  };
  const fmt = (n: number, d = 1): string => n.toFixed(d);
  const lines = [
    `bench/transport${quick ? " --quick" : ""}${runs > 1 ? ` --runs ${runs}` : ""}: cross-process hop over ipc://, raw ZeroMQ PUSH/PULL vs Reflex link`,
    `machine: ${machine.nproc} cpus (${machine.cpu}), node ${machine.node}, libzmq ${machine.libzmq}, load ${machine.load_avg_1m_at_start}`,
    "",
    `hop latency = round trip / 2, one in flight; throughput with 4 in flight; added/ratios = median over paired blocks${runs > 1 ? `, then the median over ${runs} runs` : ""}`,
    "",
    "| payload | raw p50 us | raw p99 us | Reflex p50 us | Reflex p99 us | p50 added | p50 ratio | p99 ratio | raw msg/s | Reflex msg/s | Reflex MB/s | time ratio | target | met |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ...rows.map((r) =>
      [
        "",
        r.payload_bytes >= 1024 * KB ? `${r.payload_bytes / (1024 * KB)} MB` : `${r.payload_bytes / KB} KB`,
        fmt(r.raw.hop_p50_us),
        fmt(r.raw.hop_p99_us),
        fmt(r.reflex.hop_p50_us),
        fmt(r.reflex.hop_p99_us),
        `${fmt(r.p50_added_us)} us`,
        fmt(r.p50_ratio, 2),
        fmt(r.p99_ratio, 2),
        fmt(r.raw.msgs_per_s, 0),
        fmt(r.reflex.msgs_per_s, 0),
        fmt(r.reflex.mb_per_s, 0),
        fmt(r.throughput_ratio, 2),
        r.target,
        r.target_met ? "yes" : "NO",
        "",
      ].join(" | ").trim(),
    ),
    ...(runs > 1
      ? [
          "",
          "per run (p50 added us | p50 ratio | time ratio):",
          ...rows.map((r) => `  ${r.payload_bytes >= 1024 * KB ? `${r.payload_bytes / (1024 * KB)} MB` : `${r.payload_bytes / KB} KB`}: ${(r.per_run ?? []).map((x) => `${fmt(x.p50_added_us)} | ${fmt(x.p50_ratio, 2)} | ${fmt(x.throughput_ratio, 2)}`).join("   ")}`),
        ]
      : []),
    "",
    `dropped: raw ${dropped.raw} (it waits instead), Reflex ${dropped.reflex} (send_dropped + gaps + QoS); Reflex bad frames ${badFrames}; took ${fmt((performance.now() - started) / 1000)} s`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
  if (json) {
    process.stdout.write(JSON.stringify({ bench: "transport", quick, runs, machine, window: WINDOW, rows, dropped, all_targets_met: rows.every((r) => r.target_met) }) + "\n");
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1); // the child exits when its IPC channel closes (echo-child.ts)
});
