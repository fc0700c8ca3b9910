import assert from "node:assert/strict";
import { reflex } from "../../sdk/messages/index.js";
import { spansOf } from "../../sdk/core/message.js";
import { DecodeError, decodeFrames, encodeFrames, EncodeError } from "../../sdk/transport/index.js";
import { allTypes, plain, sampleMsg, tickMsg } from "./link-fixture.js";

function decodeOk(frames: readonly Uint8Array[]) {
  const msg = decodeFrames(frames);
  if (msg instanceof DecodeError) assert.fail(`unexpected DecodeError ${msg.message}`);
  return msg;
}

function reasonOf(frames: readonly Uint8Array[]): string {
  const r = decodeFrames(frames);
  assert.ok(r instanceof DecodeError, "expected a DecodeError");
  return r.reason;
}

const envelope = (props: reflex.Envelope.$Properties): Uint8Array => reflex.Envelope.encode(props).finish();

describe("transport: envelope codec", () => {
  for (const type of allTypes) {
    it(`round-trips ${type}: header, spans and every body field`, () => {
      const msg = sampleMsg(type, 42);
      const back = decodeOk(encodeFrames(msg));
      assert.equal(back.header.topic, msg.header.topic);
      assert.equal(back.header.seq, 42);
      assert.equal(back.header.captureNs, msg.header.captureNs);
      assert.equal(back.header.type, type);
      assert.deepEqual(spansOf(back.header.trace), spansOf(msg.header.trace));
      assert.deepEqual(plain(back.body), plain(msg.body));
    });
  }

  it("puts each bulk field in its own frame as the same object (no copy) and leaves it out of the body frame", () => {
    const pixels = new Uint8Array(4 << 20).fill(0xab);
    const msg = { header: { topic: "cam/image", seq: 1, captureNs: 5, type: "reflex.Image", trace: undefined }, body: { width: 1024, height: 1366, encoding: "rgb8", step: 3072, data: pixels } };
    const frames = encodeFrames(msg);
    assert.equal(frames.length, 3);
    assert.equal(frames[2], pixels, "bulk frame is the body's own Uint8Array");
    assert.ok((frames[1] as Uint8Array).byteLength < 64, "body frame does not carry the pixels");
    const env = reflex.Envelope.decode(frames[0] as Uint8Array);
    assert.deepEqual(plain(env.bulk), [{ field: "data", length: 4 << 20 }]);
    assert.equal(msg.body.data, pixels, "the caller's body is not mutated");
  });

  it("decodes bulk fields as the received frames themselves (views, not copies)", () => {
    const frames = encodeFrames(sampleMsg("reflex.Image"));
    const received = frames.map((f) => Buffer.from(f)); // stand-in for ZeroMQ's receive buffers
    const msg = decodeOk(received);
    assert.equal((msg.body as { data: Uint8Array }).data, received[2]);
  });

  it("sends an empty bytes field inline (no bulk frame) and decodes it as absent", () => {
    const msg = { header: { topic: "t/x", seq: 1, captureNs: 0, type: "reflex.Blob", trace: undefined }, body: { data: new Uint8Array(0), value: 3 } };
    const frames = encodeFrames(msg);
    assert.equal(frames.length, 2);
    assert.equal((decodeOk(frames).body as { value: number }).value, 3);
  });

  it("refuses to encode a type no .proto defines", () => {
    assert.throws(() => encodeFrames({ header: { topic: "a/b", seq: 1, captureNs: 0, type: "reflex.Nope", trace: undefined }, body: {} }), EncodeError);
  });

  describe("refuses bad input with a reason", () => {
    const good = encodeFrames(sampleMsg("reflex.Image"));
    const [env, body, bulk] = good as [Uint8Array, Uint8Array, Uint8Array];

    it("envelope: no frames, junk, empty topic, seq 0, a field with the wrong wire type", () => {
      assert.equal(reasonOf([]), "envelope");
      assert.equal(reasonOf([Buffer.from([0xff, 0xff, 0xff]), body]), "envelope");
      assert.equal(reasonOf([envelope({ topic: "", seq: 1, messageType: "reflex.Tick" }), body]), "envelope");
      assert.equal(reasonOf([envelope({ topic: "a/b", seq: 0, messageType: "reflex.Tick" }), body]), "envelope");
      // field 1 (topic, a string) sent as a varint
      assert.equal(reasonOf([Buffer.from([0x08, 0x01]), body]), "envelope");
    });

    it("unknown-type: a type this build does not know", () => {
      assert.equal(reasonOf([envelope({ topic: "a/b", seq: 1, messageType: "reflex.FromTheFuture" }), body]), "unknown-type");
      assert.equal(reasonOf([envelope({ topic: "a/b", seq: 1 }), body]), "unknown-type");
    });

    it("body: missing, truncated, bad UTF-8, or a known field with the wrong wire type", () => {
      const tick = envelope({ topic: "a/b", seq: 1, messageType: "reflex.Tick" });
      const instr = envelope({ topic: "a/b", seq: 1, messageType: "reflex.Instruction" });
      assert.equal(reasonOf([tick]), "body");
      assert.equal(reasonOf([tick, Buffer.from([0x08])]), "body"); // varint cut short
      assert.equal(reasonOf([instr, Buffer.from([0x0a, 0x02, 0xc3, 0x28])]), "body"); // invalid UTF-8 in text
      assert.equal(reasonOf([tick, Buffer.from([0x0a, 0x01, 0x41])]), "body"); // Tick.index (varint) as bytes
      const imu = envelope({ topic: "a/b", seq: 1, messageType: "reflex.Imu" });
      assert.equal(reasonOf([imu, Buffer.from([0x0a, 0x02, 0x08, 0x01])]), "body"); // nested Vector3.x (double) as varint
    });

    it("accepts unknown field numbers (a newer .proto) in envelope and body", () => {
      const tick = envelope({ topic: "a/b", seq: 1, messageType: "reflex.Tick" });
      const withField99 = Buffer.concat([Buffer.from([0x08, 0x05]), Buffer.from([0x98, 0x06, 0x01])]);
      assert.equal((decodeOk([tick, withField99]).body as { index: number }).index, 5);
      assert.equal(decodeOk([Buffer.concat([tick, Buffer.from([0x98, 0x06, 0x01])]), withField99]).header.topic, "a/b");
    });

    it("bulk: frame count, length, field name and duplicates checked", () => {
      assert.equal(reasonOf([env, body]), "bulk");
      assert.equal(reasonOf([env, body, bulk, bulk]), "bulk");
      assert.equal(reasonOf([env, body, bulk.subarray(1)]), "bulk");
      const wrongField = envelope({ topic: "a/b", seq: 1, messageType: "reflex.Image", bulk: [{ field: "encoding", length: bulk.length }] });
      assert.equal(reasonOf([wrongField, body, bulk]), "bulk");
      const twice = envelope({ topic: "a/b", seq: 1, messageType: "reflex.Image", bulk: [{ field: "data", length: 1 }, { field: "data", length: 1 }] });
      assert.equal(reasonOf([twice, body, Buffer.from([1]), Buffer.from([2])]), "bulk");
      const tickWithBulk = envelope({ topic: "a/b", seq: 1, messageType: "reflex.Tick", bulk: [{ field: "data", length: 1 }] });
      assert.equal(reasonOf([tickWithBulk, encodeFrames(tickMsg("a/b", 1))[1] as Uint8Array, Buffer.from([1])]), "bulk");
    });
  });
});
