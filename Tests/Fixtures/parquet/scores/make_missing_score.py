#!/usr/bin/env python3
"""Writes `missing-score.parquet` next to this script with pyarrow: an RM
score table (a `response` column and two prompt columns, optional doubles,
as the study writes them) whose `best_ever_single` score of row 3 is null —
the Parquet form of an empty field in a CSV score table, which Backbone must
refuse at its column and row rather than read as a number.

Run from anywhere:  python3 Tests/Fixtures/parquet/scores/make_missing_score.py
"""
import os

import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
table = pa.table({
    "response": pa.array(["freedom", "love", "success", "family"], pa.string()),
    "best_ever_one": pa.array([1.5, -0.25, 3.0, 0.5], pa.float64()),
    "best_ever_single": pa.array([2.0, 0.75, None, -1.0], pa.float64()),
})
pq.write_table(table, os.path.join(HERE, "missing-score.parquet"), compression="snappy")
