// Calibrator: named Float32Arrays in, batch by batch; amax and symmetric INT8 scale per tensor out.
// Histogram collection and threshold searches run in the native addon off the event loop (AsyncWorker) and
// read the arrays in place: do not write to an array until the collect() promise it was passed to settles.
import { loadNative, type NativeAddon, type NativeCalibrator, type NativeHistogram } from "../native/addon.js";

export type CalibrationMethod = "entropy" | "minmax" | "percentile";
export const CALIBRATION_METHODS: readonly CalibrationMethod[] = ["entropy", "minmax", "percentile"];

export interface CalibratorOptions {
  /** Histogram bins over [0, range); a power of two. Default 2048. */
  readonly bins?: number;
  /**
   * Most threads one tensor's collect() may use: batches of at least 2^20 values are split into contiguous
   * chunks (results do not depend on the count). Default 0 = the machine's hardware threads (at most 8).
   */
  readonly threads?: number;
  /** The addon to use (tests inject nothing else; the default loads native/build). */
  readonly addon?: NativeAddon;
}

export interface ComputeOptions {
  readonly method: CalibrationMethod;
  /** For method "percentile", in (0, 100]. Default 99.99. */
  readonly percentile?: number;
  /** INT8 levels of |x| for the entropy search. Default 128. */
  readonly quantBins?: number;
}

export interface TensorCalibration {
  readonly name: string;
  readonly method: CalibrationMethod;
  /** Clipping threshold in the tensor's units. */
  readonly amax: number;
  /** Symmetric INT8 scale, float32: amax / 127. */
  readonly scale: number;
  /** Cut-off bin count (entropy, percentile). */
  readonly bin: number;
  /** KL at the chosen cut-off (entropy only, else 0). */
  readonly divergence: number;
  /** Largest finite |x| seen. */
  readonly maxAbs: number;
  readonly samples: number;
  readonly nonFinite: number;
}

/** Symmetric INT8 scale for a clipping threshold, rounded to float32 as TensorRT stores it. */
export function int8Scale(amax: number): number {
  return Math.fround(amax / 127);
}

export class Calibrator {
  private readonly native: NativeCalibrator;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: CalibratorOptions = {}) {
    const addon = options.addon ?? loadNative();
    this.native = new addon.Calibrator(options.bins, options.threads);
  }

  /** Threads one tensor's collect() may use (after resolving 0 to the hardware threads). */
  get threads(): number {
    return this.native.threads;
  }

  /** Adds one batch: every named tensor's values go into that tensor's |x| histogram. */
  collect(batch: Readonly<Record<string, Float32Array>>): Promise<void> {
    const names = Object.keys(batch);
    const arrays = names.map((n) => {
      const a = batch[n];
      if (!(a instanceof Float32Array)) throw new TypeError(`calibration tensor "${n}" must be a Float32Array`);
      return a;
    });
    return this.enqueue(() => this.native.collect(names, arrays));
  }

  async compute(options: ComputeOptions): Promise<Map<string, TensorCalibration>> {
    const results = await this.enqueue(() => this.native.compute(options.method, options.percentile, options.quantBins));
    const out = new Map<string, TensorCalibration>();
    for (const r of results) {
      out.set(r.name, {
        name: r.name,
        method: options.method,
        amax: r.amax,
        scale: int8Scale(r.amax),
        bin: r.bin,
        divergence: options.method === "entropy" ? r.divergence : 0,
        maxAbs: r.maxAbs,
        samples: r.total,
        nonFinite: r.nonFinite,
      });
    }
    return out;
  }

  /** A copy of a tensor's histogram once pending work is done (undefined for a name never collected). */
  async histogram(name: string): Promise<NativeHistogram | undefined> {
    return this.enqueue(async () => this.native.histogram(name));
  }

  async tensorNames(): Promise<string[]> {
    return this.enqueue(async () => this.native.names());
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
