// A problem found in a model folder: what is wrong, which file it is about, where to fix it (line:col in
// model.yaml where the manifest is the place), and how.

export interface ModelProblem {
  readonly severity: "error" | "warning";
  /** The file the problem is about: model.yaml itself, or a stage's .onnx file. */
  readonly file: string;
  /** Where to fix it: the model.yaml entry (1-based line:col) where there is one. */
  readonly at?: { readonly file: string; readonly line: number; readonly col: number };
  /** The manifest path of that entry, e.g. "stages.vision.inputs[0].name". */
  readonly path?: string;
  readonly message: string;
  readonly fix: string;
}

/** "models/x/model.yaml:41:17: stages.vision.sha256: vision.onnx has ... Fix: ..." */
export function formatProblem(p: ModelProblem): string {
  const where = p.at ? `${p.at.file}:${p.at.line}:${p.at.col}` : p.file;
  const path = p.path ? `${p.path}: ` : "";
  return `${where}: ${p.severity === "warning" ? "warning: " : ""}${path}${p.message}. Fix: ${p.fix}`;
}

/** Thrown by loadModel and by a model's engine when the folder has errors; lists all of them. */
export class ModelError extends Error {
  constructor(
    readonly folder: string,
    readonly problems: readonly ModelProblem[],
  ) {
    const errors = problems.filter((p) => p.severity === "error");
    super(`model ${folder} has ${errors.length} error(s):\n${errors.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "ModelError";
  }
}
