import assert from "node:assert/strict";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as zmq from "zeromq";
import type { Msg } from "../../sdk/core/message.js";
import { spansOf } from "../../sdk/core/message.js";
import { LinkReceiver, LinkSender, tcpEndpoint } from "../../sdk/transport/index.js";
import { allTypes, captureLogger, LinkScope, plain, sampleMsg, tickMsg, until } from "./link-fixture.js";

describe("transport: links over real sockets", () => {
  const scope = new LinkScope();
  afterEach(() => scope.dispose());

  for (const transport of ["ipc", "tcp"] as const) {
    it(`round-trips every message type over ${transport}, fields, header and trace intact`, async () => {
      const { logger } = captureLogger();
      const endpoint = transport === "ipc" ? await scope.endpoint("all-types") : tcpEndpoint("127.0.0.1", "*");
      const tx = await scope.sender({ endpoint, name: "all", logger, sendHighWaterMark: 64 });
      const got: Msg[] = [];
      const rx = scope.receiver({ endpoint: tx.endpoint, name: "all", logger, qos: { kind: "queue", size: 64, drop: "newest" }, onMessage: (m) => got.push(m) });
      rx.request(Infinity);
      await tx.waitForPeers(1);
      allTypes.forEach((type, i) => tx.send(sampleMsg(type, i + 1, "mixed/out")));
      await until(() => got.length === allTypes.length, "every type delivered");
      got.forEach((m, i) => {
        const sent = sampleMsg(allTypes[i] as (typeof allTypes)[number], i + 1, "mixed/out");
        assert.equal(m.header.type, sent.header.type);
        assert.equal(m.header.seq, i + 1);
        assert.equal(m.header.captureNs, sent.header.captureNs);
        assert.deepEqual(spansOf(m.header.trace), spansOf(sent.header.trace));
        assert.deepEqual(plain(m.body), plain(sent.body), sent.header.type);
      });
      assert.equal(rx.counters.dropped_gap, 0);
      await until(() => tx.counters.sent === allTypes.length, "send outcomes counted");
    });
  }

  it("carries a 4 MB image with its pixels as a bulk frame: received as one zero-copy buffer of exactly that size", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("camera");
    const tx = await scope.sender({ endpoint, name: "camera", logger });
    let got: Msg | undefined;
    const rx = scope.receiver({ endpoint, name: "camera", logger, onMessage: (m) => (got = m) });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    const pixels = new Uint8Array(4 << 20);
    for (let i = 0; i < pixels.length; i += 4093) pixels[i] = (i >> 12) & 0xff;
    tx.send({ header: { topic: "camera/image", seq: 1, captureNs: 99, type: "reflex.Image", trace: undefined }, body: { width: 1024, height: 1366, encoding: "rgb8", step: 3072, data: pixels } });
    await until(() => got !== undefined, "the image");
    const data = (got?.body as { data: Uint8Array }).data;
    assert.ok(Buffer.isBuffer(data));
    assert.equal(data.byteLength, 4 << 20);
    // A view over ZeroMQ's own message memory: its backing store is exactly the frame, not a pool slab or
    // a bigger decode buffer the bytes were copied into.
    assert.equal(data.byteOffset, 0);
    assert.equal(data.buffer.byteLength, 4 << 20);
    assert.equal(Buffer.compare(data, pixels), 0);
    assert.equal((got?.body as { width: number }).width, 1024);
  });

  it("no start-up loss: receiver first, sender binds later, first message (seq 1) arrives", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("late-sender");
    const got: number[] = [];
    const rx = scope.receiver({ endpoint, name: "late", logger, qos: { kind: "queue", size: 16, drop: "newest" }, onMessage: (m) => got.push(m.header.seq) });
    rx.request(Infinity);
    const tx = await scope.sender({ endpoint, name: "late", logger });
    await tx.waitForPeers(1);
    tx.send(tickMsg("src/tick", 1));
    tx.send(tickMsg("src/tick", 2));
    await until(() => got.length === 2, "two messages");
    assert.deepEqual(got, [1, 2]);
    assert.ok(rx.connected);
  });

  it("no start-up loss: sender first, receiver connects later, waitForPeers gates the first send", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("late-receiver");
    const tx = await scope.sender({ endpoint, name: "late", logger });
    tx.send(tickMsg("src/tick", 1)); // nobody there yet: counted, not queued
    assert.equal(tx.counters.send_no_peer, 1);
    const got: number[] = [];
    const rx = scope.receiver({ endpoint, name: "late", logger, onMessage: (m) => got.push(m.header.seq) });
    rx.request(Infinity);
    await Promise.all([tx.waitForPeers(1), rx.waitConnected()]);
    tx.send(tickMsg("src/tick", 2));
    await until(() => got.length === 1, "first message after the handshake");
    assert.deepEqual(got, [2]);
  });

  it("waitForPeers rejects with a message naming the endpoint when nobody comes", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("lonely");
    const tx = await scope.sender({ endpoint, name: "lonely", logger });
    await assert.rejects(tx.waitForPeers(1, 50), /0 of 1 receiver\(s\) connected to ipc:\/\/.*lonely\.sock/);
  });

  it("a receiver closed while it waits for a welcome stops waiting at once (a stopped worker is not held to the timeout)", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("nobody-sends");
    const rx = scope.receiver({ endpoint, name: "nobody-sends", logger, onMessage: () => undefined });
    const waiting = rx.waitConnected(30_000);
    const t0 = performance.now();
    await rx.close();
    await assert.rejects(waiting, /link nobody-sends: closed before a welcome from ipc:\/\/.*nobody-sends\.sock/);
    assert.ok(performance.now() - t0 < 5000);
  });

  it("survives a sender restart: the receiver reconnects, is welcomed again, and counts the sequence reset", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("restart");
    const statuses: string[] = [];
    const got: number[] = [];
    const rx = scope.receiver({ endpoint, name: "restart", logger, qos: { kind: "queue", size: 16, drop: "newest" }, onMessage: (m) => got.push(m.header.seq), onStatus: (s) => statuses.push(s) });
    rx.request(Infinity);
    const first = new LinkSender({ endpoint, name: "restart", logger });
    await first.open();
    await first.waitForPeers(1);
    first.send(tickMsg("src/tick", 1));
    first.send(tickMsg("src/tick", 2));
    await until(() => got.length === 2, "messages from the first sender");
    await first.close();
    await until(() => !rx.connected, "the receiver noticing the sender is gone");
    const second = await scope.sender({ endpoint, name: "restart", logger });
    await second.waitForPeers(1);
    second.send(tickMsg("src/tick", 1));
    await until(() => got.length === 3, "the first message of the restarted sender");
    assert.deepEqual(got, [1, 2, 1]);
    assert.equal(rx.counters.seq_resets, 1);
    assert.equal(rx.counters.dropped_gap, 0);
    assert.deepEqual(statuses, ["connected", "disconnected", "connected"]);
  });

  it("close() does not hang on a receiver that never confirms the flush: it gives up after lingerMs and says so", async () => {
    const { logger, lines } = captureLogger();
    const endpoint = await scope.endpoint("mute");
    const tx = await scope.sender({ endpoint, name: "mute", logger, lingerMs: 100 });
    const mute = new zmq.Dealer({ linger: 0 }); // says hello, never reads
    mute.connect(endpoint);
    await mute.send("");
    await tx.waitForPeers(1);
    await tx.close();
    assert.ok(lines.some((l) => l.msg === "closing with receivers that did not confirm they read everything" && l.receivers === 1));
    mute.close();
  });

  it("tells the sender when a receiver leaves (BYE), so it stops counting it as a peer", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("bye");
    const tx = await scope.sender({ endpoint, name: "bye", logger });
    const rx = new LinkReceiver({ endpoint, name: "bye", logger, onMessage: () => undefined });
    rx.open();
    await tx.waitForPeers(1);
    await rx.close();
    await until(() => tx.peerCount === 0, "the peer to leave");
    assert.equal(tx.counters.peers_left, 1);
  });

  it("fans one output out to two receivers, each with its own copy and counters", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("fanout");
    const tx = await scope.sender({ endpoint, name: "fanout", logger });
    const a: number[] = [];
    const b: number[] = [];
    scope.receiver({ endpoint, name: "a", logger, qos: { kind: "queue", size: 8, drop: "newest" }, onMessage: (m) => a.push(m.header.seq) }).request(Infinity);
    scope.receiver({ endpoint, name: "b", logger, qos: { kind: "queue", size: 8, drop: "newest" }, onMessage: (m) => b.push(m.header.seq) }).request(Infinity);
    await tx.waitForPeers(2);
    for (let seq = 1; seq <= 3; seq++) tx.send(tickMsg("src/tick", seq));
    await until(() => a.length === 3 && b.length === 3, "both receivers");
    assert.deepEqual(a, [1, 2, 3]);
    assert.deepEqual(b, [1, 2, 3]);
    await until(() => tx.counters.sent === 6, "six sends (3 messages x 2 peers)");
  });

  it("works across real processes and flushes at close: a child sends 100 and exits while this process is busy, every message arrives in order", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("child");
    const got: number[] = [];
    const onMessage = (m: Msg): void => {
      got.push(m.header.seq);
      // Busy on the first message, so the child has sent everything and is closing while this process
      // has not read it: its close must wait for this receiver to read to the end (END/ENDED).
      if (m.header.seq === 1) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    };
    const rx = scope.receiver({ endpoint, name: "child", logger, qos: { kind: "queue", size: 256, drop: "newest" }, onMessage });
    rx.request(Infinity);
    const child = fork(fileURLToPath(new URL("./child-sender.ts", import.meta.url)), [endpoint, "100"], { execArgv: ["--import", "tsx"], stdio: "inherit" });
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await until(() => got.length === 100, () => `100 messages from the child (got ${got.length}, ${JSON.stringify(rx.counters)})`, 15_000);
    assert.equal(await exit, 0);
    assert.deepEqual(got, Array.from({ length: 100 }, (_, i) => i + 1));
    assert.equal(rx.counters.dropped_gap, 0);
  });
});
