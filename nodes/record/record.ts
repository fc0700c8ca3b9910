// record: a sink that writes what reaches its inputs to an MCAP file (sdk/mcap/writer.ts). One channel
// per recorded topic (the producing output's "<node>/<port>", not the record node's port name), message
// and schema encoding protobuf. Log time = the runtime clock at receipt; publish time = the message's
// capture stamp; MCAP sequence = the header's sequence number. Chunks close at chunk_kb or chunk_ms of
// clock time, whichever comes first, and are synced to disk as they close.
import { Type, type Static } from "@sinclair/typebox";
import { DurationMs } from "../../sdk/core/number-limits.js";
import { merge, tap, type Observable } from "rxjs";
import { didYouMean } from "../../sdk/core/suggest.js";
import { RecordingWriter } from "../../sdk/mcap/writer.js";
import { codecOf, isMessageName, messageNames } from "../../sdk/messages/index.js";
import { defineNode, type Delivered, type Ports } from "../../sdk/core/node.js";
import { recordingPart } from "../../sdk/mcap/parts.js";
import { isPortName } from "../../sdk/mcap/topics.js";

/** Defaults of the tuning params, shared with `reflex run --record`. */
export const RECORD_DEFAULTS = { chunk_ms: 1000, chunk_kb: 256, max_pending_mb: 32, sync: true } as const;

const Params = Type.Object(
  {
    file: Type.String({ minLength: 1, description: "the MCAP file to write (created or truncated)" }),
    ports: Type.Record(Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_-]*$" }), Type.String(), {
      minProperties: 1,
      description: "input ports and their message types, e.g. { image: reflex.Image, state: reflex.JointState }",
    }),
    chunk_ms: DurationMs({ default: RECORD_DEFAULTS.chunk_ms, description: "close a chunk at most this much clock time after it opened" }),
    chunk_kb: Type.Integer({ minimum: 1, default: RECORD_DEFAULTS.chunk_kb, description: "close a chunk once it holds this many KiB" }),
    max_pending_mb: Type.Number({ exclusiveMinimum: 0, default: RECORD_DEFAULTS.max_pending_mb, description: "bytes waiting for the disk beyond this are dropped and counted" }),
    sync: Type.Boolean({ default: RECORD_DEFAULTS.sync, description: "fdatasync each chunk as it is written" }),
  },
  { additionalProperties: false },
);
export type RecordParams = Static<typeof Params>;

/** The record node's input ports for a `ports` param; throws (at param "ports") on an unknown type. */
export function recordPorts(ports: Readonly<Record<string, string>>): Ports {
  const inputs: Record<string, { type: ReturnType<typeof messageType>; description: string }> = {};
  for (const [port, type] of Object.entries(ports)) {
    if (!isPortName(port)) throw paramError(`port name "${port}" is not allowed: letters, digits, _ and -, starting with a letter or _`);
    inputs[port] = { type: messageType(type, port), description: `recorded ${type}` };
  }
  return inputs;
}

function messageType(type: string, port: string) {
  if (isMessageName(type)) return type;
  const hint = didYouMean(type, messageNames);
  throw paramError(`port "${port}": "${type}" is not a message type${hint ? ` (${hint})` : ""}; one of ${messageNames.join(", ")}`);
}

function paramError(message: string): Error {
  return Object.assign(new Error(message), { param: "ports" });
}

export default defineNode({
  type: "record",
  description: "Sink: records its inputs to an MCAP file (protobuf schemas embedded), chunk by chunk, synced as it goes.",
  kind: "sink",
  params: Params,
  inputs: {},
  outputs: {},
  ports: (p) => ({ inputs: recordPorts(p.ports) }),
  create(ctx, p) {
    const restart = Number(process.env.REFLEX_RESTART ?? 0) || 0;
    const file = recordingPart(p.file, restart);
    ctx.metrics.gauge("part", restart);
    let writer: RecordingWriter | undefined;
    const channels = new Map<string, number>();
    let lastDropLogNs = Number.NEGATIVE_INFINITY;
    let badBodies = 0;
    const gauges = (): void => {
      if (!writer) return;
      ctx.metrics.gauge("recorded", writer.stats.messages);
      ctx.metrics.gauge("flushed", writer.stats.flushedMessages);
      ctx.metrics.gauge("dropped", writer.stats.dropped + badBodies);
    };
    const dropped = (why: string, m: Delivered): void => {
      gauges();
      const now = ctx.clock.nowNs();
      if (now - lastDropLogNs < 1e9) return; // at most one line a second
      lastDropLogNs = now;
      ctx.log.warn({ topic: m.header.topic, seq: m.header.seq, dropped: (writer?.stats.dropped ?? 0) + badBodies }, `record: dropped ${m.header.topic} #${m.header.seq}: ${why}`);
    };
    const record = (port: string) => (m: Delivered): void => {
      if (!writer) return;
      const type = m.header.type;
      let data: Uint8Array;
      try {
        const codec = codecOf(type);
        if (!codec) throw new Error(`no codec for ${type}`);
        data = codec.encode(m.body).finish();
      } catch (err) {
        badBodies++;
        dropped(`cannot encode its body as ${type}: ${(err as Error).message}`, m);
        return;
      }
      let ch = channels.get(m.header.topic);
      if (ch === undefined) {
        ch = writer.channel(m.header.topic, type, { "reflex.port": port, "reflex.clock": ctx.clock.kind });
        channels.set(m.header.topic, ch);
      }
      if (!writer.add(ch, { logTimeNs: m.receivedNs, publishTimeNs: m.header.captureNs, sequence: m.header.seq, data })) {
        dropped(`${p.max_pending_mb} MB already wait for the disk (or the file failed)`, m);
      }
    };
    const streams: Observable<unknown>[] = Object.entries(ctx.inputs).map(([port, s]) => (s as Observable<Delivered>).pipe(tap(record(port))));
    // The time bound of a chunk, on the runtime clock (so the virtual clock keeps files exact).
    streams.push(ctx.every(p.chunk_ms).pipe(tap(() => writer?.closeChunk())));

    return {
      effects: [merge(...streams)],
      async init() {
        try {
          writer = await RecordingWriter.create(file, {
            chunkBytes: p.chunk_kb * 1024,
            maxPendingBytes: p.max_pending_mb * 1024 * 1024,
            sync: p.sync,
            metadata: { clock: ctx.clock.kind, node: ctx.id },
            onFlush: (s) => {
              gauges();
              ctx.log.debug({ flushed_messages: s.flushedMessages, chunks: s.flushedChunks, file }, `record: chunk ${s.flushedChunks} on disk`);
            },
            onError: (err) => ctx.log.error({ err, file }, `record: ${err.message}; recording stops, the graph goes on`),
          });
        } catch (err) {
          throw new Error(`record: cannot create "${file}": ${(err as Error).message}`);
        }
      },
      async dispose() {
        if (!writer) return;
        const w = writer;
        writer = undefined;
        try {
          const s = await w.close();
          ctx.metrics.gauge("recorded", s.messages);
          ctx.metrics.gauge("flushed", s.flushedMessages);
          ctx.metrics.gauge("dropped", s.dropped + badBodies);
          ctx.log.info({ file, messages: s.flushedMessages, topics: channels.size, dropped: s.dropped + badBodies }, `record: ${s.flushedMessages} messages on ${channels.size} topics in ${file}`);
        } catch (err) {
          ctx.log.error({ err, file }, `record: closing ${file} failed: ${(err as Error).message}; \`reflex inspect ${file} --recover <out>\` rebuilds what reached the disk`);
        }
      },
    };
  },
});
