// Reads an MCAP file front to back, record by record, whether or not it was finished: what is intact
// (topics, counts, time range, chunks with good CRCs), whether the summary and footer are there, and
// where and why reading stopped if not. The basis of `reflex inspect` and of recovery.
import { readFileSync } from "node:fs";
import { McapStreamReader, type McapTypes } from "@mcap/core";
import { isMagic, notMcap, RecordingError } from "./reader.js";

export interface ScannedTopic {
  readonly channelId: number;
  readonly topic: string;
  /** Schema name (a Reflex message type for Reflex recordings), "" when the channel has no schema. */
  readonly type: string;
  readonly schemaEncoding: string;
  readonly messageEncoding: string;
  count: number;
  firstNs: number;
  lastNs: number;
}

export interface ScanReport {
  readonly file: string;
  readonly bytes: number;
  /** Bytes from the start of the file up to the end of the last intact record. */
  intactBytes: number;
  /** The footer (and closing magic) was read: the file was finished. */
  complete: boolean;
  /** The data section ended properly (a DataEnd record): the summary follows. */
  dataEnd: boolean;
  profile: string;
  library: string;
  metadata: Record<string, Record<string, string>>;
  topics: ScannedTopic[];
  messages: number;
  /** Chunks read whole with a good CRC. */
  chunks: number;
  startNs: number;
  endNs: number;
  /** Where reading stopped before the footer, and why; undefined for a complete file. */
  damage?: { offset: number; reason: string };
}

export interface ScanVisitor {
  header?(h: McapTypes.Header): void | Promise<void>;
  schema?(s: McapTypes.Schema): void | Promise<void>;
  channel?(c: McapTypes.Channel): void | Promise<void>;
  message?(m: McapTypes.Message): void | Promise<void>;
  metadata?(m: McapTypes.Metadata): void | Promise<void>;
}

/** Scans `file`; the visitor sees each intact schema, channel, message and metadata record in file order. */
export async function scanRecording(file: string, visit: ScanVisitor = {}): Promise<ScanReport> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RecordingError(`cannot open recording "${file}": ${code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
  // Without the magic nothing after it means anything: a PNG would otherwise read as a recording damaged at byte 0.
  if (!isMagic(bytes)) throw notMcap(file, bytes);
  const report: ScanReport = {
    file,
    bytes: bytes.byteLength,
    intactBytes: 0,
    complete: false,
    dataEnd: false,
    profile: "",
    library: "",
    metadata: {},
    topics: [],
    messages: 0,
    chunks: 0,
    startNs: 0,
    endNs: 0,
  };
  const reader = new McapStreamReader({ includeChunks: true, validateCrcs: true });
  reader.append(bytes);
  const schemas = new Map<number, McapTypes.Schema>();
  const topics = new Map<number, ScannedTopic>();
  let inSummary = false;
  // The reader returns a chunk before checking its CRC (on the next call): it counts once that passed.
  let chunkPendingFrom: number | undefined;
  for (;;) {
    let rec: McapTypes.TypedMcapRecord | undefined;
    try {
      rec = reader.nextRecord();
    } catch (err) {
      report.damage = { offset: chunkPendingFrom ?? report.intactBytes, reason: `damaged record: ${(err as Error).message}` };
      if (chunkPendingFrom !== undefined) report.intactBytes = chunkPendingFrom;
      break;
    }
    if (chunkPendingFrom !== undefined) {
      report.chunks++;
      chunkPendingFrom = undefined;
    }
    if (!rec) {
      if (reader.done()) {
        report.complete = true;
        report.intactBytes = bytes.byteLength;
      } else {
        const left = reader.bytesRemaining();
        // A SIGKILL can land exactly between two records: nothing is torn, but the file is still cut short.
        const reason = left === 0 ? "the file ends on a record boundary, no footer" : `${left} byte${left === 1 ? "" : "s"} of an incomplete record at the end, no footer`;
        report.damage = { offset: bytes.byteLength - left, reason };
      }
      break;
    }
    const before = report.intactBytes;
    // Records inside a chunk come after the chunk itself, which was consumed whole: the offset is right.
    report.intactBytes = bytes.byteLength - reader.bytesRemaining();
    switch (rec.type) {
      case "Header":
        report.profile = rec.profile;
        report.library = rec.library;
        await visit.header?.(rec);
        break;
      case "Schema":
        if (!schemas.has(rec.id)) {
          schemas.set(rec.id, rec);
          if (!inSummary) await visit.schema?.(rec);
        }
        break;
      case "Channel":
        if (!topics.has(rec.id)) {
          const s = schemas.get(rec.schemaId);
          topics.set(rec.id, {
            channelId: rec.id,
            topic: rec.topic,
            type: s?.name ?? "",
            schemaEncoding: s?.encoding ?? "",
            messageEncoding: rec.messageEncoding,
            count: 0,
            firstNs: 0,
            lastNs: 0,
          });
          if (!inSummary) await visit.channel?.(rec);
        }
        break;
      case "Chunk":
        chunkPendingFrom = before;
        break;
      case "Message": {
        const t = topics.get(rec.channelId)!;
        const at = Number(rec.logTime);
        if (t.count === 0 || at < t.firstNs) t.firstNs = at;
        if (t.count === 0 || at > t.lastNs) t.lastNs = at;
        t.count++;
        if (report.messages === 0 || at < report.startNs) report.startNs = at;
        if (report.messages === 0 || at > report.endNs) report.endNs = at;
        report.messages++;
        await visit.message?.(rec);
        break;
      }
      case "Metadata":
        if (!inSummary) {
          report.metadata[rec.name] = Object.fromEntries(rec.metadata);
          await visit.metadata?.(rec);
        }
        break;
      case "DataEnd":
        report.dataEnd = true;
        inSummary = true;
        break;
      default:
        break;
    }
  }
  report.topics = [...topics.values()];
  return report;
}
