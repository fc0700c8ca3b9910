// A scenario's graph: the config it names, with the scenario's changes applied as a pipe of small
// transforms (./transforms/): sim seeds, a recording in place of sensors, node type swaps, inserted
// nodes such as a watchdog, one fault node per faulted edge, link corruption, a recorder. The config
// is parsed once, at the start, with the scenario's `set:` applied by the same function as `reflex run
// --set`; the transforms edit that document; it is written once, next to the run's other outputs, and
// checked as any config is checked. So every problem found in it points at a file that exists (and a
// rig can `reflex run` it as is), and it is what the workers of a multi-process graph load: they read
// YAML text (sdk/process/worker.ts), never a Graph.
//
// Why the transforms edit the config's YAML document rather than the Graph model: the written file has
// to be the config, line for line, with the scenario's edits, since every diagnostic found in it gives
// file:line:col in that file, and a test or a person reads them against it. The yaml Document keeps
// the comments and layout of everything a scenario leaves alone; a Graph (or a plain object) written
// back out would re-lay every line and move every position. The Graph is still there, read-only: port
// types, wiring and placement decide where a node may go and what a scenario's reference names.
//
// The sets are the one change made inside the load rather than as a transform: a set value is checked
// against the node's params as the file's own values are (with the messages `--set` gets), so it has
// to be in the document before the graph is built; the transforms start from that graph.
import { existsSync, rmSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Document } from "yaml";
import type { Diagnostic } from "../config/diagnostic.js";
import { loadConfigText, type LoadResult } from "../config/load.js";
import { placeSetDiagnostics, setArgs } from "../config/set-override.js";
import type { Graph } from "../graph/model.js";
import type { NodeRegistry } from "../graph/registry.js";
import { recordingPart } from "../mcap/parts.js";
import type { LinkCorruption } from "../process/plan.js";
import type { LoadedScenario } from "./scenario-load.js";
import { pipe, stopOnDiagnostics, type Draft, type InsertedFault, type Recorder } from "./transforms/draft.js";
import { faultSteps } from "./transforms/fault-steps.js";
import { askHoldEpisodes } from "./transforms/hold-episodes.js";
import { insertNodes } from "./transforms/insert-nodes.js";
import { resolveLinkFaults } from "./transforms/link-faults.js";
import { addRecorder, recordingFile } from "./transforms/recorder.js";
import { replaySensors, type McapInputs } from "./transforms/replay-sensors.js";
import { seedSims } from "./transforms/seed-sims.js";
import { swapTypes } from "./transforms/swap-types.js";

export type { InsertedFault, McapInputs };

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
  readonly recorder?: Recorder;
  /** What `inputs.mcap` replaced, when the scenario plays a recording. */
  readonly mcap?: McapInputs;
}

export type EffectiveResult = { ok: true; value: EffectiveGraph } | { ok: false; diagnostics: Diagnostic[] };

/** `registry`: the node types the graph may use, fault nodes included (the caller's: sdk/hil knows no nodes). */
export async function buildEffectiveGraph(s: LoadedScenario, outDir: string, registry: NodeRegistry): Promise<EffectiveResult> {
  const text = await readFile(s.graphFile, "utf8");
  const base = loadConfigText(s.graphFile, text, { registry, sets: setArgs(s.overrides?.set ?? {}) });
  // A bad set is the scenario's problem: said where the scenario wrote it.
  if (!base.graph) return { ok: false, diagnostics: placeSetDiagnostics(base.diagnostics, s.source, ["overrides", "set"]) };

  const scenarioChanges = pipe(
    seedSims(s.inputs?.sim),
    replaySensors(s.inputs),
    swapTypes(s.overrides?.nodes),
    insertNodes(s.overrides?.insert),
    faultSteps(s.faults),
    stopOnDiagnostics,
    addRecorder(s.record, recordingFile(outDir, s.name)),
    askHoldEpisodes(s.faults.some((f) => "kill" in f)),
  );
  const d = scenarioChanges(draftOf(s, registry, base.source.doc, base.graph));
  if (d.stopped) return { ok: false, diagnostics: [...d.diagnostics] };

  const file = join(outDir, `${s.name}.graph.yaml`);
  const header = `# ${s.name}: ${s.graphFile} with the overrides and faults of ${s.file} (written by reflex hil run)\n`;
  const effective = header + d.doc.toString({ lineWidth: 0 });
  // Parts a restarted recorder wrote in an earlier run of this scenario would read as this run's.
  if (d.recorder) for (let k = 1; existsSync(recordingPart(d.recorder.file, k)); k++) rmSync(recordingPart(d.recorder.file, k));
  await writeFile(file, effective);
  const load = loadConfigText(file, effective, { registry });
  if (!load.graph) return { ok: false, diagnostics: load.diagnostics };
  const multiProcess = new Set([...d.graph.nodes.values()].map((n) => n.process)).size > 1;
  return {
    ok: true,
    value: {
      file,
      graph: load.graph,
      load,
      faults: d.faults,
      faultNodeIds: d.faultNodeIds,
      linkFaults: resolveLinkFaults(load.graph, d.pendingLinks),
      multiProcess,
      ...(d.mcap ? { mcap: d.mcap } : {}),
      ...(d.recorder ? { recorder: d.recorder } : {}),
    },
  };
}

/** The draft the transforms start from: the loaded config (its document carries the sets) and its graph. */
function draftOf(s: LoadedScenario, registry: NodeRegistry, doc: Document, graph: Graph): Draft {
  return {
    scenario: s,
    registry,
    doc,
    graph,
    edges: [...graph.edges],
    diagnostics: [],
    stopped: false,
    faults: [],
    faultNodeIds: new Set(),
    pendingLinks: [],
    faultNodeCount: 0,
  };
}
