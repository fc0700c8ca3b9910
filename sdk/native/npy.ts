// Reads NumPy .npy files holding float32 arrays (little-endian '<f4', C order), the format a team's Python
// recording tools write calibration inputs in. Versions 1.0-3.0 of the header.
import { readFileSync } from "node:fs";

export interface NpyArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export function readNpyFloat32(path: string): NpyArray {
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
  if (descr !== "<f4") fail(`dtype ${descr ?? "?"}; calibration inputs must be float32 ('<f4'): save with arr.astype(np.float32)`);
  if (fortran !== "False") fail("Fortran-ordered array; save a C-ordered one (np.ascontiguousarray)");
  if (shapeText === undefined) fail("no shape in the header");
  const shape = (shapeText as string).split(",").map((s) => s.trim()).filter((s) => s !== "").map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = headerStart + headerLen;
  if (buf.length - offset !== count * 4) fail(`holds ${buf.length - offset} data bytes, shape ${JSON.stringify(shape)} needs ${count * 4}`);
  // Copy into an aligned buffer (the data offset need not be a multiple of 4).
  const data = new Float32Array(count);
  new Uint8Array(data.buffer).set(buf.subarray(offset, offset + count * 4));
  return { shape, data };
}
