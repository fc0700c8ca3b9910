// Planning processes on other boards: which host a `host:` means, tcp endpoints with CurveZMQ between
// boards (ipc within one), the ports remote links bind, and the placements the planner refuses.
import { strict as assert } from "node:assert";
import { builtinRegistry } from "../../nodes/index.js";
import { loadConfigText } from "../../sdk/config/load.js";
import { planRun } from "../../sdk/process/plan.js";
import { DEFAULT_AGENT_PORT, remoteHostOf, type RemoteKeys } from "../../sdk/process/remote-hosts.js";
import { generateKeyPair } from "../../sdk/transport/index.js";

const text = (cam: string, brain: string): string => `name: t
processes:
  cam: ${cam}
  brain: ${brain}
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
      image: camera/image
      instruction: robot/instruction
`;

const keysOf = (): RemoteKeys => ({ secretFile: "/keys/main.key_secret", publicKey: generateKeyPair().publicKey, trusted: [generateKeyPair().publicKey] });

function plan(cam: string, brain: string, keys: Map<string, RemoteKeys>, localPorts = [40001, 40002, 40003]): ReturnType<typeof planRun> {
  const r = loadConfigText("t.yaml", text(cam, brain), { registry: builtinRegistry() });
  assert.ok(r.graph, JSON.stringify(r.diagnostics));
  return planRun(r.graph, "/tmp/r", { keys, localPorts });
}

describe("plan: processes on other boards", () => {
  it("reads host: as this machine, or an agent at <addr>[:port] (default port 7450)", () => {
    assert.equal(remoteHostOf(undefined), undefined);
    assert.equal(remoteHostOf("localhost"), undefined);
    assert.equal(remoteHostOf("127.0.0.1"), undefined);
    assert.deepEqual(remoteHostOf("127.0.0.1:7999"), { address: "127.0.0.1", agentPort: 7999, agentEndpoint: "tcp://127.0.0.1:7999" });
    assert.deepEqual(remoteHostOf("10.0.0.2"), { address: "10.0.0.2", agentPort: DEFAULT_AGENT_PORT, agentEndpoint: `tcp://10.0.0.2:${DEFAULT_AGENT_PORT}` });
    assert.equal(remoteHostOf("[fe80::1]:8000")?.agentEndpoint, "tcp://[fe80::1]:8000");
    assert.throws(() => remoteHostOf("10.0.0.2:0"), /not a tcp port/);
  });

  it("links between boards are tcp with CurveZMQ: the remote board binds after its agent's port, this board binds the ports it was given", () => {
    const k = keysOf();
    const p = plan("{}", "{ host: '127.0.0.1:7000', keys: { secret: s } }", new Map([["brain", k]]));
    const by = (edge: string) => p.links.find((l) => l.edge === edge)!;
    // camera and robot stay on this board: ipc between them.
    assert.match(by("robot/world -> camera/world").endpoint, /^ipc:\/\/\/tmp\/r\//);
    assert.equal(by("robot/world -> camera/world").curve, undefined);
    const actions = by("policy/actions -> robot/actions");
    assert.equal(actions.endpoint, "tcp://127.0.0.1:7001");
    assert.deepEqual(actions.curve, { senderKey: k.trusted[0], receiverKeys: [k.publicKey], receiverSecretFile: k.secretFile });
    const image = by("camera/image -> policy/image");
    assert.equal(image.endpoint, "tcp://127.0.0.1:40001");
    assert.deepEqual(image.curve, { senderKey: k.publicKey, senderSecretFile: k.secretFile, receiverKeys: k.trusted });
    assert.equal(by("robot/instruction -> policy/instruction").endpoint, "tcp://127.0.0.1:40002");
    assert.ok(p.links.every((l) => !l.allowNonLoopback), "nothing listens off loopback here");
    assert.equal(p.processes.find((x) => x.name === "brain")!.remote?.agentEndpoint, "tcp://127.0.0.1:7000");
    assert.equal(p.processes.find((x) => x.name === "cam")!.remote, undefined);
  });

  it("two processes on the same remote board share ipc there; on two different remote boards the edge is refused", () => {
    const same = plan("{ host: '127.0.0.1:7000', keys: { secret: s } }", "{ host: '127.0.0.1:7000', keys: { secret: s } }", new Map([["cam", keysOf()], ["brain", keysOf()]]));
    const image = same.links.find((l) => l.edge === "camera/image -> policy/image")!;
    assert.match(image.endpoint, /^ipc:\/\//);
    assert.equal(image.curve, undefined);
    assert.throws(
      () => plan("{ host: '127.0.0.1:7000', keys: { secret: s } }", "{ host: '127.0.0.1:7100', keys: { secret: s } }", new Map([["cam", keysOf()], ["brain", keysOf()]])),
      /joins two other boards \(127\.0\.0\.1 and 127\.0\.0\.1\)/,
    );
  });

  it("refuses a link to a board on the network from a process that listens on loopback only, saying which host: to set", () => {
    assert.throws(
      () => plan("{}", "{ host: '10.0.0.2', keys: { secret: s } }", new Map([["brain", keysOf()]])),
      /from process "(main|cam)" on this board to "brain" on 10\.0\.0\.2, but "\1" listens on 127\.0\.0\.1 only: set processes\.\1\.host to this board's address/,
    );
  });
});
