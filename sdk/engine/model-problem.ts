// A problem found in a model folder: what is wrong, where (file, and line:col in model.yaml where the
// manifest is the place to fix it), and how to fix it.

export interface ModelProblem {
  readonly severity: "error" | "warning";
  /** The file the problem is in or about (model.yaml, or a stage's .onnx file). */
  readonly file: string;
  /** 1-based position in model.yaml of the entry to fix, where there is one. */
  readonly line?: number;
  readonly col?: number;
  /** The manifest path of that entry, e.g. "stages.vision.inputs[0].name". */
  readonly path?: string;
  readonly message: string;
  readonly fix: string;
}

/** "models/x/model.yaml:41:17: stages.vision.sha256: ... Fix: ..." */
export function formatProblem(p: ModelProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
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
