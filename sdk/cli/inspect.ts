// reflex inspect <file.mcap> [--recover <out.mcap>] [--json]: what is intact in a recording (topics with
// their schemas, counts, time range, chunks, whether the summary and footer are there) and, for a file
// cut short, a complete copy of everything intact. Exit 0 for a complete file or a successful recovery,
// 1 for a damaged file left as it is, 2 for a file that is not MCAP or cannot be read.
import type { Command } from "commander";
import { RecordingError } from "../mcap/reader.js";
import { recoverRecording } from "../mcap/recover.js";
import { scanRecording, type ScanReport } from "../mcap/scan.js";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "./exit.js";
import { outputPathProblem } from "./output-paths.js";

interface InspectOptions {
  recover?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command("inspect")
    .description("report what is intact in an MCAP recording (topics, counts, time range, chunks, footer); --recover rebuilds a file cut short")
    .argument("<file>", "MCAP file")
    .option("--recover <out.mcap>", "write every intact message to a complete, indexed MCAP file")
    .option("--json", "print the report as one JSON object")
    .action(async (file: string, opts: InspectOptions) => {
      process.exitCode = await inspect(file, opts);
    });
}

async function inspect(file: string, opts: InspectOptions): Promise<number> {
  let report: ScanReport;
  let recovered: { file: string; messages: number } | undefined;
  const outProblem = opts.recover === undefined ? undefined : outputPathProblem({ option: "--recover", path: opts.recover, kind: "file" });
  if (outProblem) {
    process.stderr.write(`${outProblem}\n`);
    return EXIT_USAGE;
  }
  try {
    if (opts.recover) {
      const r = await recoverRecording(file, opts.recover);
      report = r.report;
      recovered = { file: r.out, messages: r.messages };
    } else {
      report = await scanRecording(file);
    }
  } catch (err) {
    process.stderr.write(`${err instanceof RecordingError ? err.message : `cannot inspect "${file}": ${(err as Error).message}`}\n`);
    return EXIT_USAGE;
  }
  if (opts.json) process.stdout.write(`${JSON.stringify({ ...report, ...(recovered ? { recovered } : {}) })}\n`);
  else process.stdout.write(`${formatReport(report, recovered)}\n`);
  return report.complete || recovered ? EXIT_OK : EXIT_FAILED;
}

export function formatReport(r: ScanReport, recovered?: { file: string; messages: number }): string {
  const s = (ns: number): string => (ns / 1e9).toFixed(3);
  const lines: string[] = [];
  const state = r.complete
    ? "complete: summary and footer present"
    : `cut short: no footer; intact up to byte ${r.damage?.offset ?? r.intactBytes} (${r.damage?.reason ?? "unknown"})`;
  lines.push(`${r.file}: ${r.bytes} bytes, ${state}`);
  const meta = r.metadata.reflex ? Object.entries(r.metadata.reflex).map(([k, v]) => `${k} ${v}`).join(", ") : "";
  lines.push(`profile ${r.profile || "-"}, library ${r.library || "-"}${meta ? `, ${meta}` : ""}`);
  lines.push(`${r.chunks} chunks intact, ${r.messages} messages, log time ${s(r.startNs)} s .. ${s(r.endNs)} s (${s(r.endNs - r.startNs)} s)`);
  const rows = [
    ["topic", "type", "schema", "count", "first s", "last s", "rate/s"],
    ...r.topics.map((t) => {
      const span = (t.lastNs - t.firstNs) / 1e9;
      return [t.topic, t.type || "-", t.schemaEncoding || "-", String(t.count), s(t.firstNs), s(t.lastNs), span > 0 ? ((t.count - 1) / span).toFixed(1) : "-"];
    }),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  lines.push("");
  for (const [k, row] of rows.entries()) {
    lines.push(`  ${row.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ")}`);
    if (k === 0) lines.push(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  }
  if (recovered) lines.push("", `recovered ${recovered.messages} messages into ${recovered.file} (complete, indexed)`);
  else if (!r.complete) lines.push("", `run \`reflex inspect ${r.file} --recover <out.mcap>\` to write the intact part to a complete file`);
  return lines.join("\n");
}
