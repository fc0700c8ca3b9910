// The config file's shape, as TypeBox definitions: one source for the TypeScript types, the validator
// and configs/schema.json (which adds every node type's params for editors).
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import type { AnyNodeDefinition } from "../core/node.js";
import { DurationMs, RateHz } from "../core/number-limits.js";

export const Id = Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_-]*$", description: "node id: letters, digits, _ and -" });
export const PortRefPattern = "^[A-Za-z_][A-Za-z0-9_-]*/[A-Za-z_][A-Za-z0-9_-]*$";

const QosFields = {
  qos: Type.Optional(
    Type.Union([Type.Literal("keep-latest"), Type.Literal("queue")], {
      description: "keep-latest: a busy consumer gets only the newest message; queue: up to `queue` messages wait",
    }),
  ),
  queue: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: "queue length (implies qos: queue)" })),
  drop: Type.Optional(
    Type.Union([Type.Literal("oldest"), Type.Literal("newest")], { description: "which message a full queue drops" }),
  ),
  deadline_ms: Type.Optional(
    DurationMs({ description: "a message older than this when consumed counts as a deadline miss" }),
  ),
};

export const InputSpecSchema = Type.Object(
  {
    from: Type.String({ pattern: PortRefPattern, description: "the output feeding this input: <node>/<port>" }),
    ...QosFields,
    throttle_hz: Type.Optional(RateHz({ description: "pass at most this many messages per second" })),
    delay_ms: Type.Optional(
      DurationMs({ description: "delay delivery by this much clock time; an edge with a delay may close a cycle" }),
    ),
  },
  { additionalProperties: false },
);
export type InputSpec = Static<typeof InputSpecSchema>;

export const NodeEntrySchema = Type.Object(
  {
    type: Type.String({ description: "node type (see `reflex nodes`)" }),
    description: Type.Optional(Type.String()),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "the node type's parameters" })),
    inputs: Type.Optional(
      Type.Record(Type.String(), InputSpecSchema, { description: "input port -> { from: <node>/<port>, QoS } or \"<node>/<port>\"" }),
    ),
    process: Type.Optional(Type.String({ description: "the process group (a key of `processes:`) this node runs in; default main" })),
  },
  { additionalProperties: false },
);
export type NodeEntry = Static<typeof NodeEntrySchema>;

export const ProcessKeysSchema = Type.Object(
  {
    secret: Type.String({ description: "this board's CurveZMQ key pair (a .key_secret file made by `reflex keys gen`), used with that process" }),
    trusted: Type.Optional(
      Type.Array(Type.String(), { description: "public key files (.key) of that process's board; the first is its `reflex agent --secret` key" }),
    ),
  },
  { additionalProperties: false, description: "CurveZMQ keys for links to and from another host" },
);

export const ProcessEntrySchema = Type.Object(
  {
    host: Type.Optional(Type.String({ minLength: 1, description: "where the process runs; default this host (localhost)" })),
    restart: Type.Optional(
      Type.Union([Type.Literal("never"), Type.Literal("on-failure")], { description: "restart the worker when it dies or hangs; default never" }),
    ),
    max_restarts: Type.Optional(Type.Integer({ minimum: 0, description: "give up after this many restarts (default 5)" })),
    backoff_ms: Type.Optional(
      DurationMs({ minimum: 0, description: "wait before the first restart; doubles each time (default 200)" }),
    ),
    env: Type.Optional(Type.Record(Type.String(), Type.String(), { description: "extra environment variables for the worker" })),
    keys: Type.Optional(ProcessKeysSchema),
  },
  { additionalProperties: false },
);
export type ProcessEntry = Static<typeof ProcessEntrySchema>;

export const DefaultsSchema = Type.Object({ ...QosFields }, { additionalProperties: false, description: "QoS defaults for every edge" });

export const GraphConfigSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: "the graph's name" }),
    description: Type.Optional(Type.String()),
    clock: Type.Optional(Type.Union([Type.Literal("real"), Type.Literal("virtual")], { description: "default clock for `reflex run`" })),
    defaults: Type.Optional(DefaultsSchema),
    nodes: Type.Record(Type.String(), NodeEntrySchema, { minProperties: 1, description: "node id -> node" }),
    processes: Type.Optional(
      Type.Record(Type.String(), ProcessEntrySchema, { description: "process group name -> where and how its worker runs" }),
    ),
  },
  { additionalProperties: false },
);
export type GraphConfig = Static<typeof GraphConfigSchema>;

/**
 * The schema editors use (configs/schema.json): inputs may also be written "<node>/<port>", and each
 * node's params are checked against its type's schema.
 */
export function editorSchema(defs: readonly AnyNodeDefinition[]): Record<string, unknown> {
  const inputShorthand = Type.String({ pattern: PortRefPattern, description: "<node>/<port> with default QoS" });
  const perType = defs.map((d) => ({
    if: { properties: { type: { const: d.type } }, required: ["type"] },
    then: { properties: { params: d.params as TSchema } },
  }));
  const node = {
    ...NodeEntrySchema,
    properties: {
      ...NodeEntrySchema.properties,
      type: { type: "string", enum: defs.map((d) => d.type), description: "node type (see `reflex nodes`)" },
      inputs: {
        type: "object",
        additionalProperties: { anyOf: [inputShorthand, InputSpecSchema] },
      },
    },
    allOf: perType,
  };
  return stripTypeBox({
    $schema: "http://json-schema.org/draft-07/schema#",
    $id: "https://reflex.dev/schema/graph.json",
    title: "Reflex graph config",
    ...GraphConfigSchema,
    properties: { ...GraphConfigSchema.properties, nodes: { type: "object", propertyNames: Id, additionalProperties: node, minProperties: 1 } },
  }) as Record<string, unknown>;
}

/** TypeBox marks its schemas with symbol keys; JSON.stringify drops them, and so do we. */
function stripTypeBox(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}
