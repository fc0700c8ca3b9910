// The contract every inference backend meets (ONNX Runtime here, TensorRT through native/ on Jetson).
// Engines know nothing of graphs: tensors in, tensors out.

export type DType = "float32" | "float16" | "int8" | "uint8" | "int32" | "int64" | "bool";

export type TypedArrayOf<D extends DType> = D extends "float32"
  ? Float32Array
  : D extends "float16"
    ? Uint16Array
    : D extends "int8"
      ? Int8Array
      : D extends "uint8" | "bool"
        ? Uint8Array
        : D extends "int32"
          ? Int32Array
          : BigInt64Array;

export type AnyTypedArray = Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;

/** A tensor the engine declares: dims are numbers, or a name for a dynamic axis ("tokens", "batch"). */
export interface TensorInfo {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly (number | string)[];
}

/** A tensor passed in or out: the typed array is used in place, never copied by the engine layer. */
export interface Tensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly data: AnyTypedArray;
}

export type Backend = "onnxruntime" | "tensorrt";
export type BackendChoice = Backend | "auto";

export interface Engine {
  readonly backend: Backend;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** Runs once. Rejects with a ShapeError when a feed's name, dtype or shape does not fit `inputs`. */
  run(feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, Tensor>>;
  dispose(): Promise<void>;
}

/** A feed that does not fit the engine: names the tensor, what was expected and what was given. */
export class ShapeError extends Error {
  constructor(
    readonly tensor: string,
    readonly expected: string,
    readonly given: string,
  ) {
    super(`tensor "${tensor}": expected ${expected}, given ${given}`);
    this.name = "ShapeError";
  }
}
