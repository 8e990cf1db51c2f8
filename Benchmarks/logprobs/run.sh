#!/usr/bin/env bash
# Reading benchmark for §3: `backbone bench-logprobs` against a same-run
# pandas baseline, on the 12 full-size SIMULATED log-prob tables.
# Usage: Benchmarks/logprobs/run.sh [DIR]
#   DIR      folder for the generated tables (default /tmp/backbone-logprobs-full;
#            generated once, reused; delete it to regenerate)
#   SCRATCH  SwiftPM scratch path (default .build), e.g. SCRATCH=.build-logprob
#   RUNS     timed runs of each reader (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:-/tmp/backbone-logprobs-full}
SCRATCH=${SCRATCH:-.build}
RUNS=${RUNS:-3}
. Benchmarks/logprobs/setup.sh

times=$(mktemp)
echo "== backbone bench-logprobs (Swift reader), $RUNS runs"
for _ in $(seq "$RUNS"); do
  /usr/bin/time -o "$times" -a -f "backbone %e %M" "$BIN" bench-logprobs "$DIR"
done
echo "== pandas $(python3 -c 'import pandas; print(pandas.__version__)') baseline (read_baseline.py), $RUNS runs"
for _ in $(seq "$RUNS"); do
  /usr/bin/time -o "$times" -a -f "pandas %e %M" python3 Benchmarks/logprobs/read_baseline.py "$DIR"
done
echo "== wall seconds and peak RSS (whole process, warm cache)"
awk '{ n[$1]++; w[$1, n[$1]] = $2; m[$1, n[$1]] = $3 }
     END {
       for (who in n) {
         k = n[who]; for (i = 1; i <= k; i++) s[i] = w[who, i]
         for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
         med[who] = s[int((k + 1) / 2)]; peak = 0
         for (i = 1; i <= k; i++) if (m[who, i] > peak) peak = m[who, i]
         printf "%-8s median %.2f s wall (runs:", who, med[who]
         for (i = 1; i <= k; i++) printf " %s", w[who, i]
         printf "), peak RSS %d MB\n", peak / 1024
       }
       if (med["backbone"] > 0) printf "ratio   pandas / backbone = %.1fx\n", med["pandas"] / med["backbone"]
     }' "$times"
rm -f "$times"
