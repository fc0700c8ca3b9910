// Parses the lines `tegrastats` prints on Jetson (one per interval), and `nvpmodel -q`. The format is
// NVIDIA's (L4T tegrastats docs); fields differ between boards and releases, so every field is optional:
//   Orin (JetPack 5/6): RAM 2870/30536MB (lfb 6265x4MB) SWAP 0/15268MB (cached 0MB) CPU [0%@729,...]
//     EMC_FREQ 0%@2133 GR3D_FREQ 0%@[305,305] ... CPU@46.937C tj@47.281C GPU@-256C ...
//     VDD_GPU_SOC 2396mW/2396mW VDD_CPU_CV 399mW/399mW VIN_SYS_5V0 2821mW/2821mW ...
//   Orin Nano/NX: ... GR3D_FREQ 0%@[624] ... VDD_IN 5013mW/5013mW VDD_CPU_GPU_CV 517mW/517mW ...
//   Xavier / Nano (JetPack 4): ... EMC_FREQ 0%@1600 GR3D_FREQ 0%@114 ... POM_5V_IN 2375/2375 ...
// A temperature of -256C is a sensor that is off: left out.
import type { DeviceSnap } from "./device-snap.js";

/** At or above this junction/CPU/GPU temperature Orin's thermal software starts throttling clocks. */
export const THROTTLE_TEMP_C = 99;

/** Input rails that measure the whole module (preferred over summing the per-rail figures). */
const TOTAL_RAILS = ["VDD_IN", "POM_5V_IN"];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function parseTegrastats(line: string): DeviceSnap {
  const out: Mutable<DeviceSnap> = { source: "tegrastats" };
  const ram = /\bRAM (\d+)\/(\d+)MB/.exec(line);
  if (ram) {
    out.memUsedMb = Number(ram[1]);
    out.memTotalMb = Number(ram[2]);
  }
  const gpu = /\bGR3D_FREQ (\d+)%/.exec(line);
  if (gpu) out.gpuLoadPct = Number(gpu[1]);
  const emc = /\bEMC_FREQ (\d+)%/.exec(line);
  if (emc) out.emcPct = Number(emc[1]);

  const temps: Record<string, number> = {};
  for (const m of line.matchAll(/\b([A-Za-z][\w]*)@(-?\d+(?:\.\d+)?)C\b/g)) {
    const v = Number(m[2]);
    if (v > -200) temps[m[1]!] = v;
  }
  if (Object.keys(temps).length > 0) {
    out.tempsC = temps;
    out.throttling = Object.entries(temps).some(([k, v]) => /^(tj|cpu|gpu|soc\d*)$/i.test(k) && v >= THROTTLE_TEMP_C);
  }

  // Rails: "NAME cur/avg" with mW units (JetPack 5+) or bare mW figures (JetPack 4).
  const rails = new Map<string, number>();
  for (const m of line.matchAll(/\b([A-Z][A-Z0-9_]+) (\d+)(?:mW)?\/(\d+)(?:mW)?\b/g)) {
    const name = m[1]!;
    if (name === "RAM" || name === "SWAP" || name === "NC") continue;
    rails.set(name, Number(m[2]));
  }
  if (rails.size > 0) {
    const total = TOTAL_RAILS.find((r) => rails.has(r));
    const mw = total !== undefined ? rails.get(total)! : [...rails.values()].reduce((a, v) => a + v, 0);
    out.powerW = Math.round(mw) / 1000;
  }
  return out;
}

/** The power mode's name from `nvpmodel -q` ("NV Power Mode: MAXN" then its id on the next line). */
export function parseNvpmodel(text: string): string | undefined {
  const m = /NV Power Mode:\s*(.+)/.exec(text);
  return m ? m[1]!.trim() : undefined;
}
