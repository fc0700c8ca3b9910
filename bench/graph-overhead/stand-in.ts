// Diagnostic only (--histogram-stand-in): replaces LatencyHistogram.record, process-wide, to tell what a
// hop's two histogram records cost apart from the rest of the runtime. Figures from such a run are not
// the runtime's and meet no target.
// - none: record does nothing.
// - small-array / large-array: a plain counter increment into a typed array of 64 bytes or of HDR's
//   counts size (110 KB) at HDR's index: is the cost HDR's arithmetic or the memory its counts occupy?
// - unstaged: the record path before the staging buffer (sdk/telemetry/histogram.ts up to 51f44df, now sdk/core/histogram.ts),
//   verbatim: every record goes into the HDR counts at once, loading a counts-array line each time.
import type * as hdr from "hdr-histogram-js";
import { LatencyHistogram } from "../../sdk/core/histogram.js";

export const STAND_INS = ["none", "small-array", "large-array", "unstaged"] as const;
export type StandIn = (typeof STAND_INS)[number];

/** The size of the counts array of the histograms the runtime builds (Int32, 1 ns .. 60 s, 3 digits). */
const HDR_COUNTS_LENGTH = 27_648;

const slot = Symbol("stand-in counts");
type WithSlot = LatencyHistogram & { [slot]?: Int32Array };
/** LatencyHistogram's private fields, which the old record path used (TypeScript-private only). */
interface Inside {
  readonly h: hdr.Int32Histogram;
  readonly bucketShift: number;
}

export function installStandIn(kind: StandIn): void {
  const proto = LatencyHistogram.prototype as WithSlot;
  if (kind === "unstaged") {
    proto.record = function record(this: LatencyHistogram, ns: number): void {
      const self = this as unknown as Inside;
      const v = ns > 0 ? Math.round(ns) : 0;
      const h = self.h;
      if (v < 0x80000000) {
        const bucket = Math.max(31 - Math.clz32(v) - self.bucketShift, 0);
        const index = ((bucket + 1) << h.subBucketHalfCountMagnitude) + (v >>> (bucket + h.unitMagnitude)) - h.subBucketHalfCount;
        if (index < h.countsArrayLength) {
          h.incrementCountAtIndex(index);
          h.updateMinAndMax(v);
          h.incrementTotalCount();
          return;
        }
      }
      h.recordValue(v);
    };
    return;
  }
  if (kind === "none") {
    proto.record = function record(): void {};
    return;
  }
  const small = kind === "small-array";
  const length = small ? 16 : HDR_COUNTS_LENGTH; // 64 bytes (on V8's heap) or 110 KB (off it), as HDR's
  proto.record = function record(this: WithSlot, ns: number): void {
    const v = ns > 0 ? Math.round(ns) : 0;
    let counts = this[slot];
    if (!counts) this[slot] = counts = new Int32Array(length);
    // The large array is indexed as HDR indexes values below 2048 ns (the value itself), so the same
    // bytes of it are touched.
    counts[small ? v & 15 : Math.min(v, length - 1)]!++;
  };
}
