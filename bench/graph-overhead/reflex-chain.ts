// The Reflex side of the benchmark: a real graph built from YAML text (loadConfigText -> GraphRuntime on
// the real clock): a bench source node that emits whatever the bench pushes into its Subject, a chain of
// built-in `relay` nodes, and a bench sink node that hands each message (with its trace) back to the bench.
import { Type } from "@sinclair/typebox";
import pino from "pino";
import { Subject, map, tap } from "rxjs";
import { builtinRegistry } from "../../nodes/index.js";
import { ConfigError } from "../../sdk/config/diagnostic.js";
import { loadConfigText } from "../../sdk/config/load.js";
import type { MessageBodies } from "../../sdk/messages/index.js";
import type { Clock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import type { Trace } from "../../sdk/core/message.js";
import { defineNode } from "../../sdk/core/node.js";

export type Blob = MessageBodies["reflex.Blob"];

export interface ReflexChain {
  readonly runtime: GraphRuntime;
  /** Emits one message from the source node; the whole chain runs synchronously inside this call. */
  push(body: Blob): void;
  /** Drops counted on every edge of the graph so far (queue, throttle and gap drops). */
  drops(): number;
  /** Messages delivered on the edge into the sink so far. */
  delivered(): number;
  stop(): Promise<void>;
}

/** The YAML of a chain: source -> relay1 -> ... -> relayN -> sink, every edge with the default QoS. */
export function chainYaml(hops: number): string {
  const lines = [
    "name: graph-overhead",
    "description: bench source -> relays -> bench sink (bench/graph-overhead)",
    "nodes:",
    "  src:",
    "    type: bench-source",
  ];
  let prev = "src/out";
  for (let i = 1; i <= hops; i++) {
    lines.push(`  relay${i}:`, "    type: relay", "    params: { message: reflex.Blob }", `    inputs: { in: ${prev} }`);
    prev = `relay${i}/out`;
  }
  lines.push("  sink:", "    type: bench-sink", `    inputs: { in: ${prev} }`);
  return lines.join("\n") + "\n";
}

export async function startReflexChain(hops: number, clock: Clock, onArrive: (trace: Trace | undefined) => void): Promise<ReflexChain> {
  const pushes = new Subject<Blob>();

  const source = defineNode({
    type: "bench-source",
    description: "Emits each body the benchmark pushes, as new data captured now.",
    kind: "source",
    params: Type.Object({}, { additionalProperties: false }),
    inputs: {},
    outputs: { out: { type: "reflex.Blob" } },
    create(ctx) {
      return { outputs: { out: pushes.pipe(map((body) => ctx.msg(body))) } };
    },
  });

  const sink = defineNode({
    type: "bench-sink",
    description: "Hands each message's trace to the benchmark.",
    kind: "sink",
    params: Type.Object({}, { additionalProperties: false }),
    inputs: { in: { type: "reflex.Blob" } },
    outputs: {},
    create(ctx) {
      return { effects: [ctx.inputs.in.pipe(tap((m) => onArrive(m.header.trace)))] };
    },
  });

  const registry = builtinRegistry().add(source).add(sink);
  const loaded = loadConfigText("bench/graph-overhead/chain.yaml", chainYaml(hops), { registry });
  if (!loaded.graph) throw new ConfigError(loaded.diagnostics);
  const log = pino({ level: "warn", base: { graph: "graph-overhead" } }, pino.destination({ fd: 2, sync: true }));
  const runtime = new GraphRuntime(loaded.graph, { clock, log });
  await runtime.start();

  const edges = runtime.edges;
  const sinkEdge = edges.find((e) => e.spec.to.node === "sink");
  if (!sinkEdge) throw new Error("the bench graph has no edge into the sink");
  return {
    runtime,
    push: (body) => pushes.next(body),
    drops: () => {
      let n = 0;
      for (const e of edges) n += e.stats.drops;
      return n;
    },
    delivered: () => sinkEdge.stats.delivered,
    stop: async () => {
      await runtime.stop();
      await runtime.dispose();
    },
  };
}
