// Messages between the launcher and a worker over the fork IPC channel (JSON, Node's "json"
// serialization). Data between nodes never goes this way: it goes over the transport links.
import type { RunSummary } from "../telemetry/summary.js";
import type { Usage } from "../telemetry/process-usage.js";
import type { LiveParts, WindowOptions } from "../telemetry/window.js";
import type { ProcessPlan } from "./plan.js";

export interface WorkerSetup {
  readonly configFile: string;
  readonly sets: readonly string[];
  readonly logLevel: string;
  readonly plan: ProcessPlan;
  /** Heartbeat period, ms. */
  readonly heartbeatMs: number;
  /** The config itself, for a worker on another board (where `configFile` does not exist). */
  readonly configText?: string;
  /** On another board: that board's key pair (the agent's), for link ends the plan gives no key file. */
  readonly agentSecretFile?: string;
  /** Dashboard on: keep a sliding window of the figures and report it every window interval. */
  readonly live?: WindowOptions;
  /** "hil": the built-in node types plus the HIL fault nodes (a scenario's graph); default built-ins. */
  readonly registry?: "builtin" | "hil";
}

/** How a cross-process edge stands, from its consumer's side. */
export interface LinkReport {
  readonly edge: string;
  readonly connected: boolean;
  readonly stale: boolean;
  readonly staleEpisodes: number;
  readonly deadlineMisses: number;
  readonly delivered: number;
  readonly droppedGap: number;
  readonly droppedQos: number;
  /** Every message refused at the consumer: undecodable, or not the edge's type or topic. */
  readonly badFrames: number;
  /** Producer restarts seen (a step back, or a jump past plausible loss): not drops. */
  readonly seqResets: number;
  /** Of badFrames: well-formed messages of another type, or from another output, than the edge's. */
  readonly wrongType?: number;
  readonly wrongTopic?: number;
  /** Connections dropped for a protocol error (a frame over the edge's size limit) and re-opened. */
  readonly protocolDrops?: number;
}

/** How a cross-process edge stands, from its producer's side (the link sender). */
export interface SendReport {
  readonly edge: string;
  /** Messages handed to ZeroMQ for a receiver. */
  readonly sent: number;
  /** Sent while no receiver was there (down, restarting, not yet connected): lost. */
  readonly noReceiver: number;
  /** Refused at a receiver's full queue (it did not keep up): lost; its receiver sees them as gaps. */
  readonly queueFull: number;
  /** Messages that could not be encoded: lost. */
  readonly encodeErrors: number;
  /** Messages a local peer sent to the sender that are no control frame: ignored. */
  readonly junk: number;
  /** CurveZMQ clients refused. */
  readonly authRefused: number;
}

export interface WorkerReport {
  readonly process: string;
  readonly pid: number;
  readonly summary: RunSummary;
  readonly links: readonly LinkReport[];
  /** The links this worker sends on. Optional: a worker of an older version sends none. */
  readonly sends?: readonly SendReport[];
  /** This worker's CPU% and RSS since its last report. */
  readonly usage?: Usage;
  /** The sliding window's figures (when setup.live asked for them), for the dashboard. */
  readonly live?: LiveParts;
  /** Links this worker sends on that inject corruption (HIL): messages sent corrupted. */
  readonly corrupted?: readonly { readonly edge: string; readonly corrupted: number }[];
}

/**
 * setup: the plan; go: start; draining: the run is ending (upstream workers will go away: that is not
 * staleness); stop: stop, flush and send the final figures.
 */
export type ToWorker =
  | { t: "setup"; setup: WorkerSetup }
  | { t: "go" }
  | { t: "draining" }
  | { t: "stop"; flushMs: number }
  // The supervisor saw this upstream process die: its edges into this worker are stale now.
  | { t: "upstream-down"; process: string };

export type FromWorker =
  | { t: "hb" }
  | { t: "ready" }
  | { t: "metrics"; report: WorkerReport }
  | { t: "stopped"; report: WorkerReport }
  | { t: "failed"; error: string };
