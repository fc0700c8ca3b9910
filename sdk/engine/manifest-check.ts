// Reads and checks model.yaml on its own (no model files): YAML syntax, the schema, and the sums that
// must agree (grid x patch = image size, tokens = grid cells, normalisation lengths = dims).

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { TSchema } from "@sinclair/typebox";
import { Value, ValueErrorType, type ValueError } from "@sinclair/typebox/value";
import { closest } from "fastest-levenshtein";
import { formatPath, parseManifestYaml, type ManifestPath } from "./manifest-yaml.js";
import { MANIFEST_FILE, ManifestSchema, type Manifest } from "./model-manifest.js";
import type { ModelProblem } from "./model-problem.js";

/**
 * Makes problems that point into model.yaml. `file` overrides the file named: a problem about a stage's
 * .onnx file names that file, with the position of the manifest entry that refers to it.
 */
export interface ManifestPointer {
  readonly yamlFile: string;
  at(path: ManifestPath, severity: ModelProblem["severity"], message: string, fix: string, file?: string): ModelProblem;
}

export interface ManifestRead {
  /** Present when the manifest parsed and matched the schema (warnings may remain). */
  readonly manifest: Manifest | undefined;
  readonly problems: ModelProblem[];
  readonly pointer: ManifestPointer;
}

export async function readManifest(folder: string): Promise<ManifestRead> {
  const yamlFile = join(folder, MANIFEST_FILE);
  let source: string;
  try {
    source = await readFile(yamlFile, "utf8");
  } catch {
    const pointer: ManifestPointer = { yamlFile, at: (_p, severity, message, fix, file) => ({ severity, file: file ?? yamlFile, message, fix }) };
    const problem = { severity: "error" as const, file: yamlFile, message: `no ${MANIFEST_FILE} in ${folder}`, fix: `point the config at a model folder (one with ${MANIFEST_FILE}, e.g. models/tiny-vla)` };
    return { manifest: undefined, problems: [problem], pointer };
  }
  const parsed = parseManifestYaml(source);
  const pointer: ManifestPointer = {
    yamlFile,
    at: (path, severity, message, fix, file) => ({ severity, file: file ?? yamlFile, at: { file: yamlFile, ...parsed.positionOf(path) }, path: formatPath(path), message, fix }),
  };
  if (parsed.syntaxErrors.length > 0) {
    const problems = parsed.syntaxErrors.map((e) => ({ severity: "error" as const, file: yamlFile, at: { file: yamlFile, line: e.line, col: e.col }, message: `YAML syntax: ${e.message}`, fix: "correct the YAML at this position" }));
    return { manifest: undefined, problems, pointer };
  }
  const problems = schemaProblems(parsed.value, pointer);
  if (problems.some((p) => p.severity === "error")) return { manifest: undefined, problems, pointer };
  const manifest = parsed.value as Manifest;
  problems.push(...consistencyProblems(manifest, pointer));
  return { manifest, problems, pointer };
}

function schemaProblems(value: unknown, pointer: ManifestPointer): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const seen = new Set<string>();
  if (typeof value !== "object" || value === null) {
    return [pointer.at([], "error", `${MANIFEST_FILE} must be a mapping of keys (name, image, tokens, stages, ...)`, "start from models/tiny-vla/model.yaml")];
  }
  for (const e of Value.Errors(ManifestSchema, value)) {
    const path = pointerToPath(e.path);
    const key = formatPath(path);
    if (seen.has(key)) continue; // one problem per entry: the first TypeBox reports is the most specific
    seen.add(key);
    problems.push(pointer.at(path, "error", describeError(e, path), fixFor(e, path)));
  }
  for (const key of Object.keys(value)) {
    if (!(key in ManifestSchema.properties)) {
      const near = closest(key, Object.keys(ManifestSchema.properties));
      problems.push(pointer.at([key], "warning", `unknown top-level key "${key}" (kept, but Reflex does not read it)`, `if you meant "${near}", rename it`));
    }
  }
  return problems;
}

function describeError(e: ValueError, path: ManifestPath): string {
  const last = path[path.length - 1];
  switch (e.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return `missing "${String(last)}"`;
    case ValueErrorType.ObjectAdditionalProperties:
      return `unknown key "${String(last)}"`;
    default:
      return `expected ${describeSchema(e.schema)}, found ${JSON.stringify(e.value)}`;
  }
}

