// The planner: which edges cross processes, where their links listen, in which order workers stop.
import { strict as assert } from "node:assert";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigText } from "../../sdk/config/load.js";
import { planRun, stopOrder } from "../../sdk/process/plan.js";
import type { GraphConfig } from "../../sdk/config/schema.js";
import type { Graph } from "../../sdk/graph/model.js";

const text = `name: t
processes:
  cam: {}
  brain: { restart: on-failure, max_restarts: 2, backoff_ms: 50, env: { A: "1" } }
nodes:
  robot:
    type: sim-robot
    inputs:
      actions: policy/actions
  camera:
    type: sim-camera
    process: cam
    inputs:
      world: robot/world
  policy:
    type: scripted-policy
    process: brain
    inputs:
      image: { from: camera/image, deadline_ms: 50 }
      instruction: robot/instruction
  status:
    type: log
    params: { message: reflex.TaskStatus }
    inputs:
      in: robot/status
`;

const load = (): { graph: Graph; config: GraphConfig } => {
  const r = loadConfigText("t.yaml", text, { registry: builtinRegistry() });
  assert.deepEqual(r.diagnostics, []);
  return { graph: r.graph!, config: r.config! };
};

describe("process plan", () => {
  it("makes one ipc link per edge that crosses processes, none for edges inside one", () => {
    const { graph } = load();
    const plan = planRun(graph, "/tmp/reflex-run-x");
    assert.deepEqual(plan.links.map((l) => l.edge).sort(), [
      "camera/image -> policy/image",
      "policy/actions -> robot/actions",
      "robot/instruction -> policy/instruction",
      "robot/world -> camera/world",
    ]);
    for (const l of plan.links) assert.match(l.endpoint, /^ipc:\/\/\/tmp\/reflex-run-x\/[A-Za-z0-9._-]+\.sock$/);
    assert.equal(new Set(plan.links.map((l) => l.endpoint)).size, plan.links.length, "each link its own socket");
    assert.equal(plan.links.find((l) => l.edge === "camera/image -> policy/image")!.deadlineMs, 50);
  });

  it("gives each process its nodes, its links, its restart policy and env", () => {
    const { graph } = load();
    const plan = planRun(graph, "/tmp/r");
    const by = new Map(plan.processes.map((p) => [p.name, p]));
    assert.deepEqual([...by.keys()].sort(), ["brain", "cam", "main"]);
    assert.deepEqual([...by.get("main")!.nodes].sort(), ["robot", "status"]);
    assert.deepEqual(by.get("brain")!.policy, { restart: "on-failure", maxRestarts: 2, backoffMs: 50 });
    assert.deepEqual(by.get("main")!.policy.restart, "never");
    assert.deepEqual(by.get("brain")!.env, { A: "1" });
    assert.deepEqual(by.get("brain")!.sends.map((l) => l.edge), ["policy/actions -> robot/actions"]);
    assert.deepEqual([...by.get("brain")!.upstream].sort(), ["cam", "main"]);
  });

  it("stops producers before their consumers (a closed loop broken at its sensors)", () => {
    const { graph } = load();
    const plan = planRun(graph, "/tmp/r");
    const order = plan.stopOrder;
    assert.deepEqual([...order].sort(), ["brain", "cam", "main"]);
    assert.deepEqual(stopOrder(plan, graph), order);
    // brain's policy consumes the camera's frames: cam (the sensor) stops first, brain after it.
    assert.ok(order.indexOf("cam") < order.indexOf("brain"), order.join(", "));
  });

  it("refuses to plan a process on another host whose keys were not read (see remote-plan.test.ts)", () => {
    const { graph } = load();
    assert.throws(() => planRun({ ...graph, processes: { brain: { host: "10.1.2.3", keys: { secret: "k" } }, cam: {} } }, "/tmp/r"), /10\.1\.2\.3 but its CurveZMQ keys were not read/);
  });
});
