// The accelerations' live figures: every node that reports gauges (tokens kept, cache hit rate, steps
// run, ...) gets a card with its latest values; fractions in [0, 1] named like rates also get a bar.
import type { DashboardSnapshot, NodeSnap } from "../sdk/telemetry/snapshot-types.js";
import { h, KeyedList, setText } from "./dom.js";
import { fmtGauge } from "./format.js";

interface GaugeRow {
  readonly el: HTMLElement;
  readonly value: HTMLElement;
  readonly bar: HTMLElement;
}

interface Card {
  readonly el: HTMLElement;
  readonly gauges: KeyedList<[string, number], GaugeRow>;
}

const FRACTION = /(rate|ratio|frac)/i;

export class AccelView {
  private readonly list: KeyedList<NodeSnap, Card>;

  constructor(
    host: HTMLElement,
    private readonly empty: HTMLElement,
  ) {
    this.list = new KeyedList<NodeSnap, Card>(
      host,
      (n, id) => {
        const body = h("dl", { class: "gauges" });
        const el = h("section", { class: "gauge-card", "data-testid": `gauges-${id}` }, h("h3", {}, `${id} `, h("small", {}, n.type)), body);
        const gauges = new KeyedList<[string, number], GaugeRow>(
          body,
          ([key]) => {
            const value = h("dd", { class: "num", "data-testid": `gauge-${id}-${key}` });
            const bar = h("span", { class: "gauge-bar" });
            const row = h("div", { class: "gauge" }, h("dt", {}, key), value, h("span", { class: "gauge-track" }, bar));
            return { el: row, value, bar };
          },
          (row, [key, v]) => {
            setText(row.value, fmtGauge(v));
            const frac = FRACTION.test(key) && v >= 0 && v <= 1;
            (row.bar.parentElement as HTMLElement).style.display = frac ? "" : "none";
            if (frac) row.bar.style.width = `${(v * 100).toFixed(1)}%`;
          },
        );
        return { el, gauges };
      },
      (card, n) => card.gauges.sync(Object.entries(n.gauges), ([k]) => k),
    );
  }

  update(snap: DashboardSnapshot): void {
    const withGauges = snap.nodes.filter((n) => Object.keys(n.gauges).length > 0);
    this.list.sync(withGauges, (n) => n.id);
    this.empty.style.display = withGauges.length === 0 ? "" : "none";
  }
}