function fixFor(e: ValueError, path: ManifestPath): string {
  const last = String(path[path.length - 1]);
  if (e.type === ValueErrorType.ObjectRequiredProperty) return `add ${last}: <${describeSchema(e.schema)}> under ${formatPath(path.slice(0, -1)) || "the top level"}`;
  if (e.type === ValueErrorType.ObjectAdditionalProperties) {
    const siblings = knownKeys(path.slice(0, -1));
    const near = siblings.length > 0 ? closest(last, siblings) : undefined;
    return near ? `rename it to "${near}" or remove it (known keys: ${siblings.join(", ")})` : "remove it";
  }
  return `set it to ${describeSchema(e.schema)}`;
}

// The keys the schema allows at a manifest path (walking object properties; arrays pass through).
function knownKeys(path: ManifestPath): string[] {
  let schema: TSchema | undefined = ManifestSchema;
  for (const key of path) {
    if (!schema) return [];
    if (typeof key === "number") schema = (schema as { items?: TSchema }).items;
    else schema = (schema as { properties?: Record<string, TSchema> }).properties?.[key];
  }
  const props = (schema as { properties?: Record<string, TSchema> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function describeSchema(s: TSchema): string {
  const any = s as { const?: unknown; anyOf?: TSchema[]; type?: string; minimum?: number; exclusiveMinimum?: number; pattern?: string; minItems?: number; items?: TSchema | TSchema[] };
  if (any.const !== undefined) return JSON.stringify(any.const);
  if (any.anyOf) return `one of ${any.anyOf.map(describeSchema).join(", ")}`;
  if (any.pattern === "^[0-9a-f]{64}$") return "64 lowercase hex digits (sha256sum of the file)";
  if (any.type === "integer") return any.minimum !== undefined ? `an integer >= ${any.minimum}` : "an integer";
  if (any.type === "number") {
    if (any.exclusiveMinimum !== undefined) return `a number > ${any.exclusiveMinimum}`;
    return any.minimum !== undefined ? `a number >= ${any.minimum}` : "a number";
  }
  if (any.type === "array") return Array.isArray(any.items) ? `a list of ${any.items.length} values` : "a list";
  if (any.type === "object") return "a mapping";
  return any.type ? `a ${any.type}` : "a valid value";
}

function pointerToPath(p: string): (string | number)[] {
  if (p === "") return [];
  return p
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function consistencyProblems(m: Manifest, pointer: ManifestPointer): ModelProblem[] {
  const out: ModelProblem[] = [];
  const [rows, cols] = m.image.grid;
  const { patch, width, height, channels } = m.image;
  if (rows * patch !== height || cols * patch !== width) {
    out.push(pointer.at(["image", "grid"], "error", `grid ${rows}x${cols} of ${patch}px patches covers ${cols * patch}x${rows * patch}, but the image is ${width}x${height}`, `set grid: [${Math.floor(height / patch)}, ${Math.floor(width / patch)}] with an image size divisible by the patch`));
  }
  if (m.tokens.count !== rows * cols) {
    out.push(pointer.at(["tokens", "count"], "error", `tokens.count is ${m.tokens.count} but the grid has ${rows * cols} patches`, `set count: ${rows * cols}`));
  }
  if (m.tokens.patch_dim !== patch * patch * channels) {
    out.push(pointer.at(["tokens", "patch_dim"], "error", `patch_dim is ${m.tokens.patch_dim} but a ${patch}x${patch}x${channels} patch has ${patch * patch * channels} values`, `set patch_dim: ${patch * patch * channels}`));
  }
  const lengths: [ManifestPath, number, number][] = [
    [["proprio", "mean"], m.proprio.mean.length, m.proprio.dim],
    [["proprio", "std"], m.proprio.std.length, m.proprio.dim],
    [["action", "mean"], m.action.mean.length, m.action.dim],
    [["action", "std"], m.action.std.length, m.action.dim],
  ];
  if (m.proprio.fields) lengths.push([["proprio", "fields"], m.proprio.fields.length, m.proprio.dim]);
  if (m.action.fields) lengths.push([["action", "fields"], m.action.fields.length, m.action.dim]);
  for (const [path, got, want] of lengths) {
    if (got !== want) out.push(pointer.at(path, "error", `${formatPath(path)} has ${got} values, the dim is ${want}`, `give exactly ${want} values`));
  }
  const stds: [ManifestPath, readonly number[]][] = [
    [["image", "std"], m.image.std],
    [["proprio", "std"], m.proprio.std],
    [["action", "std"], m.action.std],
  ];
  for (const [path, values] of stds) {
    if (values.some((v) => !(v > 0))) out.push(pointer.at(path, "error", `${formatPath(path)} must be > 0 everywhere (it divides)`, "use the training set's standard deviations"));
  }
  return out;
}
