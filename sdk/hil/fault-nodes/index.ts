// The fault nodes a HIL scenario inserts into a graph (sdk/hil/effective-graph.ts). They are node
// types like any other, so a fault is a graph transformation: the runtime has no fault hooks.
import type { AnyNodeDefinition } from "../../core/node.js";
import corrupt from "./corrupt.js";
import delay from "./delay.js";
import gate from "./gate.js";
import reorder from "./reorder.js";
import slow from "./slow.js";

export const faultNodes: readonly AnyNodeDefinition[] = [gate, delay, reorder, corrupt, slow];
