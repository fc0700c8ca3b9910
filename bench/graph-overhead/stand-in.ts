// Diagnostic only (--histogram-stand-in): replaces LatencyHistogram.record, process-wide, by a plain
// counter increment into a typed array of a chosen size, to tell what a hop's two histogram records cost
// apart from the rest of the runtime, and whether that cost is HDR's arithmetic or the memory its
// counts array occupies. Figures from such a run are not the runtime's and meet no target.
// `unstaged` is the record path before the staging buffer: every record goes into the HDR counts at once.
import { LatencyHistogram } from "../../sdk/telemetry/histogram.js";

export const STAND_INS = ["none", "small-array", "large-array", "unstaged"] as const;
export type StandIn = (typeof STAND_INS)[number];

/** The size of the counts array of the histograms the runtime builds (Int32, 1 ns .. 60 s, 3 digits). */
const HDR_COUNTS_LENGTH = 27_648;

const slot = Symbol("stand-in counts");
type WithSlot = LatencyHistogram & { [slot]?: Int32Array };

export function installStandIn(kind: StandIn): void {
  const proto = LatencyHistogram.prototype as WithSlot;
  if (kind === "unstaged") {
    const staged = proto.record;
    proto.record = function record(this: WithSlot, ns: number): void {
      staged.call(this, ns);
      this.flush();
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
