#!/usr/bin/env python3
"""Writes a small checkpoint table in the study's layout (token_decoded, then
step-N columns; pandas.to_parquet as the study's Fig. 5 script reads it) as
Parquet, and its CSV twin as pandas writes it (missing scores as NA), so a
test can check that both forms load into the same table.

Run:  python3 Tests/Fixtures/parquet/checkpoints/make_checkpoint_fixture.py
"""
import os
import random

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    rng = random.Random(4)
    tokens = ["choice", " freedom", "love", "{x}", "100%", "a_b", "\\", "\u00e9", "e\u0301", "\u212a", "K", "tab\t",
              "", "日本", "#1", "&", "~^$"] + ["w%d" % i for i in range(23)]
    steps = [1000, 2000, 3000, 9578]
    frame = pd.DataFrame({"token_id": range(len(tokens)), "token_decoded": tokens})
    for s in steps:
        frame["step-%d" % s] = [None if (i + s // 1000) % 9 == 0 else rng.gauss(0, 3) for i in range(len(tokens))]
    frame.to_parquet(os.path.join(HERE, "checkpoint.parquet"), engine="pyarrow", compression="zstd")
    frame.to_csv(os.path.join(HERE, "checkpoint.csv"), index=False, na_rep="NA")


if __name__ == "__main__":
    main()
