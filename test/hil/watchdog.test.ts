// The safety watchdog under the virtual clock: a policy that stops (and later works on old frames)
// and then resumes. Every command that reaches the robot is a hold or a fresh action, at every robot
// step the command in force is a hold or fresh, and the robot moves again once fresh actions return.
// The same loop without the watchdog shows the robot acting on stale actions (the check can fail).
import { strict as assert } from "node:assert";
import { Type } from "@sinclair/typebox";
import pino from "pino";
import { mergeMap } from "rxjs";
import { builtinNodes } from "../../nodes/index.js";
import { formatDiagnostics } from "../../sdk/config/diagnostic.js";
import { loadConfigText } from "../../sdk/config/load.js";
import { NodeRegistry } from "../../sdk/graph/registry.js";
import type { reflex } from "../../sdk/messages/index.js";
import { VirtualClock } from "../../sdk/core/clock.js";
import { GraphRuntime } from "../../sdk/runtime/executor.js";
import type { Msg } from "../../sdk/core/message.js";
import { defineNode } from "../../sdk/core/node.js";

// Emits a constant-velocity chunk every period_ms, except while paused (it emits nothing) and while
// lagging (its actions derive from observations lag_ms old, as a policy stuck on an old frame would).
const pausingPolicy = defineNode({
  type: "test-pausing-policy",
  description: "action chunks on a timer, with a pause and a lag window",
  kind: "source",
  params: Type.Object(
    {
      period_ms: Type.Number({ default: 33 }),
      pause: Type.Array(Type.Number(), { default: [1000, 1600] }),
      lag: Type.Array(Type.Number(), { default: [2500, 3000] }),
      lag_ms: Type.Number({ default: 400 }),
    },
    { additionalProperties: false },
  ),
  inputs: {},
  outputs: { actions: { type: "reflex.ActionChunk" } },
  create(ctx, p) {
    const within = (t: number, w: number[]): boolean => t >= w[0]! && t < w[1]!;
    const actions = ctx.every(p.period_ms).pipe(
      mergeMap(() => {
        const t = ctx.clock.nowNs() / 1e6;
        if (within(t, p.pause)) return [];
        const body: reflex.ActionChunk.$Properties = { horizon: 8, dim: 2, data: new Array<number>(16).fill(0.2), stepMs: 50, hold: false };
        const out = ctx.msg(body);
        return [within(t, p.lag) ? { ...out, captureNs: out.captureNs - p.lag_ms * 1e6 } : out];
      }),
    );
    return { outputs: { actions } };
  },
});

const registry = (): NodeRegistry => new NodeRegistry([...builtinNodes, pausingPolicy]);

const graphYaml = (gate: string): string => `name: watchdog-test
nodes:
  policy: { type: test-pausing-policy }
${gate}
  robot:
    type: sim-robot
    params: { seed: 3, step_ms: 50, max_steps: 1000 }
    inputs:
      actions: { from: gate/command, qos: keep-latest }
`;
const WITH_WATCHDOG = `  gate:
    type: watchdog
    params: { deadline_ms: 120 }
    inputs:
      actions: policy/actions`;
const WITHOUT = `  gate:
    type: relay
    params: { message: reflex.ActionChunk }
    inputs:
      in: policy/actions`;

interface Timeline {
  rt: GraphRuntime;
  /** Every command the robot received: when, and the command. */
  commands: { atNs: number; msg: Msg }[];
  /** Every robot step: when, the command in force, and the robot's velocity after the step. */
  steps: { atNs: number; inForce: Msg | undefined; speed: number }[];
}

async function run(gate: string, ms: number): Promise<Timeline> {
  const yaml = graphYaml(gate).replace("gate/command", gate === WITHOUT ? "gate/out" : "gate/command");
  const r = loadConfigText("watchdog-test.yaml", yaml, { registry: registry() });
  assert.ok(r.graph, formatDiagnostics(r.diagnostics));
  const clock = new VirtualClock();
  const rt = new GraphRuntime(r.graph, { clock, log: pino({ level: "silent" }) });
  const t: Timeline = { rt, commands: [], steps: [] };
  rt.listen("gate", gate === WITHOUT ? "out" : "command", (msg) => t.commands.push({ atNs: clock.nowNs(), msg }));
  rt.listen("robot", "state", (msg) => {
    const v = (msg.body as reflex.JointState.$Properties).velocity ?? [];
    t.steps.push({ atNs: clock.nowNs(), inForce: t.commands[t.commands.length - 1]?.msg, speed: Math.hypot(v[0] ?? 0, v[1] ?? 0) });
  });
  await rt.start();
  await rt.runVirtual(ms * 1e6);
  await rt.stop();
  return t;
}

