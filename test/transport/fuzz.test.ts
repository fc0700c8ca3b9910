import assert from "node:assert/strict";
import { connect } from "node:net";
import fc from "fast-check";
import * as zmq from "zeromq";
import { WELCOME } from "../../sdk/transport/control-frames.js";
import { DecodeError, decodeFrames, decodeReasons, encodeFrames, tcpEndpoint, type DecodeReason, type LinkReceiver, type LinkSender, type ReceiverCounters } from "../../sdk/transport/index.js";
import { allTypes, captureLogger, LinkScope, sampleMsg, tickMsg, until } from "./link-fixture.js";

type Frames = Uint8Array[];

const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });

const validFrames: fc.Arbitrary<Frames> = fc
  .tuple(fc.constantFrom(...allTypes), fc.integer({ min: 1, max: 1000 }), fc.constantFrom("fz/a", "fz/b"))
  .map(([type, seq, topic]) => encodeFrames(sampleMsg(type, seq, topic)));

const randomFrames: fc.Arbitrary<Frames> = fc.array(bytes(120), { minLength: 1, maxLength: 5 });

/** A valid message damaged one way: a byte changed, a frame cut, dropped, doubled, swapped or replaced. */
const mutatedFrames: fc.Arbitrary<Frames> = fc
  .tuple(validFrames, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("flip", "truncate", "drop", "duplicate", "insert", "replace", "swap"), bytes(40))
  .map(([frames, i, pos, value, how, junk]) => {
    const out: Uint8Array[] = frames.map((f) => Uint8Array.from(f));
    const k = i % out.length;
    const f = out[k] as Uint8Array;
    switch (how) {
      case "flip":
        if (f.length > 0) f[pos % f.length] = value;
        break;
      case "truncate":
        out[k] = f.subarray(0, f.length > 0 ? pos % f.length : 0);
        break;
      case "drop":
        if (out.length > 1) out.splice(k, 1);
        break;
      case "duplicate":
        out.splice(k, 0, f);
        break;
      case "insert":
        out.splice(k, 0, junk);
        break;
      case "replace":
        out[k] = junk;
        break;
      case "swap":
        out[k] = out[(k + 1) % out.length] as Uint8Array;
        out[(k + 1) % out.length] = f;
        break;
    }
    return out;
  });

const batch = fc.array(fc.oneof(randomFrames, mutatedFrames, validFrames), { minLength: 1, maxLength: 20 }).filter((b) => b.every((m) => !(m.length === 1 && WELCOME.equals(m[0] as Uint8Array))));

function snapshot(c: ReceiverCounters): ReceiverCounters {
  return { ...c, bad_frames: { ...c.bad_frames } };
}

describe("transport: property test, random and mutated frames at a live link", () => {
  const scope = new LinkScope();
  after(() => scope.dispose());

  it("never crashes, counts every bad message under the reason the decoder gives, and still delivers the good ones", async () => {
    const { logger } = captureLogger();
    const endpoint = await scope.endpoint("fuzz");
    const tx: LinkSender = await scope.sender({ endpoint, name: "fuzz", logger, sendHighWaterMark: 1000 });
    const delivered: string[] = [];
    const rx: LinkReceiver = scope.receiver({ endpoint, name: "fuzz", logger, receiveHighWaterMark: 1000, qos: { kind: "queue", size: 64, drop: "newest" }, onMessage: (m) => delivered.push(m.header.topic) });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    let sentinel = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(batch, async (messages) => {
        runs++;
        const before = snapshot(rx.counters);
        const deliveredBefore = delivered.length;
        const expectedBad = Object.fromEntries(decodeReasons.map((r) => [r, 0])) as Record<DecodeReason, number>;
        let expectedGood = 0;
        for (const frames of messages) {
          const r = decodeFrames(frames);
          if (r instanceof DecodeError) expectedBad[r.reason]++;
          else expectedGood++;
          tx.sendFrames(frames);
        }
        tx.send(tickMsg("fz/sentinel", ++sentinel));
        await until(() => delivered.at(-1) === "fz/sentinel" && rx.counters.received === before.received + messages.length + 1, "the sentinel after the batch");
        const c = rx.counters;
        assert.equal(c.received - before.received, messages.length + 1, "every message received");
        for (const r of decodeReasons) assert.equal(c.bad_frames[r] - before.bad_frames[r], expectedBad[r], `bad_frames.${r}`);
        assert.equal(c.delivered - before.delivered, expectedGood + 1, "every good message delivered");
        assert.equal(delivered.length - deliveredBefore, expectedGood + 1);
        assert.equal(c.callback_errors, 0);
      }),
      { numRuns: 150 },
    );
    assert.equal(runs, 150);
    assert.equal(tx.counters.send_dropped, 0, "no message was lost on the way, so every one was judged");
    const bad = rx.counters.bad_frames;
    for (const r of decodeReasons) assert.ok(bad[r] > 0, `the generators reached reason ${r}`);
  });

  it("hostile peers at the sender (junk ZeroMQ messages, non-ZMTP bytes) are ignored; real receivers are still served", async () => {
    const { logger, lines } = captureLogger();
    const tx = await scope.sender({ endpoint: tcpEndpoint("127.0.0.1", "*"), name: "hostile", logger });
    const junkDealer = new zmq.Dealer({ linger: 0 });
    junkDealer.connect(tx.endpoint);
    await junkDealer.send(["junk", Buffer.from([0xff]), "more"]);
    await junkDealer.send("REFLEX/1 NONSENSE");
    const port = Number(tx.endpoint.split(":").at(-1));
    await new Promise<void>((resolve) => {
      const s = connect(port, "127.0.0.1", () => {
        s.write(Buffer.from("GET / HTTP/1.1\r\n\r\n".repeat(50)), () => s.destroy());
      });
      s.on("close", () => resolve());
      s.on("error", () => resolve());
    });
    const got: number[] = [];
    const rx = scope.receiver({ endpoint: tx.endpoint, name: "hostile", logger, onMessage: (m) => got.push(m.header.seq) });
    rx.request(Infinity);
    await tx.waitForPeers(1);
    tx.send(tickMsg("t/x", 1));
    await until(() => got.length === 1, "delivery after the junk");
    await until(() => lines.some((l) => l.msg === "unexpected message from a receiver; ignored"), "the junk logged");
    assert.equal(tx.peerCount, 1, "junk is not a hello");
    junkDealer.close();
  });
});
