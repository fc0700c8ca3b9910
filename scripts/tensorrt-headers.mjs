#!/usr/bin/env node
// Puts NVIDIA's public TensorRT headers (include/ of github.com/NVIDIA/TensorRT at a release tag) under
// .third_party/tensorrt-<tag>/include, which is gitignored: they are read to compile-check the TensorRT
// backend on machines without TensorRT, and never committed.
//
//   node scripts/tensorrt-headers.mjs [--git-dir <TensorRT .git dir>] [--tag v10.3.0]...
//
// With --git-dir, the headers come from a local clone/mirror (git archive); otherwise from a shallow clone
// of https://github.com/NVIDIA/TensorRT (needs network). Releases before 10.4 keep NvOnnxParser.h in the
// onnx-tensorrt submodule, not in include/: --onnx-parser-git-dir <onnx-tensorrt .git dir> with
// --onnx-parser-ref <branch> (default 10.1-GA) adds it where include/ lacks it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
let gitDir = process.env.TENSORRT_GIT_DIR;
let parserGitDir;
let parserRef = "10.1-GA";
const tags = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--git-dir") gitDir = args[++i];
  else if (args[i] === "--tag") tags.push(args[++i]);
  else if (args[i] === "--onnx-parser-git-dir") parserGitDir = args[++i];
  else if (args[i] === "--onnx-parser-ref") parserRef = args[++i];
  else {
    console.error(`unknown argument ${args[i]}; usage: --git-dir <dir> --tag <tag>...`);
    process.exit(2);
  }
}
// v10.3.0: the TensorRT in JetPack 6.2; v10.16: the last 10.x release (implicit INT8 still present).
if (tags.length === 0) tags.push("v10.3.0", "v10.16");

for (const tag of tags) {
  const dest = join(root, ".third_party", `tensorrt-${tag}`);
  if (existsSync(join(dest, "include", "NvInfer.h"))) {
    console.log(`${dest}/include already present`);
    continue;
  }
  mkdirSync(dest, { recursive: true });
  if (gitDir) {
    execFileSync("sh", ["-c", `git --git-dir="${gitDir}" archive "${tag}" include | tar -x -C "${dest}"`], { stdio: "inherit" });
  } else {
    const tmp = mkdtempSync(join(tmpdir(), "trt-"));
    execFileSync("git", ["clone", "--depth", "1", "--branch", tag, "https://github.com/NVIDIA/TensorRT", tmp], { stdio: "inherit" });
    execFileSync("cp", ["-r", join(tmp, "include"), dest]);
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`TensorRT ${tag} headers -> ${dest}/include`);
}

for (const tag of tags) {
  const include = join(root, ".third_party", `tensorrt-${tag}`, "include");
  if (existsSync(join(include, "NvOnnxParser.h"))) continue;
  if (!parserGitDir) {
    console.log(`${tag}: include/ has no NvOnnxParser.h; pass --onnx-parser-git-dir to add onnx-tensorrt's`);
    continue;
  }
  execFileSync("sh", ["-c", `git --git-dir="${parserGitDir}" show "${parserRef}:NvOnnxParser.h" > "${join(include, "NvOnnxParser.h")}"`], { stdio: "inherit" });
  console.log(`${tag}: NvOnnxParser.h from onnx-tensorrt ${parserRef}`);
}
