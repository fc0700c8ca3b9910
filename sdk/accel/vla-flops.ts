// Estimated floating-point operations of one policy tick, from the per-stage costs in model.yaml:
// vision per patch encoded, backbone fixed + per token + per token^2, head per call.

import type { Manifest } from "../engine/model-manifest.js";

export interface TickWork {
  readonly patchesEncoded: number;
  readonly tokensToBackbone: number;
  /** Calls of head.onnx (Euler steps that ran) and of head_onestep.onnx. */
  readonly headCalls: number;
  readonly oneStepCalls: number;
}

export interface TickFlops {
  readonly vision: number;
  readonly backbone: number;
  readonly head: number;
  readonly total: number;
}

export function tickFlops(m: Manifest, w: TickWork): TickFlops {
  const s = m.stages;
  const t = w.tokensToBackbone;
  const vision = s.vision.flops.per_patch * w.patchesEncoded;
  const backbone = s.backbone.flops.fixed + s.backbone.flops.per_token * t + (s.backbone.flops.per_token_sq ?? 0) * t * t;
  const head = s.head.flops.per_call * w.headCalls + (s.head_onestep?.flops.per_call ?? 0) * w.oneStepCalls;
  return { vision, backbone, head, total: vision + backbone + head };
}

/** The unaccelerated tick: every patch encoded, every token kept, the model's default step count. */
export function baselineFlops(m: Manifest): TickFlops {
  return tickFlops(m, { patchesEncoded: m.tokens.count, tokensToBackbone: m.tokens.count, headCalls: m.sampler.default_steps, oneStepCalls: 0 });
}
