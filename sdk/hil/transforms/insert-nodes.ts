// `overrides.insert`: a node (a watchdog, a filter) put on one edge of the graph, in the consumer's process.
import type { LoadedScenario } from "../scenario-load.js";
import { findEdges, insertOnEdge, report, scenarioDiagnostic, type Transform } from "./draft.js";

export function insertNodes(inserts: NonNullable<LoadedScenario["overrides"]>["insert"]): Transform {
  return (d) => {
    (inserts ?? []).forEach((ins, i) => {
      const at = ["overrides", "insert", i];
      const found = findEdges(d, ins.between, [...at, "between"]);
      d = report(d, ...found.diagnostics);
      if (found.edges.length > 1) d = report(d, scenarioDiagnostic(d, [...at, "between"], `"${ins.between}" matches ${found.edges.length} edges; name one: "<node>/<port> -> <node>/<port>"`));
      else if (found.edges[0]) d = insertOnEdge(d, found.edges[0], ins.id, ins.type, ins.params ?? {}, at).draft;
    });
    return d;
  };
}
