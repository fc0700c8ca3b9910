// One VLA policy tick through a model's engines, with the accelerations in between:
//
//   image ─► patches ─► frame cache: which patches changed ─► vision.onnx on those only ─► merged tokens
//         ─► pruning: which tokens the backbone sees ─► backbone.onnx (+ proprio, instruction) ─► cond
//         ─► flow-Euler through head.onnx (step cache may reuse velocities) or head_onestep.onnx
//         ─► de-normalised action chunk (horizon x dim)
//
// Feed buffers are allocated once at the largest size and fed as views, so a tick allocates only its
// result and small bookkeeping. The noise is seeded, so a pipeline replays exactly from its seed.

import type { Engine, Tensor } from "../engine/engine.js";
import type { Manifest } from "../engine/model-manifest.js";
import type { LoadedModel } from "../engine/model-package.js";
import { selectKernels, type AccelKernels, type KernelPath } from "./accel-kernels.js";
import { FrameCache, type FrameCacheReport } from "./frame-cache.js";
import { sampleFlowEuler, type FlowEulerReport, type OneStepFn, type VelocityFn } from "./flow-euler.js";
import { GaussianNoise } from "./gaussian-noise.js";
import { gatherNormalisedPatches, patchify, type PatchGeometry } from "./patchify.js";
import { StepCache } from "./step-cache.js";
import { gatherRows, pruneTokens, type PruneResult } from "./token-pruning.js";
import { baselineFlops, tickFlops, type TickFlops } from "./vla-flops.js";
import { checkPipelineOptions, type VlaPipelineOptions } from "./vla-options.js";
import { msToNs } from "../core/clock.js";

export interface VlaTickInput {
  /** RGB8, row-major HWC, the model's image.width x image.height. */
  readonly image: Uint8Array;
  /** Raw proprioception (the pipeline normalises it), proprio.dim values. */
  readonly proprio: ArrayLike<number>;
  /** Index into the model's instruction.vocab. */
  readonly instruction: number;
}

export interface VlaTickReport {
  /** 0-based tick count since creation or reset(). */
  readonly tick: number;
  readonly tokens: { readonly total: number; readonly kept: number; readonly byRelevance: number; readonly byDiversity: number };
  readonly patches: {
    readonly total: number;
    /** Patches run through the vision encoder this tick. */
    readonly recomputed: number;
    /** Frame-cache hit rate this tick (0 with the cache off). */
    readonly hitRate: number;
    /** Frame cache details (why each recompute; token ages); absent with the cache off. */
    readonly cache: FrameCacheReport | undefined;
  };
  readonly sampler: FlowEulerReport;
  /** Per stage, from the injected clock (ns). preprocess = patchify + cache decision + normalisation. */
  readonly latencyNs: {
    readonly preprocess: number;
    readonly vision: number;
    readonly prune: number;
    readonly backbone: number;
    readonly head: number;
    readonly total: number;
  };
  /** Estimated from model.yaml's per-stage flops; baseline = all patches and tokens, default steps. */
  readonly flops: TickFlops & { readonly baseline: number };
}

export interface VlaTickResult {
  /** The action chunk, horizon x dim row-major, de-normalised (normalised * std + mean). A new array per tick. */
  readonly actions: Float32Array;
  readonly report: VlaTickReport;
}

export interface VlaPipelineDeps {
  /** Monotonic clock in ns for the per-stage latencies; default performance.now(). */
  readonly now?: () => number;
  /**
   * Where pruning and the frame cache's similarities run: "native" (the addon's CPU kernels), "js", or
   * "auto" (default: native where the addon loads). Both paths make the same choices.
   */
  readonly kernels?: KernelPath | "auto";
}

interface Engines {
  readonly vision: Engine;
  readonly backbone: Engine;
  readonly head: Engine;
  readonly onestep: Engine | undefined;
}

/** Tensor names the pipeline feeds and reads, per stage (the tiny-vla model contract). */
const CONTRACT = {
  vision: { inputs: ["patches", "patch_index", "instruction"], outputs: ["tokens", "relevance"] },
  backbone: { inputs: ["instruction", "vision_tokens", "proprio"], outputs: ["cond"] },
  head: { inputs: ["x_t", "t", "cond"], outputs: ["velocity"] },
  head_onestep: { inputs: ["noise", "cond"], outputs: ["actions"] },
} as const;

export class VlaPipeline {
  readonly manifest: Manifest;
  private options: VlaPipelineOptions;
  private readonly engines: Engines;
  private readonly now: () => number;
  /** The kernel path in use ("native" or "js"). */
  readonly kernels: AccelKernels;

  private readonly geometry: PatchGeometry;
  private readonly P: number;
  private readonly PD: number;
  private readonly D: number;
  private readonly chunk: number;
  private readonly baseline: number;

