// Reads GPU figures from `nvidia-smi --query-gpu=<NVIDIA_SMI_FIELDS> --format=csv,noheader,nounits`
// on machines that are not Jetsons (one line per GPU; the first GPU is reported, the note says how many).
import type { DeviceSnap } from "./device-snap.js";

export const NVIDIA_SMI_FIELDS = [
  "name",
  "utilization.gpu",
  "utilization.memory",
  "memory.used",
  "memory.total",
  "temperature.gpu",
  "power.draw",
  "pstate",
  "clocks_throttle_reasons.active",
] as const;

export const nvidiaSmiArgs = (): string[] => [`--query-gpu=${NVIDIA_SMI_FIELDS.join(",")}`, "--format=csv,noheader,nounits"];

/**
 * Throttle reasons that slow the clocks down (nvml's bitmask): SW power cap 0x4, HW slowdown 0x8,
 * SW thermal 0x20, HW thermal 0x40, HW power brake 0x80. GPU idle (0x1) and application clocks (0x2)
 * are not throttling.
 */
const SLOWDOWN_MASK = 0x4 | 0x8 | 0x20 | 0x40 | 0x80;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function parseNvidiaSmi(csv: string): DeviceSnap {
  const lines = csv.split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
  const first = lines[0];
  if (!first) return { source: "nvidia-smi", note: "nvidia-smi listed no GPU" };
  const cells = first.split(",").map((c) => c.trim());
  const field = (name: (typeof NVIDIA_SMI_FIELDS)[number]): string | undefined => cells[NVIDIA_SMI_FIELDS.indexOf(name)];
  // "[N/A]" / "[Not Supported]" and the like: absent.
  const num = (name: (typeof NVIDIA_SMI_FIELDS)[number]): number | undefined => {
    const v = field(name);
    if (v === undefined || v === "" || v.startsWith("[")) return undefined;
    const n = name === "clocks_throttle_reasons.active" ? Number.parseInt(v, 16) : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const out: Mutable<DeviceSnap> = { source: "nvidia-smi", note: `${field("name") ?? "GPU"}${lines.length > 1 ? ` (GPU 0 of ${lines.length})` : ""}` };
  const set = <K extends keyof DeviceSnap>(k: K, v: DeviceSnap[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  set("gpuLoadPct", num("utilization.gpu"));
  set("emcPct", num("utilization.memory"));
  set("memUsedMb", num("memory.used"));
  set("memTotalMb", num("memory.total"));
  const t = num("temperature.gpu");
  if (t !== undefined) out.tempsC = { gpu: t };
  set("powerW", num("power.draw"));
  const pstate = field("pstate");
  if (pstate && !pstate.startsWith("[")) out.powerMode = pstate;
  const reasons = num("clocks_throttle_reasons.active");
  if (reasons !== undefined) out.throttling = (reasons & SLOWDOWN_MASK) !== 0;
  return out;
}
