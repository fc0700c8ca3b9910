// The shape of a HIL scenario file (hil-tests/scenarios/*.yaml), as TypeBox definitions: one source
// for the TypeScript types and the validator. Semantic checks (nodes and edges that must exist in the
// graph, faults that need several processes) are in scenario-load.ts.
import { Type, type Static } from "@sinclair/typebox";
import { DurationMs, DurationS, Seed } from "../core/number-limits.js";

const NodeRef = Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_-]*$", description: "a node id of the graph" });
const TopicRef = Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_-]*/[A-Za-z_][A-Za-z0-9_-]*$", description: "an output: <node>/<port>" });
const EdgeRef = Type.String({
  pattern: "^[A-Za-z_][A-Za-z0-9_-]*/[A-Za-z_][A-Za-z0-9_-]*( -> [A-Za-z_][A-Za-z0-9_-]*/[A-Za-z_][A-Za-z0-9_-]*)?$",
  description: "an edge \"<node>/<port> -> <node>/<port>\", or an output <node>/<port> (all its edges)",
});
const Ms = (description: string) => DurationMs({ description });
const Window = {
  at_s: Type.Optional(DurationS({ minimum: 0, description: "when the fault starts, s of clock time from the start (default 0)" })),
  for_ms: Type.Optional(Ms("how long it lasts, ms (default: to the end of the run)")),
};

export const NodeSwapSchema = Type.Object(
  {
    type: Type.String({ description: "the node type that replaces the graph's (a real driver instead of a sim node)" }),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "its params (replace the graph's)" })),
    process: Type.Optional(Type.String({ description: "the process it runs in" })),
  },
  { additionalProperties: false },
);

export const InsertSchema = Type.Object(
  {
    id: NodeRef,
    type: Type.String({ description: "node type with one input and one output of the edge's type (e.g. watchdog)" }),
    between: EdgeRef,
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false, description: "put a node on an edge: <from> -> id -> <to>" },
);

// One schema per fault kind, chosen by the key the fault has (a union would report every branch's errors).
export const FaultSchemas = {
  kill: Type.Object(
    { kill: Type.String({ description: "a process of a multi-process graph: SIGKILL its worker" }), at_s: DurationS({ minimum: 0 }) },
    { additionalProperties: false },
  ),
  stop: Type.Object({ stop: NodeRef, ...Window }, { additionalProperties: false, description: "a sensor's outputs go silent" }),
  delay: Type.Object({ delay: EdgeRef, ms: Ms("added latency"), ...Window }, { additionalProperties: false }),
  reorder: Type.Object({ reorder: EdgeRef, ...Window }, { additionalProperties: false, description: "swap each pair of messages" }),
  corrupt: Type.Object(
    {
      corrupt: EdgeRef,
      fraction: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: "share of messages corrupted" }),
      seed: Type.Optional(Seed({ description: "seed of the corrupted bytes" })),
      layer: Type.Optional(
        Type.Union([Type.Literal("link"), Type.Literal("message")], {
          description: "link: the sender of a cross-process link flips bytes of the wire frames (default for such edges); message: a fault node re-encodes and flips the body",
        }),
      ),
      ...Window,
    },
    { additionalProperties: false },
  ),
  slow: Type.Object({ slow: NodeRef, ms: Ms("extra time per message"), ...Window }, { additionalProperties: false }),
} as const;
export type FaultKind = keyof typeof FaultSchemas;
export const FaultSchema = Type.Union(Object.values(FaultSchemas));
export type Fault = Static<typeof FaultSchema>;

const Limit = Type.Number({ minimum: 0 });
const LatencyBudget = Type.Object({ p99_ms: Limit }, { additionalProperties: false });

