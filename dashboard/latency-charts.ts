// End-to-end latency over time, one uPlot chart per path (source to sink): p50 and p99 of the sliding
// window at each snapshot, and the path's deadline as a dashed line. History is bounded both by points
// and by time (HISTORY_S), so a page left open for days keeps the same memory. The Y axis follows the
// data but not its worst spikes (y-range.ts): points above the top are marked on the top edge and
// counted above the chart, so the deadline line stays readable.
import uPlot from "uplot";
import type { DashboardSnapshot, PathSnap } from "../sdk/telemetry/snapshot-types.js";
import { h, KeyedList, setAttr, setText } from "./dom.js";
import { fmtCount, fmtMs, fmtMsFromUs, pathSlug } from "./format.js";
import { SeriesHistory } from "./history.js";
import { latencyYRange } from "./y-range.js";

/** Seconds of history the charts show. */
export const HISTORY_S = 300;
/** Points kept per path: 5 minutes at 4 Hz with room for a faster server. */
const CAPACITY = 2400;
const CHART_H = 150;

interface Card {
  readonly el: HTMLElement;
  readonly chartHost: HTMLElement;
  readonly p50: HTMLElement;
  readonly p99: HTMLElement;
  readonly max: HTMLElement;
  readonly count: HTMLElement;
  readonly deadline: HTMLElement;
  /** "N above T ms (max M)" when points are clipped at the top, else empty and hidden. */
  readonly clipped: HTMLElement;
  /** x (s), p50 (ms), p99 (ms), deadline (ms or NaN). */
  readonly history: SeriesHistory;
  /** Work space for the range's quantile (no allocation per snapshot). */
  readonly scratch: Float64Array;
  plot: uPlot | undefined;
  hasDeadline: boolean;
  /** Top of the Y axis (ms), from latencyYRange at the last update. */
  yTop: number;
  /** Points above yTop at the last update. */
  yClipped: number;
}

export class LatencyCharts {
  private readonly list: KeyedList<PathSnap, Card>;
  private atS = 0;
  private readonly resize: ResizeObserver;

  constructor(host: HTMLElement) {
    this.resize = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const card = (entry.target as HTMLElement & { card?: Card }).card;
        if (card?.plot) card.plot.setSize({ width: chartWidth(card.chartHost), height: CHART_H });
      }
    });
    this.list = new KeyedList<PathSnap, Card>(
      host,
      (p) => {
        const slug = pathSlug(p.nodes);
        const fig = (name: string): HTMLElement => h("span", { class: "num", "data-testid": `path-${name}-${slug}` });
        const card: Card = {
          el: h("section", { class: "path-card", "data-testid": `path-${slug}`, "data-id": p.id }),
          chartHost: h("div", { class: "chart", "data-testid": `path-chart-${slug}` }),
          p50: fig("p50"),
          p99: fig("p99"),
          max: fig("max"),
          count: fig("count"),
          deadline: fig("deadline"),
          clipped: h("span", { class: "clipped", "data-testid": `path-clipped-${slug}`, hidden: "" }),
          history: new SeriesHistory(CAPACITY, 4),
          scratch: new Float64Array(CAPACITY),
          plot: undefined,
          hasDeadline: false,
          yTop: 1,
          yClipped: 0,
        };
        card.el.append(
          h("h3", {}, p.id),
          h("div", { class: "figs" }, "p50 ", card.p50, " · p99 ", card.p99, " · max ", card.max, " ms · n ", card.count, " · deadline ", card.deadline, card.clipped),
          card.chartHost,
        );
        (card.chartHost as HTMLElement & { card?: Card }).card = card;
        this.resize.observe(card.chartHost);
        return card;
      },
      (card, p) => this.updateCard(card, p),
    );
  }

  update(snap: DashboardSnapshot): void {
    this.atS = snap.atMs / 1000;
    // Longest paths first: the full source-to-sink chains are the ones with budgets.
    const paths = [...snap.paths].sort((a, b) => b.nodes.length - a.nodes.length || (a.id < b.id ? -1 : 1));
    this.list.sync(paths, (p) => p.id);
  }

  private updateCard(card: Card, p: PathSnap): void {
    const l = p.latency;
    setText(card.p50, fmtMsFromUs(l.p50Us));
    setText(card.p99, fmtMsFromUs(l.p99Us));
    setText(card.max, fmtMsFromUs(l.maxUs));
    setText(card.count, fmtCount(l.count));
    setText(card.deadline, p.deadlineMs !== undefined ? `${p.deadlineMs} ms` : "none");
    // An empty window has no latency to plot: a gap (NaN), not a zero that looks like a fast hop.
    const has = l.count > 0;
    card.history.push([this.atS, has ? l.p50Us / 1000 : NaN, has ? l.p99Us / 1000 : NaN, p.deadlineMs ?? NaN]);
    card.history.trimBefore(this.atS - HISTORY_S);
    const hasDeadline = p.deadlineMs !== undefined;
    if (!card.plot || card.hasDeadline !== hasDeadline) {
      card.plot?.destroy();
      card.hasDeadline = hasDeadline;
      card.plot = makePlot(card, hasDeadline);
    }
    const cols = card.history.columns();
    const range = latencyYRange(cols[2]!, p.deadlineMs, card.scratch);
    card.yTop = range.top;
    if (range.clipped > 0) {
      setText(card.clipped, ` · ▲ ${range.clipped} above ${range.top} ms (max ${fmtMs(range.maxP99)})`);
      if (card.clipped.hidden) card.clipped.hidden = false;
    } else if (!card.clipped.hidden) {
      setText(card.clipped, "");
      card.clipped.hidden = true;
    }
    card.yClipped = range.clipped;
    setAttr(card.chartHost, "data-y-top", String(range.top));
    const data: uPlot.AlignedData = hasDeadline ? [cols[0]!, cols[1]!, cols[2]!, cols[3]!] : [cols[0]!, cols[1]!, cols[2]!];
    card.plot.setData(data);
  }
}

