// Config file -> checked Graph. Every problem in the file is collected (YAML syntax, unknown keys and
// types, params, wiring, port types, cycles, unwired inputs) and reported together, each with its
// file:line:col; nothing starts unless the list is empty.
import { readFile } from "node:fs/promises";
import { Ajv, type ValidateFunction } from "ajv";
import type { TSchema } from "@sinclair/typebox";
import { isLocalHost } from "../transport/endpoint.js";
import type { EdgeQos, Graph, GraphEdge, GraphNode, ProcessPlacement } from "../graph/model.js";
import type { NodeRegistry } from "../graph/registry.js";
import { isMessageName, messageNames, type MessageName } from "../messages/index.js";
import type { AnyNodeDefinition, Ports } from "../core/node.js";
import { undelayedCycles } from "../graph/topology.js";
import { ajvDiagnostics } from "./ajv-diagnostics.js";
import { ConfigError, type Diagnostic } from "./diagnostic.js";
import { GraphConfigSchema, type GraphConfig, type InputSpec } from "./schema.js";
import { plainDocument, withoutNonFinite } from "./plain-document.js";
import { applySets } from "./set-override.js";
import { ConfigSource, type YamlPath } from "./source.js";
import { didYouMean, nearest } from "../core/suggest.js";
import { getIn, isRecord, optionalField } from "./plain-values.js";

export interface LoadOptions {
  readonly registry: NodeRegistry;
  /** `node.param=value` overrides (value parsed as YAML), applied before validation. */
  readonly sets?: readonly string[];
}

export interface LoadResult {
  readonly source: ConfigSource;
  readonly diagnostics: Diagnostic[];
  readonly config?: GraphConfig;
  readonly graph?: Graph;
}

// verbose: errors carry their schema, whose property names feed "did you mean". strictNumbers: NaN
// and Infinity fail `number` and `integer` even where a value bypasses the document check (plain-document.ts).
const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false, strictNumbers: true, verbose: true });
const validateTop = ajv.compile(GraphConfigSchema);
const paramValidators = new WeakMap<TSchema, ValidateFunction>();
const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export async function loadConfigFile(file: string, opts: LoadOptions): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    const d: Diagnostic = { file, line: 0, col: 0, path: "", message: `cannot read the config: ${why}`, suggestion: "check the path" };
    return { source: new ConfigSource(file, ""), diagnostics: [d] };
  }
  return loadConfigText(file, text, opts);
}

/** Like loadConfigFile, but throws a ConfigError listing every problem. */
export async function loadGraph(file: string, opts: LoadOptions): Promise<Graph> {
  const r = await loadConfigFile(file, opts);
  if (!r.graph) throw new ConfigError(r.diagnostics);
  return r.graph;
}

