// hil-reorder: a topic whose messages arrive out of order. Inside the window each message is held
// until the next one arrives and then sent after it (pairs swapped); a message with no successor
// within `hold_ms` goes on alone.
import { Type } from "@sinclair/typebox";
import { DurationMs } from "../../sdk/core/number-limits.js";
import { Observable } from "rxjs";
import { type Cancel, msToNs } from "../../sdk/core/clock.js";
import { defineNode, type Delivered, type Outgoing } from "../../sdk/core/node.js";
import { faultCounter, FaultPorts, FaultWindow, WindowParams } from "./window.js";

export default defineNode({
  type: "hil-reorder",
  description: "HIL fault: swaps each pair of messages inside its window.",
  ...FaultPorts,
  params: Type.Object({ ...WindowParams, hold_ms: DurationMs({ default: 200 }) }, { additionalProperties: false }),
  create(ctx, p) {
    const w = new FaultWindow(ctx.clock, p.from_ms, p.to_ms);
    const countSwapped = faultCounter(ctx.metrics, "fault_swapped");
    const out = new Observable<Outgoing<unknown>>((sub) => {
      let held: { m: Delivered; cancel: Cancel } | undefined;
      const release = (): void => {
        const h = held;
        held = undefined;
        if (h) {
          h.cancel();
          sub.next(ctx.msg(h.m.body, h.m));
        }
      };
      const s = ctx.subscribe(ctx.inputs.in, (m) => {
        if (held) {
          sub.next(ctx.msg(m.body, m));
          release();
          countSwapped();
        } else if (w.active) {
          held = { m, cancel: ctx.clock.at(ctx.clock.nowNs() + msToNs(p.hold_ms), release) };
        } else {
          sub.next(ctx.msg(m.body, m));
        }
      });
      return () => {
        s.unsubscribe();
        held?.cancel();
      };
    });
    return { outputs: { out }, start: () => w.start() };
  },
});
