// The state a scenario's graph transforms hand on, and what they share: how a scenario's references
// ("<node>/<port> -> <node>/<port>", a node id) are resolved, and how a node is put on an edge.
//
// A transform is a function from draft to draft, composed with `pipe` (RxJS style). The document is the
// one mutable thing: the config's YAML, parsed once, that each transform edits in place and that is
// written once at the end (see ../effective-graph.ts for why the document and not a Graph).
import type { Document } from "yaml";
import type { Diagnostic } from "../../config/diagnostic.js";
import { didYouMean } from "../../core/suggest.js";
import type { Ports } from "../../core/node.js";
import { edgeId, portKey } from "../../graph/ids.js";
import type { Graph, GraphEdge } from "../../graph/model.js";
import type { NodeRegistry } from "../../graph/registry.js";
import type { LinkCorruption } from "../../process/plan.js";
import type { LoadedScenario } from "../scenario-load.js";
import type { Fault } from "../scenario-schema.js";

export interface InsertedFault {
  readonly fault: Fault;
  /** Fault node ids inserted for it (none for a kill). */
  readonly nodes: readonly string[];
  readonly fromMs: number;
  /** End of the fault window, ms from the start (undefined: to the end of the run). */
  readonly toMs: number | undefined;
}

/** Bytes flipped by the sender of a cross-process link; its edge is found once the graph is final. */
export interface PendingLink {
  readonly edge: GraphEdge;
  readonly corruption: LinkCorruption;
}

/** What `inputs.mcap` replaced (./replay-sensors.ts). */
export interface McapInputs {
  /** The replay node's id. */
  readonly node: string;
  /** Replayed topic -> the replay node's output port. */
  readonly topics: ReadonlyMap<string, string>;
  /** Nodes taken out of the graph (their outputs come from the recording now). */
  readonly removed: readonly string[];
}

export interface Recorder {
  readonly node: string;
  readonly file: string;
  readonly process: string;
}

export interface Draft {
  readonly scenario: LoadedScenario;
  readonly registry: NodeRegistry;
  /** The config's YAML document: edited in place by the transforms, written once at the end. */
  readonly doc: Document;
  /**
   * What the scenario's references resolve against: the config as written (with its sets), and with
   * the replay once a recording stands in for sensors. Swaps and inserts edit the document only, so a
   * later fault still names an edge as the config wrote it.
   */
  readonly graph: Graph;
  /** The edges as wired now: an insert re-points the edge it sits on to come from the inserted node. */
  readonly edges: readonly GraphEdge[];
  readonly diagnostics: readonly Diagnostic[];
  /** Set by a transform after which nothing more is worth doing: the diagnostics so far are the answer. */
  readonly stopped: boolean;
  readonly faults: readonly InsertedFault[];
  readonly faultNodeIds: ReadonlySet<string>;
  readonly pendingLinks: readonly PendingLink[];
  /** Fault nodes inserted so far: numbers their ids. */
  readonly faultNodeCount: number;
  readonly recorder?: Recorder;
  readonly mcap?: McapInputs;
}

export type Transform = (d: Draft) => Draft;

export function pipe(...transforms: readonly Transform[]): Transform {
  return (d) => transforms.reduce((x, t) => (x.stopped ? x : t(x)), d);
}

/** Stops the pipe when anything so far was wrong. */
export const stopOnDiagnostics: Transform = (d) => (d.diagnostics.length > 0 ? { ...d, stopped: true } : d);

export function report(d: Draft, ...diagnostics: Diagnostic[]): Draft {
  return diagnostics.length === 0 ? d : { ...d, diagnostics: [...d.diagnostics, ...diagnostics] };
}

/** A diagnostic about the scenario file, at `path` in it. */
export function scenarioDiagnostic(d: Draft, path: (string | number)[], message: string, extra: { expected?: string; suggestion?: string } = {}): Diagnostic {
  return d.scenario.source.diagnostic(path, message, extra);
}

