#!/usr/bin/env bash
# The GPU check: on a bare x86-64 machine with an NVIDIA driver, no network and no npm, runs the CUDA kernels,
# the CUDA-graph executor and the GPU calibration histogram, which nothing else here can execute.
#
#   bash scripts/gpu-check.sh OUTDIR [--carry DIR] [--no-build]
#
# Needs the tree plus the folder scripts/gpu-pack.sh makes (default .gpu-carry/: node.xz, node_modules.tar.xz,
# addon-sm90/). A node on PATH (>= 20) and a node_modules already in the tree are used when there is no pack.
# Steps: unpack node and node_modules, load the prebuilt addon, find the GPU (nvidia-smi), rebuild the addon
# for its compute capability where cmake, g++ and nvcc are there (else keep the prebuilt one), check the addon
# sees the GPU, then `npm run test:gpu`, `npm run bench:cuda-graph -- --json` and the GPU-vs-CPU histogram
# comparison (test/native/gpu/histogram-compare.ts). The whole run is held under 8 minutes: each step's
# timeout is cut to what is left of that.
# Writes OUTDIR/gpu-check.log (everything) and OUTDIR/gpu-check.json (each step: name, ok, seconds, details;
# the GPU and driver from nvidia-smi), rewritten after every step so a killed run still leaves a summary.
# Exit: 0 all passed; 1 a step failed; 2 usage; 3 no NVIDIA device, after every step before that passed.
#
#   bash scripts/gpu-check.sh --build-addon ARCHS BUILDDIR   build the addon with CUDA for ARCHS (e.g. 90)
#                                                            into BUILDDIR (used here and by gpu-pack.sh)
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUDGET_SECONDS=470 # 8 minutes less a margin for the summary

find_nvcc() {
  if [ -n "${CUDACXX:-}" ] && [ -x "$CUDACXX" ]; then echo "$CUDACXX"; return 0; fi
  if command -v nvcc >/dev/null 2>&1; then command -v nvcc; return 0; fi
  for c in /usr/local/cuda/bin/nvcc /usr/bin/nvcc; do [ -x "$c" ] && { echo "$c"; return 0; }; done
  return 1
}

# The same cmake-js build as scripts/build-native.mjs, but into a folder of our own: native/build may be a
# link to another checkout's build (worktrees), and the prebuilt addon must survive a failed rebuild.
build_addon() {
  local archs=$1 dir=$2 node=${NODE:-node} nvcc jobs
  nvcc=$(find_nvcc) || { echo "nvcc not found (PATH, CUDACXX, /usr/local/cuda/bin)"; return 1; }
  jobs=${REFLEX_NATIVE_JOBS:-$(nproc)}
  mkdir -p "$dir"
  echo "building native/ for CUDA archs $archs with $nvcc, $jobs jobs, into $dir"
  CMAKE_BUILD_PARALLEL_LEVEL=$jobs "$node" "$ROOT/node_modules/cmake-js/bin/cmake-js" build --directory "$ROOT/native" --out "$dir" \
    --config Release --parallel "$jobs" --CDREFLEX_WITH_CUDA=ON --CDREFLEX_WITH_TENSORRT=OFF \
    "--CDCMAKE_CUDA_ARCHITECTURES=$archs" "--CDCMAKE_CUDA_COMPILER=$nvcc" || return 1
  [ -f "$dir/Release/reflex_native.node" ] || { echo "the build left no $dir/Release/reflex_native.node"; return 1; }
  cat "$dir/reflex-native-features.json"
}

if [ "${1:-}" = "--build-addon" ]; then
  [ $# -eq 3 ] || { echo "usage: gpu-check.sh --build-addon ARCHS BUILDDIR" >&2; exit 2; }
  build_addon "$2" "$(realpath -m "$3")"
  exit $?
fi

OUTDIR=""
CARRY="$ROOT/.gpu-carry"
NO_BUILD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --carry) CARRY=$(realpath -m "$2"); shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
    -*) echo "gpu-check: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$OUTDIR" ] || { echo "gpu-check: one OUTDIR only" >&2; exit 2; }; OUTDIR=$(realpath -m "$1"); shift ;;
  esac
done
[ -n "$OUTDIR" ] || { echo "usage: bash scripts/gpu-check.sh OUTDIR [--carry DIR] [--no-build]" >&2; exit 2; }
mkdir -p "$OUTDIR" || exit 2
LOG="$OUTDIR/gpu-check.log"
JSON="$OUTDIR/gpu-check.json"
: > "$LOG"
# Outside the tree and OUTDIR: the unpacked node is ~100 MB and neither should carry it back.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/reflex-gpu-check.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

