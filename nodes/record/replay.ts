// replay: a source that plays an MCAP recording into the graph. Each recorded topic comes out of a port
// named after it ("camera/image" -> camera_image, or as `remap` says), typed from the file's channels
// when the config is loaded. Messages keep their original timing relative to each other: message k is
// due at start + (logTime_k - logTime_0) / rate on the runtime clock (rate 0: back to back, each once
// the graph is idle on the virtual clock). Its capture stamp is moved onto the replay clock keeping its
// original age at the recorder (logTime - publishTime), so latency figures mean what they meant.
import { Type, type Static } from "@sinclair/typebox";
import { DurationS } from "../../sdk/core/number-limits.js";
import { Subject } from "rxjs";
import { decodeBody, Recording, RecordingError, type RecordedMessage } from "../../sdk/mcap/reader.js";
import { replayPlan } from "../../sdk/mcap/replay-plan.js";
import { type Cancel, msToNs } from "../../sdk/core/clock.js";
import { defineNode, type Outgoing } from "../../sdk/core/node.js";

const Params = Type.Object(
  {
    file: Type.String({ minLength: 1, description: "the MCAP recording to play (read when the config is loaded)" }),
    topics: Type.Optional(Type.Array(Type.String(), { minItems: 1, uniqueItems: true, description: "recorded topics to play (default: all)" })),
    rate: Type.Number({ minimum: 0, default: 1, description: "1 = recorded speed, 2 = twice as fast, 0 = back to back (as fast as the graph takes them)" }),
    loop: Type.Boolean({ default: false, description: "start over at the end" }),
    start_s: DurationS({ minimum: 0, default: 0, description: "skip this much of the recording's start (seconds of log time)" }),
    remap: Type.Optional(Type.Record(Type.String(), Type.String(), { description: "topic -> output port name, e.g. { camera/image: image }" })),
  },
  { additionalProperties: false },
);
export type ReplayParams = Static<typeof Params>;

export default defineNode({
  type: "replay",
  description: "Source: plays an MCAP recording, one output per recorded topic, with its original timing (rate factor, loop, start offset).",
  kind: "source",
  params: Params,
  inputs: {},
  outputs: {},
  ports: (p) => ({ outputs: replayPlan(p).outputs }),
  create(ctx, p) {
    const plan = replayPlan(p);
    const subjects = new Map<string, Subject<Outgoing>>();
    for (const port of plan.portOf.values()) subjects.set(port, new Subject<Outgoing>());
    const topics = [...plan.portOf.keys()];
    const firstNs = plan.summary.startNs + p.start_s * 1e9;
    let recording: Recording | undefined;
    let iter: AsyncIterator<RecordedMessage> | undefined;
    let originNs = 0;
    let lastDueNs = 0;
    let passMessages = 0;
    let played = 0;
    let corrupt = 0;
    let loops = 0;
    let stopped = false;
    let cancel: Cancel | undefined;
    let reading: Promise<void> = Promise.resolve();

    const beginPass = (atNs: number): void => {
      originNs = atNs;
      passMessages = 0;
      iter = recording!.messages({ topics, startNs: firstNs })[Symbol.asyncIterator]();
      pull();
    };
    // Each read runs inside ctx.busy, and schedules its message before the busy work ends: the virtual
    // clock cannot move on while the next message is still being read.
    const pull = (): void => {
      const it = iter!;
      reading = ctx.busy(it.next().then(schedule)).catch((err: unknown) => {
        ctx.log.error({ err, file: p.file }, `replay: reading "${p.file}" failed: ${(err as Error).message}; replay stops`);
      });
    };
    const schedule = (r: IteratorResult<RecordedMessage>): void => {
      if (stopped) return;
      if (r.done) {
        if (p.loop && passMessages > 0) {
          loops++;
          ctx.metrics.gauge("loops", loops);
          // The next pass starts one mean message gap after the last message of this one.
          const gap = passMessages > 1 ? (lastDueNs - originNs) / (passMessages - 1) : msToNs(1);
          beginPass(lastDueNs + Math.max(gap, 1));
        } else {
          ctx.log.info({ file: p.file, played, loops }, `replay: end of ${p.file} (${played} messages played)`);
        }
        return;
      }
      const m = r.value;
      const dueNs = p.rate > 0 ? originNs + (m.logTimeNs - firstNs) / p.rate : ctx.clock.nowNs();
      lastDueNs = dueNs;
      passMessages++;
      cancel = ctx.clock.at(dueNs, () => {
        cancel = undefined;
        if (stopped) return;
        emit(m);
        pull();
      });
    };
    const emit = (m: RecordedMessage): void => {
      let body: unknown;
      try {
        body = decodeBody(m);
      } catch (err) {
        corrupt++;
        ctx.metrics.gauge("corrupt", corrupt);
        if (corrupt === 1 || corrupt % 100 === 0) ctx.log.warn({ topic: m.topic, sequence: m.sequence, corrupt }, `replay: ${m.topic} #${m.sequence} does not decode as ${m.type}: dropped (${(err as Error).message})`);
        return;
      }
      const now = ctx.clock.nowNs();
      played++;
      ctx.metrics.gauge("played", played);
      // The original age at the recorder, kept: capture = now - (logTime - publishTime).
      subjects.get(plan.portOf.get(m.topic)!)!.next({ body, captureNs: now - (m.logTimeNs - m.publishTimeNs), inNs: now, trace: undefined });
    };

    const outputs: Record<string, Subject<Outgoing>> = {};
    for (const [port, s] of subjects) outputs[port] = s;
    return {
      outputs,
      async init() {
        recording = await Recording.open(p.file);
        const now = new Map(recording.summary.topics.map((t) => [t.topic, t.type]));
        for (const t of plan.summary.topics) {
          if (plan.portOf.has(t.topic) && now.get(t.topic) !== t.type) {
            throw new RecordingError(`recording "${p.file}" changed since the config was loaded: topic ${t.topic} is now ${now.get(t.topic) ?? "gone"}; load the config again`);
          }
        }
      },
      start() {
        beginPass(ctx.clock.nowNs());
      },
      async stop() {
        stopped = true;
        cancel?.();
        await reading;
      },
      async dispose() {
        for (const s of subjects.values()) s.complete();
        await recording?.close();
      },
    };
  },
});
