// `reflex doctor`: says what this machine can run — native addon, CUDA devices, TensorRT, ONNX Runtime —
// with a hint for each missing piece. Exit 0 when the addon loads and every --require'd part is present,
// 1 otherwise (Dockerfile.jetson uses `reflex doctor --require cuda,tensorrt` as its health check),
// 2 for a bad --require value.
import { Command } from "commander";

import { collectDoctorReport, formatDoctorReport, PARTS, type Part } from "./doctor-report.js";

export function register(program: Command): void {
  program
    .command("doctor")
    .description("check the native addon, CUDA, TensorRT and ONNX Runtime on this machine")
    .option("--require <parts>", `comma-separated parts that must be present (${PARTS.join(", ")})`, "addon")
    .option("--json", "print the report as JSON")
    .action((opts: { require: string; json?: boolean }) => {
      const required = opts.require.split(",").map((p) => p.trim()).filter((p) => p !== "");
      const unknown = required.filter((p) => !PARTS.includes(p as Part));
      if (unknown.length > 0) {
        process.stderr.write(`reflex doctor: --require ${unknown.join(",")}: unknown part; use any of ${PARTS.join(", ")}\n`);
        process.exit(2);
      }
      const report = collectDoctorReport();
      if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      else process.stdout.write(formatDoctorReport(report) + "\n");
      const missing = report.checks.filter((c) => required.includes(c.part) && !c.ok).map((c) => c.part);
      if (missing.length > 0) {
        process.stderr.write(`reflex doctor: required but missing: ${missing.join(", ")}\n`);
        process.exit(1);
      }
    });
}
