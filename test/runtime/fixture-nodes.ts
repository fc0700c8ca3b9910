// Node types for runtime tests: a paced source, a slow consumer that takes clock time per message,
// and nodes that fail on purpose. What they see is kept in `probes` for the test to read.
import { Type } from "@sinclair/typebox";
import { map, mergeMap, tap } from "rxjs";
import { builtinNodes } from "../../nodes/index.js";
import { NodeRegistry } from "../../sdk/graph/registry.js";
import { defineNode, type Delivered } from "../../sdk/core/node.js";

export interface Seen {
  value: number;
  seq: number;
  ageNs: number;
  atNs: number;
}
export const probes = new Map<string, Seen[]>();
const probe = (id: string): Seen[] => {
  let p = probes.get(id);
  if (!p) probes.set(id, (p = []));
  return p;
};
const see = (id: string, m: Delivered<{ value?: number | null }>, now: number): void => {
  probe(id).push({ value: Number(m.body.value ?? 0), seq: m.header.seq, ageNs: now - m.header.captureNs, atNs: now });
};

export const source = defineNode({
  type: "test-source",
  description: "emits Blob { value: index } at rate_hz, count times",
  kind: "source",
  params: Type.Object({ rate_hz: Type.Number({ default: 1000 }), count: Type.Integer({ default: 100 }) }, { additionalProperties: false }),
  inputs: {},
  outputs: { out: { type: "reflex.Blob" } },
  create(ctx, p) {
    let sent = 0;
    const out = ctx.every(1000 / p.rate_hz).pipe(
      mergeMap(({ index }) => (sent++ < p.count ? [ctx.msg({ value: index })] : [])),
    );
    return { outputs: { out } };
  },
});

export const slow = defineNode({
  type: "test-slow",
  description: "takes work_ms of clock time per message (busy), records what it got",
  kind: "util",
  params: Type.Object({ work_ms: Type.Number({ default: 10 }) }, { additionalProperties: false }),
  inputs: { in: { type: "reflex.Blob" } },
  outputs: { out: { type: "reflex.Blob" } },
  create(ctx, p) {
    const out = ctx.inputs.in.pipe(
      tap((m) => see(ctx.id, m, ctx.clock.nowNs())),
      mergeMap((m) => ctx.busy(ctx.sleep(p.work_ms).then(() => ctx.msg(m.body, m)))),
    );
    return { outputs: { out } };
  },
});

export const sink = defineNode({
  type: "test-sink",
  description: "records what it got",
  kind: "sink",
  params: Type.Object({}, { additionalProperties: false }),
  inputs: { in: { type: "reflex.Blob" } },
  outputs: {},
  create(ctx) {
    return { effects: [ctx.inputs.in.pipe(tap((m) => see(ctx.id, m, ctx.clock.nowNs())))] };
  },
});

export const flaky = defineNode({
  type: "test-flaky",
  description: "throws on every value divisible by fail_every, passes the rest",
  kind: "util",
  params: Type.Object({ fail_every: Type.Integer({ default: 3 }) }, { additionalProperties: false }),
  inputs: { in: { type: "reflex.Blob" } },
  outputs: { out: { type: "reflex.Blob" } },
  create(ctx, p) {
    const out = ctx.inputs.in.pipe(
      map((m) => {
        if (Number(m.body.value) % p.fail_every === 0) throw new Error(`bad value ${m.body.value}`);
        return ctx.msg(m.body, m);
      }),
    );
    return { outputs: { out } };
  },
});

export const failInit = defineNode({
  type: "test-fail-init",
  description: "fails in init",
  kind: "util",
  params: Type.Object({}, { additionalProperties: false }),
  inputs: {},
  outputs: { out: { type: "reflex.Blob" } },
  create() {
    return {
      init() {
        throw new Error("camera device /dev/video9 not found");
      },
    };
  },
});

export function testRegistry(): NodeRegistry {
  return new NodeRegistry([...builtinNodes, source, slow, sink, flaky, failInit]);
}