  private readonly pixels01: Float32Array;
  private readonly patchFeed: Float32Array;
  private readonly indexFeed: BigInt64Array;
  private readonly instructionFeed = new BigInt64Array(1);
  private readonly allPatches: Int32Array;
  private readonly keptFeed: Float32Array;
  private readonly proprioFeed: Float32Array;
  private readonly noiseBuffer: Float32Array;
  private readonly x: Float32Array;
  private readonly tFeed = new Float32Array(1);

  private frameCache: FrameCache | undefined;
  private stepCache: StepCache | undefined;
  private noise!: GaussianNoise;
  private lastInstruction: number | undefined;
  private ticks = 0;
  private busy = false;

  private constructor(manifest: Manifest, engines: Engines, options: VlaPipelineOptions, now: () => number, kernels: AccelKernels) {
    this.manifest = manifest;
    this.engines = engines;
    this.now = now;
    this.kernels = kernels;
    const { image, tokens, action, proprio } = manifest;
    this.geometry = { width: image.width, height: image.height, patch: image.patch, rows: image.grid[0], cols: image.grid[1] };
    this.P = tokens.count;
    this.PD = tokens.patch_dim;
    this.D = tokens.dim;
    this.chunk = action.horizon * action.dim;
    this.baseline = baselineFlops(manifest).total;
    this.pixels01 = new Float32Array(this.P * this.PD);
    this.patchFeed = new Float32Array(this.P * this.PD);
    this.indexFeed = new BigInt64Array(this.P);
    this.allPatches = Int32Array.from({ length: this.P }, (_, i) => i);
    this.keptFeed = new Float32Array(this.P * this.D);
    this.proprioFeed = new Float32Array(proprio.dim);
    this.noiseBuffer = new Float32Array(this.chunk);
    this.x = new Float32Array(this.chunk);
    this.options = {};
    this.apply(options, true);
  }

  /** Opens the model's engines (vision, backbone, head, and head_onestep when present) and checks the contract. */
  static async create(model: LoadedModel, options: VlaPipelineOptions = {}, deps: VlaPipelineDeps = {}): Promise<VlaPipeline> {
    checkPipelineOptions(options);
    const engines: Engines = {
      vision: await model.engine("vision"),
      backbone: await model.engine("backbone"),
      head: await model.engine("head"),
      onestep: model.has("head_onestep") ? await model.engine("head_onestep") : undefined,
    };
    checkContract(model.folder, engines);
    const kernels = selectKernels(deps.kernels ?? "auto");
    return new VlaPipeline(model.manifest, engines, options, deps.now ?? (() => msToNs(performance.now())), kernels);
  }

  /** The options in force. */
  get current(): VlaPipelineOptions {
    return this.options;
  }

  /**
   * Changes options between ticks. Each given section replaces the old one whole; a new frame_cache
   * starts cold, a new seed restarts the noise. `steps` may change every tick.
   */
  configure(changes: VlaPipelineOptions): void {
    checkPipelineOptions(changes);
    if (this.busy) throw new Error("vla pipeline: configure() while a tick runs; call it between ticks");
    this.apply(changes, false);
  }

  /** Throws (RangeError naming the option) if configure(changes) would; changes nothing. */
  check(changes: VlaPipelineOptions): void {
    checkPipelineOptions(changes);
    this.apply(changes, false, true);
  }

  /** New episode: a cold frame cache, the noise restarted from the seed, the tick count from 0. */
  reset(): void {
    this.frameCache?.reset();
    this.noise = new GaussianNoise(this.options.seed ?? 0);
    this.lastInstruction = undefined;
    this.ticks = 0;
  }

  async tick(input: VlaTickInput): Promise<VlaTickResult> {
    if (this.busy) throw new Error("vla pipeline: tick() while the previous tick runs; a pipeline runs one tick at a time");
    this.busy = true;
    try {
      return await this.run(input);
    } finally {
      this.busy = false;
    }
  }

