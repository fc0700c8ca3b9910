import assert from "node:assert/strict";
import { decodeReasons, Mailbox, type LinkReceiver, type LinkSender } from "../../sdk/transport/index.js";
import type { LinkQos } from "../../sdk/transport/index.js";
import { captureLogger, LinkScope, tickMsg, until } from "./link-fixture.js";

describe("transport: QoS at the receiver", () => {
  describe("Mailbox", () => {
    it("keep-latest holds one and reports each replacement", () => {
      const m = new Mailbox<number>({ kind: "keep-latest" });
      assert.equal(m.offer(1), false);
      assert.equal(m.offer(2), true);
      assert.equal(m.offer(3), true);
      assert.equal(m.take(), 3);
      assert.equal(m.take(), undefined);
    });

    it("queue drop oldest keeps the newest N, in order, across wrap-around", () => {
      const m = new Mailbox<number>({ kind: "queue", size: 3, drop: "oldest" });
      let dropped = 0;
      for (let i = 1; i <= 10; i++) dropped += m.offer(i) ? 1 : 0;
      assert.equal(dropped, 7);
      assert.deepEqual([m.take(), m.take(), m.take(), m.take()], [8, 9, 10, undefined]);
    });

    it("queue drop newest keeps the first N and refuses the rest", () => {
      const m = new Mailbox<number>({ kind: "queue", size: 3, drop: "newest" });
      let dropped = 0;
      for (let i = 1; i <= 10; i++) dropped += m.offer(i) ? 1 : 0;
      assert.equal(dropped, 7);
      assert.deepEqual([m.take(), m.take(), m.take(), m.take()], [1, 2, 3, undefined]);
    });

    it("rejects a queue size that is not a positive integer", () => {
      assert.throws(() => new Mailbox({ kind: "queue", size: 0, drop: "oldest" }), /integer >= 1/);
    });
  });

  describe("over a live link", () => {
    const scope = new LinkScope();
    afterEach(() => scope.dispose());

    async function link(qos: LinkQos): Promise<{ tx: LinkSender; rx: LinkReceiver; got: number[] }> {
      const { logger } = captureLogger();
      const endpoint = await scope.endpoint(`qos-${qos.kind}`);
      const tx = await scope.sender({ endpoint, name: "qos", logger });
      const got: number[] = [];
      const rx = scope.receiver({ endpoint, name: "qos", logger, qos, onMessage: (m) => got.push(m.header.seq) });
      await tx.waitForPeers(1);
      return { tx, rx, got };
    }

    /** Sends seq 1..n, each after the previous one reached the receiver (so no drop happens upstream). */
    async function sendPaced(tx: LinkSender, rx: LinkReceiver, n: number): Promise<void> {
      for (let seq = 1; seq <= n; seq++) {
        tx.send(tickMsg("camera/tick", seq));
        await until(() => rx.counters.received === seq, `message ${seq} received`);
      }
    }

    it("keep-latest: a consumer that is not ready gets only the newest, the rest are counted", async () => {
      const { tx, rx, got } = await link({ kind: "keep-latest" });
      await sendPaced(tx, rx, 20);
      assert.deepEqual(got, []);
      assert.equal(rx.pending, 1);
      assert.equal(rx.counters.dropped_qos, 19);
      rx.request(1);
      assert.deepEqual(got, [20]);
      assert.equal(rx.counters.delivered, 1);
      assert.equal(rx.counters.dropped_gap, 0);
    });

    it("queue drop oldest: keeps the newest N", async () => {
      const { tx, rx, got } = await link({ kind: "queue", size: 4, drop: "oldest" });
      await sendPaced(tx, rx, 10);
      assert.equal(rx.counters.dropped_qos, 6);
      rx.request(Infinity);
      assert.deepEqual(got, [7, 8, 9, 10]);
    });

    it("queue drop newest: keeps the first N", async () => {
      const { tx, rx, got } = await link({ kind: "queue", size: 4, drop: "newest" });
      await sendPaced(tx, rx, 10);
      assert.equal(rx.counters.dropped_qos, 6);
      rx.request(Infinity);
      assert.deepEqual(got, [1, 2, 3, 4]);
    });

    it("request(n) delivers at most n, and a consumer may ask for the next from inside onMessage", async () => {
      const { logger } = captureLogger();
      const endpoint = await scope.endpoint("reentrant");
      const tx = await scope.sender({ endpoint, name: "re", logger });
      const got: number[] = [];
      let asks = 2;
      const rx = scope.receiver({
        endpoint,
        name: "re",
        logger,
        qos: { kind: "queue", size: 8, drop: "newest" },
        onMessage: (m) => {
          got.push(m.header.seq);
          if (asks-- > 0) rx.request(1); // re-entrant: served after this callback returns
        },
      });
      await tx.waitForPeers(1);
      await sendPaced(tx, rx, 6);
      rx.request(1);
      assert.deepEqual(got, [1, 2, 3]);
      rx.request(2);
      assert.deepEqual(got, [1, 2, 3, 4, 5]);
      assert.equal(rx.pending, 1);
    });

    it("a busy consumer on keep-latest: every message is delivered or counted, delivered ones in order, the newest delivered last", async () => {
      const { logger } = captureLogger();
      const endpoint = await scope.endpoint("slow");
      const tx = await scope.sender({ endpoint, name: "slow", logger });
      const got: number[] = [];
      const total = 60;
      const rx = scope.receiver({
        endpoint,
        name: "slow",
        logger,
        qos: { kind: "keep-latest" },
        onMessage: (m) => {
          got.push(m.header.seq);
          // Busy until three more messages have arrived (or the stream ended), then ready for the next.
          void until(() => rx.counters.received >= Math.min(m.header.seq + 3, total), "the consumer's busy spell").then(() => rx.request(1));
        },
      });
      rx.request(1);
      await tx.waitForPeers(1);
      for (let seq = 1; seq <= total; seq++) {
        tx.send(tickMsg("camera/tick", seq));
        await until(() => rx.counters.received === seq, `message ${seq} received`);
      }
      await until(() => got.at(-1) === total, "the newest message delivered");
      const c = rx.counters;
      assert.equal(c.received, total);
      assert.equal(c.delivered + c.dropped_qos + rx.pending, c.received);
      assert.ok(c.dropped_qos >= total / 3, `a consumer busy for three arrivals at a time misses most (dropped ${c.dropped_qos})`);
      assert.deepEqual([...got].sort((a, b) => a - b), got, "in order");
      assert.equal(c.dropped_gap, 0);
      for (const r of decodeReasons) assert.equal(c.bad_frames[r], 0);
    });
  });
});
