// A scenario's `inputs: { mcap: <file> }`: a replay node plays the recording into the graph in place of
// the nodes that produced it. Each recorded topic "<node>/<port>" that the graph also produces is
// replayed on that output's edges (the consumers keep their QoS); a sensor or source node whose every
// consumed output is now replayed is taken out (the sim camera goes, the sim robot, an actuator, stays).
// Like every other override it edits the config's document, so the graph as run can be read, and run,
// as it is; and the draft's graph becomes the graph with the replay, which is what later references
// (faults, inserts, the recorder) are resolved against.
import { replayPlan, type ReplayPlan } from "../../mcap/replay-plan.js";
import { didYouMean } from "../../core/suggest.js";
import type { Diagnostic } from "../../config/diagnostic.js";
import type { MessageName } from "../../messages/index.js";
import type { Graph, GraphNode } from "../../graph/model.js";
import type { LoadedScenario } from "../scenario-load.js";
import { asJs, opt, report, scenarioDiagnostic, type Draft, type Transform } from "./draft.js";
import { portKey } from "../../graph/ids.js";

export type { McapInputs } from "./draft.js";

/** Stops the pipe when the recording cannot stand in for anything. */
export function replaySensors(inputs: LoadedScenario["inputs"]): Transform {
  return (d) => {
    const file = inputs?.mcap;
    if (!file) return d;
    const at = ["inputs", "mcap"];
    const stop = (x: Draft): Draft => ({ ...x, stopped: true });
    let plan: ReplayPlan;
    try {
      plan = replayPlan({ file, ...(inputs.topics ? { topics: inputs.topics } : {}) });
    } catch (err) {
      const param = (err as { param?: string }).param;
      return stop(report(d, scenarioDiagnostic(d, param === "topics" ? ["inputs", "topics"] : at, (err as Error).message)));
    }
    const g = d.graph;
    const outputs = new Map<string, MessageName>();
    for (const n of g.nodes.values()) for (const [port, type] of Object.entries(n.outputTypes)) outputs.set(`${n.id}/${port}`, type);

    const found: Diagnostic[] = [];
    const played = new Map<string, string>();
    for (const [topic, port] of plan.portOf) {
      const recordedType = plan.outputs[port]!.type;
      const type = outputs.get(topic);
      if (type === undefined) {
        // Topics the scenario named must fit; of all the file's topics, only those the graph produces play.
        if (inputs.topics) {
          found.push(
            scenarioDiagnostic(d, ["inputs", "topics"], `the graph has no output "${topic}" to replay the recording's topic on`, {
              expected: `an output of the graph: ${[...outputs.keys()].join(", ")}`,
              ...opt("suggestion", didYouMean(topic, [...outputs.keys()])),
            }),
          );
        }
        continue;
      }
      if (type !== recordedType) {
        found.push(scenarioDiagnostic(d, at, `the recording's ${topic} is ${recordedType}, but the graph's ${topic} is ${type}`, { suggestion: "record the graph as it is now, or name other topics in inputs.topics" }));
        continue;
      }
      played.set(topic, port);
    }
    d = report(d, ...found);
    if (played.size === 0 && d.diagnostics.length === 0) {
      d = report(
        d,
        scenarioDiagnostic(d, at, `no topic of the recording is an output of the graph (it has ${[...plan.portOf.keys()].join(", ")})`, {
          suggestion: "record the graph's sensor outputs: `reflex run <config> --record <file> --record-topics camera/image,...`",
        }),
      );
    }
    // Earlier problems too: what follows would be resolved against a graph that is not the one to run.
    if (d.diagnostics.length > 0) return stop(d);
    const def = d.registry.get("replay");
    if (!def) return stop(report(d, scenarioDiagnostic(d, at, `unknown node type "replay"`, { expected: "a type listed by `reflex nodes`" })));

    let id = "replay";
    for (let i = 2; g.nodes.has(id); i++) id = `replay_${i}`;
    // Re-point every consumer of a replayed output; keep its QoS.
    const doc = d.doc;
    const rewired = new Set<string>();
    const edges = g.edges.map((e) => {
      const port = played.get(portKey(e.from));
      if (port === undefined) return e;
      const spec = asJs(doc.getIn(["nodes", e.to.node, "inputs", e.to.port]));
      const js = typeof spec === "string" ? { from: spec } : (spec as Record<string, unknown>);
      doc.setIn(["nodes", e.to.node, "inputs", e.to.port], doc.createNode({ ...js, from: `${id}/${port}` }));
      rewired.add(portKey(e.to));
      return { ...e, from: { node: id, port } };
    });
    // A sensor or source whose consumers all read the recording now is what the recording replaces.
    const removed: string[] = [];
    for (const n of g.nodes.values()) {
      if (n.def.kind !== "sensor" && n.def.kind !== "source") continue;
      const out = g.edges.filter((e) => e.from.node === n.id);
      if (out.length > 0 && out.every((e) => rewired.has(portKey(e.to)))) removed.push(n.id);
    }
    for (const r of removed) doc.deleteIn(["nodes", r]);
    // In a multi-process graph the replay runs where the first node it replaces ran.
    const firstTopic = [...played.keys()][0]!;
    const proc = g.nodes.get(firstTopic.split("/")[0]!)!.process;
    const topics = [...played.keys()];
    const params = {
      file,
      topics,
      rate: inputs.rate ?? 1,
      ...(inputs.start_s !== undefined ? { start_s: inputs.start_s } : {}),
    };
    const entry: Record<string, unknown> = { type: "replay", params };
    if (proc !== "main") entry.process = proc;
    doc.setIn(["nodes", id], doc.createNode(entry));

    // The graph with the replay, as loading the edited document would give it (its types from the plan).
    const outputTypes: Record<string, MessageName> = {};
    for (const [topic, port] of played) outputTypes[port] = outputs.get(topic)!;
    const replay: GraphNode = { id, type: "replay", def, params, process: proc, inputTypes: {}, outputTypes };
    const nodes = new Map([...g.nodes].filter(([n]) => !removed.includes(n)));
    nodes.set(id, replay);
    const kept = edges.filter((e) => !removed.includes(e.to.node));
    const graph: Graph = { ...g, nodes, edges: kept };
    return { ...d, graph, edges: kept, mcap: { node: id, topics: played, removed } };
  };
}
