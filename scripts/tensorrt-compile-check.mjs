#!/usr/bin/env node
// Compiles the TensorRT backend (native/src/trt/*.cpp and its binding) to object files against every set of
// TensorRT headers under .third_party/tensorrt-*/include (see scripts/tensorrt-headers.mjs), so the backend is
// known to build on machines without TensorRT. Compiling proves the sources match the API; it cannot prove
// they run (that needs a GPU and libnvinfer).
//
//   node scripts/tensorrt-compile-check.mjs [--headers <dir with include/>]...
// Exit 1 when any compile fails, 2 when no headers are present.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const headerRoots = [];
for (let i = 0; i < args.length; i++) if (args[i] === "--headers") headerRoots.push(args[++i]);
if (headerRoots.length === 0) {
  const third = join(root, ".third_party");
  if (existsSync(third)) {
    for (const d of readdirSync(third).sort()) if (d.startsWith("tensorrt-")) headerRoots.push(join(third, d));
  }
}
const usable = headerRoots.filter((r) => existsSync(join(r, "include", "NvInfer.h")));
if (usable.length === 0) {
  console.error("no TensorRT headers found: run node scripts/tensorrt-headers.mjs first (or pass --headers <dir>)");
  process.exit(2);
}

const cudaHome = process.env.CUDA_HOME ?? "/usr/local/cuda";
if (!existsSync(join(cudaHome, "include", "cuda_runtime_api.h"))) {
  console.error(`CUDA headers not found under ${cudaHome}/include (set CUDA_HOME)`);
  process.exit(2);
}
const napiHeaders = require("node-api-headers").include_dir;
const addonApi = dirname(require.resolve("node-addon-api/package.json"));
const sources = [
  "native/src/trt/trt_logger.cpp",
  "native/src/trt/trt_engine.cpp",
  "native/src/trt/trt_builder.cpp",
  "native/src/binding/tensorrt_binding.cpp",
];
const cxx = process.env.CXX ?? "g++";

function version(include) {
  const text = readFileSync(join(include, "NvInferVersion.h"), "utf8");
  const get = (name) => {
    const m = new RegExp(`#define (?:NV_TENSORRT_${name}|TRT_${name}_ENTERPRISE)\\s+(\\d+)`).exec(text);
    return m ? m[1] : "?";
  };
  return `${get("MAJOR")}.${get("MINOR")}.${get("PATCH")}`;
}

let failed = 0;
const out = mkdtempSync(join(tmpdir(), "reflex-trt-check-"));
for (const headers of usable) {
  const include = join(headers, "include");
  const v = version(include);
  for (const src of sources) {
    const obj = join(out, src.replace(/[/.]/g, "_") + ".o");
    const r = spawnSync(
      cxx,
      [
        "-std=c++17", "-O1", "-Wall", "-Wextra", "-Wno-deprecated-declarations", "-c", join(root, src), "-o", obj,
        "-DREFLEX_WITH_TENSORRT=1", "-DREFLEX_WITH_CUDA=1", "-DNAPI_VERSION=8", "-DNAPI_CPP_EXCEPTIONS",
        "-DNODE_ADDON_API_DISABLE_DEPRECATED",
        `-I${join(root, "native", "src")}`, `-isystem${include}`, `-isystem${join(cudaHome, "include")}`,
        `-isystem${napiHeaders}`, `-isystem${addonApi}`,
      ],
      { encoding: "utf8" },
    );
    const ok = r.status === 0;
    if (!ok) failed++;
    console.log(`${ok ? "ok    " : "FAILED"} TensorRT ${v} (${headers})  ${src}`);
    if (!ok) console.log(r.stderr.split("\n").slice(0, 30).join("\n"));
    else if (r.stderr.trim() !== "") console.log(r.stderr.trim().split("\n").slice(0, 10).join("\n"));
  }
}
rmSync(out, { recursive: true, force: true });
console.log(failed === 0 ? "TensorRT backend compiles against every header set above." : `${failed} compile(s) failed.`);
process.exit(failed === 0 ? 0 : 1);
