#!/usr/bin/env bash
# Packs what scripts/gpu-check.sh needs on a bare, offline GPU machine into an ignored folder (default
# .gpu-carry/), to be carried next to the git working tree:
#   node.xz                 this machine's Node binary, xz-compressed (xz -T2 -9; kept when unchanged)
#   node_modules.tar.xz     only the packages test:gpu, bench:cuda-graph, the histogram comparison and an
#                           addon rebuild load (tsx + esbuild, mocha, cmake-js, the Node-API headers)
#   addon-sm90/             the native addon built here with CUDA for sm_90 (SASS + PTX), so a build there is
#                           optional; it links cudart statically, so it needs a driver new enough for this nvcc
#   manifest.json           versions, sizes, build seconds, the commit it was packed from
#
#   bash scripts/gpu-pack.sh [--out DIR] [--archs 90] [--skip-addon]
#   bash scripts/gpu-pack.sh --dry-run OUTDIR   copy the tree as the device machine gets it (tracked and
#                                               untracked-not-ignored files) plus the carry folder into a temp
#                                               dir and run gpu-check.sh there; without a GPU it must exit 3
set -u -o pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/.gpu-carry"
ARCHS=90
SKIP_ADDON=0
DRY_RUN_OUT=""
# The device tool carries the tree and the carried paths in one 64 MiB allowance; leave room for the tree.
LIMIT_BYTES=$((64 * 1024 * 1024))

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$(realpath -m "$2"); shift 2 ;;
    --archs) ARCHS="$2"; shift 2 ;;
    --skip-addon) SKIP_ADDON=1; shift ;;
    --dry-run) DRY_RUN_OUT=$(realpath -m "${2:?--dry-run needs an output folder}"); shift 2 ;;
    -h|--help) usage ;;
    *) echo "gpu-pack: unknown argument $1" >&2; usage ;;
  esac
done

T0=$(date +%s)
say() { local e=$(( $(date +%s) - T0 )); printf '[%02d:%02d] %s\n' $((e / 60)) $((e % 60)) "$*"; }
die() { say "FAILED: $*"; exit 1; }
bytes() { stat -c %s "$1"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

tree_bytes() {
  # What the device tool copies: tracked files plus untracked files git does not ignore.
  (cd "$ROOT" && git ls-files -z -co --exclude-standard | xargs -0 stat -c %s 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
}

if [ -n "$DRY_RUN_OUT" ]; then
  [ -f "$OUT/manifest.json" ] || die "no pack at $OUT: run bash scripts/gpu-pack.sh first"
  SIM=$(mktemp -d "${TMPDIR:-/tmp}/reflex-gpu-dry.XXXXXX")
  say "dry run: copying the tree as the device gets it to $SIM/tree"
  mkdir -p "$SIM/tree"
  (cd "$ROOT" && git ls-files -z -co --exclude-standard | tar --null -T - -cf -) | tar -C "$SIM/tree" -xf - || die "copying the tree"
  cp -a "$OUT" "$SIM/tree/.gpu-carry"
  # node_modules that is a link is not ignored (node_modules/ matches folders), so it travels, and on the
  # device it points at nothing: make it so here.
  if [ -L "$SIM/tree/node_modules" ]; then ln -sfn "$SIM/absent/node_modules" "$SIM/tree/node_modules"; fi
  say "dry run: bash scripts/gpu-check.sh $DRY_RUN_OUT (in the copy)"
  (cd "$SIM/tree" && bash scripts/gpu-check.sh "$DRY_RUN_OUT")
  rc=$?
  rm -rf "$SIM"
  if [ "$rc" -eq 3 ]; then say "dry run: gpu-check stopped at 'no NVIDIA device' (exit 3) with every step before it passed"; exit 0; fi
  say "dry run: gpu-check exited $rc (0 = a GPU was here; 3 was expected on a machine without one)"
  exit "$rc"
fi

NODE=$(command -v node) || die "node not on PATH"
command -v xz >/dev/null || die "xz not found (apt-get install -y xz-utils)"
mkdir -p "$OUT"
rm -f "$OUT/node_modules.tar.xz" "$OUT/manifest.json"
say "packing into $OUT (node $("$NODE" --version) from $NODE)"

# ---------------------------------------------------------------- node binary
s=$(date +%s)
# xz -9 of ~95 MiB takes minutes on two cores: an earlier node.xz that unpacks to this very binary is kept.
if [ -f "$OUT/node.xz" ] && xz -dc "$OUT/node.xz" 2>/dev/null | cmp -s - "$NODE"; then
  say "node binary: kept the earlier node.xz ($(mib "$(bytes "$OUT/node.xz")"), unpacks to $NODE byte for byte)"
else
  rm -f "$OUT/node.xz"
  xz -T2 -9 < "$NODE" > "$OUT/node.xz" || die "xz of $NODE"
  say "node binary: $(mib "$(bytes "$NODE")") -> node.xz $(mib "$(bytes "$OUT/node.xz")") in $(( $(date +%s) - s ))s"
fi

# ---------------------------------------------------------------- node_modules subset
# The closure of the roots' dependencies, resolved the way Node does (nearest node_modules up the tree);
# optional dependencies only where installed (esbuild's one platform binary).
ROOTS=(tsx mocha cmake-js node-addon-api node-api-headers)
# shellcheck disable=SC2016  # a JavaScript program, not shell
LIST=$(cd "$ROOT" && "$NODE" --input-type=module -e '
  import { existsSync, readFileSync } from "node:fs";
  import { dirname, join, relative } from "node:path";
  const root = process.cwd();
  const seen = new Set();
  const find = (name, from) => {
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, "node_modules", name);
      if (existsSync(join(candidate, "package.json"))) return candidate;
      if (dir === root || dirname(dir) === dir) return undefined;
    }
  };
  const visit = (dir) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const [deps, optional] of [[pkg.dependencies, false], [pkg.optionalDependencies, true]]) {
      for (const name of Object.keys(deps ?? {})) {
        const found = find(name, dir);
        if (found === undefined && !optional) throw new Error(`${relative(root, dir)} needs ${name}, not installed`);
        if (found !== undefined) visit(found);
      }
    }
  };
  for (const name of process.argv.slice(1)) {
    const found = find(name, root);
    if (found === undefined) throw new Error(`${name} is not installed: run npm ci`);
    visit(found);
  }
  // A package inside another listed package travels with it.
  const dirs = [...seen].map((d) => relative(root, d)).sort();
  console.log(dirs.filter((d) => !dirs.some((o) => o !== d && d.startsWith(o + "/"))).join("\n"));
