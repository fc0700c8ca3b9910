import assert from "node:assert/strict";
import { appendFile, cp, mkdtemp, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatProblem, loadModel, ModelError, validateModel, type ModelProblem } from "../../sdk/engine/index.js";

const FIXTURE = join("test", "fixtures", "engine", "tiny-random");

/** A scratch copy of the fixture model, edited by `edit` (model.yaml text in, text out). */
async function copyModel(edit?: (yaml: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "reflex-model-"));
  await cp(FIXTURE, dir, { recursive: true });
  if (edit) {
    const file = join(dir, "model.yaml");
    await writeFile(file, edit(await readFile(file, "utf8")));
  }
  return dir;
}

/** 1-based line of the first line of model.yaml containing `needle`. */
async function lineOf(dir: string, needle: string, from = 0): Promise<number> {
  const lines = (await readFile(join(dir, "model.yaml"), "utf8")).split("\n");
  const i = lines.findIndex((l, n) => n >= from && l.includes(needle));
  assert.ok(i >= 0, `"${needle}" not in model.yaml`);
  return i + 1;
}

function errors(problems: readonly ModelProblem[]): ModelProblem[] {
  return problems.filter((p) => p.severity === "error");
}

describe("engine: model package validation", () => {
  const dirs: string[] = [];
  const scratch = async (edit?: (yaml: string) => string): Promise<string> => {
    const d = await copyModel(edit);
    dirs.push(d);
    return d;
  };
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("finds nothing wrong with the generated fixture (real sessions opened)", async () => {
    assert.deepEqual(await validateModel(FIXTURE), []);
  });

  it("a missing stage file is an error naming the file, at the file: line", async () => {
    const dir = await scratch();
    await unlink(join(dir, "head.onnx"));
    const problems = errors(await validateModel(dir));
    assert.equal(problems.length, 1);
    const [p] = problems as [ModelProblem];
    assert.equal(p.file, join(dir, "head.onnx"));
    assert.equal(p.path, "stages.head.file");
    assert.equal(p.at?.line, await lineOf(dir, "file: head.onnx"));
    assert.match(p.message, /head\.onnx is missing/);
    assert.match(p.fix, /put head\.onnx in the model folder/);
  });

  it("a hash mismatch names the file, both hashes, and the sha256: line to fix", async () => {
    const dir = await scratch();
    await appendFile(join(dir, "backbone.onnx"), Buffer.from([0]));
    const problems = errors(await validateModel(dir, { openSessions: false }));
    assert.equal(problems.length, 1);
    const [p] = problems as [ModelProblem];
    assert.equal(p.file, join(dir, "backbone.onnx"));
    assert.equal(p.path, "stages.backbone.sha256");
    assert.equal(p.at?.line, await lineOf(dir, "sha256", (await lineOf(dir, "backbone:")) - 1));
    assert.match(p.message, /backbone\.onnx has sha256 [0-9a-f]{64}, but model\.yaml records b43fa08f/);
    assert.match(p.fix, /set sha256: [0-9a-f]{64}/);
    assert.match(formatProblem(p), new RegExp(`model\\.yaml:${p.at?.line}:\\d+: stages\\.backbone\\.sha256: backbone\\.onnx has`));
  });

  it("a tensor name the ONNX file lacks is an error with the file's names and a suggestion", async () => {
    const dir = await scratch((y) => y.replace("{ name: patch_index,", "{ name: patch_idx,"));
    const problems = errors(await validateModel(dir));
    const names = problems.map((p) => p.path);
    assert.ok(names.includes("stages.vision.inputs[1].name"), names.join(", "));
    const p = problems.find((q) => q.path === "stages.vision.inputs[1].name") as ModelProblem;
    assert.equal(p.file, join(dir, "vision.onnx"));
    assert.equal(p.at?.line, await lineOf(dir, "patch_idx"));
    assert.match(p.message, /has no input "patch_idx"; its inputs are "patches", "patch_index", "instruction"/);
    assert.match(p.fix, /rename it to "patch_index"/);
    // The file's real input is now undeclared: the runtime would never feed it.
    assert.ok(problems.some((q) => q.path === "stages.vision.inputs" && /needs input "patch_index"/.test(q.message)));
  });

  it("a wrong dtype or a fixed dim declared dynamic is an error at that entry", async () => {
    const dir = await scratch((y) =>
      y.replace("{ name: proprio, dtype: float32, shape: [1, 3] }", "{ name: proprio, dtype: float16, shape: [1, \"joints\"] }"),
    );
    const problems = errors(await validateModel(dir));
    const dtype = problems.find((p) => p.path === "stages.backbone.inputs[2].dtype");
    const shape = problems.find((p) => p.path === "stages.backbone.inputs[2].shape");
    assert.ok(dtype && /declares "proprio" as float32, model.yaml as float16/.test(dtype.message));
    assert.ok(shape && /dim 1 is fixed to 3 in the file, dynamic \("joints"\)/.test(shape.message));
    assert.equal(shape.fix, "set shape: [1, 3]");
  });

  it("schema errors point at the key, with a suggestion for a misspelt one", async () => {
    const dir = await scratch((y) => y.replace("  patch: 8\n", "  pach: 8\n"));
    const problems = errors(await validateModel(dir));
    const unknown = problems.find((p) => p.path === "image.pach");
    const missing = problems.find((p) => p.path === "image.patch");
    assert.ok(unknown, problems.map(formatProblem).join("\n"));
    assert.equal(unknown.at?.line, await lineOf(dir, "pach: 8"));
    assert.equal(unknown.at?.col, 3);
    assert.match(unknown.fix, /rename it to "patch"/);
    assert.ok(missing && /missing "patch"/.test(missing.message));
  });

  it("inconsistent sizes are errors that say the right value", async () => {
    const dir = await scratch((y) => y.replace("  count: 16", "  count: 12").replace("  patch_dim: 192", "  patch_dim: 64"));
    const problems = errors(await validateModel(dir, { openSessions: false }));
    assert.ok(problems.some((p) => p.path === "tokens.count" && p.fix === "set count: 16"));
    assert.ok(problems.some((p) => p.path === "tokens.patch_dim" && p.fix === "set patch_dim: 192"));
  });

  it("a YAML syntax error names the line", async () => {
    const dir = await scratch((y) => y.replace("  grid: [4, 4]", "  grid: [4, 4"));
    const problems = errors(await validateModel(dir));
    assert.equal(problems.length >= 1, true);
    assert.match(problems[0]!.message, /^YAML syntax/);
    assert.ok((problems[0]!.at?.line ?? 0) >= (await lineOf(dir, "grid: [4, 4")));
  });

  it("an unknown top-level key is only a warning", async () => {
    const dir = await scratch((y) => `${y}training_notes: seeded run\n`);
    const problems = await validateModel(dir, { openSessions: false });
    assert.equal(errors(problems).length, 0);
    assert.ok(problems.some((p) => p.severity === "warning" && p.path === "training_notes"));
  });

  it("a folder without model.yaml says so", async () => {
    const problems = await validateModel(join(FIXTURE, "no-such-model"));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /no model\.yaml/);
  });
});

