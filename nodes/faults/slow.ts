// hil-slow: a node that takes longer. Inserted on a node's inputs, it keeps each message busy for `ms`
// of clock time inside the window: the node's inputs back up in their bounded edges (keep-latest drops
// frames, queues fill and drop), as they would behind a slow node.
import { Type } from "@sinclair/typebox";
import { DurationMs } from "../../sdk/core/number-limits.js";
import { concatMap, of } from "rxjs";
import { defineNode } from "../../sdk/core/node.js";
import { FaultPorts, FaultWindow, WindowParams } from "./window.js";

export default defineNode({
  type: "hil-slow",
  description: "HIL fault: holds each message busy for `ms` of clock time inside its window.",
  ...FaultPorts,
  params: Type.Object({ ...WindowParams, ms: DurationMs({ default: 10 }) }, { additionalProperties: false }),
  create(ctx, p) {
    const w = new FaultWindow(ctx.clock, p.from_ms, p.to_ms);
    const out = ctx.inputs.in.pipe(
      concatMap((m) => (w.active ? ctx.busy(ctx.sleep(p.ms).then(() => ctx.msg(m.body, m))) : of(ctx.msg(m.body, m)))),
    );
    return { outputs: { out }, start: () => w.start() };
  },
});
