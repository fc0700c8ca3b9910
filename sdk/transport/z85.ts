// Z85 (ZeroMQ RFC 32), the text form of CurveZMQ keys. ZAP hands the handler a client's key as 32 raw
// bytes; the allowed set and the logs use the 40-character Z85 form.
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function z85Encode(bytes: Uint8Array): string {
  if (bytes.length % 4 !== 0) throw new RangeError("z85 encodes a multiple of 4 bytes");
  let out = "";
  for (let i = 0; i < bytes.length; i += 4) {
    let value = ((bytes[i] as number) * 0x1000000 + ((bytes[i + 1] as number) << 16) + ((bytes[i + 2] as number) << 8) + (bytes[i + 3] as number)) >>> 0;
    const chunk: string[] = [];
    for (let j = 0; j < 5; j++) {
      chunk.push(ALPHABET[value % 85] as string);
      value = Math.floor(value / 85);
    }
    out += chunk.reverse().join("");
  }
  return out;
}

/** The bytes of a Z85 string, or undefined when it is not valid Z85. */
export function z85Decode(text: string): Uint8Array | undefined {
  if (text.length % 5 !== 0) return undefined;
  const out = new Uint8Array((text.length / 5) * 4);
  for (let i = 0, o = 0; i < text.length; i += 5, o += 4) {
    let value = 0;
    for (let j = 0; j < 5; j++) {
      const code = text.charCodeAt(i + j);
      const digit = code < 128 ? (DECODE[code] as number) : -1;
      if (digit < 0) return undefined;
      value = value * 85 + digit;
    }
    if (value > 0xffffffff) return undefined;
    out[o] = value >>> 24;
    out[o + 1] = (value >>> 16) & 0xff;
    out[o + 2] = (value >>> 8) & 0xff;
    out[o + 3] = value & 0xff;
  }
  return out;
}

/** True for a 40-character Z85 CurveZMQ key (32 bytes). */
export function isCurveKey(text: string): boolean {
  return text.length === 40 && z85Decode(text) !== undefined;
}
