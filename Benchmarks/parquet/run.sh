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
  /usr/bin/time -o "$times" -a -f "csv %e %M" "$BIN" bench-logprobs "$DIR"
  /usr/bin/time -o "$times" -a -f "parquet %e %M" "$BIN" bench-logprobs "$PQ"
  /usr/bin/time -o "$times" -a -f "pyarrow %e %M" python3 Benchmarks/parquet/read_pyarrow.py "$PQ"
done
echo "== wall seconds and peak RSS (whole process, warm cache)"
awk '{ n[$1]++; w[$1, n[$1]] = $2; m[$1, n[$1]] = $3 }
     END {
       for (who in n) {
         k = n[who]; for (i = 1; i <= k; i++) s[i] = w[who, i]
         for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
         med[who] = s[int((k + 1) / 2)]; peak = 0
         for (i = 1; i <= k; i++) if (m[who, i] > peak) peak = m[who, i]
         printf "%-8s median %.2f s wall, peak RSS %d MB\n", who, med[who], peak / 1024
       }
       if (med["parquet"] > 0) printf "ratio   csv / parquet (backbone) = %.2fx; pyarrow / backbone parquet = %.2fx\n", med["csv"] / med["parquet"], med["pyarrow"] / med["parquet"]
     }' "$times"
rm -f "$times"
