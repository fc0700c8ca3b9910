// `reflex run --record`: the graph plus a record node fed by every output (or the chosen ones), added
// as data before the graph starts. The recorder's edges queue (64, oldest dropped and counted), so a
// slow disk never holds back the producers.
import { didYouMean } from "../../sdk/core/suggest.js";
import type { Graph, GraphEdge, GraphNode } from "../../sdk/graph/model.js";
import type { MessageName } from "../../sdk/messages/index.js";
import type { AnyNodeDefinition } from "../../sdk/core/node.js";
import recordNode, { RECORD_DEFAULTS, recordPorts } from "./record.js";
import { portForTopic } from "../../sdk/mcap/topics.js";

export interface AttachOptions {
  readonly file: string;
  /** "<node>/<port>" outputs to record; default every output of every node. */
  readonly topics?: readonly string[];
  /** Process group the recorder runs in (default "main"). */
  readonly process?: string;
}

/** The graph with a record node added; throws an Error naming a topic the graph does not have. */
export function attachRecorder(graph: Graph, opts: AttachOptions): Graph {
  const outputs = new Map<string, { node: string; port: string; type: MessageName }>();
  for (const n of graph.nodes.values()) {
    for (const [port, type] of Object.entries(n.outputTypes)) outputs.set(`${n.id}/${port}`, { node: n.id, port, type });
  }
  const wanted = opts.topics ?? [...outputs.keys()];
  for (const t of wanted) {
    if (!outputs.has(t)) {
      const hint = didYouMean(t, outputs.keys());
      throw new Error(`--record-topics: the graph has no output "${t}"${hint ? ` (${hint})` : ""}; outputs: ${[...outputs.keys()].join(", ")}`);
    }
  }
  if (wanted.length === 0) throw new Error("--record: the graph has no outputs to record");
  let id = "record";
  for (let i = 1; graph.nodes.has(id); i++) id = `record_${i}`;
  const ports: Record<string, string> = {};
  const edges: GraphEdge[] = [];
  for (const t of wanted) {
    const o = outputs.get(t)!;
    let port = portForTopic(t);
    for (let i = 2; Object.hasOwn(ports, port); i++) port = `${portForTopic(t)}_${i}`;
    ports[port] = o.type;
    edges.push({ from: { node: o.node, port: o.port }, to: { node: id, port }, type: o.type, qos: { kind: "queue", queue: 64, drop: "oldest" } });
  }
  const def: AnyNodeDefinition = { ...recordNode, inputs: recordPorts(ports) };
  const node: GraphNode = {
    id,
    type: recordNode.type,
    def,
    params: { file: opts.file, ports, ...RECORD_DEFAULTS },
    process: opts.process ?? "main",
    inputTypes: ports as Record<string, MessageName>,
    outputTypes: {},
  };
  return { ...graph, nodes: new Map([...graph.nodes, [id, node]]), edges: [...graph.edges, ...edges] };
}
