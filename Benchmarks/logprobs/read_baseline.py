"""Same-run baseline for `backbone bench-logprobs DIR`: reads what §3 needs
from the 12 log-prob tables with pandas and prints the same counts and the
same checksum, so the two readers are shown to read the same numbers.

What §3 needs: every prompt, Big Two noun rows only, for the Fig. 2 models;
`greatest_ever_one`, every row, for the instruction-tuned models (a model
needed for both is read once). The checksum is the wrapping sum of the
values' IEEE-754 bit patterns (exact, independent of order).

pandas settings, each needed for a correct read of these files:
- lineterminator="\\n": a record ends at LF only; by default the C parser
  also ends records at a bare CR, which occurs unquoted inside tokens;
- keep_default_na=False, na_values=[]: tokens "NaN", "null", "NA", "" are
  text, not missing values;
- encoding_errors="surrogateescape": tokens hold invalid UTF-8;
pandas 3's default number parser is correctly rounded here (the checksum
matches bit for bit); with pandas < 3 add float_precision="round_trip".
Usage: python3 read_baseline.py DIR [CONTENT]   (pandas, tested with 3.1)"""
import sys, time
import numpy as np
import pandas as pd

folder = sys.argv[1]
content = sys.argv[2] if len(sys.argv) > 2 else "content"
PROMPT = "greatest_ever_one"
fig2 = ["google--gemma-2-2b.csv", "meta-llama--Llama-3.2-3B.csv",
        "google--gemma-2-2b-it.csv", "meta-llama--Llama-3.2-3B-Instruct.csv"]
implicit = ["google--gemma-2-2b-it.csv", "google--gemma-2-9b-it.csv", "google--gemma-2-27b-it.csv",
            "meta-llama--Llama-3.2-3B-Instruct.csv", "meta-llama--Llama-3.2-1B-Instruct.csv",
            "meta-llama--Meta-Llama-3-8B-Instruct.csv", "meta-llama--Llama-3.1-8B-Instruct.csv",
            "meta-llama--Meta-Llama-3-70B-Instruct.csv", "meta-llama--Llama-3.1-70B-Instruct.csv",
            "meta-llama--Llama-3.3-70B-Instruct.csv"]
nouns = set(pd.read_csv(f"{content}/data/corpora/dict_big2_nouns.csv", keep_default_na=False).token_decoded)

def bits_sum(values):
    return int(np.asarray(values, dtype=np.float64).view(np.uint64).sum(dtype=np.uint64))

start = time.time()
rows_in_files = fig2_rows = fig2_values = implicit_rows = 0
checksum = 0
for name in dict.fromkeys(fig2 + implicit):     # each file once, in a fixed order
    header = pd.read_csv(f"{folder}/{name}", nrows=0).columns
    prompts = [c for c in header if c not in ("token_id", "token_name", "token_decoded")]
    usecols = ["token_decoded"] + (prompts if name in fig2 else [PROMPT])
    df = pd.read_csv(f"{folder}/{name}", usecols=usecols, lineterminator="\n", keep_default_na=False, na_values=[],
                     dtype={"token_decoded": object}, encoding_errors="surrogateescape")
    rows_in_files += len(df)
    if name in fig2:
        sub = df[df.token_decoded.isin(nouns)][prompts]
        fig2_rows += len(sub)
        fig2_values += sub.size
        checksum += bits_sum(sub.to_numpy(dtype=np.float64).ravel())
    if name in implicit:
        implicit_rows += len(df)
        checksum += bits_sum(df[PROMPT].to_numpy(dtype=np.float64))
seconds = time.time() - start
print(f"pandas: {rows_in_files} rows in files; fig2: {fig2_rows} noun rows, {fig2_values} values; "
      f"implicit: {implicit_rows} rows; checksum {checksum % 2**64:x}; read in {seconds:.3f} s")
