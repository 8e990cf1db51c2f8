#!/usr/bin/env python3
"""Writes a small log-prob table in the study's layout (token_id, token_name,
token_decoded, one column per prompt) as CSV and as Parquet (zstd, as a
Hugging Face conversion would), so a test can check that both forms read into
the same table. Tokens include byte-level pieces that are not valid UTF-8
(a binary column in Parquet, raw bytes in the CSV) and canonically
equivalent pairs.

Run:  python3 Tests/Fixtures/parquet/logprobs/make_logprob_fixture.py
"""
import csv
import io
import os
import random

import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    rng = random.Random(3)
    words = [b"choice", b"freedom", b"love", b"\xc3\xa9", b"e\xcc\x81", b"\xe2\x84\xaa", b"K", b"\xff\xfe", b"\xc3",
             b" the", b"a,b", b"\"q\"", b"{x}", b"100%"]
    tokens = words + [("w%d" % i).encode() for i in range(36)]
    prompts = ["best_ever_one", "greatest_ever_one", "worst_ever_one"]
    columns = {"token_id": list(range(len(tokens))), "token_name": [("t%d" % i).encode() for i in range(len(tokens))],
               "token_decoded": tokens}
    for p in prompts:
        columns[p] = [rng.uniform(-30, -0.5) for _ in tokens]
    table = pa.table({"token_id": pa.array(columns["token_id"], pa.int64()),
                      "token_name": pa.array(columns["token_name"], pa.binary()),
                      "token_decoded": pa.array(tokens, pa.binary()),
                      **{p: pa.array(columns[p], pa.float64()) for p in prompts}})
    pq.write_table(table, os.path.join(HERE, "org--model.parquet"), compression="zstd", row_group_size=20, data_page_size=128)
    # The CSV as bytes: Python's csv module quotes what needs it; invalid UTF-8 passes through as latin-1 bytes.
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["token_id", "token_name", "token_decoded"] + prompts)
    for i, t in enumerate(tokens):
        writer.writerow([i, "t%d" % i, t.decode("latin-1")] + [repr(columns[p][i]) for p in prompts])
    data = out.getvalue().encode("latin-1")
    with open(os.path.join(HERE, "org--model.csv"), "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
