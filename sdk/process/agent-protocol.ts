// Messages between the launcher (main board) and a `reflex agent` (another board), one JSON frame each
// over a CurveZMQ DEALER (launcher) / ROUTER (agent) connection. They carry the same launcher <-> worker
// messages as the fork IPC channel does on one board (ToWorker / FromWorker), addressed by process
// name, plus what the agent does itself: fork, kill, report exits.
import type { FromWorker, ToWorker } from "./protocol.js";

export const AGENT_PROTOCOL = 1;

export type ToAgent =
  | { t: "hello"; protocol: number }
  | { t: "ping" }
  /**
   * Fork a worker for process `name`; its setup follows as { t: "to", m: { t: "setup" } }. `env` holds
   * REFLEX_RESTART for a restarted worker; `runElapsedNs` is the run's age when the launcher sent this
   * (a restarted worker's REFLEX_RUN_START_NS, translated to the agent's clock: see agent-env.ts).
   */
  | { t: "spawn"; name: string; env: Record<string, string>; runElapsedNs?: number }
  | { t: "to"; name: string; m: ToWorker }
  | { t: "kill"; name: string; signal: NodeJS.Signals }
  /** The launcher is done: the agent lets go of this session's workers. */
  | { t: "bye" };

export type FromAgent =
  | { t: "welcome"; protocol: number; host: string; pid: number }
  | { t: "pong" }
  | { t: "spawned"; name: string; pid: number }
  | { t: "spawn-failed"; name: string; error: string }
  | { t: "from"; name: string; pid: number; m: FromWorker }
  | { t: "exit"; name: string; pid: number; code: number | null; signal: NodeJS.Signals | null };

/** The parsed message, or undefined for a frame that is not one (counted and logged by the caller). */
export function parseFrame<T extends { t: string }>(frame: Buffer | undefined): T | undefined {
  if (!frame) return undefined;
  try {
    const v: unknown = JSON.parse(frame.toString("utf8"));
    return typeof v === "object" && v !== null && typeof (v as { t?: unknown }).t === "string" ? (v as T) : undefined;
  } catch {
    return undefined;
  }
}
