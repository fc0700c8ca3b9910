// The accelerations: pure math over typed arrays (pruning, caches, sampler) and the VLA tick that runs
// them through a model's engines.

export { pruneTokens, tokenBudget, gatherRows, type PruningMode, type PruningOptions, type PruneResult } from "./token-pruning.js";
export { FrameCache, type FrameCacheOptions, type FramePlan, type FrameCacheReport } from "./frame-cache.js";
export { StepCache, type StepCacheMode, type StepCacheOptions, type StepCacheReport } from "./step-cache.js";
export { sampleFlowEuler, type FlowEulerRun, type FlowEulerReport, type FlowEulerResult, type VelocityFn, type OneStepFn } from "./flow-euler.js";
export { GaussianNoise } from "./gaussian-noise.js";
export { patchify, gatherNormalisedPatches, type PatchGeometry } from "./patchify.js";
export { tickFlops, baselineFlops, type TickFlops, type TickWork } from "./vla-flops.js";
export {
  VlaPipelineOptionsSchema,
  PruningOptionsSchema,
  FrameCacheOptionsSchema,
  StepCacheOptionsSchema,
  checkPipelineOptions,
  type VlaPipelineOptions,
} from "./vla-options.js";
export { VlaPipeline, type VlaTickInput, type VlaTickReport, type VlaTickResult, type VlaPipelineDeps } from "./vla-pipeline.js";
