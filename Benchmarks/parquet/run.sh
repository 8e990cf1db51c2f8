#!/usr/bin/env bash
# Parquet reading benchmark for §3: `backbone bench-logprobs` on the 12
# full-size SIMULATED log-prob tables as CSV and as Parquet (zstd), and
# pyarrow reading the same Parquet columns, in the same run.
# Usage: Benchmarks/parquet/run.sh [DIR]
#   DIR      folder for the generated CSV tables (default /tmp/backbone-logprobs-full;
#            the Parquet copies go to DIR-parquet; both made once, then reused)
#   SCRATCH  SwiftPM scratch path (default .build)
#   RUNS     timed runs of each reader (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:-/tmp/backbone-logprobs-full}
PQ="$DIR-parquet"
SCRATCH=${SCRATCH:-.build}
RUNS=${RUNS:-3}
. Benchmarks/logprobs/setup.sh
python3 -c "import pyarrow" 2>/dev/null || pip install -q pyarrow
if [ "$(ls "$PQ"/*.parquet 2>/dev/null | wc -l)" -ne 12 ]; then
  echo "converting the tables to Parquet (zstd) into $PQ"
  python3 Benchmarks/parquet/convert.py "$DIR" "$PQ"
fi
echo "Parquet: $(du -sh "$PQ" | cut -f1) in $PQ"
cat "$PQ"/*.parquet > /dev/null   # warm the page cache

times=$(mktemp)
for _ in $(seq "$RUNS"); do
  /usr/bin/time -o "$times" -a -f "csv %e %M %U %S" "$BIN" bench-logprobs "$DIR"
  /usr/bin/time -o "$times" -a -f "parquet %e %M %U %S" "$BIN" bench-logprobs "$PQ"
  /usr/bin/time -o "$times" -a -f "pyarrow %e %M %U %S" python3 Benchmarks/parquet/read_pyarrow.py "$PQ"
done
echo "== wall and CPU seconds (user+sys), peak RSS (whole process, warm cache, $RUNS runs each)"
awk '
  function median(arr, k,    i, j, t) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (arr[j] < arr[i]) { t = arr[i]; arr[i] = arr[j]; arr[j] = t }
    return arr[int((k + 1) / 2)]
  }
  { n[$1]++; w[$1, n[$1]] = $2; m[$1, n[$1]] = $3; c[$1, n[$1]] = $4 + $5 }
  END {
    for (who in n) {
      k = n[who]; lo = 1e9; hi = 0; peak = 0
      for (i = 1; i <= k; i++) {
        sw[i] = w[who, i]; sc[i] = c[who, i]
        if (w[who, i] < lo) lo = w[who, i]; if (w[who, i] > hi) hi = w[who, i]
        if (m[who, i] > peak) peak = m[who, i]
      }
      mw[who] = median(sw, k); mc[who] = median(sc, k)
      printf "%-8s wall median %.2f s (min %.2f, max %.2f), CPU median %.2f s, peak RSS %d MB\n", who, mw[who], lo, hi, mc[who], peak / 1024
    }
    if (mw["parquet"] > 0) printf "ratios (wall medians): csv / parquet (backbone) = %.2fx; pyarrow / backbone parquet = %.2fx\n", mw["csv"] / mw["parquet"], mw["pyarrow"] / mw["parquet"]
    if (mc["parquet"] > 0) printf "ratios (CPU medians):  csv / parquet (backbone) = %.2fx; pyarrow / backbone parquet = %.2fx\n", mc["csv"] / mc["parquet"], mc["pyarrow"] / mc["parquet"]
  }' "$times"
rm -f "$times"
