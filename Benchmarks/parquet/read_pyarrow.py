"""Same-run baseline for `backbone bench-logprobs DIR` on Parquet tables:
pyarrow reads the same columns (token_decoded and the prompts §3 needs) and
prints the same counts and checksum as Benchmarks/logprobs/read_baseline.py.
Usage: python3 read_pyarrow.py PARQUET_DIR [CONTENT]"""
import sys, time
import numpy as np
import pandas as pd
import pyarrow.parquet as pq

folder = sys.argv[1]
content = sys.argv[2] if len(sys.argv) > 2 else "content"
PROMPT = "greatest_ever_one"
fig2 = ["google--gemma-2-2b", "meta-llama--Llama-3.2-3B", "google--gemma-2-2b-it", "meta-llama--Llama-3.2-3B-Instruct"]
implicit = ["google--gemma-2-2b-it", "google--gemma-2-9b-it", "google--gemma-2-27b-it",
            "meta-llama--Llama-3.2-3B-Instruct", "meta-llama--Llama-3.2-1B-Instruct",
            "meta-llama--Meta-Llama-3-8B-Instruct", "meta-llama--Llama-3.1-8B-Instruct",
            "meta-llama--Meta-Llama-3-70B-Instruct", "meta-llama--Llama-3.1-70B-Instruct",
            "meta-llama--Llama-3.3-70B-Instruct"]
nouns = [w.encode() for w in pd.read_csv(f"{content}/data/corpora/dict_big2_nouns.csv", keep_default_na=False).token_decoded]

def bits_sum(values):
    return int(np.asarray(values, dtype=np.float64).view(np.uint64).sum(dtype=np.uint64))

start = time.time()
rows_in_files = fig2_rows = fig2_values = implicit_rows = 0
checksum = 0
for name in dict.fromkeys(fig2 + implicit):
    path = f"{folder}/{name}.parquet"
    names = pq.ParquetFile(path).schema_arrow.names
    prompts = [c for c in names if c not in ("token_id", "token_name", "token_decoded")]
    table = pq.read_table(path, columns=["token_decoded"] + (prompts if name in fig2 else [PROMPT]))
    rows_in_files += table.num_rows
    if name in fig2:
        mask = np.isin(np.array(table.column("token_decoded").to_pylist(), dtype=object), np.array(nouns, dtype=object))
        sub = np.column_stack([table.column(p).to_numpy()[mask] for p in prompts])
        fig2_rows += int(mask.sum())
        fig2_values += sub.size
        checksum += bits_sum(sub.ravel())
    if name in implicit:
        implicit_rows += table.num_rows
        checksum += bits_sum(table.column(PROMPT).to_numpy())
seconds = time.time() - start
print(f"pyarrow: {rows_in_files} rows in files; fig2: {fig2_rows} noun rows, {fig2_values} values; "
      f"implicit: {implicit_rows} rows; checksum {checksum % 2**64:x}; read in {seconds:.3f} s")
