// Corruption of a cross-process link is done by the link's sender, so it is keyed by the edge that
// crosses the processes in the final graph: a node inserted on a corrupted edge (it runs in the
// consumer's process) moves the link to that node's input.
import { edgeId } from "../../graph/ids.js";
import type { Graph } from "../../graph/model.js";
import type { LinkCorruption } from "../../process/plan.js";
import type { PendingLink } from "./draft.js";

export function resolveLinkFaults(final: Graph, pending: readonly PendingLink[]): Map<string, LinkCorruption> {
  const linkFaults = new Map<string, LinkCorruption>();
  for (const { edge, corruption } of pending) {
    // From the consumer back through the nodes inserted on the edge.
    let cur = final.edges.find((x) => x.to.node === edge.to.node && x.to.port === edge.to.port);
    while (cur && !(cur.from.node === edge.from.node && cur.from.port === edge.from.port)) {
      const via = cur.from.node;
      cur = final.edges.find((x) => x.to.node === via);
    }
    if (cur) linkFaults.set(edgeId(cur), corruption);
  }
  return linkFaults;
}
