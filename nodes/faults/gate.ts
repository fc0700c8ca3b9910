// hil-gate: a sensor that stops. Messages inside the fault window are dropped (counted), the rest pass.
import { Type } from "@sinclair/typebox";
import { mergeMap } from "rxjs";
import { defineNode } from "../../sdk/core/node.js";
import { faultCounter, FaultPorts, FaultWindow, WindowParams } from "./window.js";

export default defineNode({
  type: "hil-gate",
  description: "HIL fault: drops every message inside its window (a sensor that went silent).",
  ...FaultPorts,
  params: Type.Object(WindowParams, { additionalProperties: false }),
  create(ctx, p) {
    const w = new FaultWindow(ctx.clock, p.from_ms, p.to_ms);
    const countDropped = faultCounter(ctx.metrics, "fault_dropped");
    const out = ctx.inputs.in.pipe(
      mergeMap((m) => {
        if (!w.active) return [ctx.msg(m.body, m)];
        countDropped();
        return [];
      }),
    );
    return { outputs: { out }, start: () => w.start() };
  },
});