T0=$(date +%s)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
elapsed() { echo $(( $(date +%s) - T0 )); }
say() { local e; e=$(elapsed); printf '[%02d:%02d] %s\n' $((e / 60)) $((e % 60)) "$*" | tee -a "$LOG"; }
# Output of a command goes to the log only; the timeline stays readable.
logcmd() { echo "\$ $*" >> "$LOG"; "$@" >> "$LOG" 2>&1; }

json_str() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/\\n}; s=${s//$'\t'/ }; s=${s//$'\r'/}
  printf '"%s"' "$(printf '%s' "$s" | tr -d '\000-\037')"
}

STEPS=()
TIMES=()
GPU_JSON=null
RESULT=running
EXIT_CODE=""
write_json() {
  local steps="" i
  for i in "${!STEPS[@]}"; do [ "$i" -gt 0 ] && steps+=","; steps+="${STEPS[$i]}"; done
  printf '{"script":"scripts/gpu-check.sh","started":"%s","seconds":%d,"result":"%s","exitCode":%s,"host":%s,"gpu":%s,"steps":[%s]}\n' \
    "$STARTED" "$(elapsed)" "$RESULT" "${EXIT_CODE:-null}" "$(json_str "$(uname -srm)")" "$GPU_JSON" "$steps" > "$JSON"
}

STEP_NAME=""
STEP_T0=0
begin() { STEP_NAME=$1; STEP_T0=$(date +%s); echo "=== step $1" >> "$LOG"; }
# end OK DETAILS: records the step; a failed step ends the run (the next ones all need it) unless KEEP_GOING=1.
end() {
  local ok=$1 details=$2 secs
  secs=$(( $(date +%s) - STEP_T0 ))
  STEPS+=("{\"name\":$(json_str "$STEP_NAME"),\"ok\":$ok,\"seconds\":$secs,\"details\":$(json_str "$details")}")
  TIMES+=("$(printf '%-18s %4ss  %s' "$STEP_NAME" "$secs" "$([ "$ok" = true ] && echo ok || echo FAILED)")")
  if [ "$ok" = true ]; then say "$STEP_NAME: $details"; else say "$STEP_NAME FAILED: $details"; FAILED=1; fi
  write_json
  if [ "$ok" != true ] && [ "${KEEP_GOING:-0}" != 1 ]; then finish 1; fi
}
FAILED=0
finish() {
  EXIT_CODE=$1
  case "$1" in 0) RESULT=passed ;; 3) RESULT=no-device ;; *) RESULT=failed ;; esac
  write_json
  say "where the time went:"
  local t; for t in "${TIMES[@]}"; do say "  $t"; done
  say "result: $RESULT (exit $1) after $(elapsed)s; log $LOG, summary $JSON"
  exit "$1"
}
# Seconds left for a step: its own cap, cut to what remains of the 8-minute budget.
left() { local l=$((BUDGET_SECONDS - $(elapsed))); [ "$l" -lt "$1" ] && echo $((l > 5 ? l : 5)) || echo "$1"; }
with_timeout() { local s=$1; shift; if command -v timeout >/dev/null; then timeout -k 5 "$s" "$@"; else "$@"; fi; }

say "gpu-check in $ROOT, carry $CARRY, writing $OUTDIR"
write_json

# ---------------------------------------------------------------- 1. the tree and the pack
begin tree
missing=""
for f in package.json tsconfig.json native/CMakeLists.txt test/native/gpu/run-gpu-tests.ts bench/cuda-graph/main.ts test/native/gpu/histogram-compare.ts; do
  [ -f "$ROOT/$f" ] || missing="$missing $f"
done
[ -z "$missing" ] || end false "the tree lacks:$missing"
if [ -f "$CARRY/manifest.json" ]; then
  end true "pack $(tr -d '\n' < "$CARRY/manifest.json")"
else
  end true "no pack at $CARRY: using node and node_modules from this machine"
fi

# xz or, where it is absent, Python's lzma: bare images tend to have one of them.
# shellcheck disable=SC2317  # called through logcmd
unxz_to() {
  if command -v xz >/dev/null; then xz -dc "$1" > "$2"
  elif command -v python3 >/dev/null; then python3 -c 'import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"
  else echo "neither xz nor python3 to unpack $1"; return 1; fi
}
# shellcheck disable=SC2317  # called through logcmd
untar_xz() {
  if command -v xz >/dev/null; then xz -dc "$1" | tar -C "$2" -xf -
  elif command -v python3 >/dev/null; then python3 -c 'import sys,tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' "$1" "$2"
  else echo "neither xz nor python3 to unpack $1"; return 1; fi
}

