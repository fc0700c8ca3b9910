#!/usr/bin/env node
// Builds the native addon (native/) with cmake-js. Runs as the package's `install` step.
//
// Offline: the addon uses Node-API only, so cmake-js takes the headers from the node-api-headers package
// (native/package.json declares `binary.napi_versions`) and never downloads Node's headers.
// The CPU part always builds; CUDA where nvcc is found; TensorRT where its headers and library are found.
// A failed build fails the install: there is no silent JavaScript fallback.
//
// Environment:
//   REFLEX_NATIVE_CUDA=OFF|ON      OFF: no CUDA parts even where nvcc is found; ON: fail if nvcc is missing
//   REFLEX_NATIVE_TENSORRT=OFF|ON  OFF: no TensorRT parts even where found; ON: fail if TensorRT is missing
//   REFLEX_CUDA_ARCHS="87-real;90" CUDA architectures (default sm_87 + sm_90 SASS + sm_90 PTX)
//   TENSORRT_ROOT=/opt/tensorrt    where TensorRT lives when not in the standard (Jetson) paths
//   CUDACXX=/path/to/nvcc          which nvcc (default: PATH, then /usr/local/cuda/bin/nvcc)
//   REFLEX_NATIVE_JOBS=2           parallel compile jobs (default: min(2, cores))
//   REFLEX_NATIVE_SKIP=1           skip the build entirely (for tooling that only needs the JS side)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nativeDir = join(root, "native");
const buildDir = join(nativeDir, "build");

if (process.env.REFLEX_NATIVE_SKIP === "1") {
  console.log("[reflex native] REFLEX_NATIVE_SKIP=1: native addon not built; `reflex doctor` will say so.");
  process.exit(0);
}

function fail(message) {
  console.error(`\n[reflex native] BUILD FAILED: ${message}`);
  console.error("[reflex native] The install stops here: Reflex does not fall back to JavaScript silently.");
  console.error("[reflex native] Needs: cmake >= 3.18, a C++17 compiler (g++ >= 9), Node >= 20.");
  console.error("[reflex native] Optional: nvcc (CUDA parts), TensorRT 10 headers + libnvinfer (TensorRT parts).");
  console.error("[reflex native] To build without the GPU parts: REFLEX_NATIVE_CUDA=OFF REFLEX_NATIVE_TENSORRT=OFF npm ci");
  process.exit(1);
}

function findNvcc() {
  if (process.env.REFLEX_NATIVE_CUDA === "OFF") return undefined;
  if (process.env.CUDACXX && existsSync(process.env.CUDACXX)) return process.env.CUDACXX;
  const which = spawnSync("sh", ["-c", "command -v nvcc"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim() !== "") return which.stdout.trim();
  for (const candidate of ["/usr/local/cuda/bin/nvcc", "/usr/bin/nvcc"]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const cmakeJs = join(root, "node_modules", "cmake-js", "bin", "cmake-js");
if (!existsSync(cmakeJs)) fail(`cmake-js not found at ${cmakeJs}; run npm ci so devDependencies are present.`);
const cmake = spawnSync("cmake", ["--version"], { encoding: "utf8" });
if (cmake.status !== 0) fail("cmake not found on PATH. Install it: apt-get install -y cmake (>= 3.18).");

const nvcc = findNvcc();
const jobs = process.env.REFLEX_NATIVE_JOBS ?? String(Math.max(1, Math.min(2, cpus().length)));
if (process.env.REFLEX_NATIVE_CUDA === "ON" && nvcc === undefined) fail("REFLEX_NATIVE_CUDA=ON but nvcc was not found (PATH, CUDACXX, /usr/local/cuda/bin).");
const trtMode = ["OFF", "ON"].includes(process.env.REFLEX_NATIVE_TENSORRT ?? "") ? process.env.REFLEX_NATIVE_TENSORRT : "AUTO";
const defines = [
  `--CDREFLEX_WITH_CUDA=${nvcc === undefined ? "OFF" : "ON"}`,
  `--CDREFLEX_WITH_TENSORRT=${trtMode}`,
];
if (process.env.REFLEX_CUDA_ARCHS) defines.push(`--CDCMAKE_CUDA_ARCHITECTURES=${process.env.REFLEX_CUDA_ARCHS}`);
if (nvcc !== undefined) defines.push(`--CDCMAKE_CUDA_COMPILER=${nvcc}`);
if (process.env.TENSORRT_ROOT) defines.push(`--CDTENSORRT_ROOT=${process.env.TENSORRT_ROOT}`);

console.log(`[reflex native] building native/ with cmake-js (jobs=${jobs}, nvcc=${nvcc ?? "not found"})`);
const args = [cmakeJs, "build", "--directory", nativeDir, "--out", buildDir, "--config", "Release", "--parallel", jobs, ...defines];
const result = spawnSync(process.execPath, args, {
  stdio: "inherit",
  env: { ...process.env, CMAKE_BUILD_PARALLEL_LEVEL: jobs },
});
if (result.status !== 0) fail(`cmake-js exited with ${result.status ?? result.signal}. The compiler output above says why.`);

const featuresFile = join(buildDir, "reflex-native-features.json");
if (!existsSync(featuresFile)) fail(`the build did not write ${featuresFile}`);
const features = JSON.parse(readFileSync(featuresFile, "utf8"));
console.log("[reflex native] enabled:");
console.log(`  cpu        yes (${features.cpu})`);
console.log(`  cuda       ${features.cuda.enabled ? `yes (nvcc ${features.cuda.version}, archs ${features.cuda.architectures})` : `no (${features.cuda.reason})`}`);
console.log(`  tensorrt   ${features.tensorrt.enabled ? `yes (${features.tensorrt.version} at ${features.tensorrt.root})` : `no (${features.tensorrt.reason})`}`);
