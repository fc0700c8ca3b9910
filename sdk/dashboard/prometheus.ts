// `/metrics`: a DashboardSnapshot as Prometheus text (sdk/dashboard/exposition.ts), clean under
// `promtool check metrics`. Totals since start are counters (`_total`); rates, depths and health are
// gauges over the dashboard's sliding window (`reflex_window_seconds` says how long); latencies are
// summaries over that window: quantiles 0.5, 0.9, 0.99 and 1 (the maximum), and `_count`, the samples
// in the window (not since start: it can go down).
import { healthLevel } from "../telemetry/health.js";
import type { DashboardSnapshot, LatencySnap } from "../telemetry/snapshot-types.js";
import { Exposition, type MetricFamily } from "./exposition.js";

export interface ServerFigures {
  readonly clients: number;
  readonly sent: number;
  readonly skipped: number;
  /** Requests refused, by reason (foreign Host, cross-site Origin, no token). */
  readonly refused?: Readonly<Record<string, number>>;
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

// A Promise still, as when prom-client wrote it: the server awaits it, and a later source may be async.
export function prometheusText(s: DashboardSnapshot, server: ServerFigures): Promise<string> {
  // One exposition per scrape: the figures are already aggregated in the snapshot, this only writes them.
  const reg = new Exposition({ graph: s.graph });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]): MetricFamily<L> => reg.family(name, help, "gauge", labelNames);
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]): MetricFamily<L> => reg.family(name, help, "counter", labelNames);
  const summary = <L extends string>(name: string, help: string, labelNames: readonly L[]): MetricFamily<L> => reg.family(name, help, "summary", labelNames);
  const windowSummary = <L extends string>(f: MetricFamily<L>, labels: Record<L, string>, l: LatencySnap): void => {
    // An empty window has no quantiles: NaN, as Prometheus client libraries write them, not a made-up 0.
    const q = (quantile: string, us: number): void => f.summaryRow(labels, { quantile }, l.count > 0 ? us / 1e6 : Number.NaN);
    q("0.5", l.p50Us);
    q("0.9", l.p90Us);
    q("0.99", l.p99Us);
    q("1", l.maxUs);
    // No `_sum`: the window keeps counts per histogram bucket, not the samples' sum, and a sum estimated
    // from the buckets would be a figure nobody measured (OpenMetrics makes _sum optional).
    f.summaryRow(labels, { suffix: "_count" }, l.count);
  };

  gauge("reflex_info", "The run: graph name and clock (value 1).", ["clock"]).set({ clock: s.clock }, 1);
  gauge("reflex_uptime_seconds", "Clock time since the run started.", []).set({}, s.atMs / 1000);
  gauge("reflex_window_seconds", "Length of the sliding window the summaries and window gauges cover.", []).set({}, s.windowS);

  const nl = ["node", "type", "process"] as const;
  const nMsgs = counter("reflex_node_messages_total", "Messages a node emitted (consumed, for sinks) since start.", nl);
  const nRate = gauge("reflex_node_rate_per_second", "Messages per second over the window.", nl);
  const nErr = counter("reflex_node_errors_total", "Errors a node threw since start.", nl);
  const nProc = summary("reflex_node_processing_seconds", "Processing time per message (delivery to emit) over the window; _count: messages in the window.", nl);
  const nHealth = gauge("reflex_node_health", "0 ok, 1 idle, 2 warn, 3 stale, 4 error.", nl);
  const nFigure = gauge("reflex_node_figure", "A node's own figures (ctx.metrics.gauge: tokens kept, cache hit rate, steps run ...): last value.", [...nl, "figure"]);
  for (const n of s.nodes) {
    const l = { node: n.id, type: n.type, process: n.process };
    nMsgs.set(l, n.total ?? 0);
    nRate.set(l, n.ratePerS);
    nErr.set(l, n.errors);
    windowSummary(nProc, l, n.processing);
    nHealth.set(l, healthLevel(n.health));
    for (const [k, v] of Object.entries(n.gauges)) if (Number.isFinite(v)) nFigure.set({ ...l, figure: k }, v);
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
  // The transport link under a cross-process edge (EdgeSnap.link), over every restart of its workers.
  const lLost = counter("reflex_link_messages_lost_total", "Messages the producer's link could not hand on, by cause (no receiver: consumer down or restarting; queue full).", [...el, "cause"]);
  const lRefused = counter("reflex_link_frames_refused_total", "Messages the consumer refused, by reason (undecodable, another type, another output's topic).", [...el, "reason"]);
  const lJunk = counter("reflex_link_junk_frames_total", "Frames local peers sent to the producer's link that are no control frame.", el);
  const lResets = counter("reflex_link_seq_resets_total", "Producer restarts the consumer saw (sequence started over or jumped past plausible loss).", el);
  const lProto = counter("reflex_link_protocol_drops_total", "Connections dropped for a protocol error (a frame over the size limit) and re-opened.", el);
  for (const e of s.edges) {
    const l = { edge: e.id, from: e.from, to: e.to };
    eDel.set(l, e.delivered ?? 0);
    const k = e.dropsByKind;
    if (k) {
      eDrop.set({ ...l, cause: "queue" }, k.queue);
      eDrop.set({ ...l, cause: "throttle" }, k.throttle);
      eDrop.set({ ...l, cause: "gap" }, k.gap);
    } else {
      eDrop.set({ ...l, cause: "any" }, e.drops);
    }
    eMiss.set(l, e.deadlineMisses);
    eRate.set(l, e.ratePerS);
    eDepth.set(l, e.depth);
    eMax.set(l, e.maxDepth);
    eStale.set(l, e.stale ? 1 : 0);
    eAge.set(l, e.ageMs / 1000);
    if (e.deadlineMs !== undefined) eDeadline.set(l, e.deadlineMs / 1000);
    eHealth.set(l, healthLevel(e.health));
    const link = e.link;
    if (link) {
      lLost.set({ ...l, cause: "no_receiver" }, link.noReceiver);
      lLost.set({ ...l, cause: "queue_full" }, link.queueFull);
      lRefused.set({ ...l, reason: "undecodable" }, Math.max(0, link.badFrames - link.wrongType - link.wrongTopic));
      lRefused.set({ ...l, reason: "wrong_type" }, link.wrongType);
      lRefused.set({ ...l, reason: "wrong_topic" }, link.wrongTopic);
      lJunk.set(l, link.junk);
      lResets.set(l, link.seqResets);
      lProto.set(l, link.protocolDrops);
    }
  }

  const pLat = summary("reflex_path_latency_seconds", "End-to-end latency (capture to consumption) over the window; _count: messages in the window.", ["path"]);
  const pMsgs = counter("reflex_path_messages_total", "Messages that completed the path since start.", ["path"]);
  const pDeadline = gauge("reflex_path_deadline_seconds", "Deadline of the edge into the path's sink.", ["path"]);
  for (const p of s.paths) {
    windowSummary(pLat, { path: p.id }, p.latency);
    pMsgs.set({ path: p.id }, p.total ?? 0);
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
    restarts.set(l, p.restarts);
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

  gauge("reflex_dashboard_clients", "WebSocket clients connected to the dashboard.", []).set({}, server.clients);
  counter("reflex_dashboard_snapshots_sent_total", "Snapshots sent over WebSockets.", []).set({}, server.sent);
  counter("reflex_dashboard_sends_skipped_total", "Snapshots not sent to a slow client (its socket buffer was full).", []).set({}, server.skipped);
  if (server.refused) {
    const refused = counter("reflex_dashboard_requests_refused_total", "Requests refused: a Host that is not this server's (DNS rebinding), another site's Origin, or no token.", ["reason"]);
    for (const [reason, n] of Object.entries(server.refused)) refused.set({ reason }, n);
  }
  return Promise.resolve(reg.text());
}
