// hil-corrupt: a link that mangles bytes. Inside the window a seeded `fraction` of the messages is
// encoded with its protobuf type, has bytes flipped, and is decoded again, as a receiver would: one
// that no longer decodes is dropped and counted; one that still decodes goes on with its garbage, and
// the nodes downstream must cope (reject, count and log) without stopping the graph.
import { Type } from "@sinclair/typebox";
import { Seed } from "../../sdk/core/number-limits.js";
import { mergeMap } from "rxjs";
import { codecOf } from "../../sdk/messages/index.js";
import { Sfc32 } from "../../sdk/core/sfc32.js";
import { defineNode } from "../../sdk/core/node.js";
import { faultCounter, FaultPorts, FaultWindow, WindowParams } from "./window.js";

export default defineNode({
  type: "hil-corrupt",
  description: "HIL fault: flips bytes in the encoded body of a fraction of the messages inside its window.",
  ...FaultPorts,
  params: Type.Object(
    {
      ...WindowParams,
      fraction: Type.Number({ minimum: 0, maximum: 1, default: 0.1 }),
      seed: Seed({ default: 1, description: "seed of the corrupted bytes" }),
      flips: Type.Integer({ minimum: 1, default: 8, description: "bytes flipped per corrupted message" }),
    },
    { additionalProperties: false },
  ),
  create(ctx, p) {
    const w = new FaultWindow(ctx.clock, p.from_ms, p.to_ms);
    const rng = new Sfc32(0x9e3779b9, p.seed >>> 0, 0x68c0ff1e);
    const codec = codecOf(p.message);
    const countCorrupted = faultCounter(ctx.metrics, "fault_corrupted");
    const countDropped = faultCounter(ctx.metrics, "fault_dropped");
    const out = ctx.inputs.in.pipe(
      mergeMap((m) => {
        if (!codec || !w.active || rng.next() >= p.fraction) return [ctx.msg(m.body, m)];
        const bytes = Uint8Array.from(codec.encode(m.body).finish());
        for (let i = 0; i < p.flips && bytes.length > 0; i++) bytes[rng.nextU32() % bytes.length]! ^= 1 + (rng.nextU32() % 255);
        try {
          const body = codec.toObject(codec.decode(bytes), { defaults: true, longs: Number });
          countCorrupted();
          return [ctx.msg(body, m)];
        } catch {
          countDropped();
          return [];
        }
      }),
    );
    return { outputs: { out }, start: () => w.start() };
  },
});
