// What `reflex doctor` reports: the native addon, what it was built with, what CUDA and TensorRT see at run
// time, and ONNX Runtime, each with a hint where something is missing.
import { createRequire } from "node:module";

import { tryLoadNative } from "../native/addon.js";

export type Part = "addon" | "cuda" | "tensorrt" | "onnxruntime";
export const PARTS: readonly Part[] = ["addon", "cuda", "tensorrt", "onnxruntime"];

export interface Check {
  readonly part: Part;
  readonly ok: boolean;
  readonly summary: string;
  readonly hint?: string;
}

export interface DoctorReport {
  readonly node: string;
  readonly platform: string;
  readonly checks: readonly Check[];
}

export function collectDoctorReport(): DoctorReport {
  const checks: Check[] = [];
  const loaded = tryLoadNative();
  if ("error" in loaded) {
    checks.push({
      part: "addon",
      ok: false,
      summary: `not loaded: ${loaded.error.message}`,
      hint: "build it: node scripts/build-native.mjs (needs cmake >= 3.18 and g++ >= 9; `npm ci` runs it)",
    });
    checks.push({ part: "cuda", ok: false, summary: "unknown (addon not loaded)" });
    checks.push({ part: "tensorrt", ok: false, summary: "unknown (addon not loaded)" });
  } else {
    const { addon, path } = loaded;
    const b = addon.buildInfo;
    checks.push({ part: "addon", ok: true, summary: `loaded ${path} (N-API ${b.napiVersion}; CPU: ${b.cpu})` });
    if (!addon.cuda.built) {
      checks.push({
        part: "cuda",
        ok: false,
        summary: `not built: ${b.cuda.reason}`,
        hint: "install the CUDA toolkit (nvcc on PATH or CUDACXX) and rebuild: node scripts/build-native.mjs",
      });
    } else {
      const q = addon.cuda.devices();
      const built = `built with nvcc ${b.cuda.version} for ${b.cuda.architectures}`;
      if (q.devices.length === 0) {
        checks.push({
          part: "cuda",
          ok: false,
          summary: `${built}; no device: ${q.error}`,
          hint:
            q.driverVersion === 0
              ? "no NVIDIA driver: on Jetson use a JetPack image; in Docker run with --runtime nvidia (or --gpus all)"
              : "the driver sees no GPU: check nvidia-smi / tegrastats and the container's device access",
        });
      } else {
        const devices = q.devices.map((d) => `${d.name} (sm ${d.computeCapability}, ${(d.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB)`).join(", ");
        checks.push({ part: "cuda", ok: true, summary: `${built}; runtime ${q.runtimeVersion}, driver ${q.driverVersion}; ${devices}` });
      }
    }
    if (!addon.tensorrt.built) {
      checks.push({
        part: "tensorrt",
        ok: false,
        summary: `absent: ${b.tensorrt.reason}`,
        hint: "on Jetson: JetPack 6 ships TensorRT 10.3 (apt install tensorrt-dev); elsewhere set TENSORRT_ROOT; then node scripts/build-native.mjs. ONNX Runtime runs models meanwhile.",
      });
    } else {
      const v = addon.tensorrt.version;
      const runtime = `${Math.floor(v / 10000)}.${Math.floor((v % 10000) / 100)}.${v % 100}`;
      checks.push({ part: "tensorrt", ok: true, summary: `TensorRT ${runtime} loaded (built against ${b.tensorrt.version})` });
    }
  }
  try {
    const require = createRequire(import.meta.url);
    const ort = require("onnxruntime-node") as { env?: { versions?: { node?: string } } };
    checks.push({ part: "onnxruntime", ok: true, summary: `onnxruntime-node ${ort.env?.versions?.node ?? "loaded"} (CPU execution provider)` });
  } catch (err) {
    checks.push({ part: "onnxruntime", ok: false, summary: `onnxruntime-node does not load: ${(err as Error).message}`, hint: "reinstall: npm ci" });
  }
  return { node: process.version, platform: `${process.platform}-${process.arch}`, checks };
}

export function formatDoctorReport(report: DoctorReport): string {
  const lines = [`reflex doctor — Node ${report.node} on ${report.platform}`];
  for (const c of report.checks) {
    lines.push(`  ${c.ok ? "ok  " : "--  "} ${c.part.padEnd(12)} ${c.summary}`);
    if (!c.ok && c.hint) lines.push(`       ${"".padEnd(12)} hint: ${c.hint}`);
  }
  return lines.join("\n");
}
