// The program a worker process runs (bundled as dist/worker.js; run through tsx from source): the
// worker of sdk/process with the node types this CLI ships. It lives with the CLI because sdk/process
// may not import node implementations (nodes/) or the HIL layer above it.
import { builtinRegistry } from "../../nodes/index.js";
import { runWorker } from "../process/worker.js";

void runWorker({
  builtin: builtinRegistry,
  // A HIL scenario's graph may hold fault nodes; they load only when asked for.
  hil: async () => (await import("../../nodes/faults/index.js")).withFaultNodes(builtinRegistry()),
});
