// reflex.Envelope (sdk/messages/envelope.proto) encoded and decoded by hand: it is on every message of
// every link, and the generated protobufjs code spent most of its time allocating (a writer and one
// operation per field to encode; a reader, plain span objects and fresh strings to decode). The bytes
// are exactly what the generated encoder writes (the codec tests compare them), and the decoder
// accepts and refuses what the generated decoder plus the schema check (schema-check.ts) did: unknown
// field numbers are skipped, a known field with the wrong wire type is refused.
import { appendSpan, type Header, type Trace } from "../core/message.js";
import { StringIntern } from "./string-intern.js";
import { WireWriter } from "./wire-writer.js";

// Tags: field number << 3 | wire type (0 varint, 2 length-delimited).
const TOPIC = (1 << 3) | 2;
const SEQ = (2 << 3) | 0;
const CAPTURE_NS = (3 << 3) | 0;
const MESSAGE_TYPE = (4 << 3) | 2;
const SPANS = (5 << 3) | 2;
const BULK = (6 << 3) | 2;
const SPAN_NODE = (1 << 3) | 2;
const SPAN_IN_NS = (2 << 3) | 0;
const SPAN_OUT_NS = (3 << 3) | 0;
const SPAN_PROCESS = (4 << 3) | 2;
const BULK_FIELD = (1 << 3) | 2;
const BULK_LENGTH = (2 << 3) | 0;

const writer = new WireWriter();
const traceStack: Trace[] = [];

/**
 * Frame 0 of a message: the envelope of `header`, whose body's bulk fields `bulkFields[i]` travel as
 * frames of `bulkLengths[i]` bytes (the first `bulkCount` entries; all by default). Omits default
 * values, as protobuf's proto3 encoders do.
 */
export function encodeEnvelope(header: Header, bulkFields: readonly string[], bulkLengths: readonly number[], bulkCount = bulkFields.length): Buffer {
  const w = writer;
  w.reset();
  if (header.topic !== "") {
    w.byte(TOPIC);
    w.string(header.topic);
  }
  if (header.seq !== 0) {
    w.byte(SEQ);
    w.uint64(header.seq);
  }
  if (header.captureNs !== 0) {
    w.byte(CAPTURE_NS);
    w.uint64(header.captureNs);
  }
  if (header.type !== "") {
    w.byte(MESSAGE_TYPE);
    w.string(header.type);
  }
  // The trace is a newest-first linked list; the wire wants oldest first.
  let depth = 0;
  for (let t = header.trace; t; t = t.prev) traceStack[depth++] = t;
  while (depth > 0) {
    const t = traceStack[--depth] as Trace;
    traceStack[depth] = undefined as unknown as Trace; // let the trace be collected
    w.byte(SPANS);
    const start = w.beginSub();
    if (t.node !== "") {
      w.byte(SPAN_NODE);
      w.string(t.node);
    }
    if (t.inNs !== 0) {
      w.byte(SPAN_IN_NS);
      w.uint64(t.inNs);
    }
    if (t.outNs !== 0) {
      w.byte(SPAN_OUT_NS);
      w.uint64(t.outNs);
    }
    if (t.process !== "") {
      w.byte(SPAN_PROCESS);
      w.string(t.process);
    }
    w.endSub(start);
  }
  for (let i = 0; i < bulkCount; i++) {
    w.byte(BULK);
    const start = w.beginSub();
    const field = bulkFields[i] as string;
    if (field !== "") {
      w.byte(BULK_FIELD);
      w.string(field);
    }
    const length = (bulkLengths[i] as number) >>> 0;
    if (length !== 0) {
      w.byte(BULK_LENGTH);
      w.uint32(length);
    }
    w.endSub(start);
  }
  return w.finish();
}

/**
 * A decoded envelope. decodeEnvelope() fills one reused instance (the decode is synchronous and its
 * caller copies what it keeps), so a message costs no envelope object.
 */
export class DecodedEnvelope {
  topic = "";
  seq = 0;
  captureNs = 0;
  messageType = "";
  trace: Trace | undefined = undefined;
  /** Bulk entries in wire order; only the first bulkCount are this message's. */
  bulkCount = 0;
  readonly bulkFields: string[] = [];
  readonly bulkLengths: number[] = [];
}

class Malformed extends Error {}

const TWO_32 = 4294967296;

/** Reads protobuf from one frame; every failure is a Malformed with what was wrong and where. */
class FrameReader {
  buf: Uint8Array = new Uint8Array(0);
  pos = 0;
  readonly strings = new StringIntern();

