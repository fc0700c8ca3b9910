// An MCAP writer for recordings that must survive a crash: messages gather in a chunk that is closed
// at a size bound (or when the caller says, e.g. on a clock period), and each closed chunk goes to the
// file with fdatasync before the next one, so a SIGKILL loses at most the chunk still open and the one
// being written. Bytes waiting for the disk are bounded: past the bound, messages are dropped and
// counted, never queued without limit. close() writes the summary and footer (indexed readers need
// them; `reflex inspect --recover` rebuilds them for a file that never got there).
import { open, type FileHandle } from "node:fs/promises";
import { crc32, crc32Final, crc32Init, crc32Update } from "@foxglove/crc";
import { McapChunkBuilder, McapRecordBuilder, Opcode, type McapTypes } from "@mcap/core";
import { PROTOBUF_ENCODING, reflexFileDescriptorSet } from "./proto-schema.js";

export interface RecordingWriterOptions {
  /** Close a chunk once it holds this many bytes (default 256 KiB). */
  readonly chunkBytes?: number;
  /** At most this many bytes wait for the disk (open chunk included); beyond, messages drop (default 32 MiB). */
  readonly maxPendingBytes?: number;
  /** fdatasync after each chunk (default true): what was reported flushed survives a power cut too. */
  readonly sync?: boolean;
  /** Written as an MCAP Metadata record named "reflex" (clock kind, graph name, ...). */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Called after each chunk reached the disk. */
  readonly onFlush?: (stats: Readonly<RecordingStats>) => void;
  /** Called when a write fails; the writer then drops everything (counted) rather than crash the graph. */
  readonly onError?: (err: Error) => void;
}

export interface RecordingStats {
  /** Messages accepted into a chunk. */
  messages: number;
  /** Messages refused because the bytes waiting for the disk were at the bound (or the file failed). */
  dropped: number;
  /** Messages in chunks that reached the disk (and were synced when `sync`). */
  flushedMessages: number;
  flushedChunks: number;
  /** Bytes written to the file so far. */
  bytes: number;
}

/** One recorded message as the writer takes it; times are clock ns. */
export interface RecordInput {
  readonly logTimeNs: number;
  readonly publishTimeNs: number;
  readonly sequence: number;
  readonly data: Uint8Array;
}

export const REFLEX_PROFILE = "reflex";

/** A chunk's index entry before its place in the file is known (offsets relative to its write). */
type PendingChunkIndex = Omit<McapTypes.ChunkIndex, "chunkStartOffset"> & { chunkOffsetInWrite: bigint };
interface PendingWrite {
  readonly bytes: Uint8Array;
  readonly messages: number;
  readonly index?: PendingChunkIndex;
}

export class RecordingWriter {
  readonly stats: RecordingStats = { messages: 0, dropped: 0, flushedMessages: 0, flushedChunks: 0, bytes: 0 };
  private readonly chunk = new McapChunkBuilder({ useMessageIndex: true });
  /** Schema and channel records not yet written: they go out just before the next chunk. */
  private readonly preamble = new McapRecordBuilder();
  private readonly schemas = new Map<string, McapTypes.Schema>();
  private readonly channels = new Map<number, McapTypes.Channel>();
  private readonly channelCounts = new Map<number, bigint>();
  private readonly chunkIndexes: McapTypes.ChunkIndex[] = [];
  private readonly metadataIndexes: McapTypes.MetadataIndex[] = [];
  private readonly queue: PendingWrite[] = [];
  private pendingBytes = 0;
  private position = 0n;
  private dataCrc = crc32Init();
  private startTime: bigint | undefined;
  private endTime = 0n;
  private draining: Promise<void> | undefined;
  private failed: Error | undefined;
  private closed = false;
  private readonly chunkBytes: number;
  private readonly maxPendingBytes: number;

  private constructor(
    private readonly fh: FileHandle,
    readonly file: string,
    private readonly opts: RecordingWriterOptions,
  ) {
    this.chunkBytes = opts.chunkBytes ?? 256 * 1024;
    this.maxPendingBytes = opts.maxPendingBytes ?? 32 * 1024 * 1024;
  }

  /** Creates (or truncates) `file` and writes the MCAP header. */
  static async create(file: string, opts: RecordingWriterOptions = {}): Promise<RecordingWriter> {
    const fh = await open(file, "w");
    const w = new RecordingWriter(fh, file, opts);
    const b = new McapRecordBuilder();
    b.writeMagic();
    b.writeHeader({ profile: REFLEX_PROFILE, library: "reflex record" });
    if (opts.metadata) {
      const start = BigInt(b.length);
      const length = b.writeMetadata({ name: "reflex", metadata: new Map(Object.entries(opts.metadata)) });
      w.metadataIndexes.push({ offset: start, length, name: "reflex" });
    }
    w.enqueue(b.buffer.slice(), 0);
    await w.drain();
    return w;
  }

