import assert from "node:assert/strict";
import { SeqTracker, SEQ_RESET } from "../../sdk/transport/seq-tracker.js";
import { captureLogger, LinkScope, tickMsg, until } from "./link-fixture.js";

describe("transport: sequence gaps", () => {
  it("SeqTracker: first message is the baseline, jumps are gaps, a step back is a reset", () => {
    const t = new SeqTracker();
    assert.equal(t.observe("a", 5), 0);
    assert.equal(t.observe("a", 6), 0);
    assert.equal(t.observe("a", 9), 2);
    assert.equal(t.observe("b", 1), 0);
    assert.equal(t.observe("a", 1), SEQ_RESET);
    assert.equal(t.observe("a", 2), 0);
  });

  const scope = new LinkScope();
  afterEach(() => scope.dispose());

  it("counts missing sequence numbers per topic as dropped_gap over a live link", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("gaps");
    const tx = await scope.sender({ endpoint, name: "gaps", logger, sendHighWaterMark: 100 });
    const rx = scope.receiver({ endpoint, name: "gaps", logger, qos: { kind: "queue", size: 32, drop: "newest" }, onMessage: () => undefined });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    const sends: [string, number][] = [["a/x", 1], ["a/x", 2], ["b/y", 1], ["a/x", 5], ["b/y", 3], ["a/x", 6], ["a/x", 10], ["a/x", 1]];
    for (const [topic, seq] of sends) tx.send(tickMsg(topic, seq));
    await until(() => rx.counters.received === sends.length, "all sends");
    // a/x: 3,4 and 7,8,9 missing (5); b/y: 2 missing (1); a/x back to 1: a restart, not a loss
    assert.equal(rx.counters.dropped_gap, 6);
    assert.equal(rx.counters.seq_resets, 1);
    assert.equal(rx.counters.delivered, sends.length);
  });

  it("a receiver that cannot keep up: what the sender drops at its high-water mark shows up as gaps, one for one", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("overload");
    const tx = await scope.sender({ endpoint, name: "overload", logger, sendHighWaterMark: 2 });
    const rx = scope.receiver({ endpoint, name: "overload", logger, receiveHighWaterMark: 2, qos: { kind: "keep-latest" }, onMessage: () => undefined });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    // A synchronous burst: this process cannot read while it sends, so the queues fill and the sender drops.
    const payload = new Uint8Array(64 << 10);
    const burst = 400;
    for (let seq = 1; seq <= burst; seq++) tx.send({ header: { topic: "cam/blob", seq, captureNs: seq, type: "reflex.Blob", trace: undefined }, body: { data: payload, value: seq } });
    await until(() => tx.counters.sent + tx.counters.send_dropped === burst, "every send accounted for");
    assert.ok(tx.counters.send_dropped > 0, "the burst overflowed the high-water marks");
    await until(() => rx.counters.received === tx.counters.sent, "every sent message received");
    // A final message closes any gap at the end of the burst; retried while ZeroMQ still reports the
    // peer's queue full (its credit comes back in batches), and those refusals are not gaps.
    let closingDrops = 0;
    for (;;) {
      const before = tx.counters.sent;
      const dropsBefore = tx.counters.send_dropped;
      tx.send({ header: { topic: "cam/blob", seq: burst + 1, captureNs: 0, type: "reflex.Blob", trace: undefined }, body: { value: 0 } });
      await until(() => tx.counters.sent + tx.counters.send_dropped === before + dropsBefore + 1, "the closing send's outcome");
      if (tx.counters.sent > before) break;
      closingDrops++;
      await new Promise((r) => setTimeout(r, 5));
    }
    await until(() => rx.counters.received === tx.counters.sent, "the closing message");
    assert.equal(rx.counters.dropped_gap, tx.counters.send_dropped - closingDrops);
  });
});
