// vla-policy: a VLA model in the loop. Image + joint state + instruction in, action chunk out, through
// VlaPipeline (sdk/accel): token pruning, frame cache, step cache and the one-step head, all from YAML.
//
// One tick per image, with the latest state and instruction. The tick runs inside ctx.busy(), so frames
// that arrive while it runs wait on the image edge (keep-latest drops all but the newest). Per-stage
// latencies are wall time (performance.now), not the runtime clock: on the virtual clock work takes no
// virtual time, so the clock would say 0. Each tick's report is also one of the node's events
// (runtime.events(id, vlaPolicy), or onVlaTick(runtime, fn) for all of a runtime's policies), the side
// channel of `reflex eval` and the bench (gauges keep only the last value). A running node's options
// (e.g. the sampler's step count) change between ticks: over the graph, by a reflex.PolicyConfig on the
// optional `config` input (from any node, in any process), or from the runtime that runs it with
// configureVlaPolicy(runtime, id, changes) (its control: runtime.control(id, vlaPolicy)).
import { performance } from "node:perf_hooks";
import { Type, type Static } from "@sinclair/typebox";
import { Seed } from "../../sdk/core/number-limits.js";
import { concatMap, EMPTY, from, type Observable } from "rxjs";
import {
  FrameCacheOptionsSchema,
  PruningOptionsSchema,
  StepCacheOptionsSchema,
  VlaPipeline,
  VlaPipelineOptionsSchema,
  checkPipelineOptions,
  type VlaPipelineOptions,
  type VlaTickReport,
} from "../../sdk/accel/index.js";
import { loadModel, type LoadedModel } from "../../sdk/engine/index.js";
import type { reflex } from "../../sdk/messages/index.js";
import { defineNode, eventsOf, type Delivered, type NodeAccess, type Outgoing } from "../../sdk/core/node.js";
import { msToNs, nsToMs } from "../../sdk/core/clock.js";

const Params = Type.Object(
  {
    model: Type.String({ default: "models/tiny-vla", description: "model folder (model.yaml + stage files)" }),
    backend: Type.Union([Type.Literal("auto"), Type.Literal("onnxruntime"), Type.Literal("tensorrt")], {
      default: "auto",
      description: "inference backend",
    }),
    threads: Type.Optional(Type.Integer({ minimum: 1, maximum: 256, description: "ONNX Runtime intra-op threads" })),
    pruning: Type.Optional(PruningOptionsSchema),
    frame_cache: Type.Optional(FrameCacheOptionsSchema),
    step_cache: Type.Optional(StepCacheOptionsSchema),
    steps: VlaPipelineOptionsSchema.properties.steps,
    seed: Type.Optional(Seed({ description: "seed of the sampler noise" })),
  },
  { additionalProperties: false },
);
export type VlaPolicyParams = Static<typeof Params>;

/** One tick as seen by a watcher: the node id, the pipeline's report and the wall time around tick(). */
export interface VlaTickEvent {
  readonly node: string;
  readonly report: VlaTickReport;
  readonly wallNs: number;
}

/** A vla-policy node's control (runtime.control(id, vlaPolicy)): option changes, as configureVlaPolicy. */
export type VlaPolicyControl = (changes: VlaPipelineOptions) => void;

/**
 * Calls `fn` after every tick of every vla-policy node of `runtime`; returns the unsubscribe. (Was
 * process-wide, `onVlaTick(fn)`: two runtimes in one process saw each other's ticks.)
 */
export function onVlaTick(runtime: NodeAccess, fn: (e: VlaTickEvent) => void): () => void {
  const subs = runtime.nodeIds(vlaPolicy.type).map((id) => runtime.events(id, vlaPolicy).subscribe(fn));
  return () => {
    for (const s of subs) s.unsubscribe();
  };
}

/**
 * Changes the options of vla-policy node `node` running in `runtime` from outside it (a supervisor, a
 * CLI, a test): the sampler's `steps`, pruning, caches or seed, as in its YAML params. The change is
 * checked now (a bad one throws a RangeError naming the node and the option, and changes nothing) and
 * takes effect at the node's next tick; changes made while a tick runs merge, the latest value of each
 * option winning. (Was `configureVlaPolicy(node, changes)`, keyed by node id process-wide: two runtimes
 * with a node of the same id collided.)
 */
