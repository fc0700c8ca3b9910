// Msg <-> ZeroMQ multipart frames, per sdk/messages/envelope.proto:
//   frame 0  reflex.Envelope (topic, seq, capture stamp, type, spans, where the bulk frames are)
//   frame 1  the body, with its bulk `bytes` fields left out
//   frame 2+ one frame per Envelope.bulk entry: that field's raw bytes
// Bulk bytes are never re-encoded: the encoder hands the body's own Uint8Array to ZeroMQ (which sends
// buffers over 128 bytes without copying them), and the decoder puts the received frame itself (a
// Buffer over ZeroMQ's message memory) into the body.
import protobuf from "protobufjs/minimal.js";
import { bulkFieldsOf, codecOf, isMessageName, reflex, type MessageCodec } from "../messages/index.js";
import { spansOf, traceOf, type Header, type Msg } from "../runtime/message.js";
import { DecodeError, EncodeError } from "./decode-error.js";
import { schemaViolation } from "./schema-check.js";

const Envelope = reflex.Envelope;

/**
 * A reader that keeps unknown fields ($unknowns) for this decode only: protobufjs discards them by
 * default, and they are where a known field with the wrong wire type ends up (see schema-check.ts).
 */
function readerOf(frame: Uint8Array): Uint8Array {
  const reader = protobuf.Reader.create(frame);
  reader.discardUnknown = false;
  // The generated decoders take a Reader or bytes; MessageCodec types only the bytes form.
  return reader as unknown as Uint8Array;
}
const noBulk: reflex.BulkField.$Properties[] = [];
const noSpans: reflex.Span.$Properties[] = [];

/**
 * The frames of one message: [envelope, body without bulk fields, ...bulk bytes]. The bulk frames are
 * the very Uint8Array objects of the body (not copies), so the caller must not reuse them until ZeroMQ
 * has sent them; Reflex bodies are immutable once emitted, which makes that hold.
 */
export function encodeFrames(msg: Msg): Uint8Array[] {
  const { header } = msg;
  const type = header.type;
  if (!isMessageName(type)) throw new EncodeError(`cannot encode "${type}": no .proto defines that message type`);
  const codec = codecOf(type) as MessageCodec;
  if (typeof msg.body !== "object" || msg.body === null) throw new EncodeError(`cannot encode "${header.type}": body is not an object`);
  let body = msg.body as Record<string, unknown>;
  let bulk = noBulk;
  let bulkFrames: Uint8Array[] | undefined;
  for (const field of bulkFieldsOf(type)) {
    const value = body[field];
    if (!(value instanceof Uint8Array) || value.byteLength === 0) continue;
    if (!bulkFrames) {
      bulkFrames = [];
      bulk = [];
      // A shallow copy with the bulk fields cleared: bodies are shared by every consumer, so never mutate.
      body = { ...body };
    }
    bulk.push({ field, length: value.byteLength });
    bulkFrames.push(value);
    body[field] = undefined;
  }
  let bodyFrame: Uint8Array;
  try {
    bodyFrame = codec.encode(body).finish();
  } catch (err) {
    throw new EncodeError(`cannot encode "${header.type}" body: ${(err as Error).message}`);
  }
  const envelopeFrame = Envelope.encode({
    topic: header.topic,
    seq: header.seq,
    captureNs: header.captureNs,
    messageType: header.type,
    spans: header.trace ? spansOf(header.trace) : noSpans,
    bulk,
  }).finish();
  return bulkFrames ? [envelopeFrame, bodyFrame, ...bulkFrames] : [envelopeFrame, bodyFrame];
}

/**
 * The message in `frames`, or why it is refused. Never throws on bad input: a link counts the
 * DecodeError's reason and goes on. Bulk fields of the result are the received frames themselves.
 */
export function decodeFrames(frames: readonly Uint8Array[]): Msg | DecodeError {
  const envelopeFrame = frames[0];
  if (!envelopeFrame) return new DecodeError("envelope", "no frames");
  let envelope: reflex.Envelope;
  try {
    envelope = Envelope.decode(readerOf(envelopeFrame));
  } catch (err) {
    return new DecodeError("envelope", `frame 0 is not a reflex.Envelope (${(err as Error).message})`);
  }
  const envelopeWhy = schemaViolation("reflex.Envelope", envelope);
  if (envelopeWhy) return new DecodeError("envelope", envelopeWhy);
  if (!envelope.topic) return new DecodeError("envelope", "empty topic");
  if (!(envelope.seq >= 1)) return new DecodeError("envelope", `seq ${envelope.seq} (sequence numbers start at 1)`);

  const type = envelope.messageType;
  if (!isMessageName(type)) return new DecodeError("unknown-type", `"${type}" is not a message type of this build`);

  const bodyFrame = frames[1];
  if (!bodyFrame) return new DecodeError("body", "frame 1 (the body) is missing");
  let body: Record<string, unknown>;
  try {
    body = codecOf(type).decode(readerOf(bodyFrame)) as Record<string, unknown>;
  } catch (err) {
    return new DecodeError("body", `frame 1 is not a ${type} (${(err as Error).message})`);
  }
  const bodyWhy = schemaViolation(type, body);
  if (bodyWhy) return new DecodeError("body", bodyWhy);

  const bulk = envelope.bulk;
  if (frames.length !== 2 + bulk.length) {
    return new DecodeError("bulk", `envelope lists ${bulk.length} bulk frame(s), message has ${frames.length - 2}`);
  }
  if (bulk.length > 0) {
    const allowed = bulkFieldsOf(type);
    for (let i = 0; i < bulk.length; i++) {
      const entry = bulk[i] as reflex.BulkField.$Properties;
      const frame = frames[2 + i] as Uint8Array;
      const field = entry.field ?? "";
      if (!allowed.includes(field)) return new DecodeError("bulk", `"${field}" is not a bytes field of ${type}`);
      for (let j = 0; j < i; j++) if (bulk[j]?.field === field) return new DecodeError("bulk", `"${field}" listed twice`);
      if ((entry.length ?? 0) !== frame.byteLength) {
        return new DecodeError("bulk", `"${field}": envelope says ${entry.length ?? 0} bytes, frame has ${frame.byteLength}`);
      }
      body[field] = frame;
    }
  }

  const spans = envelope.spans;
  const header: Header = {
    topic: envelope.topic,
    seq: envelope.seq,
    captureNs: envelope.captureNs,
    type,
    trace: spans.length > 0 ? traceOf(spans as reflex.Span[]) : undefined,
  };
  return { header, body };
}
