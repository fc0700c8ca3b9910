// A self-contained HTML report: inline CSS, inline SVG charts, a few lines of inline JS, no fetches.
// Per scenario: the verdict, the budgets table, p50/p99 bars of every path and node, and (single-
// process runs) the age of each command at the actuator over time, holds marked.
import { formatDiagnostic } from "../config/diagnostic.js";
import type { CommandRecord } from "./actuator-probe.js";
import { esc } from "./junit.js";
import type { ScenarioResult } from "./run-scenario.js";

export function htmlReport(results: readonly ScenarioResult[], title = "reflex hil run"): string {
  const passed = results.filter((r) => r.passed).length;
  const sections = results.map(section).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2430;background:#fafbfc}
h1{font-size:20px}h2{font-size:16px;margin:0}
section{background:#fff;border:1px solid #d8dee6;border-radius:6px;margin:16px 0;padding:12px 16px}
section.fail{border-left:6px solid #c62828}section.pass{border-left:6px solid #2e7d32}
.verdict{font-weight:700}.pass .verdict{color:#2e7d32}.fail .verdict{color:#c62828}
table{border-collapse:collapse;margin:8px 0}td,th{border-bottom:1px solid #e4e8ee;padding:3px 10px;text-align:left;vertical-align:top}
tr.bad td{background:#fdecea}pre{background:#f3f5f8;padding:8px;overflow:auto}
.muted{color:#667}.charts{display:flex;flex-wrap:wrap;gap:16px}svg{background:#fff}
button{margin-right:8px}
</style></head><body>
<h1>${esc(title)}</h1>
<p>${results.length} scenarios, ${passed} passed, ${results.length - passed} failed. <button id="only-failed">show failed only</button><button id="all">show all</button></p>
${sections}
<script>
document.getElementById("only-failed").onclick=()=>document.querySelectorAll("section.pass").forEach(s=>s.style.display="none");
document.getElementById("all").onclick=()=>document.querySelectorAll("section").forEach(s=>s.style.display="");
document.querySelectorAll("section h2").forEach(h=>h.onclick=()=>{const b=h.parentElement.querySelector(".body");b.style.display=b.style.display==="none"?"":"none"});
</script>
</body></html>
`;
}

function section(r: ScenarioResult): string {
  const cls = r.passed ? "pass" : "fail";
  const m = r.measured;
  const how = m ? `${m.summary.duration_s.toFixed(2)} s on the ${m.clock} clock, ${m.wallS.toFixed(2)} s wall` : "";
  const parts: string[] = [];
  if (r.description) parts.push(`<p class="muted">${esc(r.description)}</p>`);
  if (r.diagnostics) parts.push(`<pre>${esc(r.diagnostics.map(formatDiagnostic).join("\n\n"))}</pre>`);
  if (r.error) parts.push(`<pre>the run failed: ${esc(r.error)}</pre>`);
  if (r.budgets.length > 0) {
    const rows = r.budgets
      .map((b) => `<tr class="${b.pass ? "" : "bad"}"><td>${esc(b.budget)}</td><td>${esc(b.measured)}</td><td>${esc(b.limit)}</td><td>${b.pass ? "pass" : "<b>FAIL</b>"}</td><td class="muted">${esc(b.detail ?? "")}</td></tr>`)
      .join("");
    parts.push(`<table><tr><th>budget</th><th>measured</th><th>limit</th><th>result</th><th>note</th></tr>${rows}</table>`);
  }
  if (m) {
    const bars = [
      ...m.summary.paths.map((p) => ({ label: `path ${p.path}`, p50: p.p50_ms, p99: p.p99_ms })),
      ...m.summary.nodes.filter((n) => n.count > 0).map((n) => ({ label: `node ${n.node}`, p50: n.p50_ms, p99: n.p99_ms })),
    ];
    const charts = [latencyBars(bars)];
    if (m.commands && m.commands.length > 0) charts.push(ageTimeline(m.commands, m.staleMs));
    parts.push(`<div class="charts">${charts.join("")}</div>`);
    if (m.processes) parts.push(`<p>${m.processes.map((p) => esc(`${p.process}: ${p.state}, restarts ${p.restarts}, deaths ${p.deaths}${p.last_death ? ` (${p.last_death})` : ""}`)).join("<br>")}</p>`);
    parts.push(`<p class="muted">graph as run: ${esc(m.graph.file)}</p>`);
  }
  return `<section class="${cls}"><h2>${esc(r.name)} <span class="verdict">${r.passed ? "PASS" : "FAIL"}</span> <span class="muted">${esc(how)}</span></h2><div class="body">${parts.join("\n")}</div></section>`;
}

/** Horizontal bars: p50 solid, p99 light, one row per path or node, log-free linear scale. */
function latencyBars(rows: { label: string; p50: number; p99: number }[]): string {
  const w = 640;
  const labelW = 300;
  const rowH = 18;
  const h = rows.length * rowH + 30;
  const max = Math.max(1e-3, ...rows.map((r) => r.p99));
  const x = (v: number): number => labelW + (v / max) * (w - labelW - 70);
  const bars = rows
    .map((r, i) => {
      const y = 20 + i * rowH;
      return `<text x="4" y="${y + 12}" font-size="11">${esc(r.label.length > 46 ? `${r.label.slice(0, 45)}…` : r.label)}</text>` +
        `<rect x="${labelW}" y="${y + 2}" width="${(x(r.p99) - labelW).toFixed(1)}" height="${rowH - 5}" fill="#90caf9"><title>p99 ${r.p99} ms</title></rect>` +
        `<rect x="${labelW}" y="${y + 2}" width="${(x(r.p50) - labelW).toFixed(1)}" height="${rowH - 5}" fill="#1565c0"><title>p50 ${r.p50} ms</title></rect>` +
        `<text x="${(x(r.p99) + 4).toFixed(1)}" y="${y + 12}" font-size="10">${r.p99.toFixed(3)}</text>`;
    })
    .join("");
  return `<svg width="${w}" height="${h}" role="img" aria-label="latency p50 and p99"><text x="4" y="12" font-size="12" font-weight="600">latency, ms (dark p50, light p99)</text>${bars}</svg>`;
}

/** Age of each command at the actuator over the run; holds as red ticks; the stale line dashed. */
function ageTimeline(cmds: readonly CommandRecord[], staleMs: number | undefined): string {
  const w = 640;
  const h = 220;
  const pad = 36;
  const fresh = cmds.filter((c) => !c.hold);
  const tMax = Math.max(1, ...cmds.map((c) => c.tMs));
  const aMax = Math.max(staleMs ?? 0, 1e-3, ...fresh.map((c) => c.ageMs)) * 1.1;
  const X = (t: number): number => pad + (t / tMax) * (w - pad - 10);
  const Y = (a: number): number => h - pad + 10 - (a / aMax) * (h - pad - 20);
  // At most ~2000 points drawn: a long run is decimated, keeping each bucket's oldest action.
  const step = Math.max(1, Math.ceil(fresh.length / 2000));
  const pts: string[] = [];
  for (let i = 0; i < fresh.length; i += step) {
    const bucket = fresh.slice(i, i + step);
    const worst = bucket.reduce((a, c) => (c.ageMs > a.ageMs ? c : a));
    pts.push(`${X(worst.tMs).toFixed(1)},${Y(worst.ageMs).toFixed(1)}`);
  }
  const holds = cmds.filter((c) => c.hold);
  const holdStep = Math.max(1, Math.ceil(holds.length / 500));
  const holdMarks = holds.filter((_, i) => i % holdStep === 0).map((c) => `<line x1="${X(c.tMs).toFixed(1)}" x2="${X(c.tMs).toFixed(1)}" y1="${h - pad + 4}" y2="${h - pad + 12}" stroke="#c62828"/>`).join("");
  const stale = staleMs !== undefined ? `<line x1="${pad}" x2="${w - 10}" y1="${Y(staleMs).toFixed(1)}" y2="${Y(staleMs).toFixed(1)}" stroke="#c62828" stroke-dasharray="4 3"/><text x="${w - 110}" y="${(Y(staleMs) - 4).toFixed(1)}" font-size="10" fill="#c62828">stale: ${staleMs} ms</text>` : "";
  return `<svg width="${w}" height="${h}" role="img" aria-label="action age at the actuator"><text x="4" y="12" font-size="12" font-weight="600">age of each action at the actuator, ms (red ticks: holds)</text>` +
    `<line x1="${pad}" x2="${pad}" y1="20" y2="${h - pad + 10}" stroke="#999"/><line x1="${pad}" x2="${w - 10}" y1="${h - pad + 10}" y2="${h - pad + 10}" stroke="#999"/>` +
    `<text x="2" y="${Y(aMax / 1.1) + 4}" font-size="10">${(aMax / 1.1).toFixed(1)}</text><text x="${w - 60}" y="${h - 6}" font-size="10">${(tMax / 1000).toFixed(1)} s</text>` +
    `${stale}<polyline fill="none" stroke="#1565c0" stroke-width="1" points="${pts.join(" ")}"/>${holdMarks}</svg>`;
}
