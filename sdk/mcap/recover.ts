// Rebuilds a complete, indexed MCAP file from everything intact in another one (typically a recording
// cut short by a crash: no summary, no footer, maybe half a chunk at the end).
import { realpathSync } from "node:fs";
import { open, rm, type FileHandle } from "node:fs/promises";
import { resolve } from "node:path";
import { McapWriter, type McapTypes } from "@mcap/core";
import { RecordingError } from "./reader.js";
import { scanRecording, type ScanReport } from "./scan.js";

export interface RecoverResult {
  readonly report: ScanReport;
  readonly out: string;
  /** Messages written to `out`. */
  readonly messages: number;
}

function samePath(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

export async function recoverRecording(file: string, out: string): Promise<RecoverResult> {
  // Opening `out` truncates it: were it the damaged file, the recording would be gone before it is read.
  if (samePath(file, out)) throw new RecordingError(`--recover ${out}: that is the file being recovered; write the copy to another path`);
  // `out` is opened at the first byte to write, so a file that holds nothing to recover leaves no output.
  const target: { fh?: FileHandle } = {};
  let position = 0n;
  const writer = new McapWriter({
    writable: {
      write: async (buf: Uint8Array) => {
        const fh = (target.fh ??= await open(out, "w"));
        let off = 0;
        while (off < buf.byteLength) off += (await fh.write(buf, off, buf.byteLength - off)).bytesWritten;
        position += BigInt(buf.byteLength);
      },
      position: () => position,
    },
    chunkSize: 1024 * 1024,
  });
  const schemaIds = new Map<number, number>();
  const channelIds = new Map<number, number>();
  let messages = 0;
  let started = false;
  const start = async (profile: string): Promise<void> => {
    if (started) return;
    started = true;
    await writer.start({ profile, library: "reflex inspect --recover" });
  };
  let finished = false;
  try {
    let profile = "";
    const report = await scanRecording(file, {
      header: async (h: McapTypes.Header) => {
        profile = h.profile;
        await start(profile);
      },
      schema: async (s: McapTypes.Schema) => {
        await start(profile);
        schemaIds.set(s.id, await writer.registerSchema({ name: s.name, encoding: s.encoding, data: s.data }));
      },
      channel: async (c: McapTypes.Channel) => {
        await start(profile);
        const schemaId = c.schemaId === 0 ? 0 : schemaIds.get(c.schemaId) ?? 0;
        channelIds.set(c.id, await writer.registerChannel({ topic: c.topic, schemaId, messageEncoding: c.messageEncoding, metadata: c.metadata }));
      },
      metadata: async (m: McapTypes.Metadata) => {
        await start(profile);
        await writer.addMetadata(m);
      },
      message: async (m: McapTypes.Message) => {
        await start(profile);
        await writer.addMessage({ ...m, channelId: channelIds.get(m.channelId)! });
        messages++;
      },
    });
    if (!started) {
      const why = report.damage ? `no header record follows the magic (reading stopped at byte ${report.damage.offset}: ${report.damage.reason})` : "no header record follows the magic";
      throw new RecordingError(`"${file}" has no intact MCAP record to recover: ${why}; no file was written`);
    }
    await writer.end();
    await target.fh?.datasync();
    finished = true;
    return { report, out, messages };
  } finally {
    await target.fh?.close();
    // Half a copy is worse than none: it would look like a recovered file.
    if (target.fh && !finished) await rm(out, { force: true });
  }
}
