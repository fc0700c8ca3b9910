// The engine layer's public surface: backends behind one Engine interface, and model folders.

export { ShapeError } from "./engine.js";
export type { AnyTypedArray, Backend, BackendChoice, DType, Engine, Tensor, TensorInfo, TypedArrayOf } from "./engine.js";
export { createEngine, TENSORRT_NOT_BUILT, type CreateEngineOptions } from "./create-engine.js";
export { OnnxRuntimeEngine, type OnnxRuntimeOptions } from "./onnxruntime-engine.js";
export { checkFeeds, formatSpec } from "./tensor-check.js";
export { loadModel, validateModel, type LoadedModel, type LoadModelOptions, type ValidateModelOptions } from "./model-package.js";
export { ManifestSchema, MANIFEST_FILE, STAGE_NAMES, type Manifest, type StageName, type StageSpec, type TensorSpec } from "./model-manifest.js";
export { formatProblem, ModelError, type ModelProblem } from "./model-problem.js";
