// Reading Reflex recordings: the summary (topics, types, counts, time range) synchronously, for the
// config loader that types a replay node's ports before anything runs; and the messages, in log-time
// order, through @mcap/core's indexed reader, for replay and for tests that compare runs.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { McapIndexedReader, McapStreamReader, type McapTypes } from "@mcap/core";
import { codecOf, isMessageName, type MessageName } from "../messages/index.js";
import { PROTOBUF_ENCODING } from "./proto-schema.js";

/** A problem with a recording file, said so that the user knows what to do; `param` is for the loader. */
export class RecordingError extends Error {
  param = "file";
  constructor(message: string) {
    super(message);
    this.name = "RecordingError";
  }
}

export interface RecordedTopic {
  readonly channelId: number;
  /** "<node>/<port>" of the output it was recorded from. */
  readonly topic: string;
  /** The Reflex message type (the channel's schema name), e.g. reflex.Image. */
  readonly type: MessageName;
  readonly count: number;
  readonly metadata: ReadonlyMap<string, string>;
}

export interface RecordingSummary {
  readonly file: string;
  readonly topics: readonly RecordedTopic[];
  readonly messageCount: number;
  readonly chunkCount: number;
  /** Log times (clock ns at receipt) of the first and last message. */
  readonly startNs: number;
  readonly endNs: number;
  /** The "reflex" metadata record (clock, graph), when the file has one. */
  readonly metadata: ReadonlyMap<string, string>;
}

export interface RecordedMessage {
  readonly topic: string;
  readonly type: MessageName;
  /** Clock ns when the recorder received it. */
  readonly logTimeNs: number;
  /** Capture stamp of the data (the message header's captureNs), clock ns. */
  readonly publishTimeNs: number;
  /** The message header's per-topic sequence number. */
  readonly sequence: number;
  /** The protobuf-encoded body, exactly as recorded. */
  readonly data: Uint8Array;
}

const FOOTER_AND_MAGIC = 1 + 8 + 8 + 8 + 4 + 8;

/**
 * The summary of a complete recording, read synchronously from its footer and summary section. A file
 * without a footer (cut short by a crash) is an error that says how to recover it.
 */
export function readSummarySync(file: string): RecordingSummary {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RecordingError(`cannot open recording "${file}": ${code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  try {
    const size = fstatSync(fd).size;
    const read = (offset: number, length: number): Uint8Array => {
      const buf = new Uint8Array(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buf, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return buf.subarray(0, got);
    };
    const magic = read(0, 8);
    if (!isMagic(magic)) throw notMcap(file, magic);
    const tail = size >= 8 + FOOTER_AND_MAGIC ? read(size - FOOTER_AND_MAGIC, FOOTER_AND_MAGIC) : new Uint8Array(0);
    const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
    if (tail.byteLength < FOOTER_AND_MAGIC || !isMagic(tail.subarray(FOOTER_AND_MAGIC - 8)) || view.getUint8(0) !== 0x02) {
      throw new RecordingError(
        `recording "${file}" has no footer (it was cut short, e.g. the recorder was killed): run \`reflex inspect ${file} --recover <fixed.mcap>\` and use the recovered file`,
      );
    }
    const summaryStart = Number(view.getBigUint64(9, true));
    if (summaryStart === 0) throw new RecordingError(`recording "${file}" has no summary section: rewrite it with \`reflex inspect ${file} --recover <fixed.mcap>\``);
    const summary = read(summaryStart, size - FOOTER_AND_MAGIC - summaryStart);
    const reader = new McapStreamReader({ noMagicPrefix: true, validateCrcs: true });
    reader.append(summary);
    const records: McapTypes.TypedMcapRecord[] = [];
    for (let r; (r = reader.nextRecord()); ) records.push(r);
    const metaIndex = records.find((r): r is McapTypes.TypedMcapRecords["MetadataIndex"] => r.type === "MetadataIndex" && r.name === "reflex");
    let metadata: ReadonlyMap<string, string> = new Map();
    if (metaIndex) {
      const mr = new McapStreamReader({ noMagicPrefix: true });
      mr.append(read(Number(metaIndex.offset), Number(metaIndex.length)));
      const rec = mr.nextRecord();
      if (rec?.type === "Metadata") metadata = rec.metadata;
    }
    return summaryFrom(file, records, metadata);
  } catch (err) {
    if (err instanceof RecordingError) throw err;
    throw new RecordingError(`recording "${file}" is damaged: ${(err as Error).message}; try \`reflex inspect ${file}\``);
  } finally {
    closeSync(fd);
  }
}

function summaryFrom(file: string, records: readonly McapTypes.TypedMcapRecord[], metadata: ReadonlyMap<string, string>): RecordingSummary {
  const schemas = new Map<number, McapTypes.Schema>();
  const stats = records.find((r): r is McapTypes.TypedMcapRecords["Statistics"] => r.type === "Statistics");
  for (const r of records) if (r.type === "Schema") schemas.set(r.id, r);
  const topics: RecordedTopic[] = [];
  for (const r of records) {
    if (r.type !== "Channel") continue;
    const type = channelType(file, r, schemas.get(r.schemaId));
    topics.push({ channelId: r.id, topic: r.topic, type, count: Number(stats?.channelMessageCounts.get(r.id) ?? 0n), metadata: r.metadata });
  }
  return {
    file,
    topics,
    messageCount: Number(stats?.messageCount ?? 0n),
    chunkCount: stats?.chunkCount ?? records.filter((r) => r.type === "ChunkIndex").length,
    startNs: Number(stats?.messageStartTime ?? 0n),
    endNs: Number(stats?.messageEndTime ?? 0n),
    metadata,
  };
}

