// reflex hil run <scenario...>: runs HIL scenarios (sdk/hil), prints per scenario each budget's
// measured figure next to its limit, writes JUnit XML and a self-contained HTML report, and exits 1
// when a budget is broken, 2 when a scenario file (or the graph it builds) is bad.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { withFaultNodes } from "../../nodes/faults/index.js";
import { builtinRegistry } from "../../nodes/index.js";
import { formatDiagnostics } from "../config/diagnostic.js";
import { htmlReport } from "../hil/html-report.js";
import { junitXml } from "../hil/junit.js";
import { formatScenario, formatTotals } from "../hil/report-table.js";
import { runScenario, type ScenarioResult } from "../hil/run-scenario.js";
import { loadScenarioFile, type LoadedScenario } from "../hil/scenario-load.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./exit.js";
import { outputOf, reportOutputProblems } from "./output-paths.js";
import { parseLogLevel } from "./log-level-option.js";

interface HilRunOptions {
  junit?: string;
  html?: string;
  out?: string;
  json?: string;
  logLevel: string;
  updateGolden?: boolean;
}

export function register(program: Command): void {
  const hil = program.command("hil").description("hardware-in-the-loop scenarios: graph + inputs + faults + budgets");
  hil
    .command("run")
    .description("run scenarios, print each budget against its limit; exit 1 if a budget is broken, 2 on a bad scenario")
    .argument("<scenario...>", "scenario files (hil-tests/scenarios/*.yaml)")
    .option("--junit <file>", "write JUnit XML: one testcase per budget")
    .option("--html <file>", "write a self-contained HTML report with latency charts")
    .option("--json <file>", "write every result as JSON")
    .option("--out <dir>", "where the graphs as run (with overrides and fault nodes) are written (default: a temp dir)")
    .option("--update-golden", "write each scenario's golden file from this run instead of comparing")
    .option("--log-level <level>", "fatal, error, warn, info, debug", parseLogLevel, "error")
    .action(async (files: string[], opts: HilRunOptions) => {
      process.exitCode = await hilRun(files, opts);
    });
}

export async function hilRun(files: readonly string[], opts: HilRunOptions): Promise<number> {
  // Every file is checked before anything runs: a typo in the last one must not cost a long run.
  const scenarios: LoadedScenario[] = [];
  let bad = false;
  for (const f of files) {
    const r = await loadScenarioFile(f);
    if (r.scenario) scenarios.push(r.scenario);
    else {
      bad = true;
      process.stderr.write(`${formatDiagnostics(r.diagnostics)}\n`);
    }
  }
  const names = new Set<string>();
  for (const s of scenarios) {
    if (names.has(s.name)) {
      bad = true;
      process.stderr.write(`${s.file}: scenario name "${s.name}" is used twice: names must be unique (they name the outputs)\n`);
    }
    names.add(s.name);
  }
  // The reports are written once every scenario has run: a path that cannot take them must fail now.
  const outputs = [outputOf("--junit", opts.junit), outputOf("--html", opts.html), outputOf("--json", opts.json), outputOf("--out", opts.out, "folder")];
  if (reportOutputProblems(outputs)) bad = true;
  if (bad) return EXIT_USAGE;

  const outDir = opts.out ?? (await mkdtemp(join(tmpdir(), "reflex-hil-")));
  await mkdir(outDir, { recursive: true });
  const results: ScenarioResult[] = [];
  const registry = withFaultNodes(builtinRegistry());
  let badGraph = false;
  for (const s of scenarios) {
    process.stderr.write(`running ${s.name} (${s.duration_s} s, ${s.file})...\n`);
    const r = await runScenario(s, {
      outDir,
      registry,
      logLevel: opts.logLevel,
      note: (l) => process.stderr.write(`  ${l}\n`),
      ...(opts.updateGolden ? { updateGolden: true } : {}),
    });
    if (r.diagnostics) badGraph = true;
    process.stdout.write(`${formatScenario(r)}\n\n`);
    results.push(r);
  }
  process.stdout.write(`${formatTotals(results)}\ngraphs as run: ${outDir}\n`);
  if (opts.junit) await writeFile(opts.junit, junitXml(results));
  if (opts.html) await writeFile(opts.html, htmlReport(results));
  if (opts.json) await writeFile(opts.json, `${JSON.stringify(results.map(toJson), null, 2)}\n`);
  if (badGraph) return EXIT_USAGE;
  return results.every((r) => r.passed) ? EXIT_OK : EXIT_FAILED;
}

function toJson(r: ScenarioResult): unknown {
  const m = r.measured;
  return {
    name: r.name,
    file: r.file,
    passed: r.passed,
    budgets: r.budgets,
    ...(r.error ? { error: r.error } : {}),
    ...(r.diagnostics ? { diagnostics: r.diagnostics } : {}),
    ...(m ? { clock: m.clock, wall_s: m.wallS, summary: m.summary, kills: m.kills, graph_file: m.graph.file } : {}),
  };
}
