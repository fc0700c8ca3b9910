// The names the SDK gives ports and edges: a port is "<node>/<port>", an edge "<from port> -> <to port>".
// Stats, plans, snapshots, link faults and the dashboard all key by these, so they are built here only.
//
// The " -> " join itself lives in sdk/core/stats.ts (MetricsRegistry keys its EdgeStats by it, and core
// sits below graph, so it cannot import this file); edgeId builds on that join rather than repeating it.
import { joinEdgeId } from "../core/stats.js";
import type { PortRef } from "./model.js";

export const portKey = (p: PortRef): string => `${p.node}/${p.port}`;

export const edgeId = (e: { readonly from: PortRef; readonly to: PortRef }): string => joinEdgeId(portKey(e.from), portKey(e.to));
