// Golden outputs: the commands a reference run sent to the actuator, kept as JSON next to the
// scenarios (`reflex hil run --update-golden` writes it). A later run under the virtual clock must
// send the same commands at the same times, each value within the scenario's tolerance.
import { readFile, writeFile } from "node:fs/promises";
import type { CommandRecord } from "./actuator-probe.js";

export interface GoldenFile {
  readonly scenario: string;
  readonly note: string;
  readonly commands: readonly { t_ms: number; hold: boolean; data: readonly number[] }[];
}

export interface GoldenDiff {
  readonly compared: number;
  /** Commands that differ: count, time, hold flag, or a value beyond the tolerance. */
  readonly mismatches: number;
  readonly maxAbsDiff: number;
  /** The first difference, for people. */
  readonly first?: string;
}

export async function readGolden(file: string): Promise<GoldenFile | string> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as GoldenFile;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    return `cannot read the golden file ${file}: ${why} (write it with \`reflex hil run <scenario> --update-golden\`)`;
  }
}

export async function writeGolden(file: string, scenario: string, commands: readonly CommandRecord[]): Promise<void> {
  const g: GoldenFile = {
    scenario,
    note: "commands at the actuator of a reference run under the virtual clock (reflex hil run --update-golden)",
    commands: commands.map((c) => ({ t_ms: round(c.tMs), hold: c.hold, data: c.data.map(round) })),
  };
  await writeFile(file, `${JSON.stringify(g)}\n`);
}

export function compareGolden(golden: GoldenFile, commands: readonly CommandRecord[], tolerance: number): GoldenDiff {
  let mismatches = Math.abs(golden.commands.length - commands.length);
  let maxAbsDiff = 0;
  let first: string | undefined = mismatches > 0 ? `${commands.length} commands, the reference has ${golden.commands.length}` : undefined;
  const n = Math.min(golden.commands.length, commands.length);
  for (let i = 0; i < n; i++) {
    const g = golden.commands[i]!;
    const c = commands[i]!;
    let bad = Math.abs(g.t_ms - round(c.tMs)) > 1e-6 || g.hold !== c.hold || g.data.length !== c.data.length;
    for (let k = 0; k < Math.min(g.data.length, c.data.length); k++) {
      const d = Math.abs(g.data[k]! - round(c.data[k]!));
      if (d > maxAbsDiff) maxAbsDiff = d;
      if (d > tolerance) bad = true;
    }
    if (bad) {
      mismatches++;
      first ??= `command ${i} at ${c.tMs.toFixed(3)} ms differs from the reference (at ${g.t_ms} ms, hold ${g.hold})`;
    }
  }
  return { compared: n, mismatches, maxAbsDiff, ...(first ? { first } : {}) };
}

// JSON keeps 9 significant digits: float32 action values survive exactly, times to the ns.
function round(v: number): number {
  return Number(v.toPrecision(9));
}
