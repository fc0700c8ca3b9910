// The fault nodes a HIL scenario inserts into a graph (sdk/hil/effective-graph.ts). They are node
// types like any other, so a fault is a graph transformation: the runtime has no fault hooks.
import type { AnyNodeDefinition } from "../../sdk/core/node.js";
import type { NodeRegistry } from "../../sdk/graph/registry.js";
import corrupt from "./corrupt.js";
import delay from "./delay.js";
import gate from "./gate.js";
import reorder from "./reorder.js";
import slow from "./slow.js";

export const faultNodes: readonly AnyNodeDefinition[] = [gate, delay, reorder, corrupt, slow];

/**
 * `registry` with the fault nodes added: the node types a scenario's graph may use. The CLI hands it
 * to the HIL runner, and the workers of a multi-process scenario (WorkerSetup.registry "hil") build
 * the same one, so fault nodes run in any process.
 */
export function withFaultNodes(registry: NodeRegistry): NodeRegistry {
  for (const d of faultNodes) registry.add(d);
  return registry;
}
