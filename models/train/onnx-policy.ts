// A straightforward ONNX Runtime implementation of the tiny VLA's inference, for closed-loop evaluation
// of the exported files (models/train/eval-onnx.ts). It follows model.yaml exactly, with no caching and
// optional plain top-k pruning, so it is the reference the SDK's accelerated policy is compared with.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { parse } from "yaml";

export interface Manifest {
  image: { width: number; height: number; patch: number; grid: [number, number]; mean: number[]; std: number[] };
  tokens: { count: number; dim: number; patch_dim: number };
  instruction: { vocab: string[] };
  proprio: { dim: number; mean: number[]; std: number[] };
  action: { horizon: number; dim: number; step_ms: number; mean: number[]; std: number[] };
  sampler: { type: string; default_steps: number };
  stages: Record<"vision" | "backbone" | "head" | "head_onestep", { file: string; sha256: string; flops: Record<string, number> }>;
}

export interface ActOptions {
  /** Denoising steps; 1 uses the distilled one-step head. */
  steps: number;
  /** Vision tokens kept for the backbone, top by relevance (all when >= the patch count). */
  keep: number;
}

export interface StageTimes {
  vision: number;
  backbone: number;
  head: number;
}

function normal(rng: () => number): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export class OnnxPolicy {
  /** Accumulated ms per stage, for a rough profile (not a benchmark). */
  readonly times: StageTimes = { vision: 0, backbone: 0, head: 0 };
  private readonly patchBuf: Float32Array;
  private readonly patchIndex: BigInt64Array;

  private constructor(
    readonly manifest: Manifest,
    private readonly vision: ort.InferenceSession,
    private readonly backbone: ort.InferenceSession,
    private readonly head: ort.InferenceSession,
    private readonly onestep: ort.InferenceSession,
  ) {
    const P = manifest.tokens.count;
    this.patchBuf = new Float32Array(P * manifest.tokens.patch_dim);
    this.patchIndex = new BigInt64Array(P);
    for (let i = 0; i < P; i++) this.patchIndex[i] = BigInt(i);
  }

  static async load(dir: string, threads = 1): Promise<OnnxPolicy> {
    const manifest = parse(readFileSync(join(dir, "model.yaml"), "utf8")) as Manifest;
    const opts: ort.InferenceSession.SessionOptions = { intraOpNumThreads: threads, interOpNumThreads: 1, executionProviders: ["cpu"] };
    const open = (stage: keyof Manifest["stages"]): Promise<ort.InferenceSession> =>
      ort.InferenceSession.create(join(dir, manifest.stages[stage].file), opts);
    return new OnnxPolicy(manifest, await open("vision"), await open("backbone"), await open("head"), await open("head_onestep"));
  }

  /** Cut an RGB8 frame into normalised patches: row-major grid, each patch flattened HWC. */
  private patchify(frame: Uint8Array): void {
    const { width, patch, grid, mean, std } = this.manifest.image;
    const [rows, cols] = grid;
    let o = 0;
    for (let pr = 0; pr < rows; pr++) {
      for (let pc = 0; pc < cols; pc++) {
        for (let y = 0; y < patch; y++) {
          let i = ((pr * patch + y) * width + pc * patch) * 3;
          for (let x = 0; x < patch * 3; x++, i++, o++) {
            const c = x % 3;
            this.patchBuf[o] = ((frame[i] as number) / 255 - (mean[c] as number)) / (std[c] as number);
          }
        }
      }
    }
  }

  /**
   * One policy call: frame + robot position + instruction -> action chunk (horizon x dim, raw units).
   * `rng` supplies the head's initial noise, so a seeded rng gives a reproducible chunk.
   */
  async act(frame: Uint8Array, position: readonly [number, number], colorIndex: number, rng: () => number, o: ActOptions): Promise<Float32Array> {
    const m = this.manifest;
    const P = m.tokens.count;
    const D = m.tokens.dim;
    const instr = new ort.Tensor("int64", BigInt64Array.from([BigInt(colorIndex)]), [1]);

    let t0 = performance.now();
    this.patchify(frame);
    const v = await this.vision.run({
      patches: new ort.Tensor("float32", this.patchBuf, [1, P, m.tokens.patch_dim]),
      patch_index: new ort.Tensor("int64", this.patchIndex, [1, P]),
      instruction: instr,
    });
    const tokens = v["tokens"]!.data as Float32Array;
    const relevance = v["relevance"]!.data as Float32Array;
    let t1 = performance.now();
    this.times.vision += t1 - t0;

    let kept = tokens;
    let k = P;
    if (o.keep < P) {
      k = Math.max(1, o.keep);
      const order = Array.from({ length: P }, (_, i) => i).sort((a, b) => (relevance[b] as number) - (relevance[a] as number));
      kept = new Float32Array(k * D);
      for (let j = 0; j < k; j++) kept.set(tokens.subarray((order[j] as number) * D, ((order[j] as number) + 1) * D), j * D);
    }
    const proprio = new Float32Array(m.proprio.dim);
    for (let i = 0; i < proprio.length; i++) proprio[i] = ((position[i] as number) - (m.proprio.mean[i] as number)) / (m.proprio.std[i] as number);
    const b = await this.backbone.run({
      instruction: instr,
      vision_tokens: new ort.Tensor("float32", kept, [1, k, D]),
      proprio: new ort.Tensor("float32", proprio, [1, m.proprio.dim]),
    });
    const cond = b["cond"]!;
    t0 = performance.now();
    this.times.backbone += t0 - t1;

    const H = m.action.horizon;
    const A = m.action.dim;
    const x = new Float32Array(H * A);
    for (let i = 0; i < x.length; i++) x[i] = normal(rng);
    let out: Float32Array;
    if (o.steps <= 1) {
      const r = await this.onestep.run({ noise: new ort.Tensor("float32", x, [1, H, A]), cond });
      out = r["actions"]!.data as Float32Array;
    } else {
      const dt = 1 / o.steps;
      const t = new Float32Array(1);
      const tt = new ort.Tensor("float32", t, [1]);
      for (let s = 0; s < o.steps; s++) {
        t[0] = s * dt;
        const r = await this.head.run({ x_t: new ort.Tensor("float32", x, [1, H, A]), t: tt, cond });
        const vel = r["velocity"]!.data as Float32Array;
        for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + dt * (vel[i] as number);
      }
      out = x;
    }
    t1 = performance.now();
    this.times.head += t1 - t0;

    const chunk = new Float32Array(H * A);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (out[i] as number) * (m.action.std[i % A] as number) + (m.action.mean[i % A] as number);
    return chunk;
  }

  /** Estimated FLOPs of one call from the manifest's linear forms. */
  flopsPerCall(o: ActOptions): { vision: number; backbone: number; head: number } {
    const s = this.manifest.stages;
    const P = this.manifest.tokens.count;
    const k = Math.min(P, Math.max(1, o.keep));
    const bb = s.backbone.flops;
    return {
      vision: (s.vision.flops["per_patch"] ?? 0) * P,
      backbone: (bb["fixed"] ?? 0) + (bb["per_token"] ?? 0) * k + (bb["per_token_sq"] ?? 0) * k * k,
      head: o.steps <= 1 ? (s.head_onestep.flops["per_call"] ?? 0) : (s.head.flops["per_call"] ?? 0) * o.steps,
    };
  }

  async dispose(): Promise<void> {
    await Promise.all([this.vision.release(), this.backbone.release(), this.head.release(), this.onestep.release()]);
  }
}
