// A link delivers only what its edge carries, and counts what it refuses: real ipc links, and peers
// written here with raw ZeroMQ sockets playing a stray or hostile process (another config's sender, a
// process that writes junk or a huge frame to a link's endpoint).
import assert from "node:assert/strict";
import * as zmq from "zeromq";
import { MAX_PLAUSIBLE_GAP, SEQ_JUMP, SEQ_RESET, SeqTracker } from "../../sdk/transport/seq-tracker.js";
import { badFrameTotal, CONTROL_FRAME_LIMIT, encodeFrames, maxFrameBytesOf, PLAIN_FRAME_LIMIT, type LinkSender } from "../../sdk/transport/index.js";
import type { Msg } from "../../sdk/core/message.js";
import { captureLogger, LinkScope, tickMsg, until } from "./link-fixture.js";

const image = (topic: string, seq: number): Msg => ({
  header: { topic, seq, captureNs: seq, type: "reflex.Image", trace: undefined },
  body: { width: 2, height: 1, encoding: "rgb8", step: 6, data: new Uint8Array(6).fill(seq & 0xff) },
});

describe("transport: a link refuses what its edge does not carry", () => {
  const scope = new LinkScope();
  afterEach(() => scope.dispose());

  it("refuses messages of another type or from another output: counted as bad frames by kind, logged rate-limited, never delivered", async () => {
    const { logger, lines } = captureLogger();
    const endpoint = await scope.endpoint("contract");
    const tx = await scope.sender({ endpoint, name: "contract", logger, sendHighWaterMark: 2000 });
    const got: Msg[] = [];
    const rx = scope.receiver({
      endpoint,
      name: "contract",
      logger,
      receiveHighWaterMark: 2000,
      edge: { topic: "camera/image", type: "reflex.Image" },
      onMessage: (m) => got.push(m),
    });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    // 300 valid reflex.Tick on the edge's topic and 300 valid images from another output, between good images.
    let good = 0;
    tx.send(image("camera/image", ++good));
    for (let i = 1; i <= 300; i++) {
      tx.send(tickMsg("camera/image", i));
      tx.send(image("other/image", i));
      if (i % 100 === 0) tx.send(image("camera/image", ++good));
    }
    await until(() => rx.counters.received === 600 + good, () => `every message received: ${JSON.stringify(rx.counters)}`);
    assert.equal(rx.counters.wrong_type, 300);
    assert.equal(rx.counters.wrong_topic, 300);
    assert.equal(badFrameTotal(rx.counters), 600, "refusals are bad frames");
    assert.equal(got.length, good, "only the edge's messages were delivered");
    assert.ok(got.every((m) => m.header.type === "reflex.Image" && m.header.topic === "camera/image"));
    assert.equal(rx.counters.dropped_gap, 0, "a refused message moves no sequence");
    await rx.close(); // flushes what the rate limit held back
    const logged = lines.filter((l) => l.reason === "wrong_type" || l.reason === "wrong_topic");
    assert.ok(logged.length < 20, `${logged.length} lines for 600 refusals`);
    assert.equal(logged.filter((l) => l.reason === "wrong_type").reduce((n, l) => n + (l.count ?? 0), 0), 300);
    assert.equal(logged.filter((l) => l.reason === "wrong_topic").reduce((n, l) => n + (l.count ?? 0), 0), 300);
    const typeLine = logged.find((l) => l.reason === "wrong_type")!;
    assert.equal(typeLine.expected, "reflex.Image");
    assert.equal(typeLine.got, "reflex.Tick");
    assert.equal(typeLine.link, "contract");
    assert.match(typeLine.msg, /same config/, "the line says how to fix it");
  });

  it("SeqTracker: a forward jump up to MAX_PLAUSIBLE_GAP is loss, a larger one is a restart", () => {
    const t = new SeqTracker();
    t.observe("a", 1);
    assert.equal(t.observe("a", 2 + MAX_PLAUSIBLE_GAP), MAX_PLAUSIBLE_GAP);
    assert.equal(t.observe("a", 3 + 2 * MAX_PLAUSIBLE_GAP + 1), SEQ_JUMP);
    assert.equal(t.observe("a", 1), SEQ_RESET);
    assert.equal(t.observe("a", 2), 0);
  });

  it("a sequence number that jumps absurdly (10^15) is a producer restart, not 10^15 drops; the link goes on", async () => {
    const { logger, lines } = captureLogger();
    const endpoint = await scope.endpoint("jump");
    const tx = await scope.sender({ endpoint, name: "jump", logger, sendHighWaterMark: 100 });
    const got: number[] = [];
    const rx = scope.receiver({ endpoint, name: "jump", logger, qos: { kind: "queue", size: 16, drop: "newest" }, edge: { topic: "t/x", type: "reflex.Tick" }, onMessage: (m) => got.push(m.header.seq) });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    const seqs = [1, 2, 3, 1e15, 4, 5, 7];
    for (const seq of seqs) tx.send(tickMsg("t/x", seq));
    await until(() => got.length === seqs.length, "every message");
    assert.deepEqual(got, seqs);
    assert.equal(rx.counters.dropped_gap, 1, "only seq 6 is missing");
    assert.equal(rx.counters.seq_resets, 2, "the jump, then the step back to 4");
    assert.ok(lines.some((l) => l.msg.startsWith("sequence jumped forward") && l.seq === 1e15));
  });

  it("a receiver refuses a frame over its edge's limit: disconnected before it is read, reconnected, later messages delivered", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("huge-rx");
    const tx: LinkSender = await scope.sender({ endpoint, name: "huge-rx", logger });
    const got: number[] = [];
    const statuses: string[] = [];
    assert.equal(maxFrameBytesOf("reflex.Tick"), PLAIN_FRAME_LIMIT);
    assert.ok(maxFrameBytesOf("reflex.Image") > 64 * 1024 * 1024, "bulk types are generous");
    const rx = scope.receiver({ endpoint, name: "huge-rx", logger, edge: { topic: "t/x", type: "reflex.Tick" }, onMessage: (m) => got.push(m.header.seq), onStatus: (s) => statuses.push(s) });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    await rx.waitConnected();
    const [env] = encodeFrames(tickMsg("t/x", 1));
    tx.sendFrames([env!, new Uint8Array(PLAIN_FRAME_LIMIT + 1)]);
    await until(() => statuses.includes("disconnected"), "the receiver dropping the connection");
    // A new connection is a new peer at the sender; the old one goes at the next send (EHOSTUNREACH).
    await until(() => statuses.lastIndexOf("connected") > statuses.indexOf("disconnected"), () => `welcomed again: ${statuses.join(", ")}`);
    tx.send(tickMsg("t/x", 2));
    await until(() => got.length === 1, "the next message");
    assert.deepEqual(got, [2]);
    assert.equal(rx.counters.received, 1, "the huge frame never reached this process");
    assert.equal(rx.counters.protocol_drops, 1, "the dropped connection is counted");
  });

  it("junk and a 64 MB frame sent to a link sender: the junk is counted per link, the huge frame never read, real receivers served", async () => {
    const { logger, lines } = captureLogger();
    const endpoint = await scope.endpoint("junk-tx");
    const tx = await scope.sender({ endpoint, name: "junk-tx", logger });
    const junk = new zmq.Dealer({ linger: 0 });
    const huge = new zmq.Dealer({ linger: 0, sendTimeout: 2000 });
    try {
      junk.connect(endpoint);
      await junk.send(["junk", Buffer.from([0xff]), "more"]);
      await junk.send("REFLEX/1 NONSENSE");
      await until(() => tx.counters.junk_frames === 2, () => `junk counted: ${JSON.stringify(tx.counters)}`);
      huge.connect(endpoint);
      await huge.send(Buffer.alloc(64 * 1024 * 1024, 0x41));
      const got: number[] = [];
      const rx = scope.receiver({ endpoint, name: "junk-tx", logger, edge: { topic: "t/x", type: "reflex.Tick" }, onMessage: (m) => got.push(m.header.seq) });
      rx.request(Infinity);
      await tx.waitForPeers(1);
      tx.send(tickMsg("t/x", 1));
      await until(() => got.length === 1, "delivery after the junk");
      // The huge frame is over CONTROL_FRAME_LIMIT: libzmq drops that peer before reading it, so it is
      // neither junk nor a peer.
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(CONTROL_FRAME_LIMIT < 64 * 1024 * 1024);
      assert.equal(tx.counters.junk_frames, 2);
      assert.equal(tx.peerCount, 1, "junk is not a hello");
      assert.ok(lines.some((l) => l.msg === "unexpected message from a receiver; ignored"));
    } finally {
      junk.close();
      huge.close();
    }
  });
});
