// What a scenario's run measured, before the budgets judge it: the run's summary, the actuator's
// commands, the faults that fired and what the recorders wrote.
import type { ProcessRow } from "../process/launcher.js";
import type { RunSummary } from "../telemetry/summary.js";
import type { CommandRecord } from "./actuator-probe.js";
import type { EffectiveGraph } from "./effective-graph.js";

/** What a recorder said it wrote: one entry per incarnation of its process (restarts add parts). */
export interface RecorderPart {
  /** 0 for the first recorder, k for the one of restart k (file recordingPart(file, k)). */
  readonly part: number;
  /** Messages it took, had on disk, dropped, as of its last report. */
  readonly recorded: number;
  readonly flushed: number;
  readonly dropped: number;
  /** The recorder stopped cleanly and closed its file (false: its process died; figures are its last report's). */
  readonly closed: boolean;
}

export interface KillRecord {
  readonly process: string;
  /** Clock ns (CLOCK_MONOTONIC, shared with the workers) of the SIGKILL. */
  readonly atNs: number;
  readonly pid: number | undefined;
}

/** What a run measured, before budgets judge it. */
export interface Measured {
  readonly summary: RunSummary;
  readonly clock: "virtual" | "real";
  readonly wallS: number;
  /** Commands at the actuator (single-process runs). */
  readonly commands?: readonly CommandRecord[];
  readonly staleMs: number | undefined;
  readonly watchdog: string | undefined;
  readonly kills: readonly KillRecord[];
  readonly processes?: readonly ProcessRow[];
  readonly graph: EffectiveGraph;
  /** Cross-process links with a corrupt fault: messages their senders corrupted, bad frames their receivers dropped. */
  readonly links?: readonly { readonly edge: string; readonly corrupted: number; readonly badFrames: number }[];
  /** The scenario's recorder (`record:`), per part. */
  readonly recorderParts?: readonly RecorderPart[];
}
