// The graph panel: one SVG, nodes laid out by topology (sources first), colored by health; one line per
// pair of connected nodes, labelled with the live rate and the drops / deadline misses of its edges.
// Elements are made when the graph arrives (hello) and only restyled per snapshot.
import type { DashboardMessage, DashboardSnapshot, EdgeSnap, Health, NodeSnap } from "../sdk/telemetry/snapshot-types.js";
import { s, setAttr, setPrefixedClass, setText } from "./dom.js";
import { fmtCount, fmtRate, nodeOf } from "./format.js";
import { layoutGraph, type Layout } from "./layout.js";

type GraphInfo = Extract<DashboardMessage, { t: "hello" }>["graph"];

const NODE_W = 136;
const NODE_H = 44;
const PAD = 12;
/** Below this container width the layers run top to bottom (phones). */
const NARROW_PX = 640;

const HEALTH_RANK: Record<Health, number> = { idle: 0, ok: 1, stale: 2, warn: 3, error: 4 };

interface NodeEls {
  readonly g: SVGGElement;
  readonly rate: SVGTextElement;
  readonly title: SVGTitleElement;
}

interface LinkEls {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** Edge ids drawn by this line (several ports between the same two nodes share it). */
  readonly edgeIds: string[];
  readonly g: SVGGElement;
  readonly path: SVGPathElement;
  readonly label: SVGTextElement;
  readonly title: SVGTitleElement;
}

