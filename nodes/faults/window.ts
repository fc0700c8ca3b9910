// When a fault node is active: a window of clock time measured from the graph's start (the node's
// start()), so a scenario's `at_s` / `for_ms` mean the same on the virtual and the real clock.
import { Type } from "@sinclair/typebox";
import { type Clock, nsToMs } from "../../sdk/core/clock.js";

export const WindowParams = {
  message: Type.String({ default: "reflex.Blob", description: "message type of the ports" }),
  from_ms: Type.Number({ minimum: 0, default: 0, description: "fault starts this long after the graph started" }),
  to_ms: Type.Number({ minimum: 0, default: 1e12, description: "and ends here" }),
};

/** Every fault node sits on one edge: one input and one output, of the message type in its params. */
export const FaultPorts = {
  kind: "util",
  inputs: { in: { type: "$message" } },
  outputs: { out: { type: "$message" } },
} as const;

/** A figure a fault node reports as a gauge (`fault_dropped`, ...): 0 from its start, then each count. */
export function faultCounter(metrics: { gauge(name: string, value: number): void }, name: string): () => void {
  let n = 0;
  metrics.gauge(name, 0);
  return () => metrics.gauge(name, ++n);
}

export class FaultWindow {
  private startNs = Number.NaN;
  constructor(
    private readonly clock: Clock,
    private readonly fromMs: number,
    private readonly toMs: number,
  ) {}

  /**
   * Called from the node's start(): time zero of the window. In a restarted worker of a multi-process
   * run it is the run's start (REFLEX_RUN_START_NS, on the shared CLOCK_MONOTONIC), not the worker's.
   */
  start(): void {
    const runStart = this.clock.kind === "real" ? Number(process.env.REFLEX_RUN_START_NS ?? 0) : 0;
    this.startNs = runStart > 0 ? runStart : this.clock.nowNs();
  }

  get active(): boolean {
    if (Number.isNaN(this.startNs)) return false;
    const t = nsToMs(this.clock.nowNs() - this.startNs);
    return t >= this.fromMs && t < this.toMs;
  }
}
