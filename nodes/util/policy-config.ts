// policy-config: sends reflex.PolicyConfig changes on a schedule of clock times, to a policy's `config`
// input (vla-policy). The scripted operator of a demo or a test: "4 sampler steps from 2 s, back to 1 at
// 5 s". Each change is its own message at its time; across processes it travels like any other edge.
import { Type } from "@sinclair/typebox";
import { DurationMs } from "../../sdk/core/number-limits.js";
import { Subject } from "rxjs";
import { type Cancel, msToNs } from "../../sdk/core/clock.js";
import type { reflex } from "../../sdk/messages/index.js";
import { defineNode, type Outgoing } from "../../sdk/core/node.js";

const Change = Type.Object(
  {
    at_ms: DurationMs({ minimum: 0, description: "clock time after the node starts" }),
    // Only the wire format's range here: the receiving policy knows its own limits (its max steps,
    // whether its model has a one-step head) and rejects, counts and logs what does not fit.
    steps: Type.Integer({ minimum: 1, maximum: 4294967295, description: "sampler steps (1 = one-step head)" }),
  },
  { additionalProperties: false },
);

export default defineNode({
  type: "policy-config",
  description: "Sends policy option changes (reflex.PolicyConfig) at scheduled clock times.",
  kind: "source",
  params: Type.Object(
    { schedule: Type.Array(Change, { minItems: 1, description: "changes, each sent once at its time" }) },
    { additionalProperties: false },
  ),
  inputs: {},
  outputs: { config: { type: "reflex.PolicyConfig", description: "one message per scheduled change" } },
  create(ctx, p) {
    const out = new Subject<Outgoing<reflex.PolicyConfig.$Properties>>();
    const timers: Cancel[] = [];
    let sent = 0;
    return {
      outputs: { config: out },
      start() {
        const t0 = ctx.clock.nowNs();
        for (const c of p.schedule) {
          timers.push(
            ctx.clock.at(t0 + msToNs(c.at_ms), () => {
              sent++;
              ctx.metrics.gauge("sent", sent);
              out.next(ctx.msg({ steps: c.steps }));
            }),
          );
        }
      },
      stop() {
        for (const cancel of timers) cancel();
      },
      dispose() {
        out.complete();
      },
    };
  },
});
