// A real worker process (sdk/cli/worker-entry.ts, forked as the launcher forks it) under bad input on
// its links: this test process plays a stray producer on the link the worker consumes (another type,
// another topic, a sequence number of 10^15) and a local process writing junk to the link the worker
// sends on, which has no receiver at all. The worker goes on; its reports count every refusal and
// every message it sent with nobody to receive it, and they reach the dashboard and the summary line.
import { strict as assert } from "node:assert";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import * as zmq from "zeromq";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import type { Msg } from "../../sdk/core/message.js";
import { formatMultiSummary } from "../../sdk/process/launcher.js";
import { linkRows } from "../../sdk/process/link-totals.js";
import { planRun } from "../../sdk/process/plan.js";
import type { FromWorker, ToWorker, WorkerReport, WorkerSetup } from "../../sdk/process/protocol.js";
import { SupervisedTelemetry } from "../../sdk/telemetry/supervised-telemetry.js";
import { LinkSender } from "../../sdk/transport/index.js";
import { tickMsg } from "../transport/link-fixture.js";

const config = `name: refusals
processes:
  up: {}
  sink: {}
nodes:
  clock:
    type: timer
    process: up
    params: { rate_hz: 10 }
  show:
    type: log
    process: sink
    params: { message: reflex.Tick }
    inputs:
      in: clock/tick
  beat:
    type: timer
    process: sink
    params: { rate_hz: 100 }
  echo:
    type: log
    process: up
    params: { message: reflex.Tick }
    inputs:
      in: beat/tick
`;

const image = (topic: string, seq: number): Msg => ({
  header: { topic, seq, captureNs: seq, type: "reflex.Image", trace: undefined },
  body: { width: 1, height: 1, encoding: "rgb8", step: 3, data: new Uint8Array(3) },
});

