#!/usr/bin/env bash
# §3 benchmark: the whole `backbone build` on 12 full-size SIMULATED log-prob
# tables (2.1 GB) against the same build without them, and a same-run pandas
# baseline doing the same §3 computation. (run.sh times the reading alone.)
# Usage: Benchmarks/logprobs/build.sh [DIR]
#   DIR      folder of the generated tables (default /tmp/backbone-logprobs-full;
#            generated once, reused; delete it to regenerate)
#   SCRATCH  SwiftPM scratch path (default .build), e.g. SCRATCH=.build-logprob
#   RUNS     timed runs of each backbone build, interleaved (default 5)
#   BASELINE_RUNS  timed runs of the pandas baseline (default 1)
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:-/tmp/backbone-logprobs-full}
SCRATCH=${SCRATCH:-.build}
RUNS=${RUNS:-5}
BASELINE_RUNS=${BASELINE_RUNS:-1}
. Benchmarks/logprobs/setup.sh
out=$(mktemp -d)
times="$out/times"

# --permutations 1 so that §2's permutation tests (99,999 by default) do not
# hide §3's cost; with and without §3 alternate so drift hits both alike.
echo "== backbone build, $RUNS runs each, alternating with and without §3"
for _ in $(seq "$RUNS"); do
  /usr/bin/time -o "$times" -a -f "with %e %M" "$BIN" build --logprobs "$DIR" --permutations 1 --out "$out/with" >/dev/null 2>&1
  /usr/bin/time -o "$times" -a -f "without %e %M" "$BIN" build --permutations 1 --out "$out/without" >/dev/null 2>&1
done
echo "== where one build with §3 spends its time (build --timings)"
"$BIN" build --logprobs "$DIR" --permutations 1 --out "$out/with" --timings 2>&1 >/dev/null | grep '^timing:'
echo "== pandas $(python3 -c 'import pandas; print(pandas.__version__)') baseline (baseline.py, §3 only), $BASELINE_RUNS run(s)"
for _ in $(seq "$BASELINE_RUNS"); do
  /usr/bin/time -o "$times" -a -f "pandas %e %M" python3 Benchmarks/logprobs/baseline.py "$DIR" >/dev/null
done
echo "== wall seconds and peak RSS (whole process, warm cache)"
awk '{ n[$1]++; w[$1, n[$1]] = $2; m[$1, n[$1]] = $3 }
     END {
       split("with without pandas", order, " ")
       for (o = 1; o <= 3; o++) {
         who = order[o]; k = n[who]; if (k == 0) continue
         for (i = 1; i <= k; i++) s[i] = w[who, i]
         for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
         med[who] = s[int((k + 1) / 2)]; peak[who] = 0
         for (i = 1; i <= k; i++) if (m[who, i] > peak[who]) peak[who] = m[who, i]
         printf "%-8s median %.2f s (runs:", who, med[who]
         for (i = 1; i <= k; i++) printf " %s", w[who, i]
         printf "), peak RSS %d MB\n", peak[who] / 1024
       }
       extra = med["with"] - med["without"]
       printf "§3 adds %.2f s wall (target <= 1.5 s) and %d MB peak RSS (target <= 600 MB for the whole build: %d MB)\n", extra, (peak["with"] - peak["without"]) / 1024, peak["with"] / 1024
       if (extra > 0 && med["pandas"] > 0) printf "pandas baseline / backbone §3 = %.1fx\n", med["pandas"] / extra
     }' "$times"
rm -rf "$out"