/** The Reflex message type of a channel, or a RecordingError saying why it has none. */
export function channelType(file: string, channel: McapTypes.Channel, schema: McapTypes.Schema | undefined): MessageName {
  if (channel.messageEncoding !== PROTOBUF_ENCODING || !schema || schema.encoding !== PROTOBUF_ENCODING) {
    throw new RecordingError(
      `recording "${file}": topic "${channel.topic}" is encoded as "${channel.messageEncoding}" (schema ${schema ? `"${schema.name}" in ${schema.encoding || "no encoding"}` : "missing"}); Reflex replays protobuf channels only`,
    );
  }
  if (!isMessageName(schema.name)) {
    throw new RecordingError(`recording "${file}": topic "${channel.topic}" carries "${schema.name}", which no sdk/messages/*.proto defines`);
  }
  return schema.name;
}

/** An open recording: its summary and its messages in log-time order. Close it when done. */
export class Recording {
  private constructor(
    readonly summary: RecordingSummary,
    private readonly reader: McapIndexedReader,
    private readonly fh: FileHandle,
  ) {}

  static async open(file: string): Promise<Recording> {
    const summary = readSummarySync(file);
    const fh = await open(file, "r");
    try {
      const size = BigInt((await fh.stat()).size);
      const readable: McapTypes.IReadable = {
        size: async () => size,
        read: async (offset, length) => {
          const buf = new Uint8Array(Number(length));
          const { bytesRead } = await fh.read(buf, 0, buf.byteLength, Number(offset));
          return buf.subarray(0, bytesRead);
        },
      };
      const reader = await McapIndexedReader.Initialize({ readable });
      return new Recording(summary, reader, fh);
    } catch (err) {
      await fh.close();
      throw new RecordingError(`recording "${file}" is damaged: ${(err as Error).message}; try \`reflex inspect ${file}\``);
    }
  }

  /** Messages in log-time order (ties: file order), optionally of some topics and from a log time on. */
  async *messages(opts: { topics?: readonly string[]; startNs?: number; endNs?: number } = {}): AsyncGenerator<RecordedMessage> {
    const byChannel = new Map(this.summary.topics.map((t) => [t.channelId, t]));
    const q: Parameters<McapIndexedReader["readMessages"]>[0] = {};
    if (opts.topics) q.topics = opts.topics;
    if (opts.startNs !== undefined) q.startTime = BigInt(Math.max(0, Math.round(opts.startNs)));
    if (opts.endNs !== undefined) q.endTime = BigInt(Math.max(0, Math.round(opts.endNs)));
    for await (const m of this.reader.readMessages(q)) {
      const t = byChannel.get(m.channelId);
      if (!t) continue;
      yield { topic: t.topic, type: t.type, logTimeNs: Number(m.logTime), publishTimeNs: Number(m.publishTime), sequence: m.sequence, data: m.data };
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** Every message of a recording (or of some topics), decoded: for tests and golden-output checks. */
export async function readRecording(
  file: string,
  opts: { topics?: readonly string[] } = {},
): Promise<(RecordedMessage & { body: unknown })[]> {
  const rec = await Recording.open(file);
  try {
    const out: (RecordedMessage & { body: unknown })[] = [];
    for await (const m of rec.messages(opts)) out.push({ ...m, body: decodeBody(m) });
    return out;
  } finally {
    await rec.close();
  }
}

/** The body of a recorded message as the generated protobuf type (bulk bytes included). */
export function decodeBody(m: Pick<RecordedMessage, "type" | "data">): unknown {
  return codecOf(m.type).decode(m.data);
}

const MAGIC = [0x89, 0x4d, 0x43, 0x41, 0x50, 0x30, 0x0d, 0x0a]; // 0x89 "MCAP0" \r \n

/** Whether `b` starts with the MCAP magic. */
export function isMagic(b: Uint8Array): boolean {
  return b.byteLength >= MAGIC.length && MAGIC.every((v, i) => b[i] === v);
}

// Files people pass by mistake, by their first bytes: naming one tells the user which file they picked.
const KNOWN_STARTS: readonly [string, readonly number[]][] = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a gzip file", [0x1f, 0x8b]],
  ["a zip file", [0x50, 0x4b, 0x03, 0x04]],
  ["a NumPy .npy file", [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]],
];

/** The error for a file that does not start with the MCAP magic: what it starts with, and what MCAP does. */
export function notMcap(file: string, head: Uint8Array): RecordingError {
  const hex = (b: ArrayLike<number>): string => Array.from(b, (v) => v.toString(16).padStart(2, "0")).join(" ");
  const first = head.subarray(0, MAGIC.length);
  const known = KNOWN_STARTS.find(([, sig]) => first.byteLength >= sig.length && sig.every((v, i) => first[i] === v))?.[0];
  const found =
    first.byteLength === 0
      ? "it is empty"
      : `it starts with ${hex(first)}${known ? ` (${known})` : ""}, not the MCAP magic ${hex(MAGIC)}`;
  return new RecordingError(`"${file}" is not an MCAP file: ${found}; give a recording written by \`reflex run --record\` or a record node`);
}
