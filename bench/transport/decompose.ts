// bench/transport/decompose.ts: where the microseconds a Reflex link adds over raw ZeroMQ go. Not the
// benchmark (main.ts is); a diagnostic that adds one ingredient of a Reflex hop at a time, each a
// ping-pong with a forked echo child over ipc://, all interleaved block by block in one run:
//   raw      PUSH/PULL, the payload as one frame (main.ts's baseline)
//   rd1      ROUTER/DEALER with the Reflex socket options and a pending control receive, 1 frame
//   rd2      the same, 2 frames (a 120-byte head + the payload)
//   rd3      the same, 3 frames (89-byte envelope + 18-byte body + the payload: Reflex's framing)
//   codec    rd3 with the real encodeFrames/decodeFrames on both sides (times them in place, too)
//   link     LinkSender/LinkReceiver: everything a cross-process edge does
//
//   npx tsx bench/transport/decompose.ts [--size KB] [--blocks N] [--json]      (about 10 s)
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import * as zmq from "zeromq";
import { appendSpan, type Msg } from "../../sdk/core/message.js";
import { decodeFrames, encodeFrames, LinkReceiver, LinkSender } from "../../sdk/transport/index.js";

const argv = process.argv.slice(2);
const isChild = argv[0] === "child";
const opt = (name: string, dflt: number): number => {
  const i = argv.indexOf(name);
  const v = i >= 0 ? Number(argv[i + 1]) : dflt;
  if (!(v > 0)) {
    process.stderr.write(`${name} ${argv[i + 1]}: give a positive number\nusage: npx tsx bench/transport/decompose.ts [--size KB] [--blocks N] [--json]\n`);
    process.exit(2);
  }
  return v;
};
const size = opt("--size", 1) * 1024;
const blocks = opt("--blocks", 40);
const dir = isChild ? (argv[1] as string) : mkdtempSync(path.join(os.tmpdir(), "reflex-decompose-"));
const ep = (n: string): string => `ipc://${dir}/${n}.sock`;
const payload = Buffer.alloc(size, 0x5a);
const heads = { env: Buffer.alloc(89, 1), body: Buffer.alloc(18, 2), both: Buffer.alloc(120, 3) };
const trace = appendSpan(appendSpan(undefined, "camera", 1_000, 2_000, "io"), "resize", 2_500, 3_000, "io");
const logger = pino({ level: "warn" });
const inPlace = { encodeMs: [] as number[], decodeMs: [] as number[] };

interface End {
  send(): void;
  onEcho: (() => void) | undefined;
}
type Setup = (side: "a" | "b") => Promise<End>;

const imageMsg = (seq: number): Msg => ({
  header: { topic: "camera/image", seq, captureNs: performance.now() * 1e6, type: "reflex.Image", trace },
  body: { width: size / 3, height: 1, encoding: "rgb8", step: size, data: payload, frameId: seq },
});

const raw: Setup = async (side) => {
  const push = new zmq.Push({ sendHighWaterMark: 8, linger: 0 });
  const pull = new zmq.Pull({ receiveHighWaterMark: 8, linger: 0 });
  if (side === "a") {
    await push.bind(ep("raw-ab"));
    await pull.bind(ep("raw-ba"));
  } else {
    push.connect(ep("raw-ba"));
    pull.connect(ep("raw-ab"));
  }
  const end: End = { onEcho: undefined, send: () => void push.send(payload) };
  void (async () => {
    for (;;) {
      let frames: Buffer[];
      try {
        frames = await pull.receive();
      } catch {
        return;
      }
      if (side === "b") await push.send(frames);
      else end.onEcho?.();
    }
  })();
  return end;
};

/** ROUTER -> DEALER as a link uses them, sending `frames()`; with `codec`, real Reflex messages. */
const routerDealer =
  (name: string, frames: () => Uint8Array[], codec: boolean): Setup =>
  async (side) => {
    const r = new zmq.Router({ mandatory: true, sendTimeout: 0, sendHighWaterMark: 8, receiveHighWaterMark: 64, linger: 0 });
    const d = new zmq.Dealer({ probeRouter: true, sendTimeout: 0, receiveHighWaterMark: 8, sendHighWaterMark: 8, linger: 0 });
    await r.bind(ep(`${name}-${side}`));
    d.connect(ep(`${name}-${side === "a" ? "b" : "a"}`));
    const [id] = (await r.receive()) as [Buffer];
    const sendParts = (parts: Uint8Array[]): void => {
      void r.writable; // as LinkSender does: process queue credit before a non-blocking send
      r.send([id, ...parts]).catch((err: unknown) => process.stderr.write(`${name}: ${String(err)}\n`));
    };
    let seq = 0;
    const sendMsg = (m: Msg): void => {
      const t = performance.now();
      const f = encodeFrames(m);
      inPlace.encodeMs.push(performance.now() - t);
      sendParts(f);
    };
    const end: End = { onEcho: undefined, send: () => (codec ? sendMsg(imageMsg(++seq)) : sendParts(frames())) };
    // A pending receive on the ROUTER, like LinkSender's control loop (it costs a ZMQ_EVENTS read per send).
    void (async () => {
      for (;;) await r.receive().catch(() => undefined);
    })().catch(() => undefined);
    void (async () => {
      for (;;) {
        let got: Buffer[];
        try {
          got = await d.receive();
        } catch {
          return;
        }
        if (got.length === 1 && got[0]?.length === 0) continue;
        if (codec) {
          // Both ends decode, as a link's receivers do.
          const t = performance.now();
          const m = decodeFrames(got) as Msg;
          inPlace.decodeMs.push(performance.now() - t);
          if (side === "a") end.onEcho?.();
          else sendMsg(m);
        } else if (side === "a") end.onEcho?.();
        else sendParts(got);
      }
    })();
    return end;
  };

