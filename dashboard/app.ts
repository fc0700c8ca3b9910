// The dashboard page: connects to the server's WebSocket, and at each snapshot updates the panels in
// place (one animation frame per snapshot at most; a snapshot that arrives before the previous one was
// drawn replaces it, and is counted as skipped). The page's own render time per snapshot is measured
// with performance.now() and shown in the footer (and on window.__reflexDashboard for tests).
import type { DashboardMessage, DashboardSnapshot } from "../sdk/telemetry/snapshot-types.js";
import { AccelView } from "./accel-view.js";
import { DashboardSocket, wsUrl, type ConnState } from "./connection.js";
import { DeviceView } from "./device-view.js";
import { setText } from "./dom.js";
import { EventsView } from "./events-view.js";
import { fmtClock, fmtMs } from "./format.js";
import { GraphView } from "./graph-view.js";
import { HistogramView } from "./histogram-view.js";
import { LatencyCharts } from "./latency-charts.js";
import { NodeTable } from "./node-table.js";
import { ProcessesView } from "./processes-view.js";

export interface RenderStats {
  snapshots: number;
  renders: number;
  skipped: number;
  lastMs: number;
  maxMs: number;
  totalMs: number;
  badMessages: number;
}

function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const e = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!e) throw new Error(`dashboard: element data-testid="${id}" missing from index.html`);
  return e;
}

const stats: RenderStats = { snapshots: 0, renders: 0, skipped: 0, lastMs: 0, maxMs: 0, totalMs: 0, badMessages: 0 };
(window as unknown as { __reflexDashboard: RenderStats }).__reflexDashboard = stats;

let selected: string | undefined;
let latest: DashboardSnapshot | undefined;
let pending: DashboardSnapshot | undefined;
let frame = 0;

const select = (id: string): void => {
  selected = id;
  graphView.select(id);
  nodeTable.select(id);
  if (latest) drawHistogram(latest);
};

const graphView = new GraphView(byTestId("graph"), select);
const nodeTable = new NodeTable(byTestId<HTMLTableSectionElement>("node-table-body"), select);
const histogram = new HistogramView(byTestId("histogram"));
const charts = new LatencyCharts(byTestId("path-charts"));
const events = new EventsView({
  missesTotal: byTestId("misses-total"),
  dropsTotal: byTestId("drops-total"),
  missesWindow: byTestId("misses-window"),
  dropsWindow: byTestId("drops-window"),
  edgeBody: byTestId("edge-issues-body"),
  eventList: byTestId("events-list"),
  eventsEmpty: byTestId("events-empty"),
});
const processes = new ProcessesView(byTestId("processes-body"));
const accel = new AccelView(byTestId("gauges"), byTestId("gauges-empty"));
const device = new DeviceView(byTestId("device-source"), byTestId("device-note"), byTestId("device-figures"));

function drawHistogram(snap: DashboardSnapshot): void {
  const n = snap.nodes.find((x) => x.id === selected);
  setText(byTestId("histogram-node"), n ? n.id : "(click a node)");
  setText(byTestId("histogram-count"), n ? String(n.processing.count) : "0");
  histogram.update(n?.processing);
}

function render(snap: DashboardSnapshot): void {
  const t0 = performance.now();
  if (selected === undefined && snap.nodes.length > 0) {
    // Start on the node with the slowest p99: usually the one worth looking at.
    const slowest = snap.nodes.reduce((a, b) => (b.processing.p99Us > a.processing.p99Us ? b : a));
    select(slowest.id);
  }
  latest = snap;
  setText(byTestId("graph-name"), snap.graph);
  setText(byTestId("run-clock"), `${fmtClock(snap.atMs)} (${snap.clock} clock)`);
  setText(byTestId("window-s"), `${snap.windowS} s`);
  graphView.update(snap);
  nodeTable.update(snap);
  drawHistogram(snap);
  charts.update(snap);
  events.update(snap);
  processes.update(snap);
  accel.update(snap);
  device.update(snap.device);
  const ms = performance.now() - t0;
  stats.renders++;
  stats.lastMs = ms;
  stats.maxMs = Math.max(stats.maxMs, ms);
  stats.totalMs += ms;
  setText(byTestId("snapshot-count"), String(stats.snapshots));
  setText(byTestId("render-ms"), `${fmtMs(ms)} ms (mean ${fmtMs(stats.totalMs / stats.renders)}, max ${fmtMs(stats.maxMs)})`);
}

function onMessage(m: DashboardMessage): void {
  stats.snapshots++;
  if (m.t === "hello") {
    graphView.setGraph(m.graph);
    setText(byTestId("node-count"), String(m.graph.nodes.length));
  }
  if (pending) stats.skipped++;
  pending = m.snapshot;
  if (!frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      const snap = pending;
      pending = undefined;
      if (snap) render(snap);
    });
  }
}

function onState(s: ConnState): void {
  const el = byTestId("conn-status");
  document.body.classList.toggle("disconnected", s.kind !== "open");
  if (s.kind === "open") setText(el, "live");
  else if (s.kind === "connecting") setText(el, s.attempt > 1 ? `reconnecting (try ${s.attempt})…` : "connecting…");
  else setText(el, `disconnected (${s.reason}); retrying in ${(s.retryInMs / 1000).toFixed(1)} s`);
  el.dataset["state"] = s.kind;
  stats.badMessages = socket.bad;
}

const socket = new DashboardSocket(wsUrl(location), onMessage, onState);
socket.connect();
