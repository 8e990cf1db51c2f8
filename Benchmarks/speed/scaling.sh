#!/usr/bin/env bash
# Target 3: how the whole build (--permutations 1) grows with the number of
# models. `generate-logprobs --copies 4` writes every manifest model 4 times
# (12, 24, 36, 48 tables of full size, 2.1 GB per 12) and the manifest's
# logprobs section for each size; Fig. 3 then compares every copy of the 7
# instruction-tuned Llama models with every copy of the 3 Gemma ones
# (21·c² pairs). Each size is built RUNS times (sizes alternate, warm page
# cache); the script fits wall = a + b·GB + c·pairs by least squares, says
# the largest study (in copies of the 12 models) that fits 10 s, and draws
# scaling-time.svg and scaling-rss.svg (SVGCharts, via `backbone bench-chart`)
# next to scaling.tsv in OUT (default Benchmarks/speed).
# Usage: [RUNS=5] [COPIES=4] [OUT=Benchmarks/speed] Benchmarks/speed/scaling.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:-/tmp/backbone-logprobs-full}
COPIES=${COPIES:-4}
OUT=${OUT:-Benchmarks/speed}
mkdir -p "$OUT"   # the tsv and the charts are written there
. Benchmarks/speed/common.sh
if [ ! -f "$DIR/logprobs-$((12 * COPIES))-models.yaml" ]; then
  echo "generating $((12 * COPIES)) full-size simulated tables into $DIR"
  "$BIN" generate-logprobs --out "$DIR" --copies "$COPIES" 2>/dev/null
fi
work=$WORK   # common.sh: removed on exit
for c in $(seq "$COPIES"); do
  n=$((12 * c)); files="$work/files-$n"
  if [ "$c" = 1 ]; then
    content=content
  else
    content="$work/content-$n"; cp -r content "$content"
    # The manifest without its logprobs section, then the generated one.
    awk '/^logprobs:/ { skip = 1; next } skip && /^[A-Za-z_]+:/ { skip = 0 } !skip' content/study.yaml > "$content/study.yaml"
    cat "$DIR/logprobs-$n-models.yaml" >> "$content/study.yaml"
  fi
  echo "$content" > "$work/content-of-$n"
  { ls "$DIR"/*.csv | grep -v -- '-copy[0-9]*[.]csv$'; for m in $(seq 2 "$c"); do ls "$DIR"/*-copy"$m".csv; done; } > "$files"
done
cat "$DIR"/*.csv > /dev/null   # warm the page cache
for _ in $(seq "$RUNS"); do
  for c in $(seq "$COPIES"); do
    n=$((12 * c))
    /usr/bin/time -o "$times" -a -f "$n $TIME_FORMAT" "$BIN" build --content "$(cat "$work/content-of-$n")" --logprobs "$DIR" \
      --permutations 1 --out "$work/site-$n" >/dev/null 2>"$work/err-$n" || { cat "$work/err-$n"; exit 1; }
  done
done
echo "== whole build, --permutations 1, $RUNS runs per size (sizes alternate)"
summary "$times" | sed 's/^/models /'
tsv="$OUT/scaling.tsv"
{
  echo "# models	GB read	Fig. 3 pairs	median s	min s	max s	peak RSS MB   ($(date -u '+%F %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg))"
  for c in $(seq "$COPIES"); do
    n=$((12 * c))
    gb=$(cat $(cat "$work/files-$n") | wc -c | awk '{ printf "%.3f", $1 / 1e9 }')
    awk -v n="$n" -v gb="$gb" -v pairs=$((21 * c * c)) '$1 == n { k++; s[k] = $2; if ($3 > peak) peak = $3 }
      END { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
            med = k % 2 ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2
            printf "%d\t%s\t%d\t%.3f\t%.3f\t%.3f\t%d\n", n, gb, pairs, med, s[1], s[k], peak / 1024 }' "$times"
  done
} > "$tsv"
cat "$tsv"
# Least squares over the medians: wall = a + b·GB + c·pairs with 4 or more
# sizes (3×3 normal equations, Cramer's rule); with fewer the pair term
# cannot be told apart from the byte term and the fit is wall = a + b·GB.
fit() {
awk -F'\t' -v memory="$(awk '/MemTotal/ { printf "%.1f", $2 * 1024 / 1e9 }' /proc/meminfo)" '!/^#/ { if (!gb12) gb12 = $2; x1 = $2; x2 = $3; y = $4
     n++; s1 += x1; s2 += x2; s11 += x1 * x1; s12 += x1 * x2; s22 += x2 * x2; sy += y; s1y += x1 * y; s2y += x2 * y }
  function det(a, b, c, d, e, f, g, h, i) { return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g) }
  END {
    if (n >= 4) {
      D = det(n, s1, s2, s1, s11, s12, s2, s12, s22)
      a = det(sy, s1, s2, s1y, s11, s12, s2y, s12, s22) / D
      b = det(n, sy, s2, s1, s1y, s12, s2, s2y, s22) / D
      c = det(n, s1, sy, s1, s11, s1y, s2, s12, s2y) / D
      printf "fit: wall = %.3f s + %.3f s/GB + %.5f s/pair\n", a, b, c
      # A negative pair term is noise (more pairs never take less time), and
      # with it the time would fall for large studies: take it as 0 then.
      if (c < 0) { printf "the pair term is negative, below the noise of these runs: taken as 0 below\n"; c = 0 }
    } else if (n >= 2) {
      b = (n * s1y - s1 * sy) / (n * s11 - s1 * s1); a = (sy - b * s1) / n; c = 0
      printf "fit (%d sizes: the pair term is folded into the byte term): wall = %.3f s + %.3f s/GB\n", n, a, b
    } else { print "fit: needs at least two sizes"; exit }
    best = 0; k = 0
    while (k < 1000) { k++; t = a + b * gb12 * k + c * 21 * k * k; if (t > 10) break; best = k; bt = t }
    if (best == 0) printf "largest study in 10 s (by the fit): none; 12 models already take %.1f s here\n", a + b * gb12 + c * 21
    else printf "largest study in 10 s (by the fit): %d models (%d copies of the 12: %.1f GB, %d Fig. 3 pairs), %.1f s\n", 12 * best, best, gb12 * best, 21 * best * best, bt
    # The runs read warm tables: a study larger than memory cannot stay in the page cache.
    if (best > 0 && gb12 * best > memory) printf "but %.1f GB of tables is more than the %.1f GB of memory here: the tables cannot all stay in the page cache, and read from disk they come no faster than cat (Benchmarks/speed/logprobs-build.sh, cold), so this warm estimate does not hold\n", gb12 * best, memory
  }' "$1"
}
fit "$tsv"
"$BIN" bench-chart "$tsv" --out "$OUT"
echo "charts: $OUT/scaling-time.svg $OUT/scaling-rss.svg"