describe("engine: loadModel", () => {
  it("loads the manifest and opens each stage's engine once, on first use", async () => {
    const model = await loadModel(FIXTURE);
    try {
      assert.equal(model.manifest.name, "tiny-random");
      assert.equal(model.manifest.tokens.count, 16);
      assert.ok(model.has("head_onestep"));
      const [a, b] = await Promise.all([model.engine("head"), model.engine("head")]);
      assert.equal(a, b);
      assert.deepEqual(a.inputs.map((i) => i.name), ["x_t", "t", "cond"]);
      const out = await a.run({
        x_t: { dtype: "float32", shape: [1, 4, 2], data: new Float32Array(8) },
        t: { dtype: "float32", shape: [1], data: new Float32Array([0.5]) },
        cond: { dtype: "float32", shape: [1, 32], data: new Float32Array(32) },
      });
      assert.deepEqual(out.velocity?.shape, [1, 4, 2]);
    } finally {
      await model.dispose();
    }
  });

  it("throws a ModelError listing every error at load (missing file, hash mismatch)", async () => {
    const dir = await copyModel();
    try {
      await unlink(join(dir, "vision.onnx"));
      await appendFile(join(dir, "head.onnx"), Buffer.from([1]));
      await assert.rejects(loadModel(dir), (err: unknown) => {
        assert.ok(err instanceof ModelError);
        assert.equal(err.problems.length, 2);
        assert.match(err.message, /vision\.onnx is missing/);
        assert.match(err.message, /head\.onnx has sha256/);
        return true;
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a stage whose tensors do not match fails when its engine opens", async () => {
    const dir = await copyModel((y) => y.replace("{ name: velocity,", "{ name: velocty,"));
    try {
      const model = await loadModel(dir);
      await assert.rejects(model.engine("head"), /has no output "velocty".*Fix: rename it to "velocity"/s);
      await model.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