  private async run(input: VlaTickInput): Promise<VlaTickResult> {
    const { now, P, PD, D } = this;
    const m = this.manifest;
    const t0 = now();
    this.checkInput(input);

    // Preprocess: patches, which to encode, their normalised pixels.
    patchify(input.image, this.geometry, this.pixels01);
    if (input.instruction !== this.lastInstruction) {
      // Tokens depend on the instruction: none cached under another one may be reused.
      this.frameCache?.reset();
      this.lastInstruction = input.instruction;
    }
    this.instructionFeed[0] = BigInt(input.instruction);
    const plan = this.frameCache?.plan(this.pixels01);
    const recompute = plan ? plan.recompute : this.allPatches;
    const k = gatherNormalisedPatches(this.pixels01, PD, recompute, m.image.mean, m.image.std, this.patchFeed, this.indexFeed);
    const t1 = now();

    // Vision on the patches that need it, merged with the cached ones.
    let tokens: Float32Array;
    let relevance: Float32Array;
    let cacheReport: FrameCacheReport | undefined;
    const fresh = k > 0 ? await this.encode(k) : { tokens: new Float32Array(0), relevance: new Float32Array(0) };
    if (this.frameCache) {
      cacheReport = this.frameCache.commit(fresh.tokens, fresh.relevance);
      tokens = this.frameCache.tokens;
      relevance = this.frameCache.relevance;
    } else {
      tokens = fresh.tokens;
      relevance = fresh.relevance;
    }
    const t2 = now();

    // Pruning: which tokens the backbone sees.
    const pruned: PruneResult = pruneTokens(tokens, relevance, P, D, this.options.pruning ?? { mode: "off" }, this.kernels);
    const kept = pruned.kept.length;
    const visionTokens = gatherRows(tokens, D, pruned.kept, this.keptFeed);
    const t3 = now();

    // Backbone.
    for (let i = 0; i < this.proprioFeed.length; i++) {
      this.proprioFeed[i] = ((input.proprio[i] as number) - (m.proprio.mean[i] as number)) / (m.proprio.std[i] as number);
    }
    const backboneOut = await this.engines.backbone.run({
      instruction: { dtype: "int64", shape: [1], data: this.instructionFeed },
      vision_tokens: { dtype: "float32", shape: [1, kept, D], data: visionTokens },
      proprio: { dtype: "float32", shape: [1, this.proprioFeed.length], data: this.proprioFeed },
    });
    const cond = output(backboneOut, "cond", "backbone");
    const t4 = now();

    // Action head.
    const steps = this.options.steps ?? m.sampler.default_steps;
    const sampled = await sampleFlowEuler({
      steps,
      noise: this.noise.fill(this.noiseBuffer),
      velocity: this.velocityFn(cond),
      ...(this.engines.onestep ? { oneStep: this.oneStepFn(this.engines.onestep, cond) } : {}),
      ...(this.stepCache ? { stepCache: this.stepCache } : {}),
      out: this.x,
    });
    const actions = this.denormalise(sampled.x);
    const t5 = now();

    const flops = tickFlops(m, {
      patchesEncoded: k,
      tokensToBackbone: kept,
      headCalls: sampled.report.head === "euler" ? sampled.report.computed : 0,
      oneStepCalls: sampled.report.head === "onestep" ? 1 : 0,
    });
    const report: VlaTickReport = {
      tick: this.ticks++,
      tokens: { total: P, kept, byRelevance: pruned.byRelevance, byDiversity: pruned.byDiversity },
      patches: { total: P, recomputed: k, hitRate: cacheReport?.hitRate ?? 0, cache: cacheReport },
      sampler: sampled.report,
      latencyNs: { preprocess: t1 - t0, vision: t2 - t1, prune: t3 - t2, backbone: t4 - t3, head: t5 - t4, total: t5 - t0 },
      flops: { ...flops, baseline: this.baseline },
    };
    return { actions, report };
  }

  private async encode(k: number): Promise<{ tokens: Float32Array; relevance: Float32Array }> {
    const out = await this.engines.vision.run({
      patches: { dtype: "float32", shape: [1, k, this.PD], data: this.patchFeed.subarray(0, k * this.PD) },
      patch_index: { dtype: "int64", shape: [1, k], data: this.indexFeed.subarray(0, k) },
      instruction: { dtype: "int64", shape: [1], data: this.instructionFeed },
    });
    return { tokens: f32(output(out, "tokens", "vision")), relevance: f32(output(out, "relevance", "vision")) };
  }

  private velocityFn(cond: Tensor): VelocityFn {
    const { horizon, dim } = this.manifest.action;
    return async (x, t) => {
      this.tFeed[0] = t;
      // x is the sampler's own buffer, fed in place; it is not touched until this call returns.
      const out = await this.engines.head.run({
        x_t: { dtype: "float32", shape: [1, horizon, dim], data: x },
        t: { dtype: "float32", shape: [1], data: this.tFeed },
        cond,
      });
      return f32(output(out, "velocity", "head"));
    };
  }

  private oneStepFn(engine: Engine, cond: Tensor): OneStepFn {
    const { horizon, dim } = this.manifest.action;
    return async (noise) => {
      const out = await engine.run({ noise: { dtype: "float32", shape: [1, horizon, dim], data: noise }, cond });
      return f32(output(out, "actions", "head_onestep"));
    };
  }

  private denormalise(x: Float32Array): Float32Array {
    const { dim, mean, std } = this.manifest.action;
    const actions = new Float32Array(this.chunk);
    for (let i = 0; i < this.chunk; i++) {
      const a = i % dim;
      actions[i] = (x[i] as number) * (std[a] as number) + (mean[a] as number);
    }
    return actions;
  }

