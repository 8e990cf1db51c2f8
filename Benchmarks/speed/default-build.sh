#!/usr/bin/env bash
# Target 1: the default build (vendored data, 99,999 relabellings per
# permutation test) — wall time, peak RSS, and the phases of every run
# (`--timings`), so a bimodal phase shows up; with BASE_BIN, the baseline
# binary runs alternately with the one under test, in the same sitting.
# With CALLGRIND=1, also the instruction count of one build of each binary
# (valgrind --tool=callgrind; repeatable whatever else the machine does).
# With BASE_DIR (the checkout the baseline was built from), the baseline reads
# that checkout's content/ and templates/: a binary from before a manifest or
# template change cannot read today's (e.g. the build before the robustness
# layer: BASE_DIR=/tmp/pre BASE_BIN=/tmp/pre/.build/release/backbone). Its
# results then differ by design, so the closing `backbone diff` is skipped.
# Usage: [RUNS=7] [BASE_BIN=.build-base/release/backbone [BASE_DIR=DIR]] [CALLGRIND=1] Benchmarks/speed/default-build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
. Benchmarks/speed/common.sh
BASE_DIR=${BASE_DIR:-}
base_inputs=()
[ -n "$BASE_DIR" ] && base_inputs=(--content "$BASE_DIR/content" --templates "$BASE_DIR/templates")
out=$WORK   # common.sh: removed on exit
for _ in $(seq "$RUNS"); do
  for who in new ${BASE:+base}; do
    bin=$BIN; inputs=(); [ "$who" = base ] && { bin=$BASE; inputs=("${base_inputs[@]}"); }
    /usr/bin/time -o "$times" -a -f "$who $TIME_FORMAT" "$bin" build "${inputs[@]}" --out "$out/site-$who" --timings 2>>"$out/phases-$who" >/dev/null
  done
done
echo "== default build, $RUNS alternating runs"
summary "$times"
for who in new ${BASE:+base}; do
  echo "== $who: phases of each run (s)"
  awk '/^timing:/ { sub(/^timing: /, ""); sub(/ s$/, ""); t = $NF; name = $0; sub(/ [^ ]+$/, "", name)
                    v[name] = v[name] " " t; if (!(name in seen)) { seen[name] = 1; order[++k] = name } }
       END { for (i = 1; i <= k; i++) printf "  %-28s%s\n", order[i], v[order[i]] }' "$out/phases-$who"
done
if [ "${CALLGRIND:-0}" = 1 ]; then
  echo "== instructions of one default build (callgrind)"
  # valgrind 3.19 crashes in the sigsuspend of an async @main's parked main thread: see the file.
  cc -O2 -shared -fPIC -o "$out/sigsuspend.so" Benchmarks/speed/valgrind-sigsuspend.c
  for who in new ${BASE:+base}; do
    bin=$BIN; [ "$who" = base ] && bin=$BASE
    # valgrind 3.19 cannot read the DWARF 5 of Swift 6.3 release builds: run a copy without debug info.
    objcopy --strip-debug "$bin" "$out/bin-$who"
    inputs=(); [ "$who" = base ] && inputs=("${base_inputs[@]}")
    LD_PRELOAD="$out/sigsuspend.so" valgrind --tool=callgrind --callgrind-out-file="$out/cg-$who" "$out/bin-$who" build "${inputs[@]}" --out "$out/cg-site-$who" 2>&1 >/dev/null \
      | awk -v who="$who" '/Collected :/ { printf "  %-6s %.3f G instructions (%s)\n", who, $NF / 1e9, $NF }'   # %d overflows at 2^31 in mawk
  done
fi
if [ -n "$BASE" ] && [ -z "$BASE_DIR" ]; then
  echo "== results of the two builds (backbone diff, exit 0 = nothing changed)"
  "$BIN" diff "$out/site-base" "$out/site-new" && echo "  nothing changed"
fi