# ---------------------------------------------------------------- 2. node
begin node
mkdir -p "$WORK/bin"
if [ -f "$CARRY/node.xz" ]; then
  logcmd unxz_to "$CARRY/node.xz" "$WORK/bin/node" || end false "could not unpack $CARRY/node.xz (see log)"
  chmod +x "$WORK/bin/node"
  how="unpacked $CARRY/node.xz"
elif command -v node >/dev/null; then
  ln -s "$(command -v node)" "$WORK/bin/node"
  how="no node.xz in the pack: using $(command -v node)"
else
  end false "no node.xz in $CARRY and no node on PATH: run scripts/gpu-pack.sh and carry .gpu-carry"
fi
export PATH="$ROOT/node_modules/.bin:$WORK/bin:$PATH"
NODE="$WORK/bin/node"
export NODE
version=$("$NODE" --version 2>>"$LOG") || end false "$how, but it does not run here: $(ldd "$NODE" 2>&1 | grep -i 'not found' | tr '\n' ' ')"
case "$version" in v1[0-9].*|v[0-9].*) end false "$how: $version, Reflex needs Node >= 20" ;; esac
end true "$how: node $version"

# ---------------------------------------------------------------- 3. node_modules
begin node_modules
need="tsx/dist/cli.mjs mocha/bin/mocha.js cmake-js/bin/cmake-js node-api-headers/include/node_api.h node-addon-api/napi.h"
lacking() { local f a=""; for f in $need; do [ -e "$ROOT/node_modules/$f" ] || a="$a $f"; done; echo "$a"; }
how=""
# A checkout whose node_modules is a link (worktrees share one) reaches the device as a link to nothing.
if [ -L "$ROOT/node_modules" ] && [ ! -e "$ROOT/node_modules" ]; then
  how="removed a node_modules link to nothing ($(readlink "$ROOT/node_modules")); "
  rm "$ROOT/node_modules"
fi
if [ -e "$ROOT/node_modules" ] && [ -z "$(lacking)" ]; then
  how="${how}node_modules already in the tree"
elif [ -f "$CARRY/node_modules.tar.xz" ]; then
  logcmd untar_xz "$CARRY/node_modules.tar.xz" "$ROOT" || end false "could not unpack $CARRY/node_modules.tar.xz (see log)"
  how="${how}unpacked $CARRY/node_modules.tar.xz ($(find "$ROOT/node_modules" -mindepth 1 -maxdepth 1 | wc -l) entries)"
else
  end false "${how}no complete node_modules in the tree (lacks:$(lacking)) and no node_modules.tar.xz in $CARRY"
fi
absent=$(lacking)
[ -z "$absent" ] || end false "$how, but it lacks:$absent"
tsxv=$(cd "$ROOT" && with_timeout "$(left 60)" tsx --version 2>>"$LOG" | tr '\n' ' ') || end false "$how, but tsx does not start (see log)"
end true "$how; $tsxv"

# ---------------------------------------------------------------- 4. the prebuilt addon
# Loaded through sdk/native/addon.ts by tsx: the same path every GPU step takes.
addon_report() {
  (cd "$ROOT" && with_timeout "$(left 60)" tsx -e '
    import { loadNative } from "./sdk/native/addon.ts";
    const a = loadNative();
    const q = a.cuda.built ? a.cuda.devices() : undefined;
    console.log(JSON.stringify({ cuda: a.buildInfo.cuda, cpu: a.buildInfo.cpu, devices: q?.devices ?? [], error: q?.error ?? "built without CUDA", driverVersion: q?.driverVersion ?? 0, runtimeVersion: q?.runtimeVersion ?? 0 }));
  ' 2>>"$LOG" | tail -1)
}
begin addon_prebuilt
if [ -f "$CARRY/addon-sm90/reflex_native.node" ]; then
  mkdir -p "$WORK/addon"
  cp "$CARRY/addon-sm90/reflex_native.node" "$WORK/addon/"
  export REFLEX_NATIVE_PATH="$WORK/addon/reflex_native.node"
  how="prebuilt $CARRY/addon-sm90"
elif [ -f "$ROOT/native/build/Release/reflex_native.node" ]; then
  unset REFLEX_NATIVE_PATH
  how="native/build/Release in the tree"
else
  unset REFLEX_NATIVE_PATH
  how="none prebuilt"
fi
if [ "$how" = "none prebuilt" ]; then
  PREBUILT_OK=0
  KEEP_GOING=1 end true "no prebuilt addon: the build step must make one"
else
  report=$(addon_report) || report=""
  echo "$report" >> "$LOG"
  case "$report" in
    *'"enabled":true'*) PREBUILT_OK=1; end true "$how loads, CUDA in it: $report" ;;
    '') end false "$how does not load here (see log: a glibc or libstdc++ older than the build machine's?)" ;;
    *) end false "$how was built without CUDA: $report" ;;
  esac
