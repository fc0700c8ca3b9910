// JUnit XML for CI: one testsuite per scenario, one testcase per budget (a failure carries the
// measured figure and the limit); a scenario that could not run is one failing testcase saying why.
import { formatDiagnostic } from "../config/diagnostic.js";
import type { ScenarioResult } from "./run-scenario.js";

export function junitXml(results: readonly ScenarioResult[]): string {
  const suites = results.map((r) => {
    const time = r.measured ? r.measured.wallS.toFixed(3) : "0";
    const cases: string[] = [];
    if (r.diagnostics || r.error) {
      const why = r.error ?? (r.diagnostics ?? []).map(formatDiagnostic).join("\n\n");
      cases.push(`    <testcase classname="hil.${esc(r.name)}" name="scenario runs"><failure message="${esc(r.error ? "the run failed" : "bad scenario")}">${esc(why)}</failure></testcase>`);
    }
    for (const b of r.budgets) {
      const body = b.pass ? "" : `<failure message="${esc(`${b.budget}: ${b.measured}, limit ${b.limit}`)}">${esc(b.detail ?? "")}</failure>`;
      cases.push(`    <testcase classname="hil.${esc(r.name)}" name="${esc(b.budget)}" time="0">${body}<system-out>${esc(`measured ${b.measured}; limit ${b.limit}`)}</system-out></testcase>`);
    }
    const failures = (r.diagnostics || r.error ? 1 : 0) + r.budgets.filter((b) => !b.pass).length;
    return `  <testsuite name="${esc(r.name)}" tests="${cases.length}" failures="${failures}" errors="0" time="${time}" file="${esc(r.file)}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  const tests = results.reduce((a, r) => a + r.budgets.length + (r.diagnostics || r.error ? 1 : 0), 0);
  const failures = results.reduce((a, r) => a + r.budgets.filter((b) => !b.pass).length + (r.diagnostics || r.error ? 1 : 0), 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="reflex hil" tests="${tests}" failures="${failures}">\n${suites.join("\n")}\n</testsuites>\n`;
}

export function esc(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in XML 1.0, escaped or not: this strips them
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
