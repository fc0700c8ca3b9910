// A scenario's `inputs: { mcap: <file> }`: a replay node plays the recording into the graph in place of
// the nodes that produced it. Each recorded topic "<node>/<port>" that the graph also produces is
// replayed on that output's edges (the consumers keep their QoS); a sensor or source node whose every
// consumed output is now replayed is taken out (the sim camera goes, the sim robot, an actuator, stays).
// This is a transformation of the config's YAML, like every other override, so the graph as run can be
// read, and run, as it is.
import type { Document } from "yaml";
import { replayPlan } from "../../nodes/record/replay.js";
import type { Diagnostic } from "../config/diagnostic.js";
import type { Graph } from "../graph/model.js";
import { didYouMean } from "../config/suggest.js";
import type { LoadedScenario } from "./scenario-load.js";

export interface McapInputs {
  /** The replay node's id. */
  readonly node: string;
  /** Replayed topic -> the replay node's output port. */
  readonly topics: ReadonlyMap<string, string>;
  /** Nodes taken out of the graph (their outputs come from the recording now). */
  readonly removed: readonly string[];
}

/** Rewrites `doc` (the config being overridden) and returns what it did, or undefined after a diagnostic. */
export function applyMcapInputs(s: LoadedScenario, g: Graph, doc: Document, diagnostics: Diagnostic[]): McapInputs | undefined {
  const file = s.inputs?.mcap;
  if (!file) return undefined;
  const at = ["inputs", "mcap"];
  let plan: ReturnType<typeof replayPlan>;
  try {
    plan = replayPlan({ file, ...(s.inputs?.topics ? { topics: s.inputs.topics } : {}) });
  } catch (err) {
    const param = (err as { param?: string }).param;
    diagnostics.push(s.source.diagnostic(param === "topics" ? ["inputs", "topics"] : at, (err as Error).message));
    return undefined;
  }
  const outputs = new Map<string, string>();
  for (const n of g.nodes.values()) for (const [port, type] of Object.entries(n.outputTypes)) outputs.set(`${n.id}/${port}`, type);

  const played = new Map<string, string>();
  for (const [topic, port] of plan.portOf) {
    const recordedType = plan.outputs[port]!.type;
    const type = outputs.get(topic);
    if (type === undefined) {
      // Topics the scenario named must fit; of all the file's topics, only those the graph produces play.
      if (s.inputs?.topics) {
        diagnostics.push(
          s.source.diagnostic(["inputs", "topics"], `the graph has no output "${topic}" to replay the recording's topic on`, {
            expected: `an output of the graph: ${[...outputs.keys()].join(", ")}`,
            ...opt("suggestion", didYouMean(topic, [...outputs.keys()])),
          }),
        );
      }
      continue;
    }
    if (type !== recordedType) {
      diagnostics.push(s.source.diagnostic(at, `the recording's ${topic} is ${recordedType}, but the graph's ${topic} is ${type}`, { suggestion: "record the graph as it is now, or name other topics in inputs.topics" }));
      continue;
    }
    played.set(topic, port);
  }
  if (played.size === 0 && diagnostics.length === 0) {
    diagnostics.push(
      s.source.diagnostic(at, `no topic of the recording is an output of the graph (it has ${[...plan.portOf.keys()].join(", ")})`, {
        suggestion: "record the graph's sensor outputs: `reflex run <config> --record <file> --record-topics camera/image,...`",
      }),
    );
  }
  if (diagnostics.length > 0) return undefined;

  let id = "replay";
  for (let i = 2; g.nodes.has(id); i++) id = `replay_${i}`;
  // Re-point every consumer of a replayed output; keep its QoS.
  const rewired = new Set<string>();
  for (const e of g.edges) {
    const topic = `${e.from.node}/${e.from.port}`;
    const port = played.get(topic);
    if (port === undefined) continue;
    const spec = doc.getIn(["nodes", e.to.node, "inputs", e.to.port]) as unknown;
    const js = typeof spec === "string" ? { from: spec } : (toJs(spec) as Record<string, unknown>);
    doc.setIn(["nodes", e.to.node, "inputs", e.to.port], doc.createNode({ ...js, from: `${id}/${port}` }));
    rewired.add(`${e.to.node}/${e.to.port}`);
  }
  // A sensor or source whose consumers all read the recording now is what the recording replaces.
  const removed: string[] = [];
  for (const n of g.nodes.values()) {
    if (n.def.kind !== "sensor" && n.def.kind !== "source") continue;
    const out = g.edges.filter((e) => e.from.node === n.id);
    if (out.length > 0 && out.every((e) => rewired.has(`${e.to.node}/${e.to.port}`))) removed.push(n.id);
  }
  for (const r of removed) doc.deleteIn(["nodes", r]);
  // In a multi-process graph the replay runs where the first node it replaces ran.
  const firstTopic = [...played.keys()][0]!;
  const proc = g.nodes.get(firstTopic.split("/")[0]!)!.process;
  const topics = [...played.keys()];
  const entry: Record<string, unknown> = {
    type: "replay",
    params: {
      file,
      topics,
      rate: s.inputs?.rate ?? 1,
      ...(s.inputs?.start_s !== undefined ? { start_s: s.inputs.start_s } : {}),
    },
  };
  if (proc !== "main") entry.process = proc;
  doc.setIn(["nodes", id], doc.createNode(entry));
  return { node: id, topics: played, removed };
}

function toJs(v: unknown): unknown {
  return v && typeof v === "object" && "toJSON" in v ? (v as { toJSON(): unknown }).toJSON() : v;
}

function opt<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: string };
}
