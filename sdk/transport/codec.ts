// Msg <-> ZeroMQ multipart frames, per sdk/messages/envelope.proto:
//   frame 0  reflex.Envelope (topic, seq, capture stamp, type, spans, where the bulk frames are)
//   frame 1  the body, with its bulk `bytes` fields left out
//   frame 2+ one frame per Envelope.bulk entry: that field's raw bytes
// Bulk bytes are never re-encoded: the encoder hands the body's own Uint8Array to ZeroMQ (which sends
// buffers over 128 bytes without copying them), and the decoder puts the received frame itself (a
// Buffer over ZeroMQ's message memory) into the body.
import protobuf from "protobufjs/minimal.js";
import { bulkFieldsOf, codecOf, isMessageName, type MessageCodec } from "../messages/index.js";
import type { Header, Msg } from "../core/message.js";
import { DecodeError, EncodeError } from "./decode-error.js";
import { decodeEnvelope, encodeEnvelope } from "./envelope-codec.js";
import { schemaViolation } from "./schema-check.js";

/** The generated encoders take the writer to encode into; MessageCodec types only the one-argument form. */
type BodyEncoder = (message: unknown, writer: protobuf.Writer) => protobuf.Writer;

// One writer for every body: encodes are synchronous and finish() copies the bytes out, so reusing it
// saves a writer and its first buffer per message.
let bodyWriter = protobuf.Writer.create();
const bulkFields: string[] = [];
const bulkLengths: number[] = [];
const EMPTY = new Uint8Array(0);

/** A reader that keeps unknown fields ($unknowns): a known field with the wrong wire type ends up there. */
function readerOf(frame: Uint8Array): Uint8Array {
  const reader = protobuf.Reader.create(frame);
  reader.discardUnknown = false;
  // The generated decoders take a Reader or bytes; MessageCodec types only the bytes form.
  return reader as unknown as Uint8Array;
}

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
  // Bulk frames go to frames[2...]; their names and lengths to reused arrays, read by the envelope encode.
  const frames: Uint8Array[] = [EMPTY, EMPTY];
  let bulkCount = 0;
  const candidates = bulkFieldsOf(type);
  for (let i = 0; i < candidates.length; i++) {
    const field = candidates[i] as string;
    const value = body[field];
    if (!(value instanceof Uint8Array) || value.byteLength === 0) continue;
    // A shallow copy with the bulk fields cleared: bodies are shared by every consumer, so never mutate.
    if (bulkCount === 0) body = { ...body };
    bulkFields[bulkCount] = field;
    bulkLengths[bulkCount] = value.byteLength;
    bulkCount++;
    frames.push(value);
    body[field] = undefined;
  }
  try {
    frames[1] = (codec.encode as unknown as BodyEncoder)(body, bodyWriter).finish();
    bodyWriter.reset();
  } catch (err) {
    // A throw can leave the writer mid-submessage (its fork stack not empty): start a clean one.
    bodyWriter = protobuf.Writer.create();
    throw new EncodeError(`cannot encode "${header.type}" body: ${(err as Error).message}`);
  }
  frames[0] = encodeEnvelope(header, bulkFields, bulkLengths, bulkCount);
  return frames;
}

/**
 * The message in `frames`, or why it is refused. Never throws on bad input: a link counts the
 * DecodeError's reason and goes on. Bulk fields of the result are the received frames themselves.
 */
export function decodeFrames(frames: readonly Uint8Array[]): Msg | DecodeError {
  const envelopeFrame = frames[0];
  if (!envelopeFrame) return new DecodeError("envelope", "no frames");
  const envelope = decodeEnvelope(envelopeFrame);
  if (typeof envelope === "string") return new DecodeError("envelope", `frame 0 is not a reflex.Envelope (${envelope})`);
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

  const bulkCount = envelope.bulkCount;
  if (frames.length !== 2 + bulkCount) {
    return new DecodeError("bulk", `envelope lists ${bulkCount} bulk frame(s), message has ${frames.length - 2}`);
  }
  if (bulkCount > 0) {
    const allowed = bulkFieldsOf(type);
    const fields = envelope.bulkFields;
    const lengths = envelope.bulkLengths;
    for (let i = 0; i < bulkCount; i++) {
      const frame = frames[2 + i] as Uint8Array;
      const field = fields[i] as string;
      if (!allowed.includes(field)) return new DecodeError("bulk", `"${field}" is not a bytes field of ${type}`);
      for (let j = 0; j < i; j++) if (fields[j] === field) return new DecodeError("bulk", `"${field}" listed twice`);
      if (lengths[i] !== frame.byteLength) {
        return new DecodeError("bulk", `"${field}": envelope says ${lengths[i]} bytes, frame has ${frame.byteLength}`);
      }
      body[field] = frame;
    }
  }

  const header: Header = { topic: envelope.topic, seq: envelope.seq, captureNs: envelope.captureNs, type, trace: envelope.trace };
  return { header, body };
}
