// Rebuilds a complete, indexed MCAP file from everything intact in another one (typically a recording
// cut short by a crash: no summary, no footer, maybe half a chunk at the end).
import { open } from "node:fs/promises";
import { McapWriter, type McapTypes } from "@mcap/core";
import { scanRecording, type ScanReport } from "./scan.js";

export interface RecoverResult {
  readonly report: ScanReport;
  readonly out: string;
  /** Messages written to `out`. */
  readonly messages: number;
}

export async function recoverRecording(file: string, out: string): Promise<RecoverResult> {
  const fh = await open(out, "w");
  let position = 0n;
  const writer = new McapWriter({
    writable: {
      write: async (buf: Uint8Array) => {
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
    await start(profile);
    await writer.end();
    await fh.datasync();
    return { report, out, messages };
  } finally {
    await fh.close();
  }
}
