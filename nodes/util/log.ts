// log: a sink that logs a summary of what it receives, at most every_ms.
import { Type } from "@sinclair/typebox";
import { DurationMs } from "../../sdk/core/number-limits.js";
import { tap } from "rxjs";
import { defineNode } from "../../sdk/core/node.js";
import { MessageParam } from "./message-param.js";
import { msToNs, nsToMs } from "../../sdk/core/clock.js";

export default defineNode({
  type: "log",
  description: "Sink: logs each input's topic, sequence number and age, at most once per every_ms.",
  kind: "sink",
  params: Type.Object(
    {
      message: MessageParam,
      every_ms: DurationMs({ minimum: 0, default: 1000, description: "minimum time between log lines" }),
      level: Type.Union([Type.Literal("info"), Type.Literal("debug")], { default: "info", description: "log level" }),
    },
    { additionalProperties: false },
  ),
  inputs: {
    in: { type: "$message", description: "messages of type `message`" },
  },
  outputs: {},
  create(ctx, p) {
    let lastNs = Number.NEGATIVE_INFINITY;
    let count = 0;
    const effect = ctx.inputs.in.pipe(
      tap((m) => {
        count++;
        const now = ctx.clock.nowNs();
        if (now - lastNs < msToNs(p.every_ms)) return;
        lastNs = now;
        ctx.log[p.level]({ topic: m.header.topic, seq: m.header.seq, age_ms: nsToMs(now - m.header.captureNs), count, body: m.body }, `${m.header.topic} #${m.header.seq}`);
      }),
    );
    return { effects: [effect] };
  },
});
