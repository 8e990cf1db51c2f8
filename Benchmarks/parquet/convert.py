"""Writes the Parquet (zstd) form of every log-prob table in a folder, as a
Hugging Face conversion would: token text as bytes (binary columns, so
invalid UTF-8 and bare CRs survive), numbers as doubles.
Usage: python3 convert.py CSV_DIR PARQUET_DIR"""
import os, sys
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

source, target = sys.argv[1], sys.argv[2]
os.makedirs(target, exist_ok=True)
for name in sorted(os.listdir(source)):
    if not name.endswith(".csv"):
        continue
    df = pd.read_csv(os.path.join(source, name), lineterminator="\n", keep_default_na=False, na_values=[],
                     dtype={"token_name": object, "token_decoded": object}, encoding_errors="surrogateescape")
    columns = {}
    for c in df.columns:
        if c in ("token_name", "token_decoded"):
            columns[c] = pa.array([s.encode("utf-8", "surrogateescape") for s in df[c]], pa.binary())
        else:
            columns[c] = pa.array(df[c].to_numpy())
    pq.write_table(pa.table(columns), os.path.join(target, name[:-4] + ".parquet"), compression="zstd")
for extra in ("SIMULATED.txt",):
    if os.path.exists(os.path.join(source, extra)):
        with open(os.path.join(source, extra), "rb") as f, open(os.path.join(target, extra), "wb") as g:
            g.write(f.read())
