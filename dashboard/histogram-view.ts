// Histogram of the selected node's processing time over the window: the server's coarse log-spaced
// buckets as SVG bars (a pool of rects, reused), bucket bounds under the bars.
import type { LatencySnap } from "../sdk/telemetry/snapshot-types.js";
import { s, setAttr, setText } from "./dom.js";
import { fmtCount, fmtMsFromUs } from "./format.js";

const H = 120;
const AXIS = 18;

export class HistogramView {
  private readonly svg: SVGSVGElement;
  private readonly bars: { g: SVGGElement; rect: SVGRectElement; label: SVGTextElement; title: SVGTitleElement }[] = [];
  private readonly empty: SVGTextElement;

  constructor(private readonly host: HTMLElement) {
    // The viewBox follows the panel's pixel width at each update, so labels keep their size.
    this.svg = s("svg", { "data-testid": "histogram-svg" });
    this.empty = s("text", { y: H / 2, "text-anchor": "middle", class: "muted" });
    this.empty.textContent = "no samples in the window";
    this.svg.append(this.empty);
    host.append(this.svg);
  }

  update(lat: LatencySnap | undefined): void {
    // Trailing empty buckets say nothing; leading ones are kept so the scale starts where it starts.
    const buckets = lat?.buckets ?? [];
    let last = buckets.length - 1;
    while (last >= 0 && buckets[last]!.count === 0) last--;
    let first = 0;
    while (first < last && buckets[first]!.count === 0) first++;
    const shown = last < 0 ? [] : buckets.slice(first, last + 1);
    this.empty.style.display = shown.length === 0 ? "" : "none";
    const W = Math.max(200, this.host.clientWidth);
    setAttr(this.svg, "viewBox", `0 0 ${W} ${H + AXIS}`);
    setAttr(this.empty, "x", String(W / 2));

    while (this.bars.length < shown.length) {
      const g = s("g", { "data-testid": "histogram-bar" });
      const rect = s("rect", { class: "bar" });
      const label = s("text", { class: "axis", "text-anchor": "middle", y: H + 13 });
      const title = s("title");
      g.append(title, rect, label);
      this.svg.append(g);
      this.bars.push({ g, rect, label, title });
    }
    const max = Math.max(1, ...shown.map((b) => b.count));
    const bw = shown.length > 0 ? W / shown.length : W;
    const labelEvery = Math.ceil(shown.length / Math.max(2, Math.floor(W / 70)));
    this.bars.forEach((bar, i) => {
      const b = shown[i];
      bar.g.style.display = b ? "" : "none";
      if (!b) return;
      const bh = b.count === 0 ? 0 : Math.max(1, (b.count / max) * (H - 4));
      setAttr(bar.rect, "x", (i * bw + 1).toFixed(1));
      setAttr(bar.rect, "width", Math.max(1, bw - 2).toFixed(1));
      setAttr(bar.rect, "y", (H - bh).toFixed(1));
      setAttr(bar.rect, "height", bh.toFixed(1));
      setAttr(bar.label, "x", (i * bw + bw / 2).toFixed(1));
      setText(bar.label, i % labelEvery === 0 ? fmtMsFromUs(b.leUs) : "");
      setText(bar.title, `≤ ${fmtMsFromUs(b.leUs)} ms: ${fmtCount(b.count)}`);
    });
  }
}
