// The table `reflex hil run` prints: per scenario, each budget's measured figure next to its limit.
import { formatDiagnostics } from "../config/diagnostic.js";
import type { ScenarioResult } from "./run-scenario.js";

export function formatScenario(r: ScenarioResult): string {
  const out: string[] = [];
  const verdict = r.passed ? "PASS" : "FAIL";
  const m = r.measured;
  const how = m ? ` (${m.summary.duration_s.toFixed(2)} s on the ${m.clock} clock, ${m.wallS.toFixed(2)} s wall)` : "";
  out.push(`scenario ${r.name}: ${verdict}${how}`);
  if (r.diagnostics) {
    out.push(formatDiagnostics(r.diagnostics));
    return out.join("\n");
  }
  if (r.error) {
    out.push(`  the run failed: ${r.error}`);
    return out.join("\n");
  }
  const rows = r.budgets.map((b) => [b.budget, b.measured, b.limit, b.pass ? "pass" : "FAIL", b.detail ?? ""]);
  out.push(table(["budget", "measured", "limit", "result", "note"], rows));
  const faults = m ? m.summary.nodes.filter((n) => m.graph.faultNodeIds.has(n.node)) : [];
  for (const n of faults) out.push(`  ${n.node}: ${Object.entries(n.gauges).map(([k, v]) => `${k}=${v}`).join(" ")}`);
  const wd = m?.watchdog ? m.summary.nodes.find((n) => n.node === m.watchdog) : undefined;
  if (wd) {
    const g = wd.gauges;
    out.push(`  watchdog ${wd.node}: holds=${g.holds ?? 0} hold_episodes=${g.hold_episodes ?? 0} withheld=${g.withheld ?? 0} forwarded=${g.forwarded ?? 0} max_hold_ms=${(g.max_hold_ms ?? 0).toFixed(1)}`);
  }
  if (m?.processes) {
    for (const p of m.processes) out.push(`  process ${p.process}: ${p.state}, restarts ${p.restarts}, deaths ${p.deaths}${p.last_death ? ` (${p.last_death})` : ""}`);
  }
  return out.join("\n");
}

export function formatTotals(results: readonly ScenarioResult[]): string {
  const failed = results.filter((r) => !r.passed);
  const budgets = results.reduce((a, r) => a + r.budgets.length, 0);
  const broken = results.reduce((a, r) => a + r.budgets.filter((b) => !b.pass).length, 0);
  return `${results.length} scenario${results.length === 1 ? "" : "s"}, ${results.length - failed.length} passed, ${failed.length} failed; ${budgets} budgets, ${broken} broken`;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]): string => "  " + r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), "  " + widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
