// JUnit XML for CI, valid against the Jenkins JUnit schema (test/fixtures/junit-4.xsd checks it): one
// testsuite per scenario, with its file, clock and description as properties and its run's wall time;
// one testcase per budget (a broken budget is a <failure> carrying the measured figure and the limit).
// A scenario that could not run (a bad scenario or graph, a node or worker that would not start) is one
// testcase with an <error>: CI then tells "the robot is too slow" from "the test did not run".
import { formatDiagnostic } from "../config/diagnostic.js";
import type { ScenarioResult } from "./run-scenario.js";

export function junitXml(results: readonly ScenarioResult[]): string {
  const suites = results.map(suiteXml);
  const sum = (f: (r: ScenarioResult) => number): number => results.reduce((a, r) => a + f(r), 0);
  const tests = sum((r) => r.budgets.length + (didNotRun(r) ? 1 : 0));
  const failures = sum(failuresOf);
  const errors = sum((r) => (didNotRun(r) ? 1 : 0));
  const time = sum(wallS).toFixed(3);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="reflex hil" tests="${tests}" failures="${failures}" errors="${errors}" time="${time}">\n${suites.join("\n")}\n</testsuites>\n`;
}

function suiteXml(r: ScenarioResult): string {
  const cls = `hil.${esc(r.name)}`;
  const cases: string[] = [];
  if (didNotRun(r)) {
    const why = r.error ?? (r.diagnostics ?? []).map(formatDiagnostic).join("\n\n");
    const [message, type] = r.error ? ["the run failed", "run"] : ["bad scenario", "diagnostics"];
    cases.push(`    <testcase classname="${cls}" name="scenario runs" time="0"><error message="${message}" type="${type}">${esc(why)}</error></testcase>`);
  }
  for (const b of r.budgets) {
    const body = b.pass ? "" : `<failure message="${esc(`${b.budget}: ${b.measured}, limit ${b.limit}`)}">${esc(b.detail ?? "")}</failure>`;
    // Budgets are judged on the one run once it ended, in no time of their own: the run's time is the suite's.
    cases.push(`    <testcase classname="${cls}" name="${esc(b.budget)}" time="0">${body}<system-out>${esc(`measured ${b.measured}; limit ${b.limit}`)}</system-out></testcase>`);
  }
  const props: [string, string][] = [["file", r.file]];
  if (r.measured) props.push(["clock", r.measured.clock]);
  if (r.description !== undefined) props.push(["description", r.description]);
  const properties = `    <properties>\n${props.map(([k, v]) => `      <property name="${k}" value="${esc(v)}"/>`).join("\n")}\n    </properties>`;
  const errors = didNotRun(r) ? 1 : 0;
  return `  <testsuite name="${esc(r.name)}" tests="${cases.length}" failures="${failuresOf(r)}" errors="${errors}" skipped="0" time="${wallS(r).toFixed(3)}">\n${[properties, ...cases].join("\n")}\n  </testsuite>`;
}

function didNotRun(r: ScenarioResult): boolean {
  return Boolean(r.diagnostics || r.error);
}

function failuresOf(r: ScenarioResult): number {
  return r.budgets.filter((b) => !b.pass).length;
}

function wallS(r: ScenarioResult): number {
  return r.measured?.wallS ?? 0;
}

export function esc(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in XML 1.0, escaped or not: this strips them
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