export function configureVlaPolicy(runtime: NodeAccess, node: string, changes: VlaPipelineOptions): void {
  if (typeof runtime === "string") {
    // A caller of the old, process-wide form (JavaScript, or a cast): say what replaced it.
    throw new TypeError("configureVlaPolicy(runtime, node, changes): pass the runtime the node runs in (the process-wide configureVlaPolicy(node, changes) is gone)");
  }
  let control: VlaPolicyControl;
  try {
    control = runtime.control(node, vlaPolicy);
  } catch (err) {
    throw new RangeError(`configureVlaPolicy: ${err instanceof Error ? err.message : String(err)}`);
  }
  control(changes);
}

const wallNs = (): number => msToNs(performance.now());

const vlaPolicy = defineNode({
  type: "vla-policy",
  description: "VLA policy (vision encoder + backbone + flow-matching head) with pruning, caches and one-step sampling.",
  kind: "inference",
  params: Params,
  inputs: {
    image: { type: "reflex.Image", description: "RGB8 camera frame, the model's image size" },
    state: { type: "reflex.JointState", description: "proprioception: position", required: false },
    instruction: { type: "reflex.Instruction", description: "which color to reach (colorIndex)" },
    config: { type: "reflex.PolicyConfig", description: "option changes (steps), applied at the next tick; a bad one is rejected and counted", required: false },
  },
  outputs: {
    actions: { type: "reflex.ActionChunk", description: "horizon x dim rows from the model manifest" },
  },
  events: eventsOf<VlaTickEvent>("one per tick: the pipeline's report and the tick's wall time"),
  create(ctx, p) {
    let model: LoadedModel | undefined;
    let pipeline: VlaPipeline | undefined;
    let state: Delivered<reflex.JointState.$Properties> | undefined;
    let instruction: Delivered<reflex.Instruction.$Properties> | undefined;
    let warnedNoState = false;
    // Latest-value latches (withLatestFrom semantics, but an unwired optional state still lets ticks run).
    ctx.subscribe(ctx.inputs.state, (m) => void (state = m));
    ctx.subscribe(ctx.inputs.instruction, (m) => void (instruction = m));

    const options: VlaPipelineOptions = {
      ...(p.pruning ? { pruning: p.pruning } : {}),
      ...(p.frame_cache ? { frame_cache: p.frame_cache } : {}),
      ...(p.step_cache ? { step_cache: p.step_cache } : {}),
      ...(p.steps !== undefined ? { steps: p.steps } : {}),
      ...(p.seed !== undefined ? { seed: p.seed } : {}),
    };

    // Options changed from outside (configureVlaPolicy), applied at the start of the next tick: one merged
    // object, so repeated changes between two ticks cannot pile up.
    let pending: VlaPipelineOptions | undefined;
    const control: VlaPolicyControl = (changes) => {
      try {
        if (pipeline) pipeline.check({ ...pending, ...changes });
        else checkPipelineOptions(changes);
      } catch (err) {
        throw new RangeError(`vla-policy ${ctx.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
      pending = { ...pending, ...changes };
      ctx.log.info({ changes }, "vla-policy: options change accepted; applied at the next tick");
    };

    // The same changes over the graph. A bad message must not stop the node: it is rejected, counted
    // (gauge config_rejected) and logged with what to fix; the options stay as they were.
    let configAccepted = 0;
    let configRejected = 0;
    const onConfig = (m: Delivered<reflex.PolicyConfig.$Properties>): void => {
      const changes: VlaPipelineOptions = {};
      // proto3 `optional`: null/undefined is unset (changes nothing), 0 is a value (and a bad one).
      if (m.body.steps != null) changes.steps = m.body.steps;
      try {
        if (Object.keys(changes).length === 0) throw new RangeError("the message sets no option (set steps)");
        control(changes);
        configAccepted++;
        ctx.metrics.gauge("config_accepted", configAccepted);
      } catch (err) {
        configRejected++;
        ctx.metrics.gauge("config_rejected", configRejected);
        const why = (err instanceof Error ? err.message : String(err)).replace(`vla-policy ${ctx.id}: `, "");
        ctx.log.warn(
          { node: ctx.id, port: "config", body: m.body, rejected: configRejected },
          `vla-policy ${ctx.id}: input "config" (reflex.PolicyConfig) rejected, options unchanged: ${why}; send steps within 1..1000 (1 only for a model with a one-step head)`,
        );
      }
    };
    ctx.subscribe(ctx.inputs.config, onConfig);

    const tick = async (img: Delivered<reflex.Image.$Properties>): Promise<Outgoing<reflex.ActionChunk.$Properties> | undefined> => {
      const instr = instruction;
      if (!pipeline || !model || !instr) return undefined;
      const m = model.manifest;
      const b = img.body;
      if (b.width !== m.image.width || b.height !== m.image.height || !b.data) {
        throw new Error(`vla-policy: image ${b.width}x${b.height} but model ${p.model} expects ${m.image.width}x${m.image.height}`);
      }
      let data = b.data;
      const rowBytes = m.image.width * 3;
      if (b.step && b.step !== rowBytes) {
        // Repack a padded image into the dense HWC layout the pipeline reads.
        const dense = new Uint8Array(rowBytes * m.image.height);
        for (let r = 0; r < m.image.height; r++) dense.set(data.subarray(r * b.step, r * b.step + rowBytes), r * rowBytes);
        data = dense;
      }
      let proprio: ArrayLike<number>;
      if (state?.body.position && state.body.position.length >= m.proprio.dim) proprio = state.body.position;
      else {
        if (!warnedNoState) ctx.log.warn("vla-policy: no joint state yet; using the model's proprio mean");
        warnedNoState = true;
        proprio = m.proprio.mean;
      }
      if (pending) {
        pipeline.configure(pending);
        pending = undefined;
      }
      const t0 = wallNs();
      const { actions, report } = await pipeline.tick({ image: data, proprio, instruction: instr.body.colorIndex ?? 0 });
      const wall = wallNs() - t0;
      ctx.metrics.gauge("tokens_kept", report.tokens.kept);
      ctx.metrics.gauge("cache_hit_rate", report.patches.hitRate);
      ctx.metrics.gauge("steps", report.sampler.computed);
      ctx.metrics.gauge("flops_pct", (100 * report.flops.total) / report.flops.baseline);
      ctx.metrics.gauge("latency_ms", nsToMs(wall));
      ctx.events.emit({ node: ctx.id, report, wallNs: wall });
      const body: reflex.ActionChunk.$Properties = {
        horizon: m.action.horizon,
        dim: m.action.dim,
        data: Array.from(actions),
        stepMs: m.action.step_ms,
        hold: false,
      };
      return ctx.msg(body, state ? [img, instr, state] : [img, instr]);
    };

    const actions: Observable<Outgoing<reflex.ActionChunk.$Properties>> = ctx.inputs.image.pipe(
      concatMap((img) => from(ctx.busy(tick(img)))),
      concatMap((out) => (out ? [out] : EMPTY)),
    );

    return {
      outputs: { actions },
      control,
      async init() {
        try {
          model = await loadModel(p.model, { backend: p.backend, log: (line) => ctx.log.info(line), ...(p.threads !== undefined ? { threads: p.threads } : {}) });
        } catch (err) {
          throw new Error(`vla-policy: cannot load model folder "${p.model}": ${err instanceof Error ? err.message : String(err)}`);
        }
        const m = model.manifest;
        if (m.image.channels !== 3) throw new Error(`vla-policy: model "${p.model}" takes ${m.image.channels} channels; only rgb8 is supported`);
        // Wall clock for stage latencies (see the header).
        pipeline = await VlaPipeline.create(model, { ...options, ...pending }, { now: wallNs });
        pending = undefined;
      },
      async dispose() {
        await model?.dispose();
      },
    };
  },
});

export default vlaPolicy;
