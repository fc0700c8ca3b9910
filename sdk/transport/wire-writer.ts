// A protobuf writer over one reused scratch buffer, for the envelope: the generic protobufjs Writer
// allocates an operation object per field and a fresh writer per message, which is most of what an
// envelope encode costs. The bytes are standard protobuf (the codec tests compare them with the
// generated encoder's); only the buffer is reused, so callers copy out what they keep (finish()).

const TWO_32 = 4294967296;

export class WireWriter {
  private buf: Buffer = Buffer.allocUnsafeSlow(512);
  pos = 0;

  reset(): void {
    this.pos = 0;
  }

  /** Room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafeSlow(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** An unsigned 32-bit varint (tags, lengths, uint32 fields). */
  uint32(value: number): void {
    this.ensure(5);
    let v = value >>> 0;
    const buf = this.buf;
    while (v > 127) {
      buf[this.pos++] = (v & 127) | 128;
      v >>>= 7;
    }
    buf[this.pos++] = v;
  }

  /**
   * A uint64 varint from a JS number, bit for bit what protobufjs writes (LongBits.fromNumber): the
   * integer part, and a negative number as its 64-bit two's complement.
   */
  uint64(value: number): void {
    if (value >= 0 && value < 2147483648) {
      this.uint32(value);
      return;
    }
    const negative = value < 0;
    if (negative) value = -value;
    let lo = value >>> 0;
    let hi = ((value - lo) / TWO_32) >>> 0;
    if (negative) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
      if (++lo > 4294967295) {
        lo = 0;
        if (++hi > 4294967295) hi = 0;
      }
    }
    this.ensure(10);
    const buf = this.buf;
    while (hi) {
      buf[this.pos++] = (lo & 127) | 128;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 127) {
      buf[this.pos++] = (lo & 127) | 128;
      lo >>>= 7;
    }
    buf[this.pos++] = lo;
  }

  /** A length-delimited UTF-8 string (length prefix included). */
  string(s: string): void {
    const n = s.length;
    // Field names, topics and node ids are short ASCII: write them directly behind a 1-byte length.
    if (n < 128) {
      this.ensure(n + 1);
      const buf = this.buf;
      const at = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 128) break;
        buf[at + 1 + i] = c;
      }
      if (i === n) {
        buf[at] = n;
        this.pos = at + 1 + n;
        return;
      }
    }
    const bytes = Buffer.byteLength(s, "utf8");
    this.uint32(bytes);
    this.ensure(bytes);
    this.buf.write(s, this.pos, bytes, "utf8");
    this.pos += bytes;
  }

  /**
   * Starts a length-delimited submessage: returns where its content starts. One byte is reserved for
   * the length, which fits all but unusually long spans; endSub() moves the content if it does not.
   */
  beginSub(): number {
    this.ensure(1);
    return ++this.pos;
  }

  endSub(start: number): void {
    const len = this.pos - start;
    if (len < 128) {
      this.buf[start - 1] = len;
      return;
    }
    let extra = 0;
    for (let v = len >>> 7; v > 0; v >>>= 7) extra++;
    this.ensure(extra);
    this.buf.copy(this.buf, start + extra, start, this.pos);
    this.pos = start - 1;
    this.uint32(len);
    this.pos += len;
  }

  /** A copy of what was written (the scratch buffer is reused by the next message). */
  finish(): Buffer {
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }
}
