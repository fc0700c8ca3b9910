// Options of one VLA policy tick, in the snake_case a graph YAML uses. One TypeBox schema gives the type
// and the check, so the policy node can put it in its params schema as is.

import { Type, type Static } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

export const PruningOptionsSchema = Type.Object(
  {
    mode: Type.Union([Type.Literal("off"), Type.Literal("relevance"), Type.Literal("efficientvla")], { default: "off" }),
    keep_ratio: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: "fraction of visual tokens kept" })),
    keep_count: Type.Optional(Type.Integer({ minimum: 1, description: "visual tokens kept" })),
    key_fraction: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "efficientvla: budget share kept by relevance alone" })),
    relevance_mix: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "efficientvla: share of the rest by relevance, the remainder by diversity" })),
  },
  { additionalProperties: false },
);

export const FrameCacheOptionsSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: false }),
    similarity: Type.Optional(Type.Number({ minimum: -1, maximum: 1, description: "cosine similarity at or above which a patch is static (0.996)" })),
    max_rel_l1: Type.Optional(Type.Number({ minimum: 0, description: "and relative L1 change at or below which it is static" })),
    always_recompute_top: Type.Optional(Type.Integer({ minimum: 0, description: "most relevant patches recomputed every frame" })),
    max_age: Type.Optional(Type.Integer({ minimum: 0, description: "frames a token may be reused in a row (8)" })),
    reference: Type.Optional(Type.Union([Type.Literal("previous"), Type.Literal("computed")])),
  },
  { additionalProperties: false },
);

export const StepCacheOptionsSchema = Type.Object(
  {
    mode: Type.Union([Type.Literal("off"), Type.Literal("interval"), Type.Literal("threshold")], { default: "off" }),
    interval: Type.Optional(Type.Integer({ minimum: 1, description: "interval: compute every n-th denoising step (2)" })),
    threshold: Type.Optional(Type.Number({ minimum: 0, description: "threshold: accumulated relative L1 change that forces a compute (0.3)" })),
    rescale: Type.Optional(Type.Array(Type.Number(), { description: "threshold: polynomial c0, c1, ... applied to each step's change" })),
  },
  { additionalProperties: false },
);

export const VlaPipelineOptionsSchema = Type.Object(
  {
    pruning: Type.Optional(PruningOptionsSchema),
    frame_cache: Type.Optional(FrameCacheOptionsSchema),
    step_cache: Type.Optional(StepCacheOptionsSchema),
    steps: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: "denoising steps; 1 uses the distilled one-step head (default: the model's)" })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "seed of the sampler noise" })),
  },
  { additionalProperties: false },
);

export type VlaPipelineOptions = Static<typeof VlaPipelineOptionsSchema>;

/** Throws a RangeError naming each option that does not fit the schema. */
export function checkPipelineOptions(opts: unknown): asserts opts is VlaPipelineOptions {
  const errors = [...Value.Errors(VlaPipelineOptionsSchema, opts)];
  if (errors.length === 0) return;
  const lines = errors.map((e) => `  ${e.path.slice(1).replace(/\//g, ".") || "(options)"}: ${e.message}, got ${JSON.stringify(e.value)}`);
  throw new RangeError(`vla pipeline options:\n${lines.join("\n")}`);
}