export const BudgetsSchema = Type.Object(
  {
    nodes: Type.Optional(Type.Record(Type.String(), LatencyBudget, { description: "node id -> processing p99" })),
    paths: Type.Optional(Type.Record(Type.String(), LatencyBudget, { description: "\"a > b > c\" -> end-to-end p99 (fault nodes left out of the name)" })),
    deadline_miss_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "misses / deliveries over all edges" })),
    drop_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "queue and sequence-gap drops / offered, over all edges (throttles drop on purpose: left out)" })),
    success_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "at least this task success rate (sim robots)" })),
    errors: Type.Optional(Type.Integer({ minimum: 0, description: "at most this many node errors" })),
    recovery_ms: Type.Optional(Limit),
    stale_actions: Type.Optional(Type.Integer({ minimum: 0, description: "at most this many stale actions reach the actuator (0)" })),
    holds: Type.Optional(
      Type.Object({ min: Type.Optional(Type.Integer({ minimum: 0 })), max: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false, description: "hold commands the watchdog sent" }),
    ),
    bad_frames: Type.Optional(
      Type.Object(
        { min: Type.Optional(Type.Integer({ minimum: 0 })), max: Type.Optional(Type.Integer({ minimum: 0 })) },
        { additionalProperties: false, description: "messages the receivers of cross-process links dropped as bad frames (all links)" },
      ),
    ),
    recording_lost: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: "with record: at most this many messages the recorder took are missing from its file(s) (dropped, or reported on disk and not found intact)",
      }),
    ),
    golden: Type.Optional(
      Type.Object(
        {
          file: Type.String({ description: "reference run (JSON written by `reflex hil run --update-golden`), relative to the scenario" }),
          tolerance: Type.Optional(Type.Number({ minimum: 0, description: "largest allowed |difference| per action value (default 1e-6)" })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Budgets = Static<typeof BudgetsSchema>;

export const ScenarioSchema = Type.Object(
  {
    name: Type.String({ pattern: "^[A-Za-z0-9_.-]+$" }),
    description: Type.Optional(Type.String()),
    graph: Type.String({ description: "the graph config, relative to the scenario file" }),
    clock: Type.Optional(Type.Union([Type.Literal("virtual"), Type.Literal("real")], { description: "default virtual (real for multi-process graphs)" })),
    duration_s: Type.Number({ exclusiveMinimum: 0, maximum: 3600 }),
    inputs: Type.Optional(
      Type.Object(
        {
          sim: Type.Optional(
            Type.Object(
              {
                seed: Seed({ description: "first episode's seed (episodes use seed, seed+1, ...)" }),
                episodes: Type.Optional(Type.Integer({ minimum: 1, description: "episodes to play, then stop" })),
              },
              { additionalProperties: false },
            ),
          ),
          mcap: Type.Optional(
            Type.String({
              minLength: 1,
              description: "an MCAP recording (relative to the scenario) played by a replay node in place of the nodes whose outputs it recorded",
            }),
          ),
          topics: Type.Optional(Type.Array(TopicRef, { minItems: 1, uniqueItems: true, description: "with mcap: the recorded topics to play (default: every one the graph has an output for)" })),
          rate: Type.Optional(Type.Number({ minimum: 0, description: "with mcap: 1 = recorded timing (default), 2 = twice as fast, 0 = back to back" })),
          start_s: Type.Optional(DurationS({ minimum: 0, description: "with mcap: skip this much of the recording's start" })),
        },
        { additionalProperties: false },
      ),
    ),
    overrides: Type.Optional(
      Type.Object(
        {
          set: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "node.param: value, as `reflex run --set`" })),
          nodes: Type.Optional(Type.Record(Type.String(), NodeSwapSchema, { description: "node id -> the type that replaces it (sim -> real driver)" })),
          insert: Type.Optional(Type.Array(InsertSchema)),
        },
        { additionalProperties: false },
      ),
    ),
    record: Type.Optional(
      Type.Object(
        {
          topics: Type.Array(TopicRef, { minItems: 1, uniqueItems: true, description: "outputs to record, <node>/<port>" }),
          process: Type.Optional(Type.String({ description: "the process the recorder runs in (default: that of the first topic's producer)" })),
        },
        { additionalProperties: false, description: "record these outputs during the run to <out>/<name>.mcap (a record node)" },
      ),
    ),
    actuator: Type.Optional(Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_-]*/[A-Za-z_][A-Za-z0-9_-]*$", description: "the actuator's action input <node>/<port> (default: the sim-robot's actions)" })),
    faults: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: "fault steps; see FaultSchemas" })),
    budgets: BudgetsSchema,
  },
  { additionalProperties: false },
);
export type Scenario = Static<typeof ScenarioSchema>;
