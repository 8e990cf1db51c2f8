#!/usr/bin/env bash
# One closing line for the whole `make test`: the XCTest totals plus the
# browser site check, as "tests: N passed, M failed".
set -euo pipefail
log=${1:-.build/test.log}
line=$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -1)
executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$line")
failed=$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$line")
if [ -z "$executed" ] || [ "$executed" -eq 0 ]; then echo "tests: no test ran" >&2; exit 1; fi
# +1 for the browser site check, which passed if we got here.
echo "tests: $((executed - failed + 1)) passed, $failed failed"
[ "$failed" -eq 0 ]
