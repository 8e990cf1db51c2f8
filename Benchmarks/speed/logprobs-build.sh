#!/usr/bin/env bash
# Target 2: the whole build with the 12 full-size SIMULATED log-prob tables
# (2.1 GB) and --permutations 1, warm page cache (RUNS alternating runs, with
# BASE_BIN also the baseline binary), then cold: the time to read the tables'
# bytes (`cat` of the tables > /dev/null) and the time of one build, each right
# after `echo 3 > /proc/sys/vm/drop_caches` (needs root; COLD_RUNS rounds,
# default 3, 0 to skip; with BASE_BIN each round also builds with the
# baseline, the two taking turns going first).
# DIR may hold the tables as CSV or as Parquet.
# Usage: [RUNS=5] [BASE_BIN=...] Benchmarks/speed/logprobs-build.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:-/tmp/backbone-logprobs-full}
. Benchmarks/speed/common.sh
if [ ! -f "$DIR/SIMULATED.txt" ]; then
  echo "generating the 12 full-size simulated tables into $DIR"
  "$BIN" generate-logprobs --out "$DIR" 2>/dev/null
fi
# The tables as CSV or, as the study publishes them, as Parquet (Benchmarks/parquet/convert.py).
tables=$(shopt -s nullglob; printf '%s\n' "$DIR"/*.csv "$DIR"/*.parquet | grep -v -E -- '-copy[0-9]*\.(csv|parquet)$')
echo "tables: $(echo "$tables" | wc -l) files, $(cat $tables | wc -c | awk '{ printf "%.2f GB", $1 / 1e9 }') in $DIR"
out=$WORK   # common.sh: removed on exit
cat $tables > /dev/null
for _ in $(seq "$RUNS"); do
  for who in new ${BASE:+base}; do
    bin=$BIN; [ "$who" = base ] && bin=$BASE
    /usr/bin/time -o "$times" -a -f "warm-$who $TIME_FORMAT" "$bin" build --logprobs "$DIR" --permutations 1 --out "$out/site-$who" >/dev/null 2>&1
  done
done
echo "== warm page cache, $RUNS alternating runs"
summary "$times"
"$BIN" build --logprobs "$DIR" --permutations 1 --out "$out/site-new" --timings 2>&1 >/dev/null | sed 's/^/  /'
if [ "${COLD_RUNS:-3}" -gt 0 ]; then
  : > "$out/cold"
  # On this host the first build after a `cat` round is 1–1.5 s slower than
  # the next one, whichever binary it is, though each starts after
  # drop_caches (the cause is outside the guest's page cache; we have not
  # found it), so with BASE_BIN the two binaries take turns going first.
  for round in $(seq "${COLD_RUNS:-3}"); do
    sync; echo 3 > /proc/sys/vm/drop_caches
    /usr/bin/time -o "$out/cold" -a -f "cold-cat $TIME_FORMAT" cat $tables > /dev/null
    order="new ${BASE:+base}"; [ -n "$BASE" ] && [ $((round % 2)) = 0 ] && order="base new"
    for who in $order; do
      bin=$BIN; [ "$who" = base ] && bin=$BASE
      sync; echo 3 > /proc/sys/vm/drop_caches
      /usr/bin/time -o "$out/cold" -a -f "cold-$who $TIME_FORMAT" "$bin" build --logprobs "$DIR" --permutations 1 --out "$out/site-$who" >/dev/null 2>&1
    done
  done
  echo "== cold page cache, ${COLD_RUNS:-3} rounds (cat of the tables, then one build of each binary, each after drop_caches)"
  summary "$out/cold"
fi
if [ -n "$BASE" ]; then
  echo "== results of the two builds (backbone diff, exit 0 = nothing changed)"
  "$BIN" diff "$out/site-base" "$out/site-new" && echo "  nothing changed"
fi
