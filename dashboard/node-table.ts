// Per-node table: processing time p50/p90/p99/max over the window, rate, errors, health. One row per
// node, reused from one snapshot to the next; a click selects the node for the histogram.
import type { DashboardSnapshot, NodeSnap } from "../sdk/telemetry/snapshot-types.js";
import { h, KeyedList, setAttr, setPrefixedClass, setText } from "./dom.js";
import { fmtCount, fmtMsFromUs, fmtRate } from "./format.js";

interface Row {
  readonly el: HTMLTableRowElement;
  readonly cells: Record<"rate" | "p50" | "p90" | "p99" | "max" | "count" | "errors" | "health", HTMLTableCellElement>;
}

export class NodeTable {
  private readonly list: KeyedList<NodeSnap, Row>;
  private selected: string | undefined;

  constructor(tbody: HTMLTableSectionElement, onSelect: (id: string) => void) {
    this.list = new KeyedList<NodeSnap, Row>(
      tbody,
      (n, id) => {
        const cell = (name: string, cls = "num"): HTMLTableCellElement => h("td", { class: cls, "data-testid": `node-${name}-${id}` });
        const cells = {
          rate: cell("rate"),
          p50: cell("p50"),
          p90: cell("p90"),
          p99: cell("p99"),
          max: cell("max"),
          count: cell("count"),
          errors: cell("errors"),
          health: cell("health", "health"),
        };
        const el = h(
          "tr",
          { "data-testid": `node-row-${id}`, "data-id": id, tabindex: "0" },
          h("td", { class: "id", "data-testid": `node-id-${id}` }, id),
          h("td", { class: "type" }, n.type),
          h("td", { class: "proc" }, n.process),
          cells.rate, cells.p50, cells.p90, cells.p99, cells.max, cells.count, cells.errors, cells.health,
        );
        el.addEventListener("click", () => onSelect(id));
        el.addEventListener("keydown", (ev) => {
          if (ev.key === "Enter") onSelect(id);
        });
        return { el, cells };
      },
      (row, n) => {
        const c = row.cells;
        setText(c.rate, fmtRate(n.ratePerS));
        setText(c.p50, fmtMsFromUs(n.processing.p50Us));
        setText(c.p90, fmtMsFromUs(n.processing.p90Us));
        setText(c.p99, fmtMsFromUs(n.processing.p99Us));
        setText(c.max, fmtMsFromUs(n.processing.maxUs));
        setText(c.count, fmtCount(n.processing.count));
        setText(c.errors, fmtCount(n.errors));
        setText(c.health, n.health);
        setPrefixedClass(c.health, "h-", n.health);
        row.el.classList.toggle("has-errors", n.errors > 0);
        setAttr(row.el, "aria-selected", String(n.id === this.selected));
      },
    );
  }

  update(snap: DashboardSnapshot): void {
    this.list.sync(snap.nodes, (n) => n.id);
  }

  select(id: string): void {
    this.selected = id;
    // Only the rows' selection changes; the figures wait for the next snapshot.
    for (const tr of Array.from(document.querySelectorAll<HTMLTableRowElement>("tr[data-testid^='node-row-']"))) {
      setAttr(tr, "aria-selected", String(tr.dataset["id"] === id));
    }
  }
}
