// A scenario's graph: the config it names, with the scenario's overrides applied as a graph
// transformation of the YAML (param sets, node type swaps, inserted nodes such as a watchdog, and one
// fault node per faulted edge). The result is written next to the run's other outputs, so every
// problem found in it points at a file that exists (and a rig can `reflex run` it as is), and it is
// what the workers of a multi-process graph load.
import { existsSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { recordingPart } from "../../nodes/record/record.js";
import { portForTopic } from "../../nodes/record/topic-port.js";
import type { Diagnostic } from "../config/diagnostic.js";
import { loadConfigText, type LoadResult } from "../config/load.js";
import type { Graph, GraphEdge } from "../graph/model.js";
import type { Ports } from "../core/node.js";
import { didYouMean } from "../config/suggest.js";
import { hilRegistry } from "./registry.js";
import { applyMcapInputs, type McapInputs } from "./mcap-inputs.js";
import type { LoadedScenario } from "./scenario-load.js";
import type { Fault } from "./scenario-schema.js";
import type { LinkCorruption } from "../process/plan.js";

export { hilRegistry };

export interface InsertedFault {
  readonly fault: Fault;
  /** Fault node ids inserted for it (none for a kill). */
  readonly nodes: readonly string[];
  readonly fromMs: number;
  /** End of the fault window, ms from the start (undefined: to the end of the run). */
  readonly toMs: number | undefined;
}

export interface EffectiveGraph {
  readonly file: string;
  readonly graph: Graph;
  readonly load: LoadResult;
  readonly faults: readonly InsertedFault[];
  /** Corruption injected by the sender of a cross-process link, per edge id (multi-process graphs). */
  readonly linkFaults: ReadonlyMap<string, LinkCorruption>;
  /** Every inserted fault node id: left out of path names when budgets are matched. */
  readonly faultNodeIds: ReadonlySet<string>;
  readonly multiProcess: boolean;
  /** The recorder the scenario asked for (`record:`): its node id and file (restarts add parts). */
  readonly recorder?: { readonly node: string; readonly file: string; readonly process: string };
  /** What `inputs.mcap` replaced, when the scenario plays a recording. */
  readonly mcap?: McapInputs;
}

export type EffectiveResult = { ok: true; value: EffectiveGraph } | { ok: false; diagnostics: Diagnostic[] };

export async function buildEffectiveGraph(s: LoadedScenario, outDir: string): Promise<EffectiveResult> {
  const registry = hilRegistry();
  const text = await readFile(s.graphFile, "utf8");
  const diagnostics: Diagnostic[] = [];
  const sets = Object.entries(s.overrides?.set ?? {}).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);

  // 1. The graph as written, with the param sets: its types and wiring decide where things go.
  const base = loadConfigText(s.graphFile, text, { registry, sets });
  if (!base.graph) {
    // A bad --set is the scenario's problem: say where in the scenario.
    for (const d of base.diagnostics) {
      if (d.file !== "--set") diagnostics.push(d);
      else {
        const key = /^nodes\.([^.]+)\.params\.(.+)$/.exec(d.path);
        const where = key ? ["overrides", "set", `${key[1]}.${key[2]}`] : ["overrides", "set"];
        diagnostics.push({ ...s.source.diagnostic(where, d.message.replace(/ \(from --set .*\)$/, "")), ...(d.expected ? { expected: d.expected } : {}) });
      }
    }
    return { ok: false, diagnostics };
  }
  let g = base.graph;
  const doc = parseDocument(text);
  for (const set of sets) {
    const [path, value] = [set.slice(0, set.indexOf("=")), set.slice(set.indexOf("=") + 1)];
    const [node, ...param] = path.split(".");
    doc.setIn(["nodes", node!, "params", ...param], parseDocument(value).toJS());
  }
  let nodeIds = [...g.nodes.keys()];
  const nodeExists = (id: string, at: (string | number)[]): boolean => {
    if (g.nodes.has(id)) return true;
    diagnostics.push(s.source.diagnostic(at, `the graph has no node "${id}"`, { expected: `one of ${nodeIds.join(", ")}`, ...opt("suggestion", didYouMean(id, nodeIds)) }));
    return false;
  };
  const edgesOf = (ref: string, at: (string | number)[]): GraphEdge[] => {
    const [from, to] = ref.split(" -> ") as [string, string | undefined];
    const found = g.edges.filter((e) => `${e.from.node}/${e.from.port}` === from && (to === undefined || `${e.to.node}/${e.to.port}` === to));
    if (found.length === 0) {
      const all = g.edges.map((e) => `${e.from.node}/${e.from.port} -> ${e.to.node}/${e.to.port}`);
      diagnostics.push(s.source.diagnostic(at, `no edge of the graph matches "${ref}"`, { expected: `an edge: ${all.join(", ")}`, ...opt("suggestion", didYouMean(ref, all)) }));
    }
    return found;
  };

  // 2. Sim inputs: the seed (and episode count) of every sim robot.
  const sim = s.inputs?.sim;
  if (sim) {
    const robots = [...g.nodes.values()].filter((n) => n.type === "sim-robot");
    if (robots.length === 0) diagnostics.push(s.source.diagnostic(["inputs", "sim"], "the graph has no sim-robot node to seed", { suggestion: "remove inputs.sim, or use a sim graph" }));
    for (const r of robots) {
      doc.setIn(["nodes", r.id, "params", "seed"], sim.seed);
      if (sim.episodes !== undefined) doc.setIn(["nodes", r.id, "params", "episodes"], sim.episodes);
    }
  }

  // 2b. A recording in place of the nodes that produced it; what follows sees the graph with the replay.
  const mcap = applyMcapInputs(s, g, doc, diagnostics);
  if (s.inputs?.mcap && !mcap) return { ok: false, diagnostics };
  if (mcap) {
    const mid = loadConfigText(join(outDir, `${s.name}.graph.yaml`), doc.toString({ lineWidth: 0 }), { registry });
    if (!mid.graph) return { ok: false, diagnostics: mid.diagnostics };
    g = mid.graph;
    nodeIds = [...g.nodes.keys()];
  }

  // 3. Type swaps: a rig replaces sim nodes by its drivers, by overrides alone.
  for (const [id, swap] of Object.entries(s.overrides?.nodes ?? {})) {
    if (!nodeExists(id, ["overrides", "nodes", id])) continue;
    if (!registry.get(swap.type)) {
      diagnostics.push(s.source.diagnostic(["overrides", "nodes", id, "type"], `unknown node type "${swap.type}"`, { expected: "a type listed by `reflex nodes`", ...opt("suggestion", didYouMean(swap.type, registry.types())) }));
      continue;
    }
    doc.setIn(["nodes", id, "type"], swap.type);
    doc.setIn(["nodes", id, "params"], swap.params ?? {});
    if (swap.process !== undefined) doc.setIn(["nodes", id, "process"], swap.process);
  }

  // 4. Inserted nodes and fault nodes: each goes on an edge, in the consumer's process.
  let edges = [...g.edges];
  const insertOn = (e: GraphEdge, id: string, type: string, params: Record<string, unknown>, at: (string | number)[]): boolean => {
    const def = registry.get(type);
    if (!def) {
      diagnostics.push(s.source.diagnostic([...at, "type"], `unknown node type "${type}"`, { ...opt("suggestion", didYouMean(type, registry.types())) }));
      return false;
    }
    const ins = def.inputs as Ports;
    const outs = def.outputs as Ports;
    const fits = (t: string): boolean => t === e.type || t === "$message";
    const inPort = Object.keys(ins).find((p) => fits(ins[p]!.type));
    const outPort = Object.keys(outs).find((p) => fits(outs[p]!.type));
    if (!inPort || !outPort) {
      diagnostics.push(s.source.diagnostic(at, `node type "${type}" has no input and output of type ${e.type}, so it cannot sit on ${e.from.node}/${e.from.port} -> ${e.to.node}/${e.to.port}`));
      return false;
    }
    if (g.nodes.has(id) || doc.hasIn(["nodes", id])) {
      diagnostics.push(s.source.diagnostic(at, `node id "${id}" is already taken`, { suggestion: "pick another id" }));
      return false;
    }
    const consumer = doc.getIn(["nodes", e.to.node, "inputs", e.to.port]) as unknown;
    const spec = typeof consumer === "string" ? { from: consumer } : (asJs(consumer) as Record<string, unknown>);
    const inSpec: Record<string, unknown> = { from: `${e.from.node}/${e.from.port}` };
    for (const k of ["qos", "queue", "drop"]) if (spec[k] !== undefined) inSpec[k] = spec[k];
    const entry: Record<string, unknown> = {
      type,
      params: Object.hasOwn(def.params.properties ?? {}, "message") ? { message: e.type, ...params } : params,
      inputs: { [inPort]: inSpec },
    };
    const proc = g.nodes.get(e.to.node)!.process;
    if (proc !== "main") entry.process = proc;
    doc.setIn(["nodes", id], doc.createNode(entry));
    doc.setIn(["nodes", e.to.node, "inputs", e.to.port], doc.createNode({ ...spec, from: `${id}/${outPort}` }));
    edges = edges.map((x) => (x === e ? { ...e, from: { node: id, port: outPort } } : x));
    return true;
  };
  (s.overrides?.insert ?? []).forEach((ins, i) => {
    const at = ["overrides", "insert", i];
    const found = edgesOf(ins.between, [...at, "between"]);
    if (found.length > 1) diagnostics.push(s.source.diagnostic([...at, "between"], `"${ins.between}" matches ${found.length} edges; name one: "<node>/<port> -> <node>/<port>"`));
    else if (found[0]) insertOn(found[0], ins.id, ins.type, ins.params ?? {}, at);
  });

  const multiProcess = new Set([...g.nodes.values()].map((n) => n.process)).size > 1;
  const inserted: InsertedFault[] = [];
  // Resolved once the graph is final: a node inserted later on the same edge moves the link to its input.
  const pendingLinks: { edge: GraphEdge; corruption: LinkCorruption }[] = [];
  const faultIds = new Set<string>();
  let k = 0;
  s.faults.forEach((f, i) => {
    const at = ["faults", i];
    const fromMs = (f.at_s ?? 0) * 1000;
    const toMs = "for_ms" in f && f.for_ms !== undefined ? fromMs + f.for_ms : undefined;
    if ("kill" in f) {
      if (!multiProcess) diagnostics.push(s.source.diagnostic([...at, "kill"], "kill needs a graph placed in several processes", { suggestion: "use a multi-process graph (processes:), or `stop` a node instead" }));
      else if (![...g.nodes.values()].some((n) => n.process === f.kill)) {
        const procs = [...new Set([...g.nodes.values()].map((n) => n.process))];
        diagnostics.push(s.source.diagnostic([...at, "kill"], `the graph has no process "${f.kill}"`, { expected: `one of ${procs.join(", ")}`, ...opt("suggestion", didYouMean(f.kill, procs)) }));
      }
      inserted.push({ fault: f, nodes: [], fromMs, toMs: fromMs });
      return;
    }
    // Bytes flipped on a cross-process link: the link's sender does it, the receiver must drop and count.
    if ("corrupt" in f && multiProcess && (f.layer ?? "link") === "link") {
      const cross = edgesOf(f.corrupt, [...at, "corrupt"]).filter((e) => g.nodes.get(e.from.node)!.process !== g.nodes.get(e.to.node)!.process);
      if (cross.length > 0) {
        for (const e of cross) pendingLinks.push({ edge: e, corruption: { fraction: f.fraction, seed: f.seed ?? 1, fromMs, ...(toMs !== undefined ? { toMs } : {}) } });
        inserted.push({ fault: f, nodes: [], fromMs, toMs });
        return;
      }
      if (f.layer === "link") {
        diagnostics.push(s.source.diagnostic([...at, "corrupt"], `"${f.corrupt}" is not an edge between two processes, so it has no link to corrupt`, { suggestion: "layer: message (a fault node on the edge), or name a cross-process edge" }));
        return;
      }
    }
    const window = { from_ms: fromMs, ...(toMs !== undefined ? { to_ms: toMs } : {}) };
    let targets: GraphEdge[] = [];
    let type = "";
    let params: Record<string, unknown> = window;
    if ("stop" in f) {
      if (nodeExists(f.stop, [...at, "stop"])) targets = edges.filter((e) => e.from.node === f.stop);
      type = "hil-gate";
    } else if ("delay" in f) {
      targets = edgesOf(f.delay, [...at, "delay"]);
      type = "hil-delay";
      params = { ...window, ms: f.ms };
    } else if ("reorder" in f) {
      targets = edgesOf(f.reorder, [...at, "reorder"]);
      type = "hil-reorder";
    } else if ("corrupt" in f) {
      targets = edgesOf(f.corrupt, [...at, "corrupt"]);
      type = "hil-corrupt";
      params = { ...window, fraction: f.fraction, seed: f.seed ?? 1 };
    } else if ("slow" in f) {
      if (nodeExists(f.slow, [...at, "slow"])) targets = edges.filter((e) => e.to.node === f.slow);
      type = "hil-slow";
      params = { ...window, ms: f.ms };
    }
    // Edges were re-pointed by earlier inserts: match them by their current producer.
    const ids: string[] = [];
    for (const e0 of targets) {
      const e = edges.find((x) => x.to.node === e0.to.node && x.to.port === e0.to.port)!;
      const id = `fault-${type.slice(4)}-${++k}`;
      if (insertOn(e, id, type, params, at)) ids.push(id);
    }
    ids.forEach((id) => faultIds.add(id));
    inserted.push({ fault: f, nodes: ids, fromMs, toMs });
  });
  if (diagnostics.length > 0) return { ok: false, diagnostics };

  // 4b. A recorder: a record node fed from each chosen output by a queue edge (64, oldest dropped and
  // counted), as `reflex run --record` adds one.
  let recorder: EffectiveGraph["recorder"];
  if (s.record) {
    const ports: Record<string, string> = {};
    const inputs: Record<string, unknown> = {};
    s.record.topics.forEach((t, i) => {
      const [node, port] = t.split("/") as [string, string];
      const type = g.nodes.get(node)?.outputTypes[port];
      if (!type) {
        const all = [...g.nodes.values()].flatMap((n) => Object.keys(n.outputTypes).map((p) => `${n.id}/${p}`));
        diagnostics.push(s.source.diagnostic(["record", "topics", i], `the graph has no output "${t}" to record`, { expected: `one of ${all.join(", ")}`, ...opt("suggestion", didYouMean(t, all)) }));
        return;
      }
      const name = portForTopic(t);
      ports[name] = type;
      inputs[name] = { from: t, qos: "queue", queue: 64, drop: "oldest" };
    });
    const procs = new Set([...g.nodes.values()].map((n) => n.process));
    const first = s.record.topics[0]!.split("/")[0]!;
    const proc = s.record.process ?? g.nodes.get(first)?.process ?? "main";
    if (s.record.process !== undefined && !procs.has(s.record.process)) {
      diagnostics.push(s.source.diagnostic(["record", "process"], `the graph has no process "${s.record.process}"`, { expected: `one of ${[...procs].join(", ")}`, ...opt("suggestion", didYouMean(s.record.process, [...procs])) }));
    }
    if (diagnostics.length > 0) return { ok: false, diagnostics };
    const id = "hil-record";
    const file = join(outDir, `${s.name}.mcap`);
    // Parts a restarted recorder wrote in an earlier run of this scenario would read as this run's.
    for (let k = 1; existsSync(recordingPart(file, k)); k++) rmSync(recordingPart(file, k));
    doc.setIn(["nodes", id], doc.createNode({ type: "record", ...(proc !== "main" ? { process: proc } : {}), params: { file, ports }, inputs }));
    recorder = { node: id, file, process: proc };
  }

  // A kill's recovery is read from the watchdogs' hold episodes (they run in the workers): ask for them.
  if (s.faults.some((f) => "kill" in f)) {
    const nodes = asJs(doc.get("nodes")) as Record<string, { type?: string; params?: Record<string, unknown> }>;
    for (const [id, n] of Object.entries(nodes)) {
      if (n.type === "watchdog" && n.params?.report_episodes === undefined) doc.setIn(["nodes", id, "params", "report_episodes"], 16);
    }
  }

  // 5. Write it out and check it as any config is checked.
  const file = join(outDir, `${s.name}.graph.yaml`);
  const header = `# ${s.name}: ${s.graphFile} with the overrides and faults of ${s.file} (written by reflex hil run)\n`;
  const effective = header + doc.toString({ lineWidth: 0 });
  await writeFile(file, effective);
  const load = loadConfigText(file, effective, { registry });
  if (!load.graph) return { ok: false, diagnostics: load.diagnostics };
  const linkFaults = new Map<string, LinkCorruption>();
  const final = load.graph;
  for (const { edge, corruption } of pendingLinks) {
    // From the consumer back through the nodes inserted on the edge (they run in the consumer's process).
    let cur = final.edges.find((x) => x.to.node === edge.to.node && x.to.port === edge.to.port);
    while (cur && !(cur.from.node === edge.from.node && cur.from.port === edge.from.port)) {
      const via = cur.from.node;
      cur = final.edges.find((x) => x.to.node === via);
    }
    if (cur) linkFaults.set(`${cur.from.node}/${cur.from.port} -> ${cur.to.node}/${cur.to.port}`, corruption);
  }
  return { ok: true, value: { file, graph: load.graph, load, faults: inserted, faultNodeIds: faultIds, linkFaults, multiProcess, ...(mcap ? { mcap } : {}), ...(recorder ? { recorder } : {}) } };
}

function asJs(v: unknown): unknown {
  return v && typeof v === "object" && "toJSON" in v ? (v as { toJSON(): unknown }).toJSON() : v;
}

function opt<K extends string>(k: K, v: string | undefined): { [P in K]?: string } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: string };
}