export class GraphView {
  private readonly svg: SVGSVGElement;
  private nodes = new Map<string, NodeEls>();
  private links: LinkEls[] = [];
  private layout: Layout | undefined;
  private vertical = false;
  private selected: string | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly onSelect: (id: string) => void,
  ) {
    this.svg = s("svg", { "data-testid": "graph-svg", role: "img", "aria-label": "graph" });
    const defs = s("defs");
    const marker = s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    marker.append(s("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow-head" }));
    defs.append(marker);
    this.svg.append(defs);
    host.append(this.svg);
    // Re-place (not rebuild) when the panel crosses the phone width.
    new ResizeObserver(() => {
      const v = this.host.clientWidth < NARROW_PX;
      if (v !== this.vertical && this.layout) this.place();
    }).observe(host);
  }

  setGraph(graph: GraphInfo): void {
    for (const n of this.nodes.values()) n.g.remove();
    for (const l of this.links) l.g.remove();
    this.nodes = new Map();
    this.links = [];

    const byPair = new Map<string, LinkEls>();
    for (const e of graph.edges) {
      const from = nodeOf(e.from);
      const to = nodeOf(e.to);
      const key = `${from}->${to}`;
      let link = byPair.get(key);
      if (!link) {
        const g = s("g", { class: "link h-idle", "data-testid": `graph-edge-${from}-${to}` });
        const path = s("path", { "marker-end": "url(#arrow)" });
        const label = s("text", { class: "link-label", "text-anchor": "middle", "data-testid": `graph-edge-label-${from}-${to}` });
        const title = s("title");
        g.append(title, path, label);
        this.svg.append(g);
        link = { key, from, to, edgeIds: [], g, path, label, title };
        byPair.set(key, link);
        this.links.push(link);
      }
      link.edgeIds.push(e.id);
    }
    for (const n of graph.nodes) {
      const g = s("g", { class: "node h-idle", "data-testid": `graph-node-${n.id}`, "data-id": n.id, tabindex: 0 });
      const title = s("title");
      title.textContent = `${n.id} (${n.type}, process ${n.process})`;
      const rect = s("rect", { width: NODE_W, height: NODE_H, rx: 6 });
      const name = s("text", { x: 8, y: 17, class: "node-id" });
      name.textContent = n.id.length > 17 ? `${n.id.slice(0, 16)}…` : n.id;
      const rate = s("text", { x: 8, y: 35, class: "node-rate" });
      rate.textContent = n.type;
      g.append(title, rect, name, rate);
      g.addEventListener("click", () => this.onSelect(n.id));
      g.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") this.onSelect(n.id);
      });
      this.svg.append(g);
      this.nodes.set(n.id, { g, rate, title });
    }
    this.layout = layoutGraph({ nodes: graph.nodes.map((n) => n.id), edges: this.links.map((l) => ({ from: l.from, to: l.to })) });
    this.place();
    if (this.selected) this.select(this.selected);
  }

  /** Pixel positions from the layout, in the orientation that suits the panel's width. */
  private place(): void {
    const layout = this.layout!;
    this.vertical = this.host.clientWidth < NARROW_PX;
    const maxRows = Math.max(1, ...layout.layers.map((l) => l.length));
    // Along the layers: room for an edge label; across: a small gap.
    const along = this.vertical ? NODE_H + 46 : NODE_W + 100;
    const across = this.vertical ? NODE_W + 14 : NODE_H + 22;
    const xy = new Map<string, { x: number; y: number }>();
    for (const [id, p] of layout.pos) {
      const rows = layout.layers[p.layer]!.length;
      const a = p.layer * along;
      const c = (p.row + (maxRows - rows) / 2) * across;
      xy.set(id, this.vertical ? { x: PAD + c, y: PAD + a } : { x: PAD + a, y: PAD + c });
    }
    const nLayers = layout.layers.length;
    const spanAlong = Math.max(0, nLayers - 1) * along + (this.vertical ? NODE_H : NODE_W);
    const spanAcross = (maxRows - 1) * across + (this.vertical ? NODE_W : NODE_H);
    const backRoom = layout.back.size > 0 ? 40 : 0;
    const w = 2 * PAD + (this.vertical ? spanAcross + backRoom : spanAlong);
    const hgt = 2 * PAD + (this.vertical ? spanAlong : spanAcross + backRoom);
    this.svg.setAttribute("viewBox", `0 0 ${w} ${hgt}`);
    // Never scaled up (a small graph stays at its natural size), nor below 70% (labels stay readable:
    // a wide graph scrolls inside its panel instead).
    this.svg.style.maxWidth = `${w}px`;
    this.svg.style.minWidth = `${Math.round(w * 0.7)}px`;

    for (const [id, els] of this.nodes) {
      const p = xy.get(id)!;
      els.g.setAttribute("transform", `translate(${p.x},${p.y})`);
    }
    for (const l of this.links) {
      const a = xy.get(l.from)!;
      const b = xy.get(l.to)!;
      const isBack = layout.back.has(l.key) || layout.pos.get(l.to)!.layer <= layout.pos.get(l.from)!.layer;
      let d: string;
      if (this.vertical) {
        const [x1, y1, x2, y2] = isBack ? [a.x + NODE_W, a.y + NODE_H / 2, b.x + NODE_W, b.y + NODE_H / 2] : [a.x + NODE_W / 2, a.y + NODE_H, b.x + NODE_W / 2, b.y];
        if (isBack) {
          const bulge = Math.max(x1, x2) + backRoom;
          d = `M${x1},${y1} C${bulge},${y1} ${bulge},${y2} ${x2},${y2}`;
        } else {
          const my = (y1 + y2) / 2;
          d = `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}`;
        }
      } else if (isBack) {
        const x1 = a.x + NODE_W / 2, y1 = a.y + NODE_H, x2 = b.x + NODE_W / 2, y2 = b.y + NODE_H;
        const bulge = Math.max(y1, y2) + backRoom;
        d = `M${x1},${y1} C${x1},${bulge} ${x2},${bulge} ${x2},${y2}`;
      } else {
        const x1 = a.x + NODE_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
        const mx = (x1 + x2) / 2;
        d = `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`;
      }
      l.path.setAttribute("d", d);
      l.g.classList.toggle("back", isBack);
      const len = l.path.getTotalLength();
      const mid = l.path.getPointAtLength(len / 2);
      l.label.setAttribute("x", mid.x.toFixed(1));
      l.label.setAttribute("y", (mid.y - 4).toFixed(1));
    }
  }

  update(snap: DashboardSnapshot): void {
    const nodeById = new Map<string, NodeSnap>(snap.nodes.map((n) => [n.id, n]));
    for (const [id, els] of this.nodes) {
      const n = nodeById.get(id);
      setPrefixedClass(els.g, "h-", n?.health ?? "idle");
      setText(els.rate, n ? `${fmtRate(n.ratePerS)}/s${n.errors > 0 ? ` · ${fmtCount(n.errors)} err` : ""}` : "no data");
    }
    const edgeById = new Map<string, EdgeSnap>(snap.edges.map((e) => [e.id, e]));
    for (const l of this.links) {
      let rate = 0, drops = 0, misses = 0, worst: Health = "idle";
      const lines: string[] = [];
      for (const id of l.edgeIds) {
        const e = edgeById.get(id);
        if (!e) continue;
        rate += e.ratePerS;
        drops += e.drops;
        misses += e.deadlineMisses;
        if (HEALTH_RANK[e.health] > HEALTH_RANK[worst]) worst = e.health;
        lines.push(`${e.id}: ${fmtRate(e.ratePerS)}/s, depth ${e.depth}/${e.maxDepth}, drops ${e.drops}, misses ${e.deadlineMisses}${e.deadlineMs !== undefined ? ` (deadline ${e.deadlineMs} ms)` : ""}${e.stale ? ", STALE" : ""}`);
      }
      setPrefixedClass(l.g, "h-", worst);
      let text = `${fmtRate(rate)}/s`;
      if (drops > 0) text += ` · ${fmtCount(drops)} drop`;
      if (misses > 0) text += ` · ${fmtCount(misses)} miss`;
      setText(l.label, text);
      setText(l.title, lines.join("\n"));
    }
  }

  select(id: string): void {
    this.selected = id;
    for (const [nid, els] of this.nodes) setAttr(els.g, "aria-selected", String(nid === id));
  }
}