export function loadConfigText(file: string, text: string, opts: LoadOptions): LoadResult {
  const source = new ConfigSource(file, text);
  const diagnostics: Diagnostic[] = [];
  const sorted = (): Diagnostic[] => diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);

  // 1. YAML syntax. Duplicate keys are reported and checking goes on; anything else stops here.
  let fatal = false;
  for (const e of source.doc.errors) {
    const where = source.at(e.pos[0]);
    if (e.code === "DUPLICATE_KEY") {
      const key = /^[^:\s]+/.exec(text.slice(e.pos[0]))?.[0] ?? "";
      diagnostics.push(
        source.diagnostic([], `duplicate key "${key}"${isUnderNodes(source, e.pos[0]) ? " (node ids must be unique)" : ""}`, {
          where,
          expected: "each key once per map",
          suggestion: "rename or remove one of them",
        }),
      );
    } else {
      fatal = true;
      diagnostics.push(
        source.diagnostic([], `YAML syntax error: ${e.message.split(" at line")[0]}`, { where, expected: "valid YAML" }),
      );
    }
  }
  if (fatal) return { source, diagnostics: sorted() };

  applySets(source, opts.sets ?? [], diagnostics);
  const plain = plainDocument(source, diagnostics);
  if (!plain) return { source, diagnostics: sorted() };
  const raw = plain.value;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    diagnostics.push(source.diagnostic([], "the config must be a map with `name` and `nodes`", { expected: "name: ...\nnodes: ..." }));
    return { source, diagnostics: sorted() };
  }
  normaliseInputShorthand(raw as Record<string, unknown>);
  const valueAt = (path: YamlPath): unknown => getIn(raw, path);

  // 2. The file's shape.
  if (!validateTop(raw)) diagnostics.push(...withoutNonFinite(ajvDiagnostics(validateTop.errors ?? [], source, [], valueAt), plain));
  const config = raw as GraphConfig;
  const nodesRaw = isRecord(config.nodes) ? config.nodes : {};

  // 3. Each node: id, type, params.
  const defs = new Map<string, AnyNodeDefinition>();
  for (const [id, entry] of Object.entries(nodesRaw)) {
    if (!ID.test(id)) {
      diagnostics.push(
        source.diagnostic(["nodes"], `node id "${id}" is not allowed`, {
          key: id,
          expected: "letters, digits, _ and -, starting with a letter or _",
        }),
      );
    }
    if (!isRecord(entry) || typeof entry.type !== "string") continue;
    const def = opts.registry.get(entry.type);
    if (!def) {
      diagnostics.push(
        source.diagnostic(["nodes", id, "type"], `unknown node type "${entry.type}"`, {
          expected: "a type listed by `reflex nodes`",
          ...optionalField("suggestion", didYouMean(entry.type, opts.registry.types())),
        }),
      );
      continue;
    }
    defs.set(id, def);
    const params = isRecord(entry.params) ? entry.params : {};
    entry.params = params;
    const validate = validatorFor(def.params);
    if (!validate(params)) diagnostics.push(...withoutNonFinite(ajvDiagnostics(validate.errors ?? [], source, ["nodes", id, "params"], valueAt), plain));
    else if (def.ports) {
      // Ports that depend on the params (see NodeDefinition.ports) replace the declared ones.
      try {
        const p = def.ports(params);
        defs.set(id, { ...def, inputs: p.inputs ?? def.inputs, outputs: p.outputs ?? def.outputs });
      } catch (err) {
        const param = (err as { param?: unknown }).param;
        const path = typeof param === "string" && Object.hasOwn(params, param) ? ["nodes", id, "params", param] : ["nodes", id, "params"];
        diagnostics.push(source.diagnostic(path, err instanceof Error ? err.message : String(err)));
      }
    }
  }

  // 4. Port types (generic ports take theirs from a param), then wiring.
  const types = new Map<string, { inputs: Record<string, MessageName>; outputs: Record<string, MessageName> }>();
  for (const [id, def] of defs) {
    const params = (nodesRaw[id] as { params: Record<string, unknown> }).params;
    const resolve = (ports: Ports): Record<string, MessageName> => {
      const out: Record<string, MessageName> = {};
      for (const [port, spec] of Object.entries(ports)) {
        const t = resolvePortType(spec.type, params, source, id, diagnostics);
        if (t) out[port] = t;
      }
      return out;
    };
    types.set(id, { inputs: resolve(def.inputs as Ports), outputs: resolve(def.outputs as Ports) });
  }
  const edges: GraphEdge[] = [];
  for (const [id, entry] of Object.entries(nodesRaw)) {
    const def = defs.get(id);
    if (!def || !isRecord(entry)) continue;
    const inputs = isRecord(entry.inputs) ? (entry.inputs as Record<string, InputSpec>) : {};
    const declared = def.inputs as Ports;
    for (const [port, spec] of Object.entries(inputs)) {
      const at = ["nodes", id, "inputs", port];
      if (!Object.hasOwn(declared, port)) {
        const names = Object.keys(declared);
        diagnostics.push(
          source.diagnostic(["nodes", id, "inputs"], `node type "${def.type}" has no input "${port}"`, {
            key: port,
            expected: names.length > 0 ? `one of ${names.join(", ")}` : "no inputs (it is a source)",
            ...optionalField("suggestion", didYouMean(port, names)),
          }),
        );
        continue;
      }
      if (!isRecord(spec) || typeof spec.from !== "string" || !spec.from.includes("/")) continue;
      const [fromNode, fromPort] = spec.from.split("/") as [string, string];
      const fromPath = [...at, "from"];
      const fromEntry = nodesRaw[fromNode];
      if (fromEntry === undefined) {
        diagnostics.push(
          source.diagnostic(fromPath, `input wired to a missing node "${fromNode}"`, {
            expected: `one of the nodes: ${Object.keys(nodesRaw).join(", ")}`,
            ...optionalField("suggestion", didYouMean(fromNode, Object.keys(nodesRaw))),
          }),
        );
        continue;
      }
      const fromDef = defs.get(fromNode);
      if (!fromDef) continue; // its own problem is already reported
      const outs = fromDef.outputs as Ports;
      const outSpec = outs[fromPort];
      if (!outSpec) {
        diagnostics.push(
          source.diagnostic(fromPath, `node "${fromNode}" (${fromDef.type}) has no output "${fromPort}"`, {
            expected: Object.keys(outs).length > 0 ? `one of ${Object.keys(outs).map((o) => `${fromNode}/${o}`).join(", ")}` : "nothing: it has no outputs",
            ...optionalField("suggestion", didYouMean(fromPort, Object.keys(outs))),
          }),
        );
        continue;
      }
      const outType = types.get(fromNode)?.outputs[fromPort];
      const inType = types.get(id)?.inputs[port];
      if (!outType || !inType) continue; // a generic port whose type param is wrong: reported already
      if (outType !== inType) {
        diagnostics.push(
          source.diagnostic(fromPath, `port types differ: ${spec.from} carries ${outType}, ${id}.${port} takes ${inType}`, {
            expected: `an output of type ${inType}`,
            suggestion: "wire an output of the input's type, or put a converting node between them",
          }),
        );
        continue;
      }
      const qos = edgeQos(spec, config.defaults, fromDef, source, at, diagnostics);
      edges.push({ from: { node: fromNode, port: fromPort }, to: { node: id, port }, type: outType, qos });
    }
    // A misspelt `inputs:` key is reported as such; listing every input as unwired too would be noise.
    const misspeltInputs = !Object.hasOwn(entry, "inputs") && Object.keys(entry).some((k) => k !== "inputs" && nearest(k, ["inputs"]) === "inputs");
    for (const [port, spec] of Object.entries(declared)) {
      if (spec.required !== false && !Object.hasOwn(inputs, port) && !misspeltInputs) {
        diagnostics.push(
          source.diagnostic(["nodes", id], `required input "${port}" (${spec.type}) is not wired`, {
            expected: `inputs:\n      ${port}: { from: <node>/<port> }`,
            suggestion: `wire it to an output of type ${spec.type}`,
          }),
        );
      }
    }
  }

  // 5. Placement: which process group each node runs in.
  const placement = checkPlacement(config, nodesRaw, source, diagnostics);

  // 6. The graph as a whole.
  const nodes = new Map<string, GraphNode>();
  for (const [id, def] of defs) {
    const entry = nodesRaw[id] as { params: Record<string, unknown> };
    const t = types.get(id) ?? { inputs: {}, outputs: {} };
    const process = placement.get(id) ?? DEFAULT_PROCESS;
    nodes.set(id, { id, type: def.type, def, params: entry.params, process, inputTypes: t.inputs, outputTypes: t.outputs });
  }
  const name = typeof config.name === "string" ? config.name : "";
  const graph: Graph = { name, file, nodes, edges };
  for (const cycle of undelayedCycles(graph)) {
    const first = cycle[0]!;
    const closing = edges.find((e) => e.from.node === cycle[cycle.length - 2] && e.to.node === first);
    const path = closing ? ["nodes", first, "inputs", closing.to.port] : ["nodes", first];
    diagnostics.push(
      source.diagnostic(path, `cycle with no delay: ${cycle.join(" -> ")}`, {
        expected: "at least one edge of a cycle with `delay_ms`, or a node on it that emits on its own clock",
        suggestion: `add delay_ms to one of its inputs, e.g. ${path.slice(1).join(".")}: { from: ..., delay_ms: 10 }`,
      }),
    );
  }

  if (diagnostics.length > 0) return { source, diagnostics: sorted(), config };
  return { source, diagnostics, config, graph: config.processes ? { ...graph, processes: placements(config.processes) } : graph };
}