function chartWidth(host: HTMLElement): number {
  return Math.max(200, host.clientWidth);
}

const P99_COLOR = "#f59e0b";

/** Small triangles on the top edge where p99 is above the axis (the line itself is cut there). */
function markClipped(u: uPlot, top: number): void {
  const xs = u.data[0];
  const p99 = u.data[2];
  if (!p99) return;
  const { ctx } = u;
  const y = u.bbox.top;
  const s = 4 * devicePixelRatio;
  ctx.save();
  ctx.fillStyle = P99_COLOR;
  ctx.beginPath();
  for (let i = 0; i < xs.length; i++) {
    const v = p99[i];
    if (v == null || !(v > top)) continue;
    const x = u.valToPos(xs[i]!, "x", true);
    ctx.moveTo(x - s, y + s * 1.6);
    ctx.lineTo(x + s, y + s * 1.6);
    ctx.lineTo(x, y);
    ctx.closePath();
  }
  ctx.fill();
  ctx.restore();
}

function makePlot(card: Card, withDeadline: boolean): uPlot {
  const host = card.chartHost;
  const series: uPlot.Series[] = [
    { label: "t (s)", value: (_u, v) => (v == null ? "–" : v.toFixed(1)) },
    { label: "p50 ms", stroke: "#3b82f6", width: 1.5, spanGaps: false },
    { label: "p99 ms", stroke: P99_COLOR, width: 1.5, spanGaps: false },
  ];
  if (withDeadline) series.push({ label: "deadline", stroke: "#ef4444", width: 1.5, dash: [6, 4], points: { show: false } });
  return new uPlot(
    {
      width: chartWidth(host),
      height: CHART_H,
      scales: { x: { time: false }, y: { range: () => [0, card.yTop] } },
      axes: [
        { stroke: "#9ca3af", grid: { stroke: "#2a2f3a" }, ticks: { stroke: "#2a2f3a" }, values: (_u, vals) => vals.map((v) => `${v}s`) },
        { stroke: "#9ca3af", grid: { stroke: "#2a2f3a" }, ticks: { stroke: "#2a2f3a" }, size: 50 },
      ],
      legend: { show: true, live: false },
      cursor: { show: true, drag: { x: false, y: false } },
      series,
      hooks: { draw: [(u) => card.yClipped > 0 && markClipped(u, card.yTop)] },
    },
    [[], [], [], ...(withDeadline ? [[]] : [])] as unknown as uPlot.AlignedData,
    host,
  );
}
