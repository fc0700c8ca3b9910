// The library a team imports: `import { defineNode, Type } from "reflex"`.
export { Type, type Static, type TSchema } from "@sinclair/typebox";
export { defineNode, eventsOf } from "./core/node.js";
export type {
  AnyNodeDefinition,
  ControlOf,
  Delivered,
  EventOf,
  EventSpec,
  NodeAccess,
  NodeContext,
  NodeDefinition,
  NodeEvents,
  NodeInstance,
  NodeKind,
  Outgoing,
  PortSpec,
  Ports,
} from "./core/node.js";
export type { Msg, Header, Span, Trace } from "./core/message.js";
export { RealClock, VirtualClock, createClock, type Clock, type ClockKind } from "./core/clock.js";
export { GraphRuntime, NodeInitError, type RuntimeOptions } from "./runtime/executor.js";
export { NodeRegistry } from "./graph/registry.js";
export type { Graph, GraphEdge, GraphNode, EdgeQos } from "./graph/model.js";
export { loadConfigFile, loadConfigText, loadGraph, type LoadOptions, type LoadResult } from "./config/load.js";
export { ConfigError, formatDiagnostic, formatDiagnostics, type Diagnostic } from "./config/diagnostic.js";
export { MetricsRegistry } from "./core/stats.js";
export { summarize, formatSummary, type RunSummary } from "./telemetry/summary.js";
export { reflex, codecOf, type MessageBodies, type MessageName } from "./messages/index.js";
export { builtinNodes, builtinRegistry } from "../nodes/index.js";