fi

# ---------------------------------------------------------------- 5. the device
begin device
if ! command -v nvidia-smi >/dev/null; then
  smi=""
else
  smi=$(with_timeout 30 nvidia-smi --query-gpu=name,driver_version,compute_cap,memory.total --format=csv,noheader 2>>"$LOG" | head -1) || smi=""
  if [ -z "$smi" ] || [ "${smi#*,}" = "$smi" ]; then
    # Older drivers have no compute_cap field; the name and driver still say which machine this was.
    smi=$(with_timeout 30 nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>>"$LOG" | head -1 | sed 's/^\([^,]*,[^,]*\),/\1, ,/') || smi=""
  fi
fi
if [ -z "$smi" ]; then
  echo "nvidia-smi: $(command -v nvidia-smi || echo absent)" >> "$LOG"
  STEP_NAME=device
  secs=$(( $(date +%s) - STEP_T0 ))
  STEPS+=("{\"name\":\"device\",\"ok\":false,\"seconds\":$secs,\"details\":\"no NVIDIA device (nvidia-smi absent or no GPU)\"}")
  TIMES+=("$(printf '%-18s %4ss  %s' device "$secs" 'no device')")
  say "no NVIDIA device (nvidia-smi absent or no GPU): stopping before the GPU steps"
  finish 3
fi
IFS=',' read -r GPU_NAME GPU_DRIVER GPU_CC GPU_MEM <<< "$smi"
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }
GPU_NAME=$(trim "$GPU_NAME"); GPU_DRIVER=$(trim "$GPU_DRIVER"); GPU_CC=$(trim "$GPU_CC"); GPU_MEM=$(trim "$GPU_MEM")
GPU_COUNT=$(nvidia-smi -L 2>/dev/null | grep -c '^GPU')
GPU_JSON="{\"name\":$(json_str "$GPU_NAME"),\"driver\":$(json_str "$GPU_DRIVER"),\"computeCapability\":$(json_str "$GPU_CC"),\"memory\":$(json_str "$GPU_MEM"),\"count\":$GPU_COUNT}"
end true "$GPU_COUNT GPU(s), first: $GPU_NAME, driver $GPU_DRIVER, compute capability ${GPU_CC:-unknown}, $GPU_MEM"

