// `reflex calibrate`: INT8 calibration of a model's stages through ONNX Runtime, written as a TensorRT
// calibration cache (TRT-<version>-EntropyCalibration2) plus an amax JSON per stage.
//
//   reflex calibrate --model <folder | file.onnx> --data <folder | random[:N[:seed]]> \
//                    --method entropy|minmax|percentile --out <file> [--stage <name>] [--percentile 99.99]
//                    [--dim name=value]... [--tensors a,b] [--trt-version 100300] [--qdq <file | folder>]
//
// One stage: --out is the cache file and the amax JSON goes next to it (<out minus extension>.amax.json).
// Several stages (a model folder without --stage): --out is a folder receiving <stage>.calib + <stage>.amax.json.
// User errors exit 2 with what, where and how to fix; --data folders hold one <input>.npy per stage input, or
// one subfolder per stage (<data>/<stage>/<input>.npy), which is taken for that stage when present.
// --qdq also writes the model with QuantizeLinear/DequantizeLinear pairs at the calibrated scales in front of
// its MatMul/Gemm/Conv inputs (sdk/quant/onnx-qdq.ts): <qdq> for one stage, <qdq>/<stage>.qdq.onnx for several.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

import { Command } from "commander";
import { parse as parseYaml } from "yaml";

import { CALIBRATION_METHODS, type CalibrationMethod } from "../quant/calibrator.js";
import { cacheFromCalibration, DEFAULT_TRT_VERSION, formatAmaxJson, formatCalibrationCache } from "../quant/calibration-cache.js";
import { CalibrationInputError, openInputSource, type DeclaredShapes } from "../quant/calibration-inputs.js";
import { calibrateModel, modelGraph } from "../quant/calibrate-model.js";
import { insertQdq } from "../quant/onnx-qdq.js";
import { readNumber } from "./number-options.js";

interface Stage {
  readonly name: string;
  readonly file: string;
  /** The input shapes as model.yaml declares them (a model folder with a manifest), named in shape errors. */
  readonly declared?: DeclaredShapes;
}

type ManifestStage = { file?: unknown; inputs?: unknown } | null;

function declaredShapes(manifest: string, name: string, s: ManifestStage): DeclaredShapes {
  const shapes = new Map<string, readonly (number | string)[]>();
  if (Array.isArray(s?.inputs)) {
    for (const i of s.inputs as unknown[]) {
      const { name: n, shape } = (i ?? {}) as { name?: unknown; shape?: unknown };
      if (typeof n === "string" && Array.isArray(shape)) shapes.set(n, shape.map((d) => (typeof d === "number" ? d : String(d))));
    }
  }
  return { where: `${manifest} stages.${name}.inputs`, shapes };
}

class UsageError extends Error {}

function resolveStages(model: string, only: string | undefined): Stage[] {
  if (!existsSync(model)) throw new UsageError(`--model ${model}: no such file or folder; give an .onnx file or a model folder with model.yaml`);
  let stages: Stage[];
  if (statSync(model).isFile()) {
    if (extname(model) !== ".onnx") throw new UsageError(`--model ${model}: not an .onnx file; calibration runs ONNX models (build TensorRT engines after)`);
    stages = [{ name: basename(model, ".onnx"), file: model }];
  } else {
    const manifest = join(model, "model.yaml");
    if (existsSync(manifest)) {
      const doc = parseYaml(readFileSync(manifest, "utf8")) as { stages?: Record<string, ManifestStage> } | null;
      const entries = Object.entries(doc?.stages ?? {});
      stages = entries
        .filter(([, s]) => typeof s?.file === "string" && (s.file as string).endsWith(".onnx"))
        .map(([name, s]) => ({ name, file: join(model, (s as { file: string }).file), declared: declaredShapes(manifest, name, s) }));
      if (stages.length === 0) throw new UsageError(`${manifest}: no stage with an .onnx file under stages:`);
    } else {
      stages = readdirSync(model)
        .filter((f) => f.endsWith(".onnx"))
        .sort()
        .map((f) => ({ name: basename(f, ".onnx"), file: join(model, f) }));
      if (stages.length === 0) throw new UsageError(`--model ${model}: no model.yaml and no .onnx files in the folder`);
    }
  }
  if (only !== undefined) {
    const picked = stages.filter((s) => s.name === only);
    if (picked.length === 0) throw new UsageError(`--stage ${only}: not a stage of ${model}; stages: ${stages.map((s) => s.name).join(", ")}`);
    stages = picked;
  }
  for (const s of stages) if (!existsSync(s.file)) throw new UsageError(`stage ${s.name}: ${s.file} does not exist`);
  return stages;
}

