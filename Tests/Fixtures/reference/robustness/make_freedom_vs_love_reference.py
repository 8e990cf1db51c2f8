"""Reference values for Fig. 3 under every prompt (Docs/Methods.md#freedom-love-every-prompt),
computed with pandas/numpy from the generated log-prob tables in
Tests/Fixtures/reference/logprobs/tables (made by make_logprob_reference.py).

Run from the repository root:
    python3 Tests/Fixtures/reference/robustness/make_freedom_vs_love_reference.py
Writes freedom_vs_love_reference.json next to this script. CI does not run it;
Tests/AnalysesTests/FreedomVsLoveReferenceTests.swift reads its output.

Method, written independently of Backbone's code: for each source (Llama) x
target (Gemma) pair of the manifest's Fig. 3 grid and each of the manifest's
prompts, drop rows with an empty token, keep each distinct token string's
highest log-prob per model (groupby max), inner-join the two models on the
string, score MWLR = 0.5 (p_A + p_B)(a - b), and average it over the joined
strings that read as "freedom" / "love" after str.strip() and str.lower().
The CSVs are read by the small parser below, every field as text (records
end at LF or CRLF outside quotes; a bare CR is data, so the fixture token
a<CR>b stays one row, which pandas' read_csv would split into two).
"""
import json, os, sys
import numpy as np, pandas as pd, yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../../.."))
TABLES = os.path.join(ROOT, "Tests/Fixtures/reference/logprobs/tables")

manifest = yaml.safe_load(open(os.path.join(ROOT, "content/study.yaml"), encoding="utf-8"))
prompts = [(p["key"], p["framing"]) for p in manifest["prompts"]]
section = manifest["logprobs"]
models = {m["name"]: m for m in section["models"]}
plan = section["implicit_rewards"]

def records(text):
    """RFC 4180 records, except that a record ends only at LF or CRLF outside
    quotes: a bare CR is data (one fixture token is a<CR>b)."""
    rows, row, field, i, quoted = [], [], [], 0, False
    while i < len(text):
        c = text[i]
        if quoted:
            if c == '"' and text[i + 1:i + 2] == '"': field.append('"'); i += 2; continue
            if c == '"': quoted = False
            else: field.append(c)
        elif c == '"' and not field: quoted = True
        elif c == ",": row.append("".join(field)); field = []
        elif c == "\n" or (c == "\r" and text[i + 1:i + 2] == "\n"):
            row.append("".join(field)); rows.append(row); row, field = [], []
            if c == "\r": i += 1
        else: field.append(c)
        i += 1
    if field or row: row.append("".join(field)); rows.append(row)
    return rows

def read(model):
    with open(os.path.join(TABLES, models[model]["file"]), newline="", encoding="utf-8") as fh:
        rows = records(fh.read())
    header, body = rows[0], rows[1:]
    assert all(len(r) == len(header) for r in body)
    df = pd.DataFrame(body, columns=header)
    for key, _ in prompts:
        df[key] = df[key].astype(float)
    return df

frames = {m: read(m) for m in plan["grid"]["sources"] + plan["grid"]["targets"]}

def release(version):
    return [int(x) for x in str(version).split(".")]

pairs = [(a, b) for a in plan["grid"]["sources"] for b in plan["grid"]["targets"]]
pairs.sort(key=lambda p: (release(models[p[0]]["version"]), models[p[0]]["size_b"], models[p[1]]["size_b"]))

out = []
for a, b in pairs:
    per_prompt = []
    for key, framing in prompts:
        best = []
        for m in (a, b):
            df = frames[m]
            df = df[df.token_decoded != ""]
            best.append(df.groupby("token_decoded", sort=False)[key].max().reset_index())
        j = best[0].merge(best[1], on="token_decoded", how="inner", suffixes=("_a", "_b"))
        x, y = j[key + "_a"].to_numpy(float), j[key + "_b"].to_numpy(float)
        mwlr = 0.5 * (np.exp(x) + np.exp(y)) * (x - y)
        word = j.token_decoded.str.strip().str.lower()
        f, l = mwlr[(word == "freedom").to_numpy()], mwlr[(word == "love").to_numpy()]
        per_prompt.append({"prompt": key, "framing": framing, "freedom_mwlr": float(f.mean()), "love_mwlr": float(l.mean()),
                           "freedom_tokens": int(len(f)), "love_tokens": int(len(l))})
    pos = [p for p in per_prompt if p["framing"] == "positive"]
    neg = [p for p in per_prompt if p["framing"] == "negative"]
    out.append({"llama_model": a, "gemma_model": b,
                "label": f'{models[b]["short_name"]} → {models[a]["short_name"]}',
                "positive_prompts": len(pos), "positive_prompts_freedom_above_love": sum(p["freedom_mwlr"] > p["love_mwlr"] for p in pos),
                "negative_prompts": len(neg), "negative_prompts_freedom_above_love": sum(p["freedom_mwlr"] > p["love_mwlr"] for p in neg),
                "per_prompt": per_prompt})

npos = sum(f == "positive" for _, f in prompts)
nneg = sum(f == "negative" for _, f in prompts)
ref = {"versions": {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__},
       "positive_prompts": npos, "negative_prompts": nneg,
       "pairs_freedom_above_love_under_every_positive_prompt": sum(p["positive_prompts_freedom_above_love"] == npos for p in out),
       "pairs_freedom_above_love_under_every_negative_prompt": sum(p["negative_prompts_freedom_above_love"] == nneg for p in out),
       "pairs": out}
with open(os.path.join(HERE, "freedom_vs_love_reference.json"), "w", encoding="utf-8") as fh:
    json.dump(ref, fh, indent=1, ensure_ascii=True)
print("pairs:", len(out), "every positive:", ref["pairs_freedom_above_love_under_every_positive_prompt"],
      "counts:", [p["positive_prompts_freedom_above_love"] for p in out], [p["negative_prompts_freedom_above_love"] for p in out])