# ---------------------------------------------------------------- 6. the addon for this GPU
begin build
ARCH=${GPU_CC//./}
why=""
[ "$NO_BUILD" -eq 1 ] && why="--no-build"
[ -z "$why" ] && [ -z "$ARCH" ] && why="compute capability unknown (old nvidia-smi)"
[ -z "$why" ] && ! command -v cmake >/dev/null && why="no cmake"
[ -z "$why" ] && ! command -v g++ >/dev/null && why="no g++"
[ -z "$why" ] && ! nvcc=$(find_nvcc) && why="no nvcc"
if [ -n "$why" ]; then
  [ "$PREBUILT_OK" -eq 1 ] || end false "not built ($why) and there is no prebuilt addon"
  end true "not rebuilt ($why): using the prebuilt sm_90 addon"
else
  echo "nvcc: $("$nvcc" --version | tail -2 | tr '\n' ' ')" >> "$LOG"
  if logcmd with_timeout "$(left 240)" bash "$ROOT/scripts/gpu-check.sh" --build-addon "$ARCH" "$WORK/native-build"; then
    export REFLEX_NATIVE_PATH="$WORK/native-build/Release/reflex_native.node"
    end true "built for sm_$ARCH with $($nvcc --version | grep -o 'release [0-9.]*' | head -1), $(nproc) jobs: $(tr -d '\n' < "$WORK/native-build/reflex-native-features.json")"
  elif [ "$PREBUILT_OK" -eq 1 ]; then
    # The GPU steps are still worth their device time with the prebuilt addon; the run still fails.
    KEEP_GOING=1 end false "the build for sm_$ARCH failed (see log): going on with the prebuilt sm_90 addon"
  else
    end false "the build for sm_$ARCH failed (see log) and there is no prebuilt addon"
  fi
fi

# ---------------------------------------------------------------- 7. the addon sees the GPU
begin addon_sees_gpu
report=$(addon_report) || report=""
echo "$report" >> "$LOG"
case "$report" in
  *'"devices":[{'*) end true "${REFLEX_NATIVE_PATH:-native/build/Release}: $report" ;;
  # cudart is linked statically: a driver older than the CUDA that built the addon reports no devices
  # (Linux minimums for a CUDA major version: 11 -> 450, 12 -> 525, 13 -> 580).
  *)
    runtime=$(printf '%s' "$report" | grep -o '"runtimeVersion":[0-9]*' | grep -o '[0-9]*$')
    case "$((${runtime:-0} / 1000))" in 11) min=450 ;; 12) min=525 ;; 13) min=580 ;; *) min="" ;; esac
    hint=""
    [ -n "$min" ] && [ "${GPU_DRIVER%%.*}" -lt "$min" ] 2>/dev/null && hint="; the addon's CUDA $((runtime / 1000)) runtime needs driver >= $min, this one is $GPU_DRIVER: rebuild here with this machine's nvcc, or pack an addon built with an older CUDA"
    end false "the addon lists no CUDA device: $report$hint" ;;
esac

# ---------------------------------------------------------------- 8-10. the GPU steps
# Run as `npm run` would: the package.json script through sh, node_modules/.bin first on PATH (no npm there).
npm_script() { (cd "$ROOT" && "$NODE" -e 'const s = require("./package.json").scripts[process.argv[1]]; if (!s) process.exit(1); console.log(s)' "$1"); }

KEEP_GOING=1
begin test:gpu
out="$WORK/test-gpu.out"
if ! cmd=$(npm_script test:gpu); then end false "package.json has no test:gpu script"
else
  (cd "$ROOT" && with_timeout "$(left 180)" sh -c "$cmd" > "$out" 2>&1); rc=$?
  cat "$out" >> "$LOG"
  summary=$(grep -E '^ *[0-9]+ (passing|failing|pending)' "$out" | tr -s ' ' | tr '\n' ' ')
  if [ "$rc" -ne 0 ]; then end false "exit $rc: $summary$(grep -m3 -E 'Error|failing' "$out" | tr '\n' ' ')"
  elif ! grep -q '^test:gpu: running on' "$out"; then end false "exit 0 but NOT RUN: $(grep -m1 'test:gpu' "$out")"
  else end true "$(grep -m1 '^test:gpu: running on' "$out"); $summary"; fi
fi

begin bench:cuda-graph
out="$WORK/bench.out"
if ! cmd=$(npm_script bench:cuda-graph); then end false "package.json has no bench:cuda-graph script"
else
  # As `npm run bench:cuda-graph -- --json`.
  (cd "$ROOT" && with_timeout "$(left 150)" sh -c "$cmd --json" > "$out" 2>&1); rc=$?
  cat "$out" >> "$LOG"
  line=$(grep '^{"bench":"cuda-graph"' "$out" | tail -1)
  if [ "$rc" -ne 0 ]; then end false "exit $rc: $(tail -3 "$out" | tr '\n' ' ')"
  else
    case "$line" in
      *'"run":true'*'"graphUsed":true'*'"resultsMatch":true'*) end true "$(grep -m1 '^graph used' "$out"); $line" ;;
      *) end false "$(grep -m1 -E 'not run|graph used' "$out"): $line" ;;
    esac
  fi
fi

begin histogram
out="$WORK/histogram.out"
(cd "$ROOT" && with_timeout "$(left 150)" tsx test/native/gpu/histogram-compare.ts > "$out" 2>&1); rc=$?
cat "$out" >> "$LOG"
case "$rc" in
  0) end true "$(grep -m1 'cases with the same counts' "$out")" ;;
  2) end false "NOT RUN: $(grep -m1 'NOT RUN' "$out")" ;;
  *) end false "exit $rc: $(grep -m1 'cases with the same counts' "$out") $(grep -m3 'DIFFERENT\|Error' "$out" | tr '\n' ' ')" ;;
esac

if [ "$FAILED" -eq 0 ]; then finish 0; else finish 1; fi