function parseDims(values: readonly string[]): Map<string, number> {
  const dims = new Map<string, number>();
  for (const v of values) {
    const m = /^([^=]+)=(.*)$/.exec(v);
    const size = m ? readNumber(m[2] as string, { min: 1, max: 2 ** 31 - 1, integer: true, what: "an axis size" }) : undefined;
    if (!m || typeof size !== "number") throw new UsageError(`--dim ${v}: expected name=positive integer, e.g. --dim batch=1${typeof size === "object" ? ` (${size.why})` : ""}`);
    dims.set(m[1] as string, size);
  }
  return dims;
}

function progressBar(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  let lastQuarter = -1;
  return (done, total) => {
    if (tty) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} batches`);
      if (done === total) process.stderr.write("\n");
    } else {
      const quarter = Math.floor((done / total) * 4);
      if (quarter !== lastQuarter || done === total) {
        lastQuarter = quarter;
        process.stderr.write(`${label}: ${done}/${total} batches\n`);
      }
    }
  };
}

interface CalibrateOptions {
  model: string;
  data: string;
  method: string;
  out: string;
  stage?: string;
  percentile: string;
  dim: string[];
  tensors?: string;
  trtVersion: string;
  qdq?: string;
}

async function calibrate(opts: CalibrateOptions): Promise<void> {
  if (!CALIBRATION_METHODS.includes(opts.method as CalibrationMethod)) {
    throw new UsageError(`--method ${opts.method}: use one of ${CALIBRATION_METHODS.join(", ")}`);
  }
  const method = opts.method as CalibrationMethod;
  const percentile = readNumber(opts.percentile, { min: 0, aboveMin: true, max: 100, what: "a percentile, e.g. 99.99" });
  if (typeof percentile !== "number") throw new UsageError(`--percentile ${opts.percentile}: ${percentile.why}`);
  const trtVersion = readNumber(opts.trtVersion, { min: 1, max: 2 ** 31 - 1, integer: true, what: "a TensorRT version like 100300 (10.3.0)" });
  if (typeof trtVersion !== "number") throw new UsageError(`--trt-version ${opts.trtVersion}: ${trtVersion.why}`);
  const dims = parseDims(opts.dim);
  const stages = resolveStages(opts.model, opts.stage);
  const many = stages.length > 1;
  if (many) mkdirSync(opts.out, { recursive: true });
  else mkdirSync(dirname(opts.out), { recursive: true });
  if (opts.qdq !== undefined) mkdirSync(many ? opts.qdq : dirname(opts.qdq), { recursive: true });

  for (const stage of stages) {
    let graph: ReturnType<typeof modelGraph>;
    try {
      graph = modelGraph(stage.file);
    } catch (err) {
      throw new UsageError(`stage ${stage.name}: ${stage.file} is not a readable ONNX model (${(err as Error).message}); export it again`);
    }
    const nonFloat = graph.inputs.filter((i) => i.elemType !== 1);
    if (nonFloat.length > 0 && opts.data.startsWith("random")) {
      throw new UsageError(`stage ${stage.name}: input ${nonFloat.map((i) => `"${i.name}"`).join(", ")} is not float32; random data covers float inputs only, record real ones into --data <folder>`);
    }
    const stageData = join(opts.data, stage.name);
    const data = existsSync(stageData) && statSync(stageData).isDirectory() ? stageData : opts.data;
    const source = openInputSource(data, graph.inputs, dims, stage.declared ?? { where: stage.file });
    process.stderr.write(`calibrating ${stage.name} (${stage.file}) with ${method} on ${source.description}\n`);
    const { results, skipped } = await calibrateModel({
      modelPath: stage.file,
      source,
      method,
      percentile,
      ...(opts.tensors !== undefined ? { tensors: opts.tensors.split(",").map((t) => t.trim()) } : {}),
      onProgress: progressBar(stage.name),
    });
    const cachePath = many ? join(opts.out, `${stage.name}.calib`) : opts.out;
    const amaxPath = many ? join(opts.out, `${stage.name}.amax.json`) : join(dirname(opts.out), `${basename(opts.out, extname(opts.out))}.amax.json`);
    writeFileSync(cachePath, formatCalibrationCache(cacheFromCalibration(results.values(), trtVersion)));
    writeFileSync(
      amaxPath,
      formatAmaxJson(results.values(), { method, ...(method === "percentile" ? { percentile } : {}), model: stage.file, batches: source.batches }),
    );
    if (opts.qdq !== undefined) {
      const qdqPath = many ? join(opts.qdq, `${stage.name}.qdq.onnx`) : opts.qdq;
      const scales = new Map([...results.values()].map((r) => [r.name, r.scale]));
      const q = insertQdq(readFileSync(stage.file), scales);
      writeFileSync(qdqPath, q.bytes);
      process.stderr.write(`${stage.name}: ${q.quantized.length} Q/DQ pairs -> ${qdqPath}${q.skipped.length > 0 ? ` (left in float: ${q.skipped.map((k) => k.name).join(", ")})` : ""}\n`);
    }
    const zero = [...results.values()].filter((r) => r.amax === 0).map((r) => r.name);
    process.stderr.write(`${stage.name}: ${results.size} tensors -> ${cachePath}, ${amaxPath}\n`);
    if (skipped.length > 0) {
      const shown = skipped.slice(0, 6).join(", ");
      process.stderr.write(`${stage.name}: left out ${skipped.length} non-float32 tensors (shape and index arithmetic): ${shown}${skipped.length > 6 ? ", ..." : ""}\n`);
    }
    if (zero.length > 0) process.stderr.write(`${stage.name}: warning: all-zero activations (amax 0), left out of the cache so TensorRT keeps them in higher precision: ${zero.join(", ")}\n`);
  }
}

export function register(program: Command): void {
  program
    .command("calibrate")
    .description("INT8-calibrate a model's stages through ONNX Runtime; writes a TensorRT calibration cache and amax JSON")
    .requiredOption("--model <path>", "an .onnx file or a model folder (model.yaml stages, else every .onnx)")
    .requiredOption("--data <inputs>", "a folder with one <input>.npy per model input (axis 0 = samples; or <folder>/<stage>/ per stage), or random[:batches[:seed]]")
    .option("--method <method>", `${CALIBRATION_METHODS.join(" | ")}`, "entropy")
    .requiredOption("--out <file>", "cache file (one stage) or folder (several stages)")
    .option("--stage <name>", "calibrate only this stage of a model folder")
    .option("--percentile <p>", "for --method percentile", "99.99")
    .option("--dim <name=value>", "size of a dynamic axis for random inputs (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--tensors <names>", "comma-separated activations to calibrate (default: all)")
    .option("--qdq <path>", "also write the model with Q/DQ pairs at these scales (a file for one stage, a folder for several)")
    .option("--trt-version <int>", "TensorRT version written in the cache header (100300 = 10.3.0, JetPack 6.2)", String(DEFAULT_TRT_VERSION))
    .action(async (opts: CalibrateOptions) => {
      try {
        await calibrate(opts);
      } catch (err) {
        if (err instanceof UsageError || err instanceof CalibrationInputError) {
          process.stderr.write(`reflex calibrate: ${err.message}\n`);
          process.exit(2);
        }
        throw err;
      }
    });
}