  /**
   * Registers a topic; returns its channel id. The schema of `type` is the Reflex FileDescriptorSet,
   * named by the message's full name (e.g. reflex.Image).
   */
  channel(topic: string, type: string, metadata: Readonly<Record<string, string>> = {}): number {
    let schema = this.schemas.get(type);
    if (!schema) {
      schema = { id: this.schemas.size + 1, name: type, encoding: PROTOBUF_ENCODING, data: reflexFileDescriptorSet() };
      this.schemas.set(type, schema);
      this.preamble.writeSchema(schema);
    }
    const channel: McapTypes.Channel = { id: this.channels.size, schemaId: schema.id, topic, messageEncoding: PROTOBUF_ENCODING, metadata: new Map(Object.entries(metadata)) };
    this.channels.set(channel.id, channel);
    this.preamble.writeChannel(channel);
    return channel.id;
  }

  /** Adds a message to the open chunk; false when it was dropped (disk behind, or the file failed). */
  add(channelId: number, m: RecordInput): boolean {
    if (this.closed) throw new Error(`recording ${this.file} is closed`);
    if (!this.channels.has(channelId)) throw new Error(`recording ${this.file}: no channel ${channelId}`);
    const size = m.data.byteLength + 31; // a Message record's framing
    if (this.failed || this.pendingBytes + this.chunk.byteLength + size > this.maxPendingBytes) {
      this.stats.dropped++;
      return false;
    }
    const logTime = toTime(m.logTimeNs);
    this.chunk.addMessage({ channelId, sequence: m.sequence >>> 0, logTime, publishTime: toTime(m.publishTimeNs), data: m.data });
    this.stats.messages++;
    this.channelCounts.set(channelId, (this.channelCounts.get(channelId) ?? 0n) + 1n);
    if (this.startTime === undefined || logTime < this.startTime) this.startTime = logTime;
    if (logTime > this.endTime) this.endTime = logTime;
    if (this.chunk.byteLength >= this.chunkBytes) this.closeChunk();
    return true;
  }

  /** Messages in the chunk that is still open (lost if the process dies now). */
  get openMessages(): number {
    return this.chunk.numMessages;
  }

  /** Closes the open chunk (if it holds anything) and queues it for the disk. */
  closeChunk(): void {
    if (this.chunk.numMessages === 0) return;
    const pre = this.preamble.buffer.slice();
    this.preamble.reset();
    const data = this.chunk.buffer;
    const recs = new McapRecordBuilder();
    const chunkLength = recs.writeChunk({
      messageStartTime: this.chunk.messageStartTime,
      messageEndTime: this.chunk.messageEndTime,
      uncompressedSize: BigInt(data.byteLength),
      uncompressedCrc: crc32(data),
      compression: "",
      records: data,
    });
    const indexStart = BigInt(recs.length);
    const messageIndexOffsets = new Map<number, bigint>();
    for (const mi of this.chunk.indices) {
      if (mi.records.length === 0) continue;
      messageIndexOffsets.set(mi.channelId, BigInt(pre.byteLength + recs.length));
      recs.writeMessageIndex(mi);
    }
    const messageIndexLength = BigInt(recs.length) - indexStart;
    // Offsets of message indexes are fixed up to file offsets when the write's position is known.
    const bytes = concat(pre, recs.buffer);
    this.enqueue(bytes, this.chunk.numMessages, {
      messageStartTime: this.chunk.messageStartTime,
      messageEndTime: this.chunk.messageEndTime,
      chunkOffsetInWrite: BigInt(pre.byteLength),
      chunkLength,
      messageIndexOffsets,
      messageIndexLength,
      compression: "",
      compressedSize: BigInt(data.byteLength),
      uncompressedSize: BigInt(data.byteLength),
    });
    this.chunk.reset();
    void this.drain();
  }

  /** Writes the open chunk, waits for the disk, then writes the summary and footer and closes the file. */
  async close(): Promise<RecordingStats> {
    if (this.closed) return this.stats;
    this.closeChunk();
    this.closed = true;
    await this.drain();
    if (!this.failed) {
      try {
        await this.writeSummary();
      } catch (err) {
        this.fail(err);
      }
    }
    await this.fh.close();
    if (this.failed) throw this.failed;
    return this.stats;
  }

  private enqueue(bytes: Uint8Array, messages: number, index?: PendingChunkIndex): void {
    const entry = index ? { bytes, messages, index } : { bytes, messages };
    this.queue.push(entry);
    this.pendingBytes += bytes.byteLength;
  }

