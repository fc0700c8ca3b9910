// `overrides.nodes`: a rig replaces sim nodes by its drivers, by overrides alone. The node keeps its id
// and its wiring; its type, params (and process, if given) are the override's.
import { didYouMean } from "../../core/suggest.js";
import type { LoadedScenario } from "../scenario-load.js";
import { findNode, opt, report, scenarioDiagnostic, type Transform } from "./draft.js";

export function swapTypes(swaps: NonNullable<LoadedScenario["overrides"]>["nodes"]): Transform {
  return (d) => {
    for (const [id, swap] of Object.entries(swaps ?? {})) {
      const node = findNode(d, id, ["overrides", "nodes", id]);
      if (!node.found) {
        d = report(d, ...node.diagnostics);
        continue;
      }
      if (!d.registry.get(swap.type)) {
        d = report(d, scenarioDiagnostic(d, ["overrides", "nodes", id, "type"], `unknown node type "${swap.type}"`, { expected: "a type listed by `reflex nodes`", ...opt("suggestion", didYouMean(swap.type, d.registry.types())) }));
        continue;
      }
      d.doc.setIn(["nodes", id, "type"], swap.type);
      d.doc.setIn(["nodes", id, "params"], swap.params ?? {});
      if (swap.process !== undefined) d.doc.setIn(["nodes", id, "process"], swap.process);
    }
    return d;
  };
}
