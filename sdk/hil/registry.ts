// The node types a scenario's graph may use: the built-ins and the HIL fault nodes. The workers of a
// multi-process scenario load it too (WorkerSetup.registry "hil"), so fault nodes run in any process.
import { builtinRegistry } from "../../nodes/index.js";
import type { NodeRegistry } from "../graph/registry.js";
import { faultNodes } from "./fault-nodes/index.js";

export function hilRegistry(): NodeRegistry {
  const r = builtinRegistry();
  for (const d of faultNodes) r.add(d);
  return r;
}
