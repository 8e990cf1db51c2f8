# Sourced by build.sh and run.sh (from the repository root, with DIR and
# SCRATCH set): builds release, generates the 12 full-size SIMULATED tables
# into DIR once, makes sure pandas is there, and warms the page cache.
swift build -c release --scratch-path "$SCRATCH" >/dev/null
BIN="$SCRATCH/release/backbone"
if [ ! -f "$DIR/README.md" ] || [ "$(ls "$DIR"/*.csv 2>/dev/null | wc -l)" -ne 12 ]; then
  echo "generating the 12 full-size simulated tables into $DIR"
  "$BIN" generate-logprobs --out "$DIR" 2>/dev/null
fi
python3 -c "import pandas" 2>/dev/null || pip install -q pandas
echo "tables: $(du -sh "$DIR" | cut -f1) in $DIR; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$DIR"/*.csv > /dev/null   # warm the page cache
