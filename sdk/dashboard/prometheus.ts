// `/metrics`: a DashboardSnapshot as Prometheus text (prom-client). Totals since start are counters
// (`_total`); latency quantiles, rates, depths and health are gauges over the dashboard's sliding
// window (`reflex_window_seconds` says how long). Quantiles carry a `quantile` label ("0.5" ... "1" = max).
import { Counter, Gauge, Registry } from "prom-client";
import { healthLevel } from "../telemetry/health.js";
import type { DashboardSnapshot, LatencySnap } from "../telemetry/snapshot-types.js";

export interface ServerFigures {
  readonly clients: number;
  readonly sent: number;
  readonly skipped: number;
  /** Requests refused, by reason (foreign Host, cross-site Origin, no token). */
  readonly refused?: Readonly<Record<string, number>>;
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export async function prometheusText(s: DashboardSnapshot, server: ServerFigures): Promise<string> {
  // A registry per scrape: the figures are already aggregated in the snapshot, prom-client only writes them.
  const reg = new Registry();
  reg.setDefaultLabels({ graph: s.graph });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> =>
    new Gauge<L>({ name, help, labelNames: [...labelNames], registers: [reg] });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> =>
    new Counter<L>({ name, help, labelNames: [...labelNames], registers: [reg] });
  const quantiles = <L extends string>(g: Gauge<L | "quantile">, labels: Record<L, string>, l: LatencySnap): void => {
    const q = (quantile: string, us: number): void => g.set({ ...labels, quantile } as Record<L | "quantile", string>, us / 1e6);
    q("0.5", l.p50Us);
    q("0.9", l.p90Us);
    q("0.99", l.p99Us);
    q("1", l.maxUs);
  };

  gauge("reflex_info", "The run: graph name and clock (value 1).", ["clock"]).set({ clock: s.clock }, 1);
  gauge("reflex_uptime_seconds", "Clock time since the run started.", []).set(s.atMs / 1000);
  gauge("reflex_window_seconds", "Length of the sliding window the gauges cover.", []).set(s.windowS);

  const nl = ["node", "type", "process"] as const;
  const nMsgs = counter("reflex_node_messages_total", "Messages a node emitted (consumed, for sinks) since start.", nl);
  const nRate = gauge("reflex_node_rate_per_second", "Messages per second over the window.", nl);
  const nErr = counter("reflex_node_errors_total", "Errors a node threw since start.", nl);
  const nProc = gauge("reflex_node_processing_seconds", "Processing time per message (delivery to emit) over the window.", [...nl, "quantile"]);
  const nCount = gauge("reflex_node_processing_window_count", "Messages in the window's processing-time figures.", nl);
  const nHealth = gauge("reflex_node_health", "0 ok, 1 idle, 2 warn, 3 stale, 4 error.", nl);
  const nGauge = gauge("reflex_node_gauge", "A node's own figures (tokens kept, cache hit rate, steps run ...): last value.", [...nl, "gauge"]);
  for (const n of s.nodes) {
    const l = { node: n.id, type: n.type, process: n.process };
    nMsgs.inc(l, n.total ?? 0);
    nRate.set(l, n.ratePerS);
    nErr.inc(l, n.errors);
    quantiles(nProc, l, n.processing);
    nCount.set(l, n.processing.count);
    nHealth.set(l, healthLevel(n.health));
    for (const [k, v] of Object.entries(n.gauges)) if (Number.isFinite(v)) nGauge.set({ ...l, gauge: k }, v);
  }

  const el = ["edge", "from", "to"] as const;
  const eDel = counter("reflex_edge_delivered_total", "Messages delivered to the consumer since start.", el);
  const eDrop = counter("reflex_edge_drops_total", "Messages dropped since start, by cause (queue full, throttle, sequence gap).", [...el, "cause"]);
  const eMiss = counter("reflex_edge_deadline_misses_total", "Messages older than the edge's deadline when consumed, since start.", el);
  const eRate = gauge("reflex_edge_rate_per_second", "Deliveries per second over the window.", el);
  const eDepth = gauge("reflex_edge_queue_depth", "Messages waiting in the edge's buffer now.", el);
  const eMax = gauge("reflex_edge_queue_depth_max", "Most messages that ever waited in the edge's buffer.", el);
  const eStale = gauge("reflex_edge_stale", "1 while the edge's producer is gone or silent past the deadline.", el);
  const eAge = gauge("reflex_edge_age_seconds", "Age (capture to consumption) of the last delivered message.", el);
  const eDeadline = gauge("reflex_edge_deadline_seconds", "The edge's deadline.", el);
  const eHealth = gauge("reflex_edge_health", "0 ok, 1 idle, 2 warn, 3 stale, 4 error.", el);
  for (const e of s.edges) {
    const l = { edge: e.id, from: e.from, to: e.to };
    eDel.inc(l, e.delivered ?? 0);
    const k = e.dropsByKind;
    if (k) {
      eDrop.inc({ ...l, cause: "queue" }, k.queue);
      eDrop.inc({ ...l, cause: "throttle" }, k.throttle);
      eDrop.inc({ ...l, cause: "gap" }, k.gap);
    } else {
      eDrop.inc({ ...l, cause: "any" }, e.drops);
    }
    eMiss.inc(l, e.deadlineMisses);
    eRate.set(l, e.ratePerS);
    eDepth.set(l, e.depth);
    eMax.set(l, e.maxDepth);
    eStale.set(l, e.stale ? 1 : 0);
    eAge.set(l, e.ageMs / 1000);
    if (e.deadlineMs !== undefined) eDeadline.set(l, e.deadlineMs / 1000);
    eHealth.set(l, healthLevel(e.health));
  }

  const pLat = gauge("reflex_path_latency_seconds", "End-to-end latency (capture to consumption) over the window.", ["path", "quantile"]);
  const pMsgs = counter("reflex_path_messages_total", "Messages that completed the path since start.", ["path"]);
  const pDeadline = gauge("reflex_path_deadline_seconds", "Deadline of the edge into the path's sink.", ["path"]);
  for (const p of s.paths) {
    quantiles(pLat, { path: p.id }, p.latency);
    pMsgs.inc({ path: p.id }, p.total ?? 0);
    if (p.deadlineMs !== undefined) pDeadline.set({ path: p.id }, p.deadlineMs / 1000);
  }

  const pl = ["process"] as const;
  const cpu = gauge("reflex_process_cpu_percent", "CPU use over the last second, percent of one core.", pl);
  const rss = gauge("reflex_process_resident_memory_bytes", "Resident set size.", pl);
  const restarts = counter("reflex_process_restarts_total", "Times the process was restarted after dying or hanging.", pl);
  const up = gauge("reflex_process_up", "1 while the process runs.", pl);
  for (const p of s.processes) {
    const l = { process: p.name };
    cpu.set(l, p.cpuPct);
    rss.set(l, Math.round(p.rssMb * 1e6));
    restarts.inc(l, p.restarts);
    up.set(l, p.state === "running" ? 1 : 0);
  }

  const d = s.device;
  gauge("reflex_device_info", "Where the device figures come from (tegrastats, nvidia-smi, none).", ["source"]).set({ source: d.source }, 1);
  const dl = ["source"] as const;
  const opt = (name: string, help: string, v: number | undefined): void => {
    if (v !== undefined) gauge(name, help, dl).set({ source: d.source }, v);
  };
  opt("reflex_device_gpu_load_percent", "GPU load (tegrastats GR3D_FREQ, nvidia-smi utilization.gpu).", d.gpuLoadPct);
  opt("reflex_device_emc_percent", "Memory controller load (tegrastats EMC_FREQ, nvidia-smi utilization.memory).", d.emcPct);
  opt("reflex_device_power_watts", "Module or board power draw.", d.powerW);
  opt("reflex_device_memory_used_bytes", "Memory used (shared RAM on Jetson, GPU memory elsewhere).", d.memUsedMb !== undefined ? d.memUsedMb * 1e6 : undefined);
  opt("reflex_device_memory_total_bytes", "Memory in total.", d.memTotalMb !== undefined ? d.memTotalMb * 1e6 : undefined);
  opt("reflex_device_throttling", "1 while clocks are throttled (thermal or power).", d.throttling === undefined ? undefined : d.throttling ? 1 : 0);
  if (d.tempsC) {
    const t = gauge("reflex_device_temperature_celsius", "Temperatures by sensor.", ["source", "sensor"]);
    for (const [sensor, v] of Object.entries(d.tempsC)) t.set({ source: d.source, sensor }, v);
  }

  gauge("reflex_dashboard_clients", "WebSocket clients connected to the dashboard.", []).set(server.clients);
  counter("reflex_dashboard_snapshots_sent_total", "Snapshots sent over WebSockets.", []).inc(server.sent);
  counter("reflex_dashboard_sends_skipped_total", "Snapshots not sent to a slow client (its socket buffer was full).", []).inc(server.skipped);
  if (server.refused) {
    const refused = counter("reflex_dashboard_requests_refused_total", "Requests refused: a Host that is not this server's (DNS rebinding), another site's Origin, or no token.", ["reason"]);
    for (const [reason, n] of Object.entries(server.refused)) refused.inc({ reason }, n);
  }
  return reg.metrics();
}
