#!/usr/bin/env bash
# §3 benchmark: backbone on 12 full-size SIMULATED log-prob tables (2.1 GB)
# against a same-run pandas baseline doing the same computation.
# (run.sh times the reading alone; this times the whole build.)
# Usage: Benchmarks/logprobs/build.sh [DIR]   (DIR defaults to /tmp/backbone-logprobs-full;
#        SCRATCH=.build-xyz for another SwiftPM scratch path)
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:-/tmp/backbone-logprobs-full}
SCRATCH=${SCRATCH:-.build}
swift build -c release --scratch-path "$SCRATCH" >/dev/null
BIN="$SCRATCH/release/backbone"
if [ ! -f "$DIR/meta-llama--Llama-3.3-70B-Instruct.csv" ]; then
  echo "generating full-size simulated tables into $DIR"
  "$BIN" generate-logprobs --out "$DIR" 2>/dev/null
fi
cat "$DIR"/*.csv > /dev/null   # warm the page cache
python3 -c "import pandas" 2>/dev/null || pip install -q pandas
echo "== backbone build with §3 (permutations=1 so §2's permutation tests do not dominate)"
for i in 1 2 3; do /usr/bin/time -f "with §3:    %e s wall, %M KB peak RSS" "$BIN" build --logprobs "$DIR" --permutations 1 --out /tmp/bench-site-3 2>&1 >/dev/null | grep -v "log-prob tables"; done
echo "== backbone build without §3 (the same build's fixed cost)"
for i in 1 2 3; do /usr/bin/time -f "without §3: %e s wall, %M KB peak RSS" "$BIN" build --permutations 1 --out /tmp/bench-site-2 2>&1 >/dev/null; done
echo "== pandas baseline (same computation)"
/usr/bin/time -f "pandas:     %e s wall, %M KB peak RSS" python3 Benchmarks/logprobs/baseline.py "$DIR"
