// hil-delay: a topic that arrives late. Inside the window each message is held `ms` of clock time (at
// most `max_held` at once: beyond that the newest is dropped and counted, never an unbounded queue).
import { Type } from "@sinclair/typebox";
import { DurationMs } from "../../sdk/core/number-limits.js";
import { Observable } from "rxjs";
import { type Cancel, msToNs } from "../../sdk/core/clock.js";
import { defineNode, type Outgoing } from "../../sdk/core/node.js";
import { faultCounter, FaultPorts, FaultWindow, WindowParams } from "./window.js";

export default defineNode({
  type: "hil-delay",
  description: "HIL fault: delays every message inside its window by `ms` of clock time.",
  ...FaultPorts,
  params: Type.Object(
    { ...WindowParams, ms: DurationMs({ default: 10 }), max_held: Type.Integer({ minimum: 1, default: 256 }) },
    { additionalProperties: false },
  ),
  create(ctx, p) {
    const w = new FaultWindow(ctx.clock, p.from_ms, p.to_ms);
    const countDropped = faultCounter(ctx.metrics, "fault_dropped");
    const out = new Observable<Outgoing<unknown>>((sub) => {
      const held = new Set<Cancel>();
      const s = ctx.subscribe(ctx.inputs.in, (m) => {
        if (!w.active) return sub.next(ctx.msg(m.body, m));
        if (held.size >= p.max_held) return countDropped();
        const cancel = ctx.clock.at(ctx.clock.nowNs() + msToNs(p.ms), () => {
          held.delete(cancel);
          sub.next(ctx.msg(m.body, m));
        });
        held.add(cancel);
      });
      return () => {
        s.unsubscribe();
        for (const c of held) c();
      };
    });
    return { outputs: { out }, start: () => w.start() };
  },
});
