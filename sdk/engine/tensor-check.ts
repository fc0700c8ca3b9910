// Checks feeds against what an engine declares, before anything reaches the backend, so a mismatch
// is a ShapeError naming the tensor, the expected and the given shape instead of a backend stack trace.

import { ShapeError, type AnyTypedArray, type DType, type Tensor, type TensorInfo } from "./engine.js";

/** "float32 [1, patches, 192]": dynamic axes print as their names. */
export function formatSpec(info: Pick<TensorInfo, "dtype" | "shape">): string {
  return `${info.dtype} [${info.shape.join(", ")}]`;
}

/** "Float32Array [1, 10, 191] (1910 values)". */
export function formatGiven(tensor: Tensor): string {
  return `${tensor.dtype} [${tensor.shape.join(", ")}] as ${arrayKind(tensor.data)} of ${tensor.data.length} values`;
}

/** The typed array each dtype travels in (float16 as raw IEEE half bits, bool as bytes). */
export function arrayKindOf(dtype: DType): string {
  switch (dtype) {
    case "float32":
      return "Float32Array";
    case "float16":
      return "Uint16Array";
    case "int8":
      return "Int8Array";
    case "uint8":
    case "bool":
      return "Uint8Array";
    case "int32":
      return "Int32Array";
    case "int64":
      return "BigInt64Array";
  }
}

function arrayKind(data: AnyTypedArray): string {
  return data.constructor.name;
}

export function elementCount(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Throws a ShapeError for the first feed that does not fit: a missing or unknown name, a wrong dtype or
 * array type, a wrong rank or fixed dim, a data length that is not the shape's product, or a dynamic axis
 * bound to two different sizes by two feeds of one run (e.g. "patches" in patches and patch_index).
 */
export function checkFeeds(inputs: readonly TensorInfo[], feeds: Readonly<Record<string, Tensor>>): void {
  for (const name of Object.keys(feeds)) {
    if (!inputs.some((i) => i.name === name)) {
      throw new ShapeError(name, `one of the inputs ${inputs.map((i) => `"${i.name}"`).join(", ")}`, "a feed of that name");
    }
  }
  const axes = new Map<string, { size: number; from: string }>();
  for (const info of inputs) {
    const feed = feeds[info.name];
    if (feed === undefined) throw new ShapeError(info.name, formatSpec(info), "no feed (missing)");
    checkOne(info, feed, axes);
  }
}

function checkOne(info: TensorInfo, feed: Tensor, axes: Map<string, { size: number; from: string }>): void {
  const mismatch = (why: string): ShapeError => new ShapeError(info.name, formatSpec(info), `${formatGiven(feed)} (${why})`);
  if (feed.dtype !== info.dtype) throw mismatch("wrong dtype");
  if (arrayKind(feed.data) !== arrayKindOf(info.dtype)) throw mismatch(`${info.dtype} data must be a ${arrayKindOf(info.dtype)}`);
  if (feed.shape.length !== info.shape.length) throw mismatch(`rank ${feed.shape.length}, expected rank ${info.shape.length}`);
  for (let i = 0; i < info.shape.length; i++) {
    const want = info.shape[i] as number | string;
    const got = feed.shape[i] as number;
    if (!Number.isInteger(got) || got < 0) throw mismatch(`dim ${i} is not a size`);
    if (typeof want === "number") {
      // ORT reports an unnamed dynamic dim as -1 (or 0 for some exporters); those accept any size.
      if (want > 0 && got !== want) throw mismatch(`dim ${i} is ${got}, expected ${want}`);
    } else if (want !== "") {
      const bound = axes.get(want);
      if (bound === undefined) axes.set(want, { size: got, from: info.name });
      else if (bound.size !== got) {
        throw mismatch(`dynamic axis "${want}" is ${got} here but ${bound.size} in "${bound.from}"`);
      }
    }
  }
  const count = elementCount(feed.shape);
  if (feed.data.length !== count) throw mismatch(`shape holds ${count} values`);
}
