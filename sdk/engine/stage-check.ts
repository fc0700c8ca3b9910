// Checks a manifest's stages against the files: present, the hash the manifest records, and tensors
// (names, dtypes, shapes) that the engine opened on the file really has.

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { closest } from "fastest-levenshtein";
import type { TensorInfo } from "./engine.js";
import type { ManifestPointer } from "./manifest-check.js";
import type { StageName, StageSpec, TensorSpec } from "./model-manifest.js";
import type { ModelProblem } from "./model-problem.js";
import { formatSpec } from "./tensor-check.js";

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Missing file or hash mismatch; `present` says whether the file can be opened at all. */
export async function checkStageFile(
  folder: string,
  name: StageName,
  stage: StageSpec,
  pointer: ManifestPointer,
  verifyHash: boolean,
): Promise<{ problems: ModelProblem[]; present: boolean }> {
  const file = join(folder, stage.file);
  try {
    await access(file);
  } catch {
    const problem = pointer.at(["stages", name, "file"], "error", `${stage.file} is missing from ${folder}`, `put ${stage.file} in the model folder (or correct stages.${name}.file)`, file);
    return { problems: [problem], present: false };
  }
  if (!verifyHash) return { problems: [], present: true };
  const actual = await sha256File(file);
  if (actual === stage.sha256) return { problems: [], present: true };
  const problem = pointer.at(
    ["stages", name, "sha256"],
    "error",
    `${relative(folder, file)} has sha256 ${actual}, but model.yaml records ${stage.sha256}`,
    `restore the file the manifest was written for; if ${stage.file} was re-exported on purpose, set sha256: ${actual}`,
    file,
  );
  return { problems: [problem], present: true };
}

/**
 * Declared tensors against the engine's: every declared name exists with the same dtype and a compatible
 * shape (a declared size must match a fixed dim; a declared dynamic axis must be dynamic in the file), and
 * every input the file needs is declared (the runtime feeds only what the manifest lists).
 */
export function checkStageTensors(
  file: string,
  name: StageName,
  stage: StageSpec,
  engine: { inputs: readonly TensorInfo[]; outputs: readonly TensorInfo[] },
  pointer: ManifestPointer,
): ModelProblem[] {
  return [
    ...compareSide(file, name, "inputs", stage.inputs, engine.inputs, engine.outputs, pointer),
    ...compareSide(file, name, "outputs", stage.outputs, engine.outputs, engine.inputs, pointer),
  ];
}

function compareSide(
  file: string,
  stage: StageName,
  side: "inputs" | "outputs",
  declared: readonly TensorSpec[],
  actual: readonly TensorInfo[],
  otherSide: readonly TensorInfo[],
  pointer: ManifestPointer,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const label = basename(file);
  const names = actual.map((t) => t.name);
  declared.forEach((spec, i) => {
    const at = (key: string, message: string, fix: string): void => {
      problems.push(pointer.at(["stages", stage, side, i, key], "error", message, fix, file));
    };
    const info = actual.find((t) => t.name === spec.name);
    if (!info) {
      const wrongSide = otherSide.some((t) => t.name === spec.name);
      const near = names.length > 0 ? closest(spec.name, names) : undefined;
      at(
        "name",
        `${label} has no ${side.slice(0, -1)} "${spec.name}"${wrongSide ? ` ("${spec.name}" is one of its ${side === "inputs" ? "outputs" : "inputs"})` : ""}; its ${side} are ${names.map((n) => `"${n}"`).join(", ")}`,
        near ? `rename it to "${near}" if that is the tensor meant, or re-export the file with the manifest's names` : "re-export the file with the manifest's names",
      );
      return;
    }
    if (info.dtype !== spec.dtype) {
      at("dtype", `${label} declares "${spec.name}" as ${info.dtype}, model.yaml as ${spec.dtype}`, `set dtype: ${info.dtype} (or re-export the file)`);
    }
    const shapeIssue = shapeMismatch(spec.shape, info.shape);
    if (shapeIssue) {
      at("shape", `"${spec.name}": ${label} has ${formatSpec(info)}, model.yaml says ${formatSpec(spec)} (${shapeIssue})`, `set shape: [${info.shape.map((d) => (typeof d === "number" && d > 0 ? d : JSON.stringify(d))).join(", ")}]`);
    }
  });
  if (side === "inputs") {
    for (const info of actual) {
      if (!declared.some((d) => d.name === info.name)) {
        problems.push(pointer.at(["stages", stage, "inputs"], "error", `${label} needs input "${info.name}" (${formatSpec(info)}), which model.yaml does not list`, `add { name: ${info.name}, dtype: ${info.dtype}, shape: [${info.shape.join(", ")}] } to stages.${stage}.inputs`, file));
      }
    }
  }
  return problems;
}

function shapeMismatch(declared: readonly (number | string)[], actual: readonly (number | string)[]): string | undefined {
  if (declared.length !== actual.length) return `rank ${declared.length} vs ${actual.length}`;
  for (let i = 0; i < declared.length; i++) {
    const d = declared[i];
    const a = actual[i];
    const aDynamic = typeof a === "string" || (a as number) <= 0;
    if (typeof d === "number" && !aDynamic && d !== a) return `dim ${i}: ${d} vs ${a}`;
    if (typeof d === "string" && !aDynamic) return `dim ${i} is fixed to ${a} in the file, dynamic ("${d}") in the manifest`;
  }
  return undefined;
}
