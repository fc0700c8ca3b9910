// The record and replay nodes in real graphs (YAML, loader, runtime, virtual clock): what is recorded
// comes back on ports typed from the file, with its original relative timing, at a rate factor, looped
// and from a start offset; bad files and topics are config errors naming the node, the file and where.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigText } from "../../sdk/config/load.js";
import { formatDiagnostics } from "../../sdk/config/diagnostic.js";
import { readRecording, readSummarySync } from "../../sdk/mcap/reader.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import type { Msg } from "../../sdk/core/message.js";
import { codecOf } from "../../sdk/messages/index.js";

/** Protobuf equality: the same bytes once encoded (a decoded body has defaults the original left out). */
const bytesOf = (type: string, body: unknown): string => Buffer.from(codecOf(type)!.encode(body).finish()).toString("hex");
import type { Graph } from "../../sdk/graph/model.js";

const dir = mkdtempSync(join(tmpdir(), "reflex-record-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const silent = pino({ level: "silent" });

function load(yaml: string): Graph {
  const r = loadConfigText("test.yaml", yaml, { registry: builtinRegistry() });
  assert.ok(r.graph, formatDiagnostics(r.diagnostics));
  return r.graph;
}

async function runVirtual(graph: Graph, seconds: number, tap?: (rt: GraphRuntime) => void): Promise<GraphRuntime> {
  const rt = new GraphRuntime(graph, { clock: new VirtualClock(), log: silent });
  tap?.(rt);
  await rt.start();
  await rt.runVirtual(seconds * 1e9);
  await rt.stop();
  await rt.dispose();
  return rt;
}

const recorded = join(dir, "sensors.mcap");
const sourceGraph = `
name: sensors
nodes:
  arm: { type: joint-state, params: { joints: 2, rate_hz: 50 } }
  imu: { type: imu, params: { rate_hz: 20 } }
  rec:
    type: record
    params: { file: ${recorded}, ports: { joints: reflex.JointState, imu: reflex.Imu }, chunk_ms: 200 }
    inputs: { joints: arm/state, imu: imu/imu }
`;

describe("record and replay nodes", () => {
  const original: { topic: string; atNs: number; body: string }[] = [];

  before(async () => {
    const g = load(sourceGraph);
    await runVirtual(g, 1, (rt) => {
      for (const [node, port] of [["arm", "state"], ["imu", "imu"]] as const) {
        rt.listen(node, port, (m: Msg) => original.push({ topic: m.header.topic, atNs: rt.clock.nowNs(), body: bytesOf(m.header.type, m.body) }));
      }
    });
  });

  it("records every message of its inputs, one channel per producing topic, chunked by clock time", async () => {
    const s = readSummarySync(recorded);
    const counts = Object.fromEntries(s.topics.map((t) => [t.topic, [t.type, t.count]]));
    const n = (topic: string) => original.filter((o) => o.topic === topic).length;
    assert.deepEqual(counts, { "arm/state": ["reflex.JointState", n("arm/state")], "imu/imu": ["reflex.Imu", n("imu/imu")] });
    assert.ok(n("arm/state") >= 50, `arm messages ${n("arm/state")}`);
    assert.ok(s.chunkCount >= 4, `chunks closed every 200 ms of clock time: ${s.chunkCount}`);
    assert.equal(s.metadata.get("clock"), "virtual");
    const msgs = await readRecording(recorded);
    const first = msgs.find((m) => m.topic === "arm/state")!;
    assert.equal(first.sequence, 1);
    assert.equal(bytesOf(first.type, first.body), original.find((o) => o.topic === "arm/state")!.body);
  });

  async function replay(params: string, seconds: number, ports = ["arm_state", "imu_imu"]): Promise<{ port: string; atNs: number; captureNs: number; body: string }[]> {
    const g = load(`
name: replay
nodes:
  src: { type: replay, params: { file: ${recorded}, ${params} } }
${ports.map((p, i) => `  sink${i}: { type: log, params: { message: ${p.startsWith("imu") ? "reflex.Imu" : "reflex.JointState"}, level: debug }, inputs: { in: src/${p} } }`).join("\n")}
`);
    const out: { port: string; atNs: number; captureNs: number; body: string }[] = [];
    await runVirtual(g, seconds, (rt) => {
      for (const port of ports) rt.listen("src", port, (m) => out.push({ port, atNs: rt.clock.nowNs(), captureNs: m.header.captureNs, body: bytesOf(m.header.type, m.body) }));
    });
    return out;
  }

  it("replays each topic on its own port with the original relative timing and bodies", async () => {
    const out = await replay("rate: 1", 2);
    assert.equal(out.length, original.length);
    const t0 = original[0]!.atNs;
    const r0 = out[0]!.atNs;
    // The recorder stamps receipt, the listener here stamps emission: on the virtual clock they are the same instants.
    assert.deepEqual(
      out.map((o) => [o.port, o.atNs - r0, o.body]),
      original.map((o) => [o.topic.replace("/", "_"), o.atNs - t0, o.body]),
    );
    // Capture stamps keep their age: the sensors emit what they capture, so age 0.
    assert.ok(out.every((o) => o.captureNs === o.atNs));
  });

  it("plays at a rate factor, from a start offset, and loops", async () => {
    const fast = await replay("rate: 2", 2);
    const normal = await replay("rate: 1", 2);
    assert.equal(fast.length, normal.length);
    const span = (xs: { atNs: number }[]) => xs[xs.length - 1]!.atNs - xs[0]!.atNs;
    assert.equal(span(fast), span(normal) / 2);

    const late = await replay("start_s: 0.5", 2);
    assert.ok(late.length > 0 && late.length < normal.length * 0.6, `${late.length} of ${normal.length}`);

    const looped = await replay("loop: true, topics: [arm/state]", 2.5, ["arm_state"]);
    const once = normal.filter((o) => o.port === "arm_state").length;
    assert.ok(looped.length >= 2 * once, `looped ${looped.length}, one pass ${once}`);
  });

  it("remaps a topic to a port name of your choice", async () => {
    const out = await replay("topics: [arm/state], remap: { arm/state: joints }", 1, ["joints"]);
    assert.ok(out.length > 0);
  });

  it("a missing file, a file cut short and an unknown topic are config errors naming node, file and line", () => {
    const check = (params: string, re: RegExp) => {
      const r = loadConfigText("bad.yaml", `name: bad\nnodes:\n  src:\n    type: replay\n    params: { ${params} }\n`, { registry: builtinRegistry() });
      assert.equal(r.graph, undefined);
      const text = formatDiagnostics(r.diagnostics);
      assert.match(text, /bad\.yaml:5:\d+: error: nodes\.src\.params\.(file|topics)/);
      assert.match(text, re);
    };
    check(`file: ${join(dir, "missing.mcap")}`, /cannot open recording ".*missing\.mcap": no such file/);
    const cut = join(dir, "cut.mcap");
    writeFileSync(cut, readFileSync(recorded).subarray(0, 3000));
    check(`file: ${cut}`, /has no footer .*reflex inspect .*--recover/);
    check(`file: ${recorded}, topics: [arm/stat]`, /has no topic "arm\/stat" \(did you mean "arm\/state"\?\); it has arm\/state, imu\/imu/);
  });

  it("record ports must name message types", () => {
    const r = loadConfigText("bad.yaml", `name: bad\nnodes:\n  rec:\n    type: record\n    params: { file: x.mcap, ports: { a: reflex.Imag } }\n`, { registry: builtinRegistry() });
    assert.match(formatDiagnostics(r.diagnostics), /nodes\.rec\.params\.ports: port "a": "reflex\.Imag" is not a message type \(did you mean "reflex\.Image"\?\)/);
  });

  it("a replayed port feeds only inputs of its type", () => {
    const r = loadConfigText(
      "bad.yaml",
      `name: bad\nnodes:\n  src: { type: replay, params: { file: ${recorded} } }\n  s: { type: log, params: { message: reflex.Image }, inputs: { in: src/imu_imu } }\n`,
      { registry: builtinRegistry() },
    );
    assert.match(formatDiagnostics(r.diagnostics), /port types differ: src\/imu_imu carries reflex\.Imu, s\.in takes reflex\.Image/);
  });
});