const link: Setup = async (side) => {
  const tx = new LinkSender({ endpoint: ep(`link-${side}`), name: "tx", logger });
  await tx.open();
  let seq = 0;
  const end: End = { onEcho: undefined, send: () => tx.send(imageMsg(++seq)) };
  const rx = new LinkReceiver({ endpoint: ep(`link-${side === "a" ? "b" : "a"}`), name: "rx", logger, onMessage: (m) => (side === "b" ? tx.send(m) : end.onEcho?.()) });
  rx.request(Infinity);
  rx.open();
  await tx.waitForPeers(1, 10_000);
  await rx.waitConnected(10_000);
  return end;
};

const modes: [string, Setup][] = [
  ["raw", raw],
  ["rd1", routerDealer("rd1", () => [payload], false)],
  ["rd2", routerDealer("rd2", () => [heads.both, payload], false)],
  ["rd3", routerDealer("rd3", () => [heads.env, heads.body, payload], false)],
  ["codec", routerDealer("codec", () => [], true)],
  ["link", link],
];

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

if (isChild) {
  process.on("message", (name: string) => {
    const setup = modes.find(([n]) => n === name)?.[1];
    void setup?.("b").then(() => process.send?.("ready"));
  });
  process.on("disconnect", () => {
    if (inPlace.decodeMs.length) process.stderr.write(`child: in place, encode p50 ${(median(inPlace.encodeMs) * 1000).toFixed(2)} us, decode p50 ${(median(inPlace.decodeMs) * 1000).toFixed(2)} us\n`);
    process.exit(0);
  });
} else {
  const child = fork(fileURLToPath(import.meta.url), ["child", dir], { execArgv: ["--import", "tsx"] });
  const ends = new Map<string, End>();
  for (const [name, setup] of modes) {
    const mine = setup("a");
    child.send(name);
    await new Promise((r) => child.once("message", r));
    ends.set(name, await mine);
  }
  /** Hop times (round trip / 2, us) of `n` ping-pongs. */
  const pingPong = (e: End, n: number): Promise<number[]> =>
    new Promise((resolve) => {
      const hops: number[] = [];
      let t = performance.now();
      e.onEcho = () => {
        hops.push((performance.now() - t) * 500);
        if (hops.length === n) resolve(hops);
        else {
          t = performance.now();
          e.send();
        }
      };
      e.send();
    });
  const blockP50 = new Map<string, number[]>(modes.map(([n]) => [n, []]));
  for (let b = 0; b < blocks; b++) {
    for (const [name] of b % 2 ? [...modes].reverse() : modes) {
      const e = ends.get(name) as End;
      await pingPong(e, 20); // settle after the other modes
      blockP50.get(name)?.push(median(await pingPong(e, 200)));
    }
  }
  const result = Object.fromEntries([...blockP50].map(([n, xs]) => [n, Number(median(xs).toFixed(2))]));
  const rawUs = result.raw as number;
  process.stdout.write(`decompose: ${size / 1024} KB, ${blocks} blocks of 200 round trips per mode, load ${os.loadavg()[0]?.toFixed(1)}\n`);
  for (const [n, us] of Object.entries(result)) process.stdout.write(`  ${n.padEnd(6)} hop p50 ${us.toFixed(1).padStart(7)} us  (+${(us - rawUs).toFixed(1)} over raw)\n`);
  const encodeUs = median(inPlace.encodeMs) * 1000;
  const decodeUs = median(inPlace.decodeMs) * 1000;
  process.stdout.write(`  codec in place (parent): encode p50 ${encodeUs.toFixed(2)} us, decode p50 ${decodeUs.toFixed(2)} us\n`);
  child.disconnect();
  await new Promise((r) => child.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
  if (argv.includes("--json")) process.stdout.write(JSON.stringify({ bench: "transport-decompose", payload_bytes: size, blocks, hop_p50_us: result, encode_p50_us: encodeUs, decode_p50_us: decodeUs }) + "\n");
  process.exit(0);
}
