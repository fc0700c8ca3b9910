// When a fault node is active: a window of clock time measured from the graph's start (the node's
// start()), so a scenario's `at_s` / `for_ms` mean the same on the virtual and the real clock.
import { Type } from "@sinclair/typebox";
import type { Clock } from "../../runtime/clock.js";

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

  /** Called from the node's start(): time zero of the window. */
  start(): void {
    this.startNs = this.clock.nowNs();
  }

  get active(): boolean {
    if (Number.isNaN(this.startNs)) return false;
    const t = (this.clock.nowNs() - this.startNs) / 1e6;
    return t >= this.fromMs && t < this.toMs;
  }
}