' "${ROOTS[@]}") || die "resolving the node_modules subset"
COUNT=$(printf '%s\n' "$LIST" | wc -l)
BINS=""
for b in tsx mocha cmake-js; do [ -L "$ROOT/node_modules/.bin/$b" ] && BINS="$BINS node_modules/.bin/$b"; done
s=$(date +%s)
# node_modules may itself be a link (worktrees share one): tar follows it as a path component and stores real
# files, while the .bin links stay links (tsx's cli imports its chunks relative to its real place).
# shellcheck disable=SC2086  # BINS is a list of paths without spaces
(cd "$ROOT" && printf '%s\n' "$LIST" $BINS | tar --exclude='*.md' --exclude='*.map' --exclude='*.d.ts' --exclude='*.d.mts' \
  --exclude='*.d.cts' -cf - -T -) | xz -T2 -9 > "$OUT/node_modules.tar.xz" || die "tar of node_modules"
MODULES_SECONDS=$(( $(date +%s) - s ))
say "node_modules: $COUNT packages ($(IFS=,; echo "${ROOTS[*]}"), their dependencies) -> node_modules.tar.xz $(mib "$(bytes "$OUT/node_modules.tar.xz")") in ${MODULES_SECONDS}s"

# ---------------------------------------------------------------- addon for sm_90
BUILD_SECONDS=0
if [ "$SKIP_ADDON" -eq 0 ]; then
  BUILD=$(mktemp -d "${TMPDIR:-/tmp}/reflex-gpu-pack-build.XXXXXX")
  s=$(date +%s)
  say "addon: building with CUDA for archs $ARCHS in $BUILD (log in $BUILD.log)"
  NODE="$NODE" bash "$ROOT/scripts/gpu-check.sh" --build-addon "$ARCHS" "$BUILD" > "$BUILD.log" 2>&1 || { tail -30 "$BUILD.log"; die "addon build (full log $BUILD.log)"; }
  BUILD_SECONDS=$(( $(date +%s) - s ))
  rm -rf "$OUT/addon-sm90"
  mkdir -p "$OUT/addon-sm90"
  cp "$BUILD/Release/reflex_native.node" "$BUILD/reflex-native-features.json" "$OUT/addon-sm90/"
  cp "$BUILD/Release/reflex_native_tests" "$OUT/addon-sm90/" 2>/dev/null || true
  grep -q '"enabled":true,"version"' "$OUT/addon-sm90/reflex-native-features.json" || die "the addon was built without CUDA: $(cat "$OUT/addon-sm90/reflex-native-features.json")"
  rm -rf "$BUILD" "$BUILD.log"
  say "addon: built in ${BUILD_SECONDS}s with $(nproc) cores: $(cat "$OUT/addon-sm90/reflex-native-features.json")"
else
  [ -f "$OUT/addon-sm90/reflex_native.node" ] || die "--skip-addon but no $OUT/addon-sm90 from an earlier pack"
  say "addon: kept the earlier $OUT/addon-sm90"
fi

# ---------------------------------------------------------------- manifest and sizes
CARRY_BYTES=$(du -sb "$OUT" | cut -f1)
TREE_BYTES=$(tree_bytes)
TOTAL=$((CARRY_BYTES + TREE_BYTES))
COMMIT=$(cd "$ROOT" && git rev-parse HEAD 2>/dev/null || echo unknown)
DIRTY=$(cd "$ROOT" && { git status --porcelain 2>/dev/null | grep -vc '^??'; true; })
cat > "$OUT/manifest.json" <<EOF
{"packedAt":"$(date -u +%Y-%m-%dT%H:%M:%SZ)","commit":"$COMMIT","modifiedTrackedFiles":$DIRTY,"node":"$("$NODE" --version)","arch":"$(uname -m)",
"nodeXzBytes":$(bytes "$OUT/node.xz"),"nodeModulesBytes":$(bytes "$OUT/node_modules.tar.xz"),"packages":$COUNT,
"addonArchs":"$ARCHS","addonBuildSeconds":$BUILD_SECONDS,"addonBuildCores":$(nproc),"carryBytes":$CARRY_BYTES,"treeBytes":$TREE_BYTES}
EOF
say "sizes: carry $(mib "$CARRY_BYTES") + tree $(mib "$TREE_BYTES") = $(mib "$TOTAL") of the 64 MiB the device tool takes"
[ "$TOTAL" -lt "$LIMIT_BYTES" ] || die "carry + tree exceed 64 MiB"
say "done: carry it with the device tool's carry: [\"$(realpath --relative-to="$ROOT" "$OUT")\"], then run: bash scripts/gpu-check.sh \"\$OUT\""
