// `record:`: a record node fed from each chosen output by a queue edge (64, oldest dropped and
// counted), as `reflex run --record` adds one. It writes <out>/<scenario>.mcap.
import { join } from "node:path";
import { didYouMean } from "../../core/suggest.js";
import { portForTopic } from "../../mcap/topics.js";
import type { LoadedScenario } from "../scenario-load.js";
import { opt, report, scenarioDiagnostic, type Transform } from "./draft.js";

export const RECORDER_NODE = "hil-record";

export function addRecorder(record: LoadedScenario["record"], file: string): Transform {
  return (d) => {
    if (!record) return d;
    const g = d.graph;
    const ports: Record<string, string> = {};
    const inputs: Record<string, unknown> = {};
    record.topics.forEach((t, i) => {
      const [node, port] = t.split("/") as [string, string];
      const type = g.nodes.get(node)?.outputTypes[port];
      if (!type) {
        const all = [...g.nodes.values()].flatMap((n) => Object.keys(n.outputTypes).map((p) => `${n.id}/${p}`));
        d = report(d, scenarioDiagnostic(d, ["record", "topics", i], `the graph has no output "${t}" to record`, { expected: `one of ${all.join(", ")}`, ...opt("suggestion", didYouMean(t, all)) }));
        return;
      }
      const name = portForTopic(t);
      ports[name] = type;
      inputs[name] = { from: t, qos: "queue", queue: 64, drop: "oldest" };
    });
    const procs = new Set([...g.nodes.values()].map((n) => n.process));
    const first = record.topics[0]!.split("/")[0]!;
    const proc = record.process ?? g.nodes.get(first)?.process ?? "main";
    if (record.process !== undefined && !procs.has(record.process)) {
      d = report(d, scenarioDiagnostic(d, ["record", "process"], `the graph has no process "${record.process}"`, { expected: `one of ${[...procs].join(", ")}`, ...opt("suggestion", didYouMean(record.process, [...procs])) }));
    }
    if (d.diagnostics.length > 0) return { ...d, stopped: true };
    d.doc.setIn(["nodes", RECORDER_NODE], d.doc.createNode({ type: "record", ...(proc !== "main" ? { process: proc } : {}), params: { file, ports }, inputs }));
    return { ...d, recorder: { node: RECORDER_NODE, file, process: proc } };
  };
}

/** Where a scenario's recorder writes. */
export const recordingFile = (outDir: string, scenario: string): string => join(outDir, `${scenario}.mcap`);
