// NumPy .npy files holding float32 ('<f4') or int64 ('<i8') arrays, little-endian, C order: the format a
// team's Python recording tools write calibration inputs in (int64 for token ids and indices). Reads header
// versions 1.0-3.0; writes version 1.0 (what np.save writes for small headers), so np.load reads ours.
import { readFileSync, writeFileSync } from "node:fs";

export type NpyDtype = "float32" | "int64";

export interface NpyAnyArray {
  readonly shape: readonly number[];
  readonly dtype: NpyDtype;
  readonly data: Float32Array | BigInt64Array;
}

const DESCR: Record<string, NpyDtype> = { "<f4": "float32", "<i8": "int64" };

export function readNpy(path: string): NpyAnyArray {
  const buf = readFileSync(path);
  const fail = (what: string): never => {
    throw new Error(`${path}: ${what}`);
  };
  if (buf.length < 10 || buf.toString("latin1", 0, 6) !== "\x93NUMPY") fail("not a .npy file (bad magic)");
  const major = buf[6] as number;
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = buf.toString("latin1", headerStart, headerStart + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  const dtype = descr === undefined ? undefined : DESCR[descr];
  if (dtype === undefined) fail(`dtype ${descr ?? "?"}; expected float32 ('<f4') or int64 ('<i8'): save with arr.astype(np.float32)`);
  if (fortran !== "False") fail("Fortran-ordered array; save a C-ordered one (np.ascontiguousarray)");
  if (shapeText === undefined) fail("no shape in the header");
  const shape = (shapeText as string).split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const itemSize = dtype === "int64" ? 8 : 4;
  const offset = headerStart + headerLen;
  if (buf.length - offset !== count * itemSize) fail(`holds ${buf.length - offset} data bytes, shape ${JSON.stringify(shape)} needs ${count * itemSize}`);
  // Copy into an aligned buffer (the data offset need not be a multiple of the item size).
  const data = dtype === "int64" ? new BigInt64Array(count) : new Float32Array(count);
  new Uint8Array(data.buffer).set(buf.subarray(offset, offset + count * itemSize));
  return { shape, dtype: dtype as NpyDtype, data };
}

/** The bytes of a version 1.0 .npy file (header padded to a multiple of 64 bytes, as NumPy does). */
export function encodeNpy(shape: readonly number[], data: Float32Array | BigInt64Array): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new RangeError(`npy: shape ${JSON.stringify(shape)} holds ${count} values, data has ${data.length}`);
  const descr = data instanceof BigInt64Array ? "<i8" : "<f4";
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += " ".repeat((64 - (unpadded % 64)) % 64) + "\n";
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0); // \x93NUMPY v1.0
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}

export function writeNpy(path: string, shape: readonly number[], data: Float32Array | BigInt64Array): void {
  writeFileSync(path, encodeNpy(shape, data));
}
