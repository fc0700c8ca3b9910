// Staleness without a deadline: a cross-process input goes stale when the supervisor reports its
// producer's process dead, even while the link itself still looks connected (a board that lost power
// leaves its tcp connection up until the ZMTP heartbeat times out, seconds later). A real worker
// process (sdk/cli/worker-entry.ts, forked like the launcher does) consumes a real ipc link whose
// sender, in this test process, stays open: only the supervisor's message can make the input stale.
import { strict as assert } from "node:assert";
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigFile } from "../../sdk/config/load.js";
import { planRun } from "../../sdk/process/plan.js";
import type { FromWorker, LinkReport, ToWorker, WorkerSetup } from "../../sdk/process/protocol.js";
import { LinkSender } from "../../sdk/transport/index.js";
import { tickMsg } from "../transport/link-fixture.js";

const config = `name: stale
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
`;

describe("staleness without a deadline (real worker process, real ipc link)", function () {
  this.timeout(60_000);

  it("an input goes stale when its producer is reported dead though the link stays connected, and fresh again with the next message", async () => {
    const dir = await mkdtemp(join(tmpdir(), "reflex-stale-test-"));
    const file = join(dir, "stale.yaml");
    await writeFile(file, config);
    const r = await loadConfigFile(file, { registry: builtinRegistry() });
    assert.ok(r.graph, JSON.stringify(r.diagnostics));
    const plan = planRun(r.graph, dir);
    const link = plan.links[0]!;
    assert.equal(link.deadlineMs, undefined, "the edge has no deadline");
    // This test process plays the producer's worker: it binds the link and stays up throughout.
    const sender = new LinkSender({ endpoint: link.endpoint, name: link.edge, logger: pino({ level: "silent" }) });
    await sender.open();
    const worker = fork(fileURLToPath(new URL("../../sdk/cli/worker-entry.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
    });
    let latest: LinkReport | undefined;
    let ready = false;
    let stopped = false;
    worker.on("message", (m: FromWorker) => {
      if (m.t === "ready") ready = true;
      if (m.t === "metrics" || m.t === "stopped") latest = m.report.links[0];
      if (m.t === "stopped") stopped = true;
    });
    const send = (m: ToWorker): void => void worker.send(m);
    const until = async (cond: () => boolean, what: string): Promise<void> => {
      for (let i = 0; i < 300 && !cond(); i++) await new Promise((res) => setTimeout(res, 50));
      assert.ok(cond(), `timed out waiting for ${what}: ${JSON.stringify(latest)}`);
    };
    try {
      const setup: WorkerSetup = { configFile: file, sets: [], logLevel: "error", plan: plan.processes.find((p) => p.name === "sink")!, heartbeatMs: 100 };
      send({ t: "setup", setup });
      await until(() => ready, "the worker to be ready");
      send({ t: "go" });
      let seq = 0;
      for (let i = 0; i < 3; i++) sender.send(tickMsg("clock/tick", ++seq));
      await until(() => (latest?.delivered ?? 0) >= 3, "three messages delivered");
      assert.equal(latest!.stale, false);
      send({ t: "upstream-down", process: "up" });
      await until(() => latest?.stale === true, "the input to go stale");
      assert.equal(latest!.connected, true, "the link itself never dropped");
      assert.equal(latest!.staleEpisodes, 1);
      sender.send(tickMsg("clock/tick", ++seq));
      await until(() => latest?.stale === false && latest.delivered >= 4, "the next message to make it fresh");
      send({ t: "draining" });
      send({ t: "stop", flushMs: 200 });
      await until(() => stopped, "the final report");
      assert.equal(latest!.staleEpisodes, 1);
    } finally {
      if (worker.exitCode === null) worker.kill("SIGKILL");
      await sender.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
