// A model folder: model.yaml plus one engine file per stage. validateModel lists every problem (for
// `reflex validate`); loadModel checks the cheap things up front and opens each stage's engine on first
// use, checking its tensors against the manifest then.

import { join } from "node:path";
import { createEngine, type CreateEngineOptions } from "./create-engine.js";
import type { Engine } from "./engine.js";
import { readManifest, type ManifestPointer } from "./manifest-check.js";
import { STAGE_NAMES, type Manifest, type StageName, type StageSpec } from "./model-manifest.js";
import { ModelError, type ModelProblem } from "./model-problem.js";
import { checkStageFile, checkStageTensors } from "./stage-check.js";

export interface ValidateModelOptions {
  /** Open each stage on ONNX Runtime (CPU) to check its tensors. Default true. */
  readonly openSessions?: boolean;
}

/** Every problem in a model folder, errors and warnings; an empty list means the folder is good. */
export async function validateModel(folder: string, opts: ValidateModelOptions = {}): Promise<ModelProblem[]> {
  const { manifest, problems, pointer } = await readManifest(folder);
  if (!manifest) return problems;
  for (const [name, stage] of stagesOf(manifest)) {
    const { problems: fileProblems, present } = await checkStageFile(folder, name, stage, pointer, true);
    problems.push(...fileProblems);
    if (!present || opts.openSessions === false) continue;
    problems.push(...(await checkStageSession(folder, name, stage, pointer)));
  }
  return problems;
}

async function checkStageSession(folder: string, name: StageName, stage: StageSpec, pointer: ManifestPointer): Promise<ModelProblem[]> {
  const file = join(folder, stage.file);
  let engine: Engine;
  try {
    engine = await createEngine(file, { backend: "onnxruntime" });
  } catch (err) {
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return [pointer.at(["stages", name, "file"], "error", `ONNX Runtime cannot open ${stage.file}: ${why}`, "re-export the stage as a valid ONNX file", file)];
  }
  try {
    return checkStageTensors(file, name, stage, engine, pointer);
  } finally {
    await engine.dispose();
  }
}

function stagesOf(m: Manifest): [StageName, StageSpec][] {
  const out: [StageName, StageSpec][] = [];
  for (const name of STAGE_NAMES) {
    const stage = m.stages[name];
    if (stage) out.push([name, stage]);
  }
  return out;
}

export interface LoadModelOptions extends Omit<CreateEngineOptions, "log"> {
  /** Check each file's sha256 against the manifest at load. Default true (a few ms per MB). */
  readonly verifyHashes?: boolean;
  readonly log?: (line: string) => void;
}

export interface LoadedModel {
  readonly folder: string;
  readonly manifest: Manifest;
  /** Warnings found at load (errors throw). */
  readonly warnings: readonly ModelProblem[];
  has(stage: StageName): boolean;
  /** The stage's engine, opened on first call and shared after; rejects with a ModelError on tensor mismatch. */
  engine(stage: StageName): Promise<Engine>;
  /** Disposes every engine opened so far. */
  dispose(): Promise<void>;
}

/** Reads and checks a model folder (manifest, files, hashes); throws a ModelError listing every error. */
export async function loadModel(folder: string, opts: LoadModelOptions = {}): Promise<LoadedModel> {
  const { manifest, problems, pointer } = await readManifest(folder);
  if (manifest) {
    for (const [name, stage] of stagesOf(manifest)) {
      problems.push(...(await checkStageFile(folder, name, stage, pointer, opts.verifyHashes ?? true)).problems);
    }
  }
  if (!manifest || problems.some((p) => p.severity === "error")) throw new ModelError(folder, problems);
  return new ModelPackage(folder, manifest, problems, pointer, opts);
}

class ModelPackage implements LoadedModel {
  private readonly engines = new Map<StageName, Promise<Engine>>();

  constructor(
    readonly folder: string,
    readonly manifest: Manifest,
    readonly warnings: readonly ModelProblem[],
    private readonly pointer: ManifestPointer,
    private readonly opts: LoadModelOptions,
  ) {}

  has(stage: StageName): boolean {
    return this.manifest.stages[stage] !== undefined;
  }

  engine(stage: StageName): Promise<Engine> {
    let pending = this.engines.get(stage);
    if (!pending) {
      pending = this.open(stage);
      // A failed open is not cached, so a fixed file can be retried without reloading the model.
      pending.catch(() => this.engines.delete(stage));
      this.engines.set(stage, pending);
    }
    return pending;
  }

  private async open(name: StageName): Promise<Engine> {
    const stage = this.manifest.stages[name];
    if (!stage) {
      throw new ModelError(this.folder, [this.pointer.at(["stages"], "error", `the model has no stage "${name}"`, `add stages.${name} to model.yaml`)]);
    }
    const file = join(this.folder, stage.file);
    const { verifyHashes: _verify, ...engineOpts } = this.opts;
    const engine = await createEngine(file, engineOpts);
    const problems = checkStageTensors(file, name, stage, engine, this.pointer);
    if (problems.length > 0) {
      await engine.dispose();
      throw new ModelError(this.folder, problems);
    }
    return engine;
  }

  async dispose(): Promise<void> {
    const opened = [...this.engines.values()];
    this.engines.clear();
    for (const pending of opened) {
      const engine = await pending.catch(() => undefined);
      await engine?.dispose();
    }
  }
}
