// The hand-written envelope codec against the generated protobufjs one, which it replaced on the hot
// path: the same bytes out, the same values back, and the same frames refused.
import assert from "node:assert/strict";
import fc from "fast-check";
import protobuf from "protobufjs/minimal.js";
import { reflex } from "../../sdk/messages/index.js";
import { appendSpan, spansOf, type Header, type Trace } from "../../sdk/core/message.js";
import { decodeEnvelope, encodeEnvelope, type DecodedEnvelope } from "../../sdk/transport/envelope-codec.js";
import { schemaViolation } from "../../sdk/transport/schema-check.js";

// Valid Unicode only: how a lone surrogate is written differs between encoders and is not UTF-8.
const text = fc.string({ unit: "grapheme", maxLength: 40 });
// Stamps and counters as a link sees them: integers up to 2^53, and the odd negative or fractional
// number (encoded as protobufjs does: truncated, two's complement).
const u64 = fc.oneof(fc.nat(), fc.maxSafeNat(), fc.integer({ min: -1e15, max: -1 }), fc.double({ min: 0, max: 1e15, noNaN: true }));
const span = fc.record({ node: text, inNs: u64, outNs: u64, process: text });
const bulk = fc.record({ field: text, length: fc.nat({ max: 0xffffffff }) });
const envelopeArb = fc.record({
  topic: text,
  seq: u64,
  captureNs: u64,
  messageType: text,
  spans: fc.array(span, { maxLength: 6 }),
  bulk: fc.array(bulk, { maxLength: 4 }),
});
type EnvelopeValues = typeof envelopeArb extends fc.Arbitrary<infer T> ? T : never;

function headerOf(e: EnvelopeValues): Header {
  let trace: Trace | undefined;
  for (const s of e.spans) trace = appendSpan(trace, s.node, s.inNs, s.outNs, s.process);
  return { topic: e.topic, seq: e.seq, captureNs: e.captureNs, type: e.messageType, trace };
}

const encodeHand = (e: EnvelopeValues): Buffer =>
  encodeEnvelope(
    headerOf(e),
    e.bulk.map((b) => b.field),
    e.bulk.map((b) => b.length),
  );

/** What the generated decoder plus the schema check made of a frame: its values, or undefined if refused. */
function generatedDecode(frame: Uint8Array): reflex.Envelope | undefined {
  try {
    const reader = protobuf.Reader.create(frame);
    reader.discardUnknown = false;
    const e = reflex.Envelope.decode(reader);
    return schemaViolation("reflex.Envelope", e) ? undefined : e;
  } catch {
    return undefined;
  }
}

function sameValues(hand: DecodedEnvelope, gen: reflex.Envelope): void {
  assert.equal(hand.topic, gen.topic);
  assert.equal(hand.seq, gen.seq);
  assert.equal(hand.captureNs, gen.captureNs);
  assert.equal(hand.messageType, gen.messageType);
  assert.deepEqual(
    spansOf(hand.trace).map((s) => ({ ...s })),
    gen.spans.map((s) => ({ node: s.node, inNs: s.inNs, outNs: s.outNs, process: s.process })),
  );
  assert.deepEqual(
    hand.bulkFields.slice(0, hand.bulkCount).map((f, i) => ({ field: f, length: hand.bulkLengths[i] })),
    gen.bulk.map((b) => ({ field: b.field, length: b.length })),
  );
}

describe("transport: hand-written envelope codec", () => {
  it("writes exactly the bytes the generated protobufjs encoder writes", () => {
    fc.assert(
      fc.property(envelopeArb, (e) => {
        const generated = Buffer.from(reflex.Envelope.encode(e).finish());
        assert.deepEqual(encodeHand(e), generated);
      }),
      { numRuns: 500 },
    );
  });

  it("writes spans and bulk entries longer than 127 bytes (multi-byte length prefixes)", () => {
    const e: EnvelopeValues = {
      topic: "t/".repeat(100),
      seq: 2 ** 40,
      captureNs: 3,
      messageType: "reflex.Image",
      spans: [{ node: "n".repeat(300), inNs: 1, outNs: 2 ** 52, process: "p".repeat(20000) }],
      bulk: [{ field: "f".repeat(200), length: 7 }],
    };
    assert.deepEqual(encodeHand(e), Buffer.from(reflex.Envelope.encode(e).finish()));
  });

  it("decodes to the values the generated decoder gives", () => {
    fc.assert(
      fc.property(envelopeArb, (e) => {
        const frame = Buffer.from(reflex.Envelope.encode(e).finish());
        const gen = generatedDecode(frame);
        assert.ok(gen);
        const hand = decodeEnvelope(frame);
        assert.ok(typeof hand !== "string", `refused a valid envelope: ${String(hand)}`);
        sameValues(hand, gen);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a damaged frame exactly when the generated decoder and schema check refused it", () => {
    const damaged = fc
      .tuple(envelopeArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(), fc.boolean())
      .map(([e, flips, cut, truncate]) => {
        const f = Uint8Array.from(reflex.Envelope.encode(e).finish());
        if (f.length === 0) return f;
        for (const [at, v] of flips) f[at % f.length] = v;
        return truncate ? f.subarray(0, cut % f.length) : f;
      });
    const junk = fc.uint8Array({ maxLength: 64 });
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(damaged, junk), (frame) => {
        const gen = generatedDecode(frame);
        const hand = decodeEnvelope(frame);
        if (gen === undefined) {
          refused++;
          assert.equal(typeof hand, "string", "accepted a frame the generated decoder refused");
        } else {
          assert.ok(typeof hand !== "string", `refused a frame the generated decoder accepted: ${String(hand)}`);
          sameValues(hand, gen);
        }
      }),
      {
        numRuns: 3000,
        // Found by this property in CI: an unknown varint field longer than 10 bytes, which protobufjs skips.
        examples: [[Uint8Array.from([144, 27, 128, 160, 128, 224, 160, 128, 240, 144, 128, 128, 240, 144, 128, 128, 240, 144, 128, 128, 224, 160, 128, 224, 160, 128, 224, 160, 128, 16])]],
      },
    );
    assert.ok(refused > 100, `the damage should break some frames (refused ${refused})`);
  });

  it("says what is wrong: a known field with the wrong wire type, a cut-short frame, invalid UTF-8", () => {
    assert.match(String(decodeEnvelope(Buffer.from([0x08, 0x01]))), /reflex\.Envelope field 1 has the wrong wire type/);
    assert.match(String(decodeEnvelope(Buffer.from([0x2a, 0x02, 0x0a, 0x05]))), /runs past the end/);
    assert.match(String(decodeEnvelope(Buffer.from([0x2a, 0x02, 0x08, 0x01]))), /reflex\.Span field 1 has the wrong wire type/);
    assert.match(String(decodeEnvelope(Buffer.from([0x10]))), /varint cut short/);
    assert.match(String(decodeEnvelope(Buffer.from([0x0a, 0x02, 0xc3, 0x28]))), /invalid UTF-8/);
  });

  it("decodes names right when they repeat and when there are more than its string table holds", () => {
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 1500; i++) {
        const e: EnvelopeValues = { topic: `node${i % 700}/out`, seq: i + 1, captureNs: 1, messageType: "reflex.Image", spans: [], bulk: [] };
        const d = decodeEnvelope(encodeHand(e));
        assert.ok(typeof d !== "string");
        assert.equal(d.topic, e.topic);
        assert.equal(d.seq, i + 1);
      }
    }
  });
});
