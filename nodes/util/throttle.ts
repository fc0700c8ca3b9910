// throttle: passes at most rate_hz ticks per second of clock time, drops the rest and counts them.
import { Type } from "@sinclair/typebox";
import { RateHz } from "../../sdk/core/number-limits.js";
import { filter, map } from "rxjs";
import { defineNode } from "../../sdk/core/node.js";
import { MessageParam } from "./message-param.js";

export default defineNode({
  type: "throttle",
  description: "Passes at most rate_hz messages per second; the rest are dropped and counted (gauge `dropped`).",
  kind: "util",
  params: Type.Object(
    {
      message: MessageParam,
      rate_hz: RateHz({ maximum: 100000, default: 10, description: "messages per second passed" }) },
    { additionalProperties: false },
  ),
  inputs: { in: { type: "$message", description: "messages of type `message`" } },
  outputs: { out: { type: "$message", description: "at most rate_hz messages per second" } },
  create(ctx, p) {
    const periodNs = 1e9 / p.rate_hz;
    let last = Number.NEGATIVE_INFINITY;
    let dropped = 0;
    const out = ctx.inputs.in.pipe(
      filter(() => {
        const now = ctx.clock.nowNs();
        // 1% slack so a stream at exactly the rate is not halved by jitter.
        if (now - last >= periodNs * 0.99) {
          last = now;
          return true;
        }
        ctx.metrics.gauge("dropped", ++dropped);
        return false;
      }),
      map((m) => ctx.msg(m.body, m)),
    );
    return { outputs: { out } };
  },
});
