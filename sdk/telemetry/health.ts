// Health of a node or an edge over the sliding window, for the colors on the page and the Prometheus
// `health` gauges. Throttle drops are left out on purpose: a throttled edge drops by design.
import type { Health } from "./snapshot-types.js";

export interface EdgeWindowFigures {
  readonly stale: boolean;
  readonly deliveredInWindow: number;
  readonly missesInWindow: number;
  /** Queue and sequence-gap drops (not throttle drops). */
  readonly lossInWindow: number;
}

/** A deadline missed by this share of the window's deliveries (or more) is an error, below it a warning. */
export const MISS_ERROR_SHARE = 0.1;

export function edgeHealth(e: EdgeWindowFigures): Health {
  if (e.stale) return "stale";
  if (e.missesInWindow > 0) return e.missesInWindow >= MISS_ERROR_SHARE * Math.max(1, e.deliveredInWindow) ? "error" : "warn";
  if (e.lossInWindow > 0) return "warn";
  if (e.deliveredInWindow === 0) return "idle";
  return "ok";
}

const rank: Record<Health, number> = { ok: 0, idle: 1, warn: 2, stale: 3, error: 4 };

export function worst(a: Health, b: Health): Health {
  return rank[b] > rank[a] ? b : a;
}

export function nodeHealth(errorsInWindow: number, activeInWindow: boolean, inbound: readonly Health[]): Health {
  if (errorsInWindow > 0) return "error";
  let h: Health = activeInWindow ? "ok" : "idle";
  // An idle input (nothing arrived) does not make a busy node idle; anything worse carries over.
  for (const e of inbound) if (e !== "idle") h = worst(h, e);
  return h;
}

/** Numeric form for Prometheus: 0 ok, 1 idle, 2 warn, 3 stale, 4 error. */
export function healthLevel(h: Health): number {
  return rank[h];
}
