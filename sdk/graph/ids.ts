// The one spelling of an edge's id ("<node>/<port> -> <node>/<port>"): diagnostics, link faults and
// budgets all name edges this way.
import type { PortRef } from "./model.js";

export const edgeId = (e: { readonly from: PortRef; readonly to: PortRef }): string => `${e.from.node}/${e.from.port} -> ${e.to.node}/${e.to.port}`;
