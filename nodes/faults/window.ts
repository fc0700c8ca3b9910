// When a fault node is active: a window of clock time measured from the graph's start (the node's
// start()), so a scenario's `at_s` / `for_ms` mean the same on the virtual and the real clock.
import { Type } from "@sinclair/typebox";
import { type Clock, nsToMs } from "../../sdk/core/clock.js";

export const WindowParams = {
  message: Type.String({ default: "reflex.Blob", description: "message type of the ports" }),
  from_ms: Type.Number({ minimum: 0, default: 0, description: "fault starts this long after the graph started" }),
  to_ms: Type.Number({ minimum: 0, default: 1e12, description: "and ends here" }),
};

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
