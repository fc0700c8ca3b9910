// Process status: one row per process group (state, pid, CPU, RSS, restarts).
import type { DashboardSnapshot, ProcessSnap } from "../sdk/telemetry/snapshot-types.js";
import { h, KeyedList, setPrefixedClass, setText } from "./dom.js";

interface Row {
  readonly el: HTMLTableRowElement;
  readonly state: HTMLElement;
  readonly pid: HTMLElement;
  readonly cpu: HTMLElement;
  readonly rss: HTMLElement;
  readonly restarts: HTMLElement;
}

export class ProcessesView {
  private readonly list: KeyedList<ProcessSnap, Row>;

  constructor(tbody: HTMLElement) {
    this.list = new KeyedList<ProcessSnap, Row>(
      tbody,
      (p, name) => {
        const cell = (f: string, cls = "num"): HTMLElement => h("td", { class: cls, "data-testid": `process-${f}-${name}` });
        const row: Row = { el: h("tr", { "data-testid": `process-row-${name}` }), state: cell("state", "state"), pid: cell("pid"), cpu: cell("cpu"), rss: cell("rss"), restarts: cell("restarts") };
        row.el.append(h("td", { class: "id" }, p.name), row.state, row.pid, row.cpu, row.rss, row.restarts);
        return row;
      },
      (row, p) => {
        setText(row.state, p.state);
        setPrefixedClass(row.state, "s-", p.state);
        setText(row.pid, String(p.pid));
        setText(row.cpu, `${p.cpuPct.toFixed(1)}%`);
        setText(row.rss, `${p.rssMb.toFixed(1)} MB`);
        setText(row.restarts, String(p.restarts));
        row.restarts.classList.toggle("warn", p.restarts > 0);
      },
    );
  }

  update(snap: DashboardSnapshot): void {
    this.list.sync(snap.processes, (p) => p.name);
  }
}
