// Measures the staged histograms' folds inside the benchmark's chain: they run after the synchronous
// chain (a microtask), so they are not in any hop's latency, but they are CPU time the runtime spends
// per message. Wraps LatencyHistogram.flush process-wide (two clock reads per fold, i.e. per ~192 records).
import type { Clock } from "../../sdk/core/clock.js";
import { LatencyHistogram } from "../../sdk/core/histogram.js";

export interface FoldMeter {
  /** Time spent folding since the last reset, ns. */
  readonly ns: number;
  /** Values folded since the last reset. */
  readonly values: number;
  readonly folds: number;
  reset(): void;
}

export function installFoldMeter(clock: Clock): FoldMeter {
  const proto = LatencyHistogram.prototype;
  const fold = proto.flush;
  const m = { ns: 0, values: 0, folds: 0, reset(): void {
    m.ns = 0;
    m.values = 0;
    m.folds = 0;
  } };
  proto.flush = function flush(this: LatencyHistogram): void {
    const n = this.pending;
    if (n === 0) return;
    const t0 = clock.nowNs();
    fold.call(this);
    m.ns += clock.nowNs() - t0;
    m.values += n;
    m.folds++;
  };
  return m;
}
