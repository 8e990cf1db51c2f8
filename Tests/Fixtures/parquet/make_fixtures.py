#!/usr/bin/env python3
"""Writes the Parquet reader's test files with pyarrow, next to this script.

Every file holds the same small table (strings with hostile bytes, optional
numbers with missing values, every physical type Backbone reads) written with
one encoding x codec x data page version, small pages and several row
groups. `expected.json` holds the table's values as the tests compare them:
strings as hex of their bytes (so invalid UTF-8 and canonically equivalent
pairs stay distinct), numbers as exact decimal text (Python's repr), null as None.

Run from anywhere:  python3 Tests/Fixtures/parquet/make_fixtures.py
The files are committed; the tests need neither Python nor pyarrow.
"""
import json
import os
import random

import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = 100


def table():
    rng = random.Random(14)
    hostile = ["\\", "{", "}", "%", "#", "_", "&", "~", "^", "$", "\u00e9", "e\u0301", "\u212a", "K",
               " lead", "tab\t", "nl\n", "\r", "", "\x00nul", "Ωmega", "日本"]
    tokens, raw, scores, f32, i32, i64, flags, fixed, sparse = [], [], [], [], [], [], [], [], []
    for i in range(ROWS):
        tokens.append(None if i % 17 == 5 else (hostile[i % len(hostile)] + str(i // 3)))
        # invalid UTF-8 only fits a binary (not string) column
        raw.append(bytes([0xFF, 0xC3, i % 256]) if i % 4 == 0 else ("tok%d" % (i % 9)).encode())
        scores.append(None if i % 11 == 3 else rng.uniform(-40, 40) * (10 ** rng.randint(-8, 3)))
        f32.append(rng.uniform(-1, 1))
        i32.append(rng.randint(-2**31, 2**31 - 1) if i % 5 == 0 else i * 7 - 300)
        i64.append(rng.randint(-2**63, 2**63 - 1) if i % 6 == 0 else 10**12 + i)
        flags.append(None if i % 13 == 0 else (i % 3 == 0))
        fixed.append(bytes([65 + i % 26, 66, 0x80 if i % 2 else 67, 68]))
        sparse.append(None if i % 10 else float(i))
    return pa.table({
        "token": pa.array(tokens, pa.string()),
        "raw": pa.array(raw, pa.binary()),
        "score": pa.array(scores, pa.float64()),
        "f32": pa.array(f32, pa.float32()),
        "i32": pa.array(i32, pa.int32()),
        "i64": pa.array(i64, pa.int64()),
        "flag": pa.array(flags, pa.bool_()),
        "fixed": pa.array(fixed, pa.binary(4)),
        "sparse": pa.array(sparse, pa.float64()),
    })


ENCODINGS = {
    # name: write_table keyword arguments
    "plain": dict(use_dictionary=False),
    "dictionary": dict(use_dictionary=True),
    "plaindictionary": dict(use_dictionary=True, version="1.0"),
    "fallback": dict(use_dictionary=True, dictionary_pagesize_limit=64),
    "delta": dict(use_dictionary=False, column_encoding={
        "i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED",
        "token": "DELTA_BYTE_ARRAY", "raw": "DELTA_LENGTH_BYTE_ARRAY", "fixed": "DELTA_BYTE_ARRAY",
        "flag": "RLE"}),
    "bytestreamsplit": dict(use_dictionary=False, column_encoding={
        "score": "BYTE_STREAM_SPLIT", "f32": "BYTE_STREAM_SPLIT", "sparse": "BYTE_STREAM_SPLIT",
        "i32": "BYTE_STREAM_SPLIT", "i64": "BYTE_STREAM_SPLIT", "fixed": "BYTE_STREAM_SPLIT"}),
}
CODECS = ["none", "snappy", "gzip", "zstd"]
PAGES = ["1.0", "2.0"]


def expected(t):
    out = {}
    for name in t.column_names:
        values = []
        for v in t.column(name).to_pylist():
            if v is None:
                values.append(None)
            elif isinstance(v, str):
                values.append(v.encode().hex())
            elif isinstance(v, bytes):
                values.append(v.hex())
            elif isinstance(v, bool):
                values.append(v)
            elif isinstance(v, int):
                values.append(str(v))  # exact, beyond double precision
            else:
                values.append(repr(v))  # shortest round-trip text: exact when parsed correctly rounded
        out[name] = values
    return out


def main():
    t = table()
    names = []
    for enc, kwargs in ENCODINGS.items():
        for codec in CODECS:
            for page in PAGES:
                name = "%s-%s-v%s.parquet" % (enc, codec, page[0])
                args = dict(kwargs)
                args.setdefault("version", "2.6")
                pq.write_table(t, os.path.join(HERE, name), compression=codec, data_page_version=page,
                               row_group_size=40, data_page_size=128, write_batch_size=8, store_schema=False,
                               write_statistics=False, **args)
                names.append(name)
    # two very small files for the fuzz test (every byte flipped in turn)
    small = t.slice(0, 24).select(["token", "score", "i64", "flag"])
    pq.write_table(small, os.path.join(HERE, "fuzz-dictionary-snappy-v1.parquet"), compression="snappy",
                   row_group_size=12, data_page_size=64, write_batch_size=8, store_schema=False, write_statistics=False)
    pq.write_table(small, os.path.join(HERE, "fuzz-delta-zstd-v2.parquet"), compression="zstd", data_page_version="2.0",
                   use_dictionary=False, column_encoding={"token": "DELTA_BYTE_ARRAY", "score": "BYTE_STREAM_SPLIT",
                                                          "i64": "DELTA_BINARY_PACKED", "flag": "RLE"},
                   row_group_size=12, data_page_size=64, write_batch_size=8, store_schema=False, write_statistics=False)
    # pandas writes its index as __index_level_0__ and its schema as key-value metadata.
    frame = t.to_pandas()
    frame.index = ["row%d" % i for i in range(ROWS)]
    frame.to_parquet(os.path.join(HERE, "pandas-index.parquet"), engine="pyarrow")
    # a nested column, which the reader refuses with a clear error
    nested = pa.table({"id": [1, 2], "point": pa.array([{"x": 1.0, "y": 2.0}, {"x": 3.0, "y": 4.0}])})
    pq.write_table(nested, os.path.join(HERE, "nested.parquet"))
    listed = pa.table({"id": [1, 2], "tags": pa.array([["a"], ["b", "c"]])})
    pq.write_table(listed, os.path.join(HERE, "list.parquet"))
    # codecs the reader does not support
    pq.write_table(t, os.path.join(HERE, "codec-brotli.parquet"), compression="brotli")
    pq.write_table(t, os.path.join(HERE, "codec-lz4.parquet"), compression="lz4")
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump({"pyarrow": pa.__version__, "rows": ROWS, "files": names, "columns": expected(t)}, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
