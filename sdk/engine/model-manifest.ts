// model.yaml: what a model folder holds. One schema (TypeBox) gives both the TypeScript types and the
// run-time check, so the manifest the trainer writes and the one the runtime reads cannot drift apart.

import { Type, type Static } from "@sinclair/typebox";

const PositiveInt = Type.Integer({ minimum: 1 });
const NonNegative = Type.Number({ minimum: 0 });
const Rgb = Type.Tuple([Type.Number(), Type.Number(), Type.Number()]);

export const DTypeSchema = Type.Union([
  Type.Literal("float32"),
  Type.Literal("float16"),
  Type.Literal("int8"),
  Type.Literal("uint8"),
  Type.Literal("int32"),
  Type.Literal("int64"),
  Type.Literal("bool"),
]);

export const TensorSpecSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    dtype: DTypeSchema,
    /** Sizes, or a name for a dynamic axis ("patches", "tokens"). */
    shape: Type.Array(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ minLength: 1 })])),
  },
  { additionalProperties: false },
);

function stage<F extends Record<string, ReturnType<typeof Type.Number>>>(flops: F, optional: readonly (keyof F & string)[] = []) {
  const props = Object.fromEntries(Object.entries(flops).map(([k, v]) => [k, optional.includes(k) ? Type.Optional(v) : v]));
  return Type.Object(
    {
      file: Type.String({ minLength: 1 }),
      sha256: Type.String({ pattern: "^[0-9a-f]{64}$" }),
      precision: Type.Optional(Type.String()),
      inputs: Type.Array(TensorSpecSchema, { minItems: 1 }),
      outputs: Type.Array(TensorSpecSchema, { minItems: 1 }),
      /** Estimated floating-point operations (multiply-add = 2) for `reflex eval` and telemetry. */
      flops: Type.Object(props as { [K in keyof F]: F[K] }, { additionalProperties: false }),
    },
    { additionalProperties: false },
  );
}

export const VisionStageSchema = stage({ per_patch: NonNegative });
/** Backbone cost for T kept tokens: fixed + per_token * T + per_token_sq * T^2 (attention). */
export const BackboneStageSchema = stage({ fixed: NonNegative, per_token: NonNegative, per_token_sq: NonNegative }, ["per_token_sq"]);
export const HeadStageSchema = stage({ per_call: NonNegative });

export const ManifestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    version: Type.String({ minLength: 1 }),
    description: Type.String(),
    created_by: Type.String(),
    image: Type.Object(
      {
        width: PositiveInt,
        height: PositiveInt,
        channels: Type.Literal(3),
        encoding: Type.Literal("rgb8"),
        patch: PositiveInt,
        grid: Type.Tuple([PositiveInt, PositiveInt]),
        /** Normalisation of pixel / 255: (x - mean) / std per channel. */
        mean: Rgb,
        std: Rgb,
      },
      { additionalProperties: false },
    ),
    tokens: Type.Object({ count: PositiveInt, dim: PositiveInt, patch_dim: PositiveInt }, { additionalProperties: false }),
    instruction: Type.Object({ vocab: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) }, { additionalProperties: false }),
    proprio: Type.Object(
      {
        dim: PositiveInt,
        /** Names of the proprio values, for readers (e.g. [x, y]). */
        fields: Type.Optional(Type.Array(Type.String())),
        mean: Type.Array(Type.Number()),
        std: Type.Array(Type.Number()),
      },
      { additionalProperties: false },
    ),
    action: Type.Object(
      {
        horizon: PositiveInt,
        dim: PositiveInt,
        /** Names and units of the action values, for readers (e.g. [vx, vy], "workspace units per second"). */
        fields: Type.Optional(Type.Array(Type.String())),
        units: Type.Optional(Type.String()),
        step_ms: Type.Number({ exclusiveMinimum: 0 }),
        /** action = normalised * std + mean, per action dim. */
        mean: Type.Array(Type.Number()),
        std: Type.Array(Type.Number()),
      },
      { additionalProperties: false },
    ),
    sampler: Type.Object(
      { type: Type.Literal("flow-euler"), default_steps: PositiveInt },
      { additionalProperties: false },
    ),
    stages: Type.Object(
      {
        vision: VisionStageSchema,
        backbone: BackboneStageSchema,
        head: HeadStageSchema,
        head_onestep: Type.Optional(HeadStageSchema),
      },
      { additionalProperties: false },
    ),
    /** How the model was trained (seed, data, validation figures): free-form, for readers. */
    training: Type.Optional(Type.Unknown()),
  },
  // Top-level extras (training notes, eval figures) are allowed and reported as warnings, not errors.
  { additionalProperties: true },
);

export type Manifest = Static<typeof ManifestSchema>;
export type TensorSpec = Static<typeof TensorSpecSchema>;
export type StageName = keyof Manifest["stages"];
export type StageSpec = Manifest["stages"][StageName] & {};
export const STAGE_NAMES: readonly StageName[] = ["vision", "backbone", "head", "head_onestep"];
export const MANIFEST_FILE = "model.yaml";