/** The config's `processes:` as the graph carries them (checked by now). */
function placements(processes: NonNullable<GraphConfig["processes"]>): Record<string, ProcessPlacement> {
  const out: Record<string, ProcessPlacement> = {};
  for (const [name, e] of Object.entries(processes)) {
    out[name] = {
      ...(e.host !== undefined ? { host: e.host } : {}),
      ...(e.restart !== undefined ? { restart: e.restart } : {}),
      ...(e.max_restarts !== undefined ? { maxRestarts: e.max_restarts } : {}),
      ...(e.backoff_ms !== undefined ? { backoffMs: e.backoff_ms } : {}),
      ...(e.env !== undefined ? { env: e.env } : {}),
      ...(e.keys !== undefined ? { keys: e.keys } : {}),
    };
  }
  return out;
}

/** The process group of a node the config does not place. */
export const DEFAULT_PROCESS = "main";

/**
 * Checks `processes:` and each node's `process:`; returns node id -> process name for the nodes whose
 * placement is valid. A process named in `processes:` must hold at least one node; a node may name
 * only a declared process (or "main"); a process on another host must reference CurveZMQ keys, since
 * links between hosts are tcp and never unauthenticated.
 */
function checkPlacement(
  config: GraphConfig,
  nodesRaw: Record<string, unknown>,
  source: ConfigSource,
  diagnostics: Diagnostic[],
): Map<string, string> {
  const declared = isRecord(config.processes) ? (config.processes as Record<string, unknown>) : {};
  const names = [...new Set([DEFAULT_PROCESS, ...Object.keys(declared)])];
  for (const [name, entry] of Object.entries(declared)) {
    if (!ID.test(name)) {
      diagnostics.push(
        source.diagnostic(["processes"], `process name "${name}" is not allowed`, {
          key: name,
          expected: "letters, digits, _ and -, starting with a letter or _",
        }),
      );
    }
    if (!isRecord(entry)) continue;
    const host = entry.host;
    if (typeof host === "string" && !isLocalHost(host) && !isRecord(entry.keys)) {
      diagnostics.push(
        source.diagnostic(["processes", name, "host"], `process "${name}" runs on another host (${host}) but references no CurveZMQ keys`, {
          expected: `keys:\n      secret: keys/main.key_secret\n      trusted: [keys/${name}.key]`,
          suggestion: `make a key pair per board (\`reflex keys gen --out keys --name main\` here, \`reflex keys gen --out keys --name ${name}\` on that host), start \`reflex agent --secret keys/${name}.key_secret --trust keys/main.key\` there, and reference them under processes.${name}.keys; links between hosts are never unauthenticated (docs/multiprocess.md, "Two boards")`,
        }),
      );
    }
    if (entry.restart !== "on-failure") {
      for (const key of ["max_restarts", "backoff_ms"]) {
        if (Object.hasOwn(entry, key)) {
          diagnostics.push(
            source.diagnostic(["processes", name], `\`${key}\` only applies to restart: on-failure`, {
              key,
              suggestion: `set restart: on-failure, or remove \`${key}\``,
            }),
          );
        }
      }
    }
  }
  const placement = new Map<string, string>();
  const used = new Set<string>();
  let misplaced = false;
  for (const [id, entry] of Object.entries(nodesRaw)) {
    if (!isRecord(entry)) continue;
    const proc = entry.process;
    if (proc === undefined) {
      placement.set(id, DEFAULT_PROCESS);
      used.add(DEFAULT_PROCESS);
      continue;
    }
    if (typeof proc !== "string") continue; // the shape check reported it
    if (!names.includes(proc)) {
      const listed = Object.keys(declared);
      diagnostics.push(
        source.diagnostic(["nodes", id, "process"], `node "${id}" is placed in an unknown process "${proc}"`, {
          expected: listed.length > 0 ? `one of the processes: ${names.join(", ")}` : `"${DEFAULT_PROCESS}", or a process declared under \`processes:\``,
          suggestion: didYouMean(proc, names) ?? `declare it:\n  processes:\n    ${proc}: {}`,
        }),
      );
      misplaced = true;
      continue;
    }
    placement.set(id, proc);
    used.add(proc);
  }
  // A misspelt `process:` would also leave its intended process empty: one report is enough.
  for (const name of misplaced ? [] : Object.keys(declared)) {
    if (!used.has(name) && ID.test(name)) {
      diagnostics.push(
        source.diagnostic(["processes"], `process "${name}" has no nodes`, {
          key: name,
          suggestion: `place a node in it with \`process: ${name}\`, or remove it`,
        }),
      );
    }
  }
  return placement;
}