  /** A varint read as protobufjs reads a tag, a length or a 32-bit value (what the fifth byte may be). */
  private varint32(end: number, kind: "tag" | "size" | "value"): number {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      if (this.pos >= end) throw new Malformed(`varint cut short at byte ${this.pos}`);
      const b = this.buf[this.pos++] as number;
      v |= (b & 127) << (i * 7);
      if (b < 128) return v >>> 0;
    }
    if (this.pos >= end) throw new Malformed(`varint cut short at byte ${this.pos}`);
    const b = this.buf[this.pos++] as number;
    if (kind === "tag" && (b >= 128 || (b & 112) !== 0)) throw new Malformed(`invalid tag encoding at byte ${this.pos - 1}`);
    if (kind === "size" && b > 7) throw new Malformed(`invalid length encoding at byte ${this.pos - 1}`);
    v = (v | (b << 28)) >>> 0;
    if (b < 128) return v;
    // A 32-bit value may be written as a 10-byte varint (a negative int32): the rest is dropped.
    for (let i = 0; i < 5; i++) {
      if (this.pos >= end) throw new Malformed(`varint cut short at byte ${this.pos}`);
      if ((this.buf[this.pos++] as number) < 128) return v;
    }
    throw new Malformed(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  tag(end: number): number {
    return this.varint32(end, "tag");
  }

  uint32(end: number): number {
    return this.varint32(end, "value");
  }

  /** A uint64 varint as a number (lo + hi * 2^32, as protobufjs without Long gives it). */
  uint64(end: number): number {
    let lo = 0;
    let hi = 0;
    let i = 0;
    for (; i < 4; i++) {
      if (this.pos >= end) throw new Malformed(`varint cut short at byte ${this.pos}`);
      const b = this.buf[this.pos++] as number;
      lo = (lo | ((b & 127) << (i * 7))) >>> 0;
      if (b < 128) return lo;
    }
    if (this.pos >= end) throw new Malformed(`varint cut short at byte ${this.pos}`);
    let b = this.buf[this.pos++] as number;
    lo = (lo | ((b & 127) << 28)) >>> 0;
    hi = (b & 127) >> 4;
    if (b < 128) return lo + hi * TWO_32;
    for (i = 0; i < 5; i++) {
      if (this.pos >= end) throw new Malformed(`varint cut short at byte ${this.pos}`);
      b = this.buf[this.pos++] as number;
      hi = (hi | ((b & 127) << (i * 7 + 3))) >>> 0;
      if (b < 128) return lo + hi * TWO_32;
    }
    throw new Malformed(`varint longer than 10 bytes at byte ${this.pos}`);
  }

  /** The end of a length-delimited field whose length prefix is next. */
  delimited(end: number): number {
    const len = this.varint32(end, "size");
    const stop = this.pos + len;
    if (stop > end) throw new Malformed(`a field of ${len} bytes at byte ${this.pos} runs past the end (${end})`);
    return stop;
  }

  string(end: number): string {
    const stop = this.delimited(end);
    let s: string;
    try {
      s = this.strings.read(this.buf, this.pos, stop);
    } catch {
      throw new Malformed(`invalid UTF-8 in a string at byte ${this.pos}`);
    }
    this.pos = stop;
    return s;
  }

  /**
   * Skips an unknown field (protobuf's rule), groups included, with protobufjs' checks: no field
   * number 0, an end-group tag must close its own group, nesting at most 100 deep.
   */
  skip(wireType: number, end: number, depth: number, fieldNumber: number): void {
    if (depth > 100) throw new Malformed("groups nested more than 100 deep");
    switch (wireType) {
      case 0:
        // protobufjs skips an unknown varint of any length (no 10-byte cap): refuse exactly what it refuses.
        do {
          if (this.pos >= end) throw new Malformed(`varint cut short at byte ${this.pos}`);
        } while ((this.buf[this.pos++] as number) >= 128);
        return;
      case 1:
        this.advance(8, end);
        return;
      case 2:
        this.pos = this.delimited(end);
        return;
      case 5:
        this.advance(4, end);
        return;
      case 3:
        for (;;) {
          const tag = this.tag(end);
          const nested = tag >>> 3;
          if (nested === 0) throw new Malformed(`field number 0 at byte ${this.pos}`);
          if ((tag & 7) === 4) {
            if (nested !== fieldNumber) throw new Malformed(`group ${fieldNumber} closed by an end tag of ${nested}`);
            return;
          }
          this.skip(tag & 7, end, depth + 1, nested);
        }
      default:
        throw new Malformed(`invalid wire type ${wireType} at byte ${this.pos}`);
    }
  }

  private advance(n: number, end: number): void {
    if (this.pos + n > end) throw new Malformed(`a fixed field at byte ${this.pos} runs past the end (${end})`);
    this.pos += n;
  }
}

const reader = new FrameReader();
const decoded = new DecodedEnvelope();

function wrongWireType(type: string, tag: number): Malformed {
  return new Malformed(`${type} field ${tag >>> 3} has the wrong wire type`);
}

/**
 * Decodes frame 0. Returns the reused DecodedEnvelope (valid until the next call), or why the frame is
 * not a reflex.Envelope. Does not check the envelope's rules (topic, seq): the caller does.
 */
export function decodeEnvelope(frame: Uint8Array): DecodedEnvelope | string {
  const r = reader;
  const e = decoded;
  e.topic = "";
  e.seq = 0;
  e.captureNs = 0;
  e.messageType = "";
  e.trace = undefined;
  e.bulkCount = 0;
  r.buf = frame;
  r.pos = 0;
  const end = frame.length;
  try {
    while (r.pos < end) {
      const tag = r.tag(end);
      switch (tag >>> 3) {
        case 1:
          if (tag !== TOPIC) throw wrongWireType("reflex.Envelope", tag);
          e.topic = r.string(end);
          break;
        case 2:
          if (tag !== SEQ) throw wrongWireType("reflex.Envelope", tag);
          e.seq = r.uint64(end);
          break;
        case 3:
          if (tag !== CAPTURE_NS) throw wrongWireType("reflex.Envelope", tag);
          e.captureNs = r.uint64(end);
          break;
        case 4:
          if (tag !== MESSAGE_TYPE) throw wrongWireType("reflex.Envelope", tag);
          e.messageType = r.string(end);
          break;
        case 5:
          if (tag !== SPANS) throw wrongWireType("reflex.Envelope", tag);
          e.trace = readSpan(r, r.delimited(end), e.trace);
          break;
        case 6:
          if (tag !== BULK) throw wrongWireType("reflex.Envelope", tag);
          readBulk(r, r.delimited(end), e);
          break;
        case 0:
          throw new Malformed(`field number 0 at byte ${r.pos}`);
        default:
          r.skip(tag & 7, end, 0, tag >>> 3);
      }
    }
  } catch (err) {
    if (err instanceof Malformed) return err.message;
    throw err;
  } finally {
    r.buf = EMPTY; // do not keep the frame alive
  }
  return e;
}

const EMPTY = new Uint8Array(0);

function readSpan(r: FrameReader, end: number, prev: Trace | undefined): Trace {
  let node = "";
  let inNs = 0;
  let outNs = 0;
  let process = "";
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag >>> 3) {
      case 1:
        if (tag !== SPAN_NODE) throw wrongWireType("reflex.Span", tag);
        node = r.string(end);
        break;
      case 2:
        if (tag !== SPAN_IN_NS) throw wrongWireType("reflex.Span", tag);
        inNs = r.uint64(end);
        break;
      case 3:
        if (tag !== SPAN_OUT_NS) throw wrongWireType("reflex.Span", tag);
        outNs = r.uint64(end);
        break;
      case 4:
        if (tag !== SPAN_PROCESS) throw wrongWireType("reflex.Span", tag);
        process = r.string(end);
        break;
      case 0:
        throw new Malformed(`field number 0 at byte ${r.pos}`);
      default:
        r.skip(tag & 7, end, 0, tag >>> 3);
    }
  }
  return appendSpan(prev, node, inNs, outNs, process);
}

function readBulk(r: FrameReader, end: number, e: DecodedEnvelope): void {
  let field = "";
  let length = 0;
  while (r.pos < end) {
    const tag = r.tag(end);
    switch (tag >>> 3) {
      case 1:
        if (tag !== BULK_FIELD) throw wrongWireType("reflex.BulkField", tag);
        field = r.string(end);
        break;
      case 2:
        if (tag !== BULK_LENGTH) throw wrongWireType("reflex.BulkField", tag);
        length = r.uint32(end);
        break;
      case 0:
        throw new Malformed(`field number 0 at byte ${r.pos}`);
      default:
        r.skip(tag & 7, end, 0, tag >>> 3);
    }
  }
  e.bulkFields[e.bulkCount] = field;
  e.bulkLengths[e.bulkCount] = length;
  e.bulkCount++;
}