  private checkInput(input: VlaTickInput): void {
    const m = this.manifest;
    const bytes = m.image.width * m.image.height * 3;
    if (!(input.image instanceof Uint8Array) || input.image.length !== bytes) {
      throw new RangeError(`vla tick: image must be ${m.image.width}x${m.image.height} RGB8 (a Uint8Array of ${bytes} bytes), got ${input.image?.length ?? "no"} bytes`);
    }
    if (input.proprio.length !== m.proprio.dim) {
      throw new RangeError(`vla tick: proprio must have ${m.proprio.dim} values, got ${input.proprio.length}`);
    }
    const vocab = m.instruction.vocab;
    if (!Number.isInteger(input.instruction) || input.instruction < 0 || input.instruction >= vocab.length) {
      throw new RangeError(`vla tick: instruction must be an index 0..${vocab.length - 1} (${vocab.join(", ")}), got ${input.instruction}`);
    }
  }

  private apply(changes: VlaPipelineOptions, initial: boolean, dryRun = false): void {
    const next: VlaPipelineOptions = { ...this.options, ...changes };
    const steps = next.steps ?? this.manifest.sampler.default_steps;
    if (steps === 1 && !this.engines.onestep) {
      throw new RangeError(`vla pipeline: steps: 1 runs the distilled one-step head, but model ${this.manifest.name} has no stages.head_onestep; use steps >= 2`);
    }
    if (next.pruning && next.pruning.mode !== "off" && next.pruning.keep_ratio === undefined && next.pruning.keep_count === undefined) {
      throw new RangeError(`vla pipeline: pruning mode ${next.pruning.mode} needs keep_ratio or keep_count`);
    }
    if (next.pruning?.keep_ratio !== undefined && next.pruning.keep_count !== undefined) {
      throw new RangeError("vla pipeline: pruning takes keep_ratio or keep_count, not both");
    }
    // Build everything first, assign after: a bad option leaves the pipeline as it was.
    let frameCache = this.frameCache;
    if (initial || changes.frame_cache) {
      const fc = next.frame_cache;
      frameCache = fc?.enabled
        ? new FrameCache({
            patches: this.P,
            patchDim: this.PD,
            tokenDim: this.D,
            kernels: this.kernels,
            ...(fc.similarity !== undefined ? { similarity: fc.similarity } : {}),
            ...(fc.max_rel_l1 !== undefined ? { max_rel_l1: fc.max_rel_l1 } : {}),
            ...(fc.always_recompute_top !== undefined ? { always_recompute_top: fc.always_recompute_top } : {}),
            ...(fc.max_age !== undefined ? { max_age: fc.max_age } : {}),
            ...(fc.reference !== undefined ? { reference: fc.reference } : {}),
          })
        : undefined;
    }
    let stepCache = this.stepCache;
    if (initial || changes.step_cache) {
      const sc = next.step_cache;
      stepCache = sc && sc.mode !== "off" ? new StepCache(sc) : undefined;
    }
    if (dryRun) return;
    if (initial || (changes.seed !== undefined && changes.seed !== this.options.seed)) {
      this.noise = new GaussianNoise(next.seed ?? 0);
    }
    this.frameCache = frameCache;
    this.stepCache = stepCache;
    this.options = next;
  }
}

function output(out: Record<string, Tensor>, name: string, stage: string): Tensor {
  const t = out[name];
  if (!t) throw new Error(`vla pipeline: ${stage} gave no "${name}" output (it gave ${Object.keys(out).join(", ")})`);
  return t;
}

function f32(t: Tensor): Float32Array {
  if (!(t.data instanceof Float32Array)) throw new Error(`vla pipeline: expected float32 output, got ${t.dtype}`);
  return t.data;
}

function checkContract(folder: string, engines: Engines): void {
  const missing: string[] = [];
  const stages: [keyof typeof CONTRACT, Engine | undefined][] = [
    ["vision", engines.vision],
    ["backbone", engines.backbone],
    ["head", engines.head],
    ["head_onestep", engines.onestep],
  ];
  for (const [stage, engine] of stages) {
    if (!engine) continue;
    for (const side of ["inputs", "outputs"] as const) {
      const have = new Set(engine[side].map((t) => t.name));
      for (const name of CONTRACT[stage][side]) if (!have.has(name)) missing.push(`${stage} ${side.slice(0, -1)} "${name}"`);
    }
  }
  if (missing.length > 0) {
    throw new Error(`model ${folder} does not follow the VLA contract the pipeline runs: missing ${missing.join(", ")} (see models/tiny-vla/model.yaml for the names)`);
  }
}
