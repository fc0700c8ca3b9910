// Deadline misses and drops: totals (all time and in the window), the edges that have any, and the
// server's recent events (misses, drop bursts, restarts, errors, holds), newest first. Throttle drops
// are by design (sdk/telemetry/health.ts leaves them out of health): counted, never colored a warning.
import type { DashboardSnapshot, EdgeSnap, EventSnap } from "../sdk/telemetry/snapshot-types.js";
import { h, KeyedList, setPrefixedClass, setText } from "./dom.js";
import { fmtClock, fmtCount } from "./format.js";

interface EdgeRow {
  readonly el: HTMLTableRowElement;
  readonly drops: HTMLElement;
  readonly misses: HTMLElement;
  readonly win: HTMLElement;
}

interface EventRow {
  readonly el: HTMLLIElement;
  readonly at: HTMLElement;
  readonly kind: HTMLElement;
  readonly where: HTMLElement;
  readonly detail: HTMLElement;
}

export class EventsView {
  private readonly edges: KeyedList<EdgeSnap, EdgeRow>;
  private readonly events: KeyedList<EventSnap, EventRow>;

  constructor(
    private readonly els: { missesTotal: HTMLElement; dropsTotal: HTMLElement; missesWindow: HTMLElement; dropsWindow: HTMLElement; edgeBody: HTMLElement; eventList: HTMLElement; eventsEmpty: HTMLElement },
  ) {
    this.edges = new KeyedList<EdgeSnap, EdgeRow>(
      els.edgeBody,
      (e) => {
        const row: EdgeRow = {
          el: h("tr", { "data-testid": "edge-issue-row", "data-id": e.id }),
          drops: h("td", { class: "num", "data-testid": "edge-issue-drops" }),
          misses: h("td", { class: "num", "data-testid": "edge-issue-misses" }),
          win: h("td", { class: "num" }),
        };
        row.el.append(h("td", { class: "id" }, e.id), row.drops, row.misses, row.win);
        return row;
      },
      (row, e) => {
        const throttled = e.dropsByKind?.throttle ?? 0;
        setText(row.drops, throttled > 0 ? `${fmtCount(e.drops)} (${fmtCount(throttled)} throttle)` : fmtCount(e.drops));
        row.drops.classList.toggle("warn", e.drops - throttled > 0);
        setText(row.misses, `${fmtCount(e.deadlineMisses)}${e.deadlineMs !== undefined ? ` (>${e.deadlineMs} ms)` : ""}`);
        setText(row.win, `${fmtCount(e.dropsInWindow)} / ${fmtCount(e.missesInWindow)}`);
      },
    );
    this.events = new KeyedList<EventSnap, EventRow>(
      els.eventList,
      (ev) => {
        const row: EventRow = {
          el: h("li", { "data-testid": "event-item", "data-kind": ev.kind }),
          at: h("span", { class: "at num" }),
          kind: h("span", { class: "kind" }),
          where: h("span", { class: "where", "data-testid": "event-where" }),
          detail: h("span", { class: "detail" }),
        };
        row.el.append(row.at, row.kind, row.where, row.detail);
        return row;
      },
      (row, ev) => {
        setText(row.at, fmtClock(ev.atMs));
        setText(row.kind, ev.kind);
        setPrefixedClass(row.kind, "k-", ev.kind);
        setText(row.where, ev.where);
        setText(row.detail, ev.detail);
      },
    );
  }

  update(snap: DashboardSnapshot): void {
    let misses = 0, drops = 0, missesW = 0, dropsW = 0, loss = 0;
    for (const e of snap.edges) {
      misses += e.deadlineMisses;
      drops += e.drops;
      // An older server sends no dropsByKind: every drop is then taken as a loss.
      loss += e.drops - (e.dropsByKind?.throttle ?? 0);
      missesW += e.missesInWindow;
      dropsW += e.dropsInWindow;
    }
    const { missesTotal, dropsTotal, missesWindow, dropsWindow, eventsEmpty } = this.els;
    setText(missesTotal, fmtCount(misses));
    setText(dropsTotal, fmtCount(drops));
    setText(missesWindow, fmtCount(missesW));
    setText(dropsWindow, fmtCount(dropsW));
    missesTotal.classList.toggle("bad", misses > 0);
    dropsTotal.classList.toggle("warn", loss > 0);
    this.edges.sync(
      snap.edges.filter((e) => e.drops > 0 || e.deadlineMisses > 0),
      (e) => e.id,
    );
    // Newest first; the key must survive the list shifting, so it is the event itself, not its index.
    const recent = [...snap.events].reverse();
    this.events.sync(recent, (ev) => `${ev.atMs}|${ev.kind}|${ev.where}|${ev.detail}`);
    eventsEmpty.style.display = recent.length === 0 ? "" : "none";
  }
}
