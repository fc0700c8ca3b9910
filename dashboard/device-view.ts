// GPU / SoC panel: tegrastats on Jetson, nvidia-smi elsewhere, or "none" with the server's note.
import type { DeviceSnap } from "../sdk/telemetry/snapshot-types.js";
import { h, KeyedList, setText } from "./dom.js";

export class DeviceView {
  private readonly list: KeyedList<[string, string], { el: HTMLElement; value: HTMLElement }>;

  constructor(
    private readonly source: HTMLElement,
    private readonly note: HTMLElement,
    dl: HTMLElement,
  ) {
    this.list = new KeyedList<[string, string], { el: HTMLElement; value: HTMLElement }>(
      dl,
      ([label], key) => {
        const value = h("dd", { class: "num", "data-testid": `device-${key}` });
        return { el: h("div", { class: "kv" }, h("dt", {}, label), value), value };
      },
      (row, [, v]) => setText(row.value, v),
    );
  }

  update(d: DeviceSnap): void {
    setText(this.source, d.source);
    setText(this.note, d.note ?? "");
    this.note.style.display = d.note ? "" : "none";
    const rows: [string, string][] = [];
    if (d.gpuLoadPct !== undefined) rows.push(["gpu", `${d.gpuLoadPct.toFixed(0)}%`]);
    if (d.emcPct !== undefined) rows.push(["emc", `${d.emcPct.toFixed(0)}%`]);
    if (d.memUsedMb !== undefined) rows.push(["memory", `${d.memUsedMb.toFixed(0)}${d.memTotalMb !== undefined ? ` / ${d.memTotalMb.toFixed(0)}` : ""} MB`]);
    if (d.powerMode !== undefined) rows.push(["power mode", d.powerMode]);
    if (d.powerW !== undefined) rows.push(["power", `${d.powerW.toFixed(1)} W`]);
    for (const [k, v] of Object.entries(d.tempsC ?? {})) rows.push([`temp ${k}`, `${v.toFixed(1)} °C`]);
    if (d.throttling !== undefined) rows.push(["throttling", d.throttling ? "yes" : "no"]);
    this.list.sync(rows, ([k]) => k.replace(/\s+/g, "-"));
  }
}
