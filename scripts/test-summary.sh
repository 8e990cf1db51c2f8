#!/usr/bin/env bash
# One closing line for the whole `make test`: the XCTest totals plus the
# browser site check, as "tests: N passed, M failed[, K skipped: …]".
set -euo pipefail
log=${1:-.build/test.log}
# XCTest's last total covers every suite: "Executed N tests, with [K tests
# skipped and] M failures". Skipped tests are neither passed nor failed, and
# are named, so a check that did not run shows in the closing line.
line=$(grep -E "Executed [0-9]+ tests?, with ([0-9]+ tests? skipped and )?[0-9]+ failures?" "$log" | tail -1)
executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$line")
failed=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"$line")
skipped=0
grep -q -E "with [0-9]+ tests? skipped" <<<"$line" && skipped=$(sed -E 's/.*with ([0-9]+) tests? skipped.*/\1/' <<<"$line")
if [ -z "$executed" ] || [ "$executed" -eq 0 ]; then echo "tests: no test ran" >&2; exit 1; fi
# +1 for the browser site check, which passed if we got here.
if [ "$skipped" -gt 0 ]; then
  echo "tests: $((executed - failed - skipped + 1)) passed, $failed failed, $skipped skipped:"
  grep -E "^Test Case '.*' skipped" "$log" | sed -E "s/^Test Case '([^']*)' skipped.*/  skipped: \1/"
else
  echo "tests: $((executed - failed + 1)) passed, $failed failed"
fi
[ "$failed" -eq 0 ]
