// relay: passes messages through unchanged (re-stamped and traced). The pass-through node of the
// graph-overhead benchmark, and a way to move a topic across a process boundary.
import { Type } from "@sinclair/typebox";
import { map } from "rxjs";
import { defineNode } from "../../sdk/core/node.js";
import { MessageParam } from "./message-param.js";

export default defineNode({
  type: "relay",
  description: "Passes each message through unchanged.",
  kind: "util",
  params: Type.Object({ message: MessageParam }, { additionalProperties: false }),
  inputs: { in: { type: "$message", description: "messages of type `message`" } },
  outputs: { out: { type: "$message", description: "the same messages" } },
  create(ctx) {
    return { outputs: { out: ctx.inputs.in.pipe(map((m) => ctx.msg(m.body, m))) } };
  },
});