  /** Writes queued buffers in order, one at a time; resolves when the queue is empty. */
  private drain(): Promise<void> {
    if (this.draining) return this.draining;
    const run = async (): Promise<void> => {
      while (this.queue.length > 0) {
        const item = this.queue.shift()!;
        try {
          if (!this.failed) {
            const at = this.position;
            await this.writeAll(item.bytes);
            if (this.opts.sync !== false && item.messages > 0) await this.fh.datasync();
            this.dataCrc = crc32Update(this.dataCrc, item.bytes);
            if (item.index) {
              const { chunkOffsetInWrite, messageIndexOffsets, ...rest } = item.index;
              const offsets = new Map([...messageIndexOffsets].map(([ch, off]) => [ch, at + off]));
              this.chunkIndexes.push({ ...rest, chunkStartOffset: at + chunkOffsetInWrite, messageIndexOffsets: offsets });
              this.stats.flushedChunks++;
            }
            this.stats.flushedMessages += item.messages;
            if (item.messages > 0) this.opts.onFlush?.(this.stats);
          } else {
            this.stats.dropped += item.messages;
          }
        } catch (err) {
          this.fail(err);
          this.stats.dropped += item.messages;
        } finally {
          this.pendingBytes -= item.bytes.byteLength;
        }
      }
      this.draining = undefined;
    };
    this.draining = run();
    return this.draining;
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    let off = 0;
    while (off < bytes.byteLength) {
      const { bytesWritten } = await this.fh.write(bytes, off, bytes.byteLength - off, Number(this.position) + off);
      off += bytesWritten;
    }
    this.position += BigInt(bytes.byteLength);
    this.stats.bytes += bytes.byteLength;
  }

  private fail(err: unknown): void {
    const e = err instanceof Error ? err : new Error(String(err));
    if (!this.failed) {
      this.failed = new Error(`recording ${this.file}: ${e.message}`);
      this.opts.onError?.(this.failed);
    }
  }

  private async writeSummary(): Promise<void> {
    // Schema and channel records of topics that never got a message still belong in the data section.
    const b = new McapRecordBuilder();
    b.writeDataEnd({ dataSectionCrc: crc32Final(crc32Update(this.dataCrc, this.preamble.buffer)) });
    const dataEnd = concat(this.preamble.buffer, b.buffer);
    await this.writeAll(dataEnd);

    const s = new McapRecordBuilder();
    const summaryStart = this.position;
    const groups: McapTypes.SummaryOffset[] = [];
    const group = (opcode: number, write: () => void): void => {
      const start = BigInt(s.length);
      write();
      const length = BigInt(s.length) - start;
      if (length > 0n) groups.push({ groupOpcode: opcode, groupStart: summaryStart + start, groupLength: length });
    };
    group(Opcode.SCHEMA, () => this.schemas.forEach((x) => s.writeSchema(x)));
    group(Opcode.CHANNEL, () => this.channels.forEach((x) => s.writeChannel(x)));
    group(Opcode.STATISTICS, () =>
      s.writeStatistics({
        messageCount: BigInt(this.stats.flushedMessages),
        schemaCount: this.schemas.size,
        channelCount: this.channels.size,
        attachmentCount: 0,
        metadataCount: this.metadataIndexes.length,
        chunkCount: this.chunkIndexes.length,
        messageStartTime: this.startTime ?? 0n,
        messageEndTime: this.endTime,
        channelMessageCounts: new Map([...this.channels.keys()].map((id) => [id, this.channelCounts.get(id) ?? 0n])),
      }),
    );
    group(Opcode.METADATA_INDEX, () => this.metadataIndexes.forEach((x) => s.writeMetadataIndex(x)));
    group(Opcode.CHUNK_INDEX, () => this.chunkIndexes.forEach((x) => s.writeChunkIndex(x)));
    const summaryOffsetStart = summaryStart + BigInt(s.length);
    for (const g of groups) s.writeSummaryOffset(g);
    // The footer's CRC covers the summary up to and including its own first fields.
    const head = new DataView(new ArrayBuffer(1 + 8 + 8 + 8));
    head.setUint8(0, Opcode.FOOTER);
    head.setBigUint64(1, 8n + 8n + 4n, true);
    head.setBigUint64(9, summaryStart, true);
    head.setBigUint64(17, summaryOffsetStart, true);
    const summaryCrc = crc32Final(crc32Update(crc32Update(crc32Init(), s.buffer), head));
    s.writeFooter({ summaryStart, summaryOffsetStart, summaryCrc });
    s.writeMagic();
    await this.writeAll(s.buffer);
    if (this.opts.sync !== false) await this.fh.datasync();
  }
}

/** Clock ns (float64) as an MCAP timestamp; the clock never goes below 0, a mapped stamp might. */
function toTime(ns: number): bigint {
  return ns > 0 ? BigInt(Math.round(ns)) : 0n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a, 0);
  out.set(b, a.byteLength);
  return out;
}
