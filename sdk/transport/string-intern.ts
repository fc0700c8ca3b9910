// Decoded strings that repeat on every message (topic, message type, node and process names), kept so
// a decode returns the same string object instead of building a new one: no allocation, and the
// sequence tracker's and the trace paths' map lookups hit a string whose hash is already computed.
// Bounded: a peer that sends ever-new names only costs a cleared table now and then.

const MAX_ENTRIES = 512;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export class StringIntern {
  private readonly table = new Map<number, string>();

  /**
   * The UTF-8 string in bytes [start, end) of `buf`. Throws a TypeError on invalid UTF-8 (the same
   * refusal as protobufjs' verified string read).
   */
  read(buf: Uint8Array, start: number, end: number): string {
    const n = end - start;
    if (n === 0) return "";
    if (n > 64) return utf8.decode(buf.subarray(start, end));
    // FNV-1a over the bytes; non-ASCII strings skip the table (rare in names).
    let h = 0x811c9dc5 ^ n;
    for (let i = start; i < end; i++) {
      const b = buf[i] as number;
      if (b >= 128) return utf8.decode(buf.subarray(start, end));
      h = Math.imul(h ^ b, 0x01000193);
    }
    const hit = this.table.get(h);
    if (hit !== undefined && hit.length === n && sameAscii(hit, buf, start)) return hit;
    const s = String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
    if (this.table.size >= MAX_ENTRIES) this.table.clear();
    this.table.set(h, s);
    return s;
  }
}

function sameAscii(s: string, buf: Uint8Array, start: number): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== buf[start + i]) return false;
  return true;
}