describe("a worker's links under bad input (real worker process, real ipc links)", function () {
  this.timeout(60_000);

  it("refuses another type, another topic and counts no 10^15 drops; counts junk and sends with no receiver; reports reach the dashboard and the summary", async () => {
    const dir = await mkdtemp(join(tmpdir(), "reflex-refusals-test-"));
    const file = join(dir, "refusals.yaml");
    await writeFile(file, config);
    const r = await loadConfigFile(file, { registry: builtinRegistry() });
    assert.ok(r.graph, JSON.stringify(r.diagnostics));
    const graph = r.graph;
    const plan = planRun(graph, dir);
    const inEdge = "clock/tick -> show/in";
    const outEdge = "beat/tick -> echo/in";
    const inLink = plan.links.find((l) => l.edge === inEdge)!;
    const outLink = plan.links.find((l) => l.edge === outEdge)!;
    // This test process plays the producer of the worker's input ...
    const sender = new LinkSender({ endpoint: inLink.endpoint, name: inEdge, logger: pino({ level: "silent" }), sendHighWaterMark: 2000 });
    await sender.open();
    // ... and a local process that writes junk to the worker's output link (no receiver ever connects).
    const junk = new zmq.Dealer({ linger: 0 });
    const worker = fork(fileURLToPath(new URL("../../sdk/cli/worker-entry.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
    });
    let latest: WorkerReport | undefined;
    let ready = false;
    let stopped = false;
    worker.on("message", (m: FromWorker) => {
      if (m.t === "ready") ready = true;
      if (m.t === "metrics" || m.t === "stopped") latest = m.report;
      if (m.t === "stopped") stopped = true;
    });
    const exited = new Promise<number | null>((resolve) => worker.on("exit", (code) => resolve(code)));
    const send = (m: ToWorker): void => void worker.send(m);
    const until = async (cond: () => boolean, what: string): Promise<void> => {
      for (let i = 0; i < 300 && !cond(); i++) await new Promise((res) => setTimeout(res, 50));
      assert.ok(cond(), `timed out waiting for ${what}: ${JSON.stringify({ links: latest?.links, sends: latest?.sends })}`);
    };
    const link = (): NonNullable<WorkerReport["links"]>[number] | undefined => latest?.links.find((l) => l.edge === inEdge);
    const sends = (): NonNullable<WorkerReport["sends"]>[number] | undefined => latest?.sends?.find((l) => l.edge === outEdge);
    try {
      const setup: WorkerSetup = { configFile: file, sets: [], logLevel: "error", plan: plan.processes.find((p) => p.name === "sink")!, heartbeatMs: 100 };
      send({ t: "setup", setup });
      await until(() => ready, "the worker to be ready");
      send({ t: "go" });
      junk.connect(outLink.endpoint);
      await junk.send(["junk", Buffer.from([0xff])]);
      await junk.send("REFLEX/1 NONSENSE");
      for (const seq of [1, 2, 3]) sender.send(tickMsg("clock/tick", seq));
      for (let i = 1; i <= 300; i++) {
        sender.send(image("clock/tick", i)); // the edge's topic, another type
        sender.send(tickMsg("other/tick", i)); // the edge's type, another output
      }
      for (const seq of [1e15, 4, 5, 6]) sender.send(tickMsg("clock/tick", seq));
      await until(() => (link()?.delivered ?? 0) >= 7 && (link()?.badFrames ?? 0) >= 600 && (sends()?.junk ?? 0) >= 2 && (sends()?.noReceiver ?? 0) > 0, "the refusals and the junk reported");
      send({ t: "draining" });
      send({ t: "stop", flushMs: 200 });
      await until(() => stopped, "the final report");
      assert.equal(await exited, 0, "the worker went on and stopped cleanly");
      const final = latest!;
      const l = final.links.find((x) => x.edge === inEdge)!;
      assert.equal(l.delivered, 7, "only the edge's messages reached the input");
      assert.equal(l.wrongType, 300);
      assert.equal(l.wrongTopic, 300);
      assert.equal(l.badFrames, 600);
      assert.equal(l.droppedGap, 0, "seq 10^15 is no loss");
      assert.equal(l.seqResets, 2, "the jump to 10^15 and the step back to 4");
      const out = final.sends!.find((x) => x.edge === outEdge)!;
      assert.equal(out.junk, 2);
      assert.equal(out.sent, 0);
      assert.ok(out.noReceiver > 0, "every tick of beat was sent with no receiver, and counted");
      const edgeRow = final.summary.edges.find((e) => e.edge === inEdge)!;
      assert.equal(edgeRow.dropped_gap, 0);

      // The dashboard's multi-process source shows both ends' link figures on their edges.
      const dash = new SupervisedTelemetry(graph);
      dash.attach({ workers: new Map([["sink", { plan: { name: "sink", nodes: ["show", "beat"] }, state: "stopped", pid: final.pid, restarts: 0, reports: [final] }]]) });
      const snap = dash.snapshot();
      const inSnap = snap.edges.find((e) => e.id === inEdge)!;
      assert.deepEqual(
        { badFrames: inSnap.link?.badFrames, wrongType: inSnap.link?.wrongType, wrongTopic: inSnap.link?.wrongTopic, seqResets: inSnap.link?.seqResets },
        { badFrames: 600, wrongType: 300, wrongTopic: 300, seqResets: 2 },
      );
      const outSnap = snap.edges.find((e) => e.id === outEdge)!;
      assert.equal(outSnap.link?.junk, 2);
      assert.equal(outSnap.link?.noReceiver, out.noReceiver);

      // The summary line of the edge says what was refused, by kind.
      const rows = linkRows(final.links, [[final]]);
      const text = formatMultiSummary({ ...final.summary, processes: [], links: rows });
      assert.match(text, /clock\/tick -> show\/in: delivered 7, gaps 0, .*producer restarts seen 2, bad frames 600 \(wrong type 300, wrong topic 300\)/);
    } finally {
      if (worker.exitCode === null) worker.kill("SIGKILL");
      junk.close();
      await sender.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
