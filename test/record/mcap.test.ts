// The recording writer and reader: chunks on disk as they close, a summary @mcap/core's indexed reader
// accepts, protobuf schemas any reader can decode with (protobufjs from the embedded FileDescriptorSet),
// and a bounded queue that drops and counts.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import protobuf from "protobufjs";
import "protobufjs/ext/descriptor.js"; // Root.fromDescriptor
import { McapIndexedReader, McapStreamReader } from "@mcap/core";
import { codecOf } from "../../sdk/messages/index.js";
import { Recording, readRecording, readSummarySync, RecordingError } from "../../sdk/mcap/reader.js";
import { RecordingWriter } from "../../sdk/mcap/writer.js";

const dir = mkdtempSync(join(tmpdir(), "reflex-mcap-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function image(i: number): Uint8Array {
  const data = new Uint8Array(48).map((_, k) => (k * 7 + i) & 0xff);
  return codecOf("reflex.Image").encode({ width: 4, height: 4, encoding: "rgb8", step: 12, data, frameId: i }).finish();
}
function joints(i: number): Uint8Array {
  return codecOf("reflex.JointState").encode({ name: ["x", "y"], position: [i * 0.5, -i], velocity: [] }).finish();
}

async function indexed(file: string): Promise<McapIndexedReader> {
  const bytes = readFileSync(file);
  return McapIndexedReader.Initialize({
    readable: { size: async () => BigInt(bytes.byteLength), read: async (o, n) => bytes.subarray(Number(o), Number(o + n)) },
  });
}

describe("MCAP recording writer and reader", () => {
  it("writes chunks an indexed reader reads back, with times, sequence numbers and decodable schemas", async () => {
    const file = join(dir, "basic.mcap");
    const flushes: number[] = [];
    const w = await RecordingWriter.create(file, { chunkBytes: 400, metadata: { clock: "virtual" }, onFlush: (s) => flushes.push(s.flushedMessages) });
    const cam = w.channel("camera/image", "reflex.Image");
    const js = w.channel("robot/state", "reflex.JointState");
    for (let i = 1; i <= 20; i++) {
      assert.ok(w.add(cam, { logTimeNs: i * 33e6, publishTimeNs: i * 33e6 - 1000, sequence: i, data: image(i) }));
      assert.ok(w.add(js, { logTimeNs: i * 33e6 + 5, publishTimeNs: i * 33e6, sequence: i, data: joints(i) }));
    }
    const stats = await w.close();
    assert.equal(stats.messages, 40);
    assert.equal(stats.flushedMessages, 40);
    assert.equal(stats.dropped, 0);
    assert.ok(stats.flushedChunks > 3, `several chunks: ${stats.flushedChunks}`);
    assert.deepEqual(flushes, [...flushes].sort((a, b) => a - b), "flushed counts only grow");

    const r = await indexed(file);
    assert.equal(r.chunkIndexes.length, stats.flushedChunks);
    assert.equal(r.statistics?.messageCount, 40n);
    const got = [];
    for await (const m of r.readMessages()) got.push(m);
    assert.equal(got.length, 40);
    const firstCam = got.find((m) => r.channelsById.get(m.channelId)?.topic === "camera/image")!;
    assert.equal(firstCam.logTime, 33000000n);
    assert.equal(firstCam.publishTime, 33000000n - 1000n);
    assert.equal(firstCam.sequence, 1);

    // Any reader can decode the body from the embedded FileDescriptorSet, with the .proto field names.
    const channel = r.channelsById.get(firstCam.channelId)!;
    const schema = r.schemasById.get(channel.schemaId)!;
    assert.equal(schema.name, "reflex.Image");
    assert.equal(schema.encoding, "protobuf");
    assert.equal(channel.messageEncoding, "protobuf");
    const root = protobuf.Root.fromDescriptor(schema.data, { keepCase: true });
    const decoded = root.lookupType(schema.name).decode(firstCam.data).toJSON();
    assert.equal(decoded.width, 4);
    assert.equal(decoded.frame_id, "1");

    const summary = readSummarySync(file);
    assert.deepEqual(
      summary.topics.map((t) => [t.topic, t.type, t.count]),
      [
        ["camera/image", "reflex.Image", 20],
        ["robot/state", "reflex.JointState", 20],
      ],
    );
    assert.equal(summary.startNs, 33e6);
    assert.equal(summary.endNs, 20 * 33e6 + 5);
    assert.equal(summary.metadata.get("clock"), "virtual");

    const all = await readRecording(file, { topics: ["robot/state"] });
    assert.equal(all.length, 20);
    assert.deepEqual((all[3]!.body as { position: number[] }).position, [2, -4]);
  });

  it("drops and counts past the pending-bytes bound instead of growing", async () => {
    const file = join(dir, "bounded.mcap");
    // Chunks never close by size here, so everything stays pending until the bound.
    const w = await RecordingWriter.create(file, { chunkBytes: 1 << 30, maxPendingBytes: 2000 });
    const cam = w.channel("camera/image", "reflex.Image");
    let accepted = 0;
    for (let i = 0; i < 100; i++) if (w.add(cam, { logTimeNs: i, publishTimeNs: i, sequence: i, data: image(i) })) accepted++;
    assert.ok(accepted > 0 && accepted < 100, `accepted ${accepted}`);
    assert.equal(w.stats.dropped, 100 - accepted);
    await w.close();
    assert.equal(readSummarySync(file).messageCount, accepted);
  });

  it("the chunk that closed is on disk before close(): a stream reader sees it in the unfinished file", async () => {
    let flushed!: () => void;
    const onDisk = new Promise<void>((resolve) => (flushed = resolve));
    const w2 = await RecordingWriter.create(join(dir, "partial2.mcap"), { onFlush: () => flushed() });
    const cam2 = w2.channel("camera/image", "reflex.Image");
    for (let i = 1; i <= 5; i++) w2.add(cam2, { logTimeNs: i, publishTimeNs: i, sequence: i, data: image(i) });
    w2.closeChunk();
    await onDisk;
    w2.add(cam2, { logTimeNs: 9, publishTimeNs: 9, sequence: 9, data: image(9) }); // open chunk: not on disk
    const reader = new McapStreamReader();
    reader.append(readFileSync(join(dir, "partial2.mcap")));
    let messages = 0;
    for (let rec; (rec = reader.nextRecord()); ) if (rec.type === "Message") messages++;
    assert.equal(messages, 5);
    assert.equal(reader.done(), false, "no footer yet");
    assert.throws(() => readSummarySync(join(dir, "partial2.mcap")), (e: unknown) => e instanceof RecordingError && /no footer.*--recover/.test(e.message));
    await w2.close();
  });

  it("Recording.open reads messages in log-time order from a start time", async () => {
    const file = join(dir, "order.mcap");
    const w = await RecordingWriter.create(file, { chunkBytes: 300 });
    const a = w.channel("a/out", "reflex.JointState");
    const b = w.channel("b/out", "reflex.JointState");
    for (let i = 0; i < 10; i++) {
      w.add(a, { logTimeNs: 1000 + i * 10, publishTimeNs: 0, sequence: i, data: joints(i) });
      w.add(b, { logTimeNs: 1005 + i * 10, publishTimeNs: 0, sequence: i, data: joints(i) });
    }
    await w.close();
    const rec = await Recording.open(file);
    const times: number[] = [];
    for await (const m of rec.messages({ startNs: 1050 })) times.push(m.logTimeNs);
    await rec.close();
    assert.deepEqual(times, [1050, 1055, 1060, 1065, 1070, 1075, 1080, 1085, 1090, 1095]);
  });

  it("a missing or non-MCAP file is an error naming the file", () => {
    assert.throws(() => readSummarySync(join(dir, "nope.mcap")), /cannot open recording ".*nope.mcap": no such file/);
    const junk = join(dir, "junk.mcap");
    writeFileSync(junk, "not an mcap file at all, just text that is long enough");
    assert.throws(() => readSummarySync(junk), /is not an MCAP file/);
  });
});
