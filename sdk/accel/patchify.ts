// Cuts an RGB8 image (row-major, HWC) into the model's patches: row-major over the grid, each patch
// flattened HWC, the layout the tiny-vla trainer uses.

export interface PatchGeometry {
  readonly width: number;
  readonly height: number;
  /** Patch side in pixels. */
  readonly patch: number;
  readonly rows: number;
  readonly cols: number;
}

/** Fills `out` (rows*cols patches x patch*patch*3) with pixel / 255. */
export function patchify(image: Uint8Array, g: PatchGeometry, out: Float32Array): Float32Array {
  const { width, patch, rows, cols } = g;
  const rowValues = patch * 3;
  const patchDim = patch * rowValues;
  if (image.length !== width * g.height * 3) throw new RangeError(`image: expected ${width}x${g.height} RGB8 (${width * g.height * 3} bytes), got ${image.length} bytes`);
  if (out.length < rows * cols * patchDim) throw new RangeError(`patchify: out holds ${out.length} values, needs ${rows * cols * patchDim}`);
  const inv = 1 / 255;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let o = (r * cols + c) * patchDim;
      for (let y = 0; y < patch; y++) {
        // One patch row is contiguous in the image: patch pixels of 3 channels.
        let i = ((r * patch + y) * width + c * patch) * 3;
        for (let k = 0; k < rowValues; k++) out[o++] = (image[i++] as number) * inv;
      }
    }
  }
  return out;
}

/**
 * Copies the patches `indices` of `pixels01` into `out`, normalised per channel ((x - mean) / std), and
 * their indices into `indexOut`. Returns the number of patches written.
 */
export function gatherNormalisedPatches(
  pixels01: Float32Array,
  patchDim: number,
  indices: Int32Array,
  mean: readonly number[],
  std: readonly number[],
  out: Float32Array,
  indexOut: BigInt64Array,
): number {
  const [m0, m1, m2] = mean as [number, number, number];
  const [s0, s1, s2] = [1 / (std[0] as number), 1 / (std[1] as number), 1 / (std[2] as number)];
  // Indices are written as int32 pairs (low word, high word 0) through a view, so no BigInt is made per
  // patch; every platform Node runs Reflex on (x64, arm64) is little-endian.
  const words = new Int32Array(indexOut.buffer, indexOut.byteOffset, indexOut.length * 2);
  for (let r = 0; r < indices.length; r++) {
    const p = indices[r] as number;
    words[2 * r] = p;
    words[2 * r + 1] = 0;
    let i = p * patchDim;
    let o = r * patchDim;
    for (let k = 0; k < patchDim; k += 3) {
      out[o++] = ((pixels01[i++] as number) - m0) * s0;
      out[o++] = ((pixels01[i++] as number) - m1) * s1;
      out[o++] = ((pixels01[i++] as number) - m2) * s2;
    }
  }
  return indices.length;
}
