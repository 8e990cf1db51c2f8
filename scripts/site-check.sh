#!/usr/bin/env bash
# Site check: build the report from content/ with the CLI (once as shipped, and
# once with the test fixtures' log-prob and checkpoint tables so the §3 and §4
# figures exist), then load every page in headless Chromium from file:// (as a
# reader would open it), fail on any console error or failed load, and keep a
# screenshot of each page (light and dark colour scheme) in
# .site-check/screenshots for a person to look at. Then measure every figure's
# rendered text in Chromium (scripts/svg-layout-check.html): no text outside
# its figure, no legend name running into the next marker.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BACKBONE_BIN:-.build/debug/backbone}
# This checks layout, not p-values: with 99 relabellings the pages have the
# same structure as with 99,999 (only permutation p-values and stars differ),
# and its two builds take a fraction of the time.
PERMUTATIONS=${PERMUTATIONS:-99}
OUT=.site-check
rm -rf "$OUT"; mkdir -p "$OUT/screenshots"
SITE="$PWD/$OUT/site"
FULL="$PWD/$OUT/site-full"

echo "site-check: building the report into $SITE"
"$BIN" build --content content --out "$SITE" --templates templates --permutations "$PERMUTATIONS" >/dev/null
echo "site-check: building it with the fixture log-prob and checkpoint tables into $FULL"
"$BIN" build --content content --out "$FULL" --templates templates --permutations "$PERMUTATIONS" \
  --logprobs Tests/Fixtures/reference/logprobs/tables --checkpoints Tests/Fixtures/reference/training/checkpoints >/dev/null

if ! command -v chromium >/dev/null 2>&1; then
  echo "site-check: chromium is not installed (make test installs it)" >&2; exit 1
fi

fail=0; checked=0
for page in "$SITE"/*.html "$FULL"/*.html; do
  name=$(basename "$page" .html)
  [ "$(dirname "$page")" = "$FULL" ] && name="full-$name"
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
if [ "$checked" -lt 8 ]; then echo "site-check: expected at least 8 pages, found $checked"; fail=1; fi

# Rendered text of every figure of both sites, measured in Chromium.
figures=$(cd "$OUT" && ls site/figures/*.svg site-full/figures/*.svg | sed 's/.*/"&"/' | paste -sd, -)
sed "s|FIGURES|[$figures]|" scripts/svg-layout-check.html > "$OUT/layout-check.html"
layout=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
  --user-data-dir="$OUT/profile" --virtual-time-budget=30000 --dump-dom "file://$PWD/$OUT/layout-check.html" 2>/dev/null \
  | awk '/<pre id="result">/ { on = 1 } on { print } on && /<\/pre>/ { exit }' \
  | sed 's/<[^>]*>//g; s/&gt;/>/g; s/&lt;/</g; s/&quot;/"/g; s/&amp;/\&/g')
case "$layout" in
  LAYOUT-OK*) echo "site-check: ${layout#LAYOUT-OK } measured: no clipped text, no crowded legend" ;;
  *) echo "site-check: figure layout check failed:"; echo "$layout" | head -40; fail=1 ;;
esac
if [ $fail -ne 0 ]; then echo "site-check: $checked pages checked, FAILED"; exit 1; fi
echo "site-check: $checked pages loaded in Chromium without console errors; screenshots in $OUT/screenshots"
