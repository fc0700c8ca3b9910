// timer: a tick at a fixed rate, from the clock.
import { Type } from "@sinclair/typebox";
import { RateHz } from "../../sdk/core/number-limits.js";
import { map } from "rxjs";
import { defineNode } from "../../sdk/core/node.js";

export default defineNode({
  type: "timer",
  description: "Emits a tick at a fixed rate.",
  kind: "source",
  params: Type.Object(
    { rate_hz: RateHz({ maximum: 100000, default: 10, description: "ticks per second" }) },
    { additionalProperties: false },
  ),
  inputs: {},
  outputs: { tick: { type: "reflex.Tick", description: "tick index and due time" } },
  create(ctx, p) {
    return { outputs: { tick: ctx.every(1000 / p.rate_hz).pipe(map(({ index, dueNs }) => ctx.msg({ index, dueNs }))) } };
  },
});
