# Sourced by the speed benchmarks (from the repository root). Sets
#   BIN   the release binary under test: BACKBONE_BIN, or built here into
#         $SCRATCH (default .build)
#   BASE  a baseline binary to compare with, if BASE_BIN names one (e.g. a
#         release build of main: git worktree add /tmp/base main &&
#         (cd /tmp/base && swift build -c release --scratch-path "$PWD/.build-base"))
#   WORK  a fresh temporary folder for the runs' sites and timings, removed
#         when the script exits, also when a build or the script fails
#   times "$WORK/times", the file the runs' /usr/bin/time lines go to
# and defines `summary FILE`, which prints median, min, max wall seconds, peak
# RSS and mean CPU seconds (user + system) per label of a "label seconds
# kilobytes user system" file (/usr/bin/time -f "LABEL $TIME_FORMAT"). CPU
# seconds say whether a change saves work when two binaries' wall times are
# within the host's spread; they are not comparable between machines.
SCRATCH=${SCRATCH:-.build}
RUNS=${RUNS:-5}
if [ -n "${BACKBONE_BIN:-}" ]; then
  BIN=$BACKBONE_BIN   # a binary already built (e.g. with -Xswiftc -g for profiling)
else
  swift build -c release --static-swift-stdlib --product backbone --scratch-path "$SCRATCH" >/dev/null   # as the Makefile
  BIN="$SCRATCH/release/backbone"
fi
BASE=${BASE_BIN:-}
WORK=$(mktemp -d); times="$WORK/times"
trap 'rm -rf "$WORK"' EXIT
# The CPU decides which relabelling kernel the permutation tests run (eight
# lanes with AVX-512, else four with AVX2), so sittings on different hosts
# are told apart by this line.
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
if grep -qw avx512f /proc/cpuinfo; then kernel="AVX-512, eight-lane relabelling"; else kernel="no AVX-512, four-lane relabelling"; fi
TIME_FORMAT="%e %M %U %S"
echo "cpu: $cpu ($kernel)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%F %H:%M UTC')"
echo "binary: $BIN ($(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes'))${BASE:+; baseline: $BASE}"

summary() {
  awk '{ n[$1]++; w[$1, n[$1]] = $2; m[$1, n[$1]] = $3; cpu[$1] += $4 + $5; if (!($1 in seen)) { seen[$1] = 1; order[++labels] = $1 } }
       END {
         for (o = 1; o <= labels; o++) {
           who = order[o]; k = n[who]
           for (i = 1; i <= k; i++) s[i] = w[who, i]
           for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
           peak = 0; for (i = 1; i <= k; i++) if (m[who, i] > peak) peak = m[who, i]
           med = k % 2 ? s[(k + 1) / 2] : (s[k / 2] + s[k / 2 + 1]) / 2
           printf "%-22s median %.3f s  min %.3f  max %.3f  (%d runs)  peak RSS %d MB  cpu %.3f s\n", who, med, s[1], s[k], k, peak / 1024, cpu[who] / k
         }
       }' "$1"
}