/** The node, or a diagnostic at `at` naming the nodes there are. */
export function findNode(d: Draft, id: string, at: (string | number)[]): { found: boolean; diagnostics: Diagnostic[] } {
  if (d.graph.nodes.has(id)) return { found: true, diagnostics: [] };
  const ids = [...d.graph.nodes.keys()];
  return { found: false, diagnostics: [scenarioDiagnostic(d, at, `the graph has no node "${id}"`, { expected: `one of ${ids.join(", ")}`, ...opt("suggestion", didYouMean(id, ids)) })] };
}

/** The edges "<node>/<port>" (every consumer) or "<node>/<port> -> <node>/<port>" names, or a diagnostic at `at`. */
export function findEdges(d: Draft, ref: string, at: (string | number)[]): { edges: GraphEdge[]; diagnostics: Diagnostic[] } {
  const [from, to] = ref.split(" -> ") as [string, string | undefined];
  const g = d.graph;
  const edges = g.edges.filter((e) => portKey(e.from) === from && (to === undefined || portKey(e.to) === to));
  if (edges.length > 0) return { edges, diagnostics: [] };
  const all = g.edges.map(edgeId);
  return { edges, diagnostics: [scenarioDiagnostic(d, at, `no edge of the graph matches "${ref}"`, { expected: `an edge: ${all.join(", ")}`, ...opt("suggestion", didYouMean(ref, all)) })] };
}

/**
 * Puts node `id` of `type` on edge `e` (as wired now), in the consumer's process: the consumer reads
 * it, with the QoS it had, and it reads the producer. `inserted` is false (and the draft has a
 * diagnostic) when it cannot sit there.
 */
export function insertOnEdge(d: Draft, e: GraphEdge, id: string, type: string, params: Record<string, unknown>, at: (string | number)[]): { draft: Draft; inserted: boolean } {
  const refused = (diagnostic: Diagnostic): { draft: Draft; inserted: boolean } => ({ draft: report(d, diagnostic), inserted: false });
  const def = d.registry.get(type);
  if (!def) return refused(scenarioDiagnostic(d, [...at, "type"], `unknown node type "${type}"`, { ...opt("suggestion", didYouMean(type, d.registry.types())) }));
  const ins = def.inputs as Ports;
  const outs = def.outputs as Ports;
  const fits = (t: string): boolean => t === e.type || t === "$message";
  const inPort = Object.keys(ins).find((p) => fits(ins[p]!.type));
  const outPort = Object.keys(outs).find((p) => fits(outs[p]!.type));
  if (!inPort || !outPort) return refused(scenarioDiagnostic(d, at, `node type "${type}" has no input and output of type ${e.type}, so it cannot sit on ${edgeId(e)}`));
  const doc = d.doc;
  if (d.graph.nodes.has(id) || doc.hasIn(["nodes", id])) return refused(scenarioDiagnostic(d, at, `node id "${id}" is already taken`, { suggestion: "pick another id" }));
  const consumer = doc.getIn(["nodes", e.to.node, "inputs", e.to.port]) as unknown;
  const spec = typeof consumer === "string" ? { from: consumer } : (asJs(consumer) as Record<string, unknown>);
  const inSpec: Record<string, unknown> = { from: portKey(e.from) };
  for (const k of ["qos", "queue", "drop"]) if (spec[k] !== undefined) inSpec[k] = spec[k];
  const entry: Record<string, unknown> = {
    type,
    params: Object.hasOwn(def.params.properties ?? {}, "message") ? { message: e.type, ...params } : params,
    inputs: { [inPort]: inSpec },
  };
  const proc = d.graph.nodes.get(e.to.node)!.process;
  if (proc !== "main") entry.process = proc;
  doc.setIn(["nodes", id], doc.createNode(entry));
  doc.setIn(["nodes", e.to.node, "inputs", e.to.port], doc.createNode({ ...spec, from: `${id}/${outPort}` }));
  return { draft: { ...d, edges: d.edges.map((x) => (x === e ? { ...e, from: { node: id, port: outPort } } : x)) }, inserted: true };
}

/** A YAML node's plain value (a document's getIn hands back nodes for maps and lists). */
export function asJs(v: unknown): unknown {
  return v && typeof v === "object" && "toJSON" in v ? (v as { toJSON(): unknown }).toJSON() : v;
}

export function opt<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: string };
}