function edgeQos(
  spec: InputSpec,
  defaults: GraphConfig["defaults"],
  fromDef: AnyNodeDefinition,
  source: ConfigSource,
  at: YamlPath,
  diagnostics: Diagnostic[],
): EdgeQos {
  // Sensors default to keep-latest (a stale frame is worth less than a fresh one); others queue.
  let kind = spec.qos ?? (spec.queue !== undefined ? "queue" : undefined) ?? defaults?.qos ?? (fromDef.kind === "sensor" ? "keep-latest" : "queue");
  if (spec.qos === "keep-latest" && spec.queue !== undefined) {
    diagnostics.push(
      source.diagnostic(at, "`queue` only applies to qos: queue", {
        key: "queue",
        suggestion: "remove `queue`, or set qos: queue",
      }),
    );
    kind = "keep-latest";
  }
  const qos: EdgeQos = {
    kind,
    queue: spec.queue ?? defaults?.queue ?? 8,
    drop: spec.drop ?? defaults?.drop ?? "oldest",
    ...optionalNum("throttleHz", spec.throttle_hz),
    ...optionalNum("deadlineMs", spec.deadline_ms ?? defaults?.deadline_ms),
    ...optionalNum("delayMs", spec.delay_ms),
  };
  return qos;
}

function resolvePortType(
  type: string,
  params: Record<string, unknown>,
  source: ConfigSource,
  id: string,
  diagnostics: Diagnostic[],
): MessageName | undefined {
  if (!type.startsWith("$")) return isMessageName(type) ? type : undefined;
  const param = type.slice(1);
  const value = params[param];
  if (typeof value === "string" && isMessageName(value)) return value;
  // Reported once per node, and not again when the params check already flagged this value.
  const path = `nodes.${id}.params.${param}`;
  if (!diagnostics.some((d) => d.path === path)) {
    diagnostics.push(
      source.diagnostic(["nodes", id, "params", param], `${JSON.stringify(value)} is not a message type`, {
        expected: `one of ${messageNames.filter((n) => !n.startsWith("reflex.Envelope")).join(", ")}`,
        ...optionalField("suggestion", typeof value === "string" ? didYouMean(value, messageNames) : undefined),
      }),
    );
  }
  return undefined;
}

/** Inputs may be written "<node>/<port>": make every input the long form before checking. */
function normaliseInputShorthand(raw: Record<string, unknown>): void {
  if (!isRecord(raw.nodes)) return;
  for (const entry of Object.values(raw.nodes)) {
    if (!isRecord(entry) || !isRecord(entry.inputs)) continue;
    for (const [port, spec] of Object.entries(entry.inputs)) {
      if (typeof spec === "string") entry.inputs[port] = { from: spec };
    }
  }
}

function validatorFor(schema: TSchema): ValidateFunction {
  let v = paramValidators.get(schema);
  if (!v) paramValidators.set(schema, (v = ajv.compile(schema)));
  return v;
}

function isUnderNodes(source: ConfigSource, offset: number): boolean {
  const nodes = source.doc.get("nodes", true) as { range?: [number, number, number] } | undefined;
  return !!nodes?.range && offset >= nodes.range[0] && offset <= nodes.range[2];
}

function optionalNum<K extends string>(k: K, v: number | undefined): { [P in K]?: number } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: number };
}
