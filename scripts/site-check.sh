#!/usr/bin/env bash
# Site check: build the report from content/ with the CLI, then load every page
# in headless Chromium from file:// (as a reader would open it), fail on any
# console error or failed load, and keep a screenshot of each page (light and
# dark colour scheme) in .site-check/screenshots for a person to look at.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BACKBONE_BIN:-.build/debug/backbone}
OUT=.site-check
rm -rf "$OUT"; mkdir -p "$OUT/screenshots"
SITE="$PWD/$OUT/site"

echo "site-check: building the report into $SITE"
"$BIN" build --content content --out "$SITE" --templates templates >/dev/null

if ! command -v chromium >/dev/null 2>&1; then
  echo "site-check: chromium is not installed (make test installs it)" >&2; exit 1
fi

fail=0; checked=0
for page in "$SITE"/*.html; do
  name=$(basename "$page" .html)
  for scheme in light dark; do
    log="$OUT/$name-$scheme.log"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --log-level=0 \
      --enable-logging=stderr --v=0 --user-data-dir="$OUT/profile" \
      --force-prefers-color-scheme="$scheme" --blink-settings=preferredColorScheme=$([ "$scheme" = dark ] && echo 0 || echo 1) \
      --window-size=1280,2400 --screenshot="$OUT/screenshots/$name-$scheme.png" \
      "file://$page" >"$log" 2>&1 || { echo "site-check: chromium failed on $name ($scheme)"; fail=1; }
    if grep -E 'CONSOLE|Uncaught|Failed to load|ERR_FILE_NOT_FOUND|net::ERR' "$log" | grep -v 'dbus' >/dev/null; then
      echo "site-check: console errors on $name.html ($scheme):"; grep -E 'CONSOLE|Uncaught|Failed to load|net::ERR' "$log" | head -5
      fail=1
    fi
    [ -s "$OUT/screenshots/$name-$scheme.png" ] || { echo "site-check: no screenshot of $name ($scheme)"; fail=1; }
  done
  checked=$((checked + 1))
done
if [ "$checked" -lt 4 ]; then echo "site-check: expected at least 4 pages, found $checked"; fail=1; fi
if [ $fail -ne 0 ]; then echo "site-check: $checked pages checked, FAILED"; exit 1; fi
echo "site-check: $checked pages loaded in Chromium without console errors; screenshots in $OUT/screenshots"