const isHold = (m: Msg | undefined): boolean => (m?.body as reflex.ActionChunk.$Properties | undefined)?.hold === true;
const DEADLINE_NS = 120e6;

describe("watchdog node (virtual clock)", () => {
  it("holds while the policy is stopped or stale, resumes after; the robot never acts on a stale action", async () => {
    const t = await run(WITH_WATCHDOG, 4000);
    // Every command reaching the robot: a hold, or an action fresh when it arrived.
    for (const c of t.commands) {
      if (isHold(c.msg)) continue;
      const age = c.atNs - c.msg.header.captureNs;
      assert.ok(age <= DEADLINE_NS, `a stale action (${age / 1e6} ms old) reached the robot at ${c.atNs / 1e6} ms`);
    }
    // At every robot step, the command in force is a hold or an action still within its deadline.
    for (const s of t.steps) {
      if (!s.inForce || isHold(s.inForce)) continue;
      const age = s.atNs - s.inForce.header.captureNs;
      assert.ok(age <= DEADLINE_NS, `robot stepped at ${s.atNs / 1e6} ms on an action ${age / 1e6} ms old`);
    }
    const g = t.rt.registry.nodes.get("gate")!.gauges;
    assert.equal(g.get("hold_episodes"), 2, "one hold for the pause, one for the lag window");
    assert.ok((g.get("withheld") ?? 0) >= 10, `stale actions of the lag window withheld: ${g.get("withheld")}`);
    assert.ok((g.get("max_forwarded_age_ms") ?? Infinity) <= 120);
    assert.equal(g.get("holding"), 0, "fresh actions returned at the end");
    // The hold of the pause starts within the deadline of the last action before it and lasts until
    // the policy is back (1600 ms); the robot stands still in between and moves again after.
    const firstHold = t.commands.find((c) => isHold(c.msg))!;
    assert.ok(firstHold.atNs > 1000e6 && firstHold.atNs <= 1000e6 + DEADLINE_NS, `first hold at ${firstHold.atNs / 1e6} ms`);
    const still = t.steps.filter((s) => s.atNs >= firstHold.atNs + 50e6 && s.atNs < 1600e6);
    assert.ok(still.length >= 5 && still.every((s) => s.speed === 0), `robot holds still during the pause: ${JSON.stringify(still.map((s) => [s.atNs / 1e6, s.speed, isHold(s.inForce)]))}`);
    const after = t.steps.filter((s) => s.atNs > 1700e6 && s.atNs < 2400e6);
    assert.ok(after.some((s) => s.speed > 0), "robot moves again once fresh actions return");
    // The hold episode is reported once on the events port.
    assert.equal(t.rt.registry.nodes.get("gate")!.emitted, t.commands.length + 2);
  });

  it("its processing time is its own work, not the wait for the deadline (holds and events included)", async () => {
    const t = await run(WITH_WATCHDOG, 4000);
    const gate = t.rt.registry.nodes.get("gate")!;
    assert.ok((gate.gauges.get("hold_episodes") ?? 0) >= 2, "the run has hold episodes");
    // On the virtual clock a node's synchronous work takes no clock time: every figure is 0 unless an
    // output is stamped as if its work began when the stale action arrived (the hold's event did).
    const s = gate.processing.summary();
    assert.ok(s.p50Ns < DEADLINE_NS / 100, `p50 ${s.p50Ns / 1e6} ms`);
    assert.ok(s.maxNs < DEADLINE_NS / 100, `max ${s.maxNs / 1e6} ms, against a deadline of ${DEADLINE_NS / 1e6} ms`);
  });

  it("without the watchdog the same loop acts on stale actions (the check above can fail)", async () => {
    const t = await run(WITHOUT, 4000);
    const stale = t.steps.filter((s) => s.inForce && s.atNs - s.inForce.header.captureNs > DEADLINE_NS && s.speed > 0);
    assert.ok(stale.length > 5, `robot steps on stale actions: ${stale.length}`);
  });
});
