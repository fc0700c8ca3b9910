import assert from "node:assert/strict";
import { reflex } from "../../sdk/messages/index.js";
import { RateLimitedLog } from "../../sdk/core/rate-limited-log.js";
import { badFrameTotal, encodeFrames } from "../../sdk/transport/index.js";
import { captureLogger, LinkScope, tickMsg, until } from "./link-fixture.js";

const envelope = (props: reflex.Envelope.$Properties): Uint8Array => reflex.Envelope.encode(props).finish();

describe("transport: bad frames on a live link", () => {
  const scope = new LinkScope();
  afterEach(() => scope.dispose());

  it("drops, counts by reason and logs each kind of bad message, and keeps delivering good ones", async () => {
    const { logger, lines } = captureLogger();
    const endpoint = await scope.endpoint("bad");
    const tx = await scope.sender({ endpoint, name: "bad", logger, sendHighWaterMark: 100 });
    const got: number[] = [];
    const rx = scope.receiver({ endpoint, name: "bad", logger, qos: { kind: "queue", size: 16, drop: "newest" }, onMessage: (m) => got.push(m.header.seq) });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    const [imgEnv, imgBody, pixels] = encodeFrames({ header: { topic: "cam/image", seq: 1, captureNs: 0, type: "reflex.Image", trace: undefined }, body: { width: 2, data: new Uint8Array(300) } }) as [Uint8Array, Uint8Array, Uint8Array];
    const tick = envelope({ topic: "a/b", seq: 1, messageType: "reflex.Tick" });
    const bad: [string, Uint8Array[]][] = [
      ["envelope", [Buffer.from("not protobuf at all \xff\xff\xff")]],
      ["envelope", [Buffer.from([0xff, 0xff]), imgBody]],
      ["unknown-type", [envelope({ topic: "a/b", seq: 1, messageType: "acme.Lidar" }), Buffer.alloc(0)]],
      ["body", [tick, Buffer.from([0x08])]],
      ["body", [tick, Buffer.from([0x0a, 0x01, 0x41])]],
      ["bulk", [imgEnv, imgBody]],
      ["bulk", [imgEnv, imgBody, pixels.subarray(0, 299)]],
    ];
    tx.send(tickMsg("good/tick", 1));
    for (const [, frames] of bad) tx.sendFrames(frames);
    tx.send(tickMsg("good/tick", 2));
    await until(() => got.length === 2, "both good messages");
    assert.deepEqual(got, [1, 2]);
    assert.deepEqual(rx.counters.bad_frames, { envelope: 2, "unknown-type": 1, body: 2, bulk: 2 });
    assert.equal(rx.counters.received, bad.length + 2);
    const logged = lines.filter((l) => l.msg === "dropped a bad message");
    assert.deepEqual([...new Set(logged.map((l) => l.reason))].sort(), ["body", "bulk", "envelope", "unknown-type"]);
    assert.ok(logged.every((l) => typeof l.detail === "string" && l.link === "bad"));
  });

  it("rate-limits the log: a flood of bad frames gives a few lines whose counts add up to the flood", async () => {
    const { logger, lines } = captureLogger();
    const endpoint = await scope.endpoint("flood");
    const tx = await scope.sender({ endpoint, name: "flood", logger, sendHighWaterMark: 1000 });
    const rx = scope.receiver({ endpoint, name: "flood", logger, receiveHighWaterMark: 1000, onMessage: () => undefined });
    await tx.waitForPeers(1);
    const flood = 500;
    for (let i = 0; i < flood; i++) tx.sendFrames([Buffer.from([0xff, 0xff, i & 0xff])]);
    await until(() => rx.counters.received === flood, "the flood");
    assert.equal(rx.counters.bad_frames.envelope, flood);
    await rx.close(); // flushes what the rate limit held back
    const logged = lines.filter((l) => l.msg === "dropped a bad message");
    assert.ok(logged.length < 20, `${logged.length} lines for ${flood} bad frames`);
    assert.equal(logged.reduce((n, l) => n + (l.count ?? 0), 0), flood);
    assert.equal(badFrameTotal(rx.counters), flood);
  });

  it("RateLimitedLog: one line per key per interval, the next line carries the held-back count", () => {
    const { logger, lines } = captureLogger();
    let now = 0;
    const log = new RateLimitedLog(logger, 1000, () => now);
    for (let i = 0; i < 5; i++) log.warn("a", { reason: "a" }, "m");
    log.warn("b", { reason: "b" }, "m");
    now = 999;
    log.warn("a", { reason: "a" }, "m");
    now = 1000;
    log.warn("a", { reason: "a" }, "m");
    assert.deepEqual(lines.map((l) => [l.reason, l.count]), [["a", 1], ["b", 1], ["a", 6]]);
    log.warn("a", { reason: "a" }, "m");
    log.flush();
    assert.deepEqual(lines.at(-1)?.count, 1);
  });

  it("a consumer callback that throws is counted and logged; the link goes on", async () => {
    const { logger, lines } = captureLogger();
    const endpoint = await scope.endpoint("throws");
    const tx = await scope.sender({ endpoint, name: "throws", logger });
    const got: number[] = [];
    const rx = scope.receiver({
      endpoint,
      name: "throws",
      logger,
      qos: { kind: "queue", size: 4, drop: "newest" },
      onMessage: (m) => {
        got.push(m.header.seq);
        if (m.header.seq === 1) throw new Error("node bug");
      },
    });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    tx.send(tickMsg("t/x", 1));
    tx.send(tickMsg("t/x", 2));
    await until(() => got.length === 2, "both");
    assert.equal(rx.counters.callback_errors, 1);
    assert.ok(lines.some((l) => l.msg === "onMessage threw" && l.err === "node bug"));
  });
});
