"""Deterministic small log-prob tables and pandas/statsmodels/scipy reference
values for Backbone's §3 analyses (Docs/Methods.md#logprob-ranks, #implicit-rewards).

Run from the repository root:  python3 Tests/Fixtures/reference/logprobs/make_logprob_reference.py
Needs numpy, pandas, scipy, statsmodels (versions are written into the JSON).
Writes tables/<org>--<model>.csv (one per model of content/study.yaml, in the
study's format: token_id,token_name,token_decoded + 54 prompt columns) and
reference.json. CI does not run this; the Swift tests read its output.
"""
import csv, json, math, os, sys
import numpy as np, pandas as pd, scipy, statsmodels
import statsmodels.formula.api as smf
from statsmodels.stats.anova import anova_lm
from statsmodels.stats.multitest import multipletests
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../../.."))
OUT = os.path.join(HERE, "tables")

ADJ = [("best", "positive"), ("greatest", "positive"), ("good", "positive"),
       ("worst", "negative"), ("bad", "negative"), ("terrible", "negative")]
PROMPTS = [(f"{a}_{s}_{c}", v) for a, v in ADJ for s in ["ever", "world", "time"] for c in ["one", "single", "please"]]
FRAMING = dict(PROMPTS)
KEYS = [k for k, _ in PROMPTS]

MODELS = [  # (file, family, agency bias)
    ("google--gemma-2-2b.csv", "Gemma", -0.6), ("google--gemma-2-2b-it.csv", "Gemma", -0.8),
    ("google--gemma-2-9b-it.csv", "Gemma", -0.9), ("google--gemma-2-27b-it.csv", "Gemma", -1.0),
    ("meta-llama--Llama-3.2-3B.csv", "Llama", 0.6), ("meta-llama--Llama-3.2-3B-Instruct.csv", "Llama", 0.8),
    ("meta-llama--Llama-3.2-1B-Instruct.csv", "Llama", 0.5), ("meta-llama--Meta-Llama-3-8B-Instruct.csv", "Llama", 0.7),
    ("meta-llama--Llama-3.1-8B-Instruct.csv", "Llama", 0.75), ("meta-llama--Meta-Llama-3-70B-Instruct.csv", "Llama", 0.9),
    ("meta-llama--Llama-3.1-70B-Instruct.csv", "Llama", 0.95), ("meta-llama--Llama-3.3-70B-Instruct.csv", "Llama", 1.0),
]

dictionary = pd.read_csv(os.path.join(ROOT, "content/data/corpora/dict_big2_nouns.csv"), keep_default_na=False)
agency = sorted(dictionary[dictionary.Category == "Agency"].token_decoded)[:24]
communion = sorted(dictionary[dictionary.Category == "Communion"].token_decoded)[:24]
# Strings that exercise the alignment rules: variants of Freedom/Love that
# Python's str.strip() does or does not trim, duplicates, empty and NaN-like text.
SPECIAL = ["Freedom", " Freedom", "freedom", "FREEDOM", "Love", " Love", "love", "\u00a0Love", "Love\u200b",
           "\x1fLove", "\n\nLove", "**", " **", "That", "Un", "\"", "NaN", "null", "", "a\rb", "\t", "爱", "Hope", "Life"]
FILLER = [f"tok{i}" for i in range(60)]

def vocabulary(file, family, rng):
    shared = agency[:20] + communion[:20] + SPECIAL + FILLER[:40]
    own = (agency[20:] if family == "Llama" else communion[20:]) + [f"{family.lower()}only{i}" for i in range(15)]
    tokens = shared + own
    # Duplicated strings under several ids, as real vocabularies have.
    tokens += ["Freedom", "love", agency[0], communion[0], ""]
    return tokens

def table(file, family, bias, seed):
    rng = np.random.default_rng(seed)
    tokens = vocabulary(file, family, rng)
    n = len(tokens)
    base = rng.normal(-9, 3, n)
    cols = {}
    for key in KEYS:
        sign = 1 if FRAMING[key] == "positive" else -1
        logits = base + rng.normal(0, 1.2, n)
        for i, t in enumerate(tokens):
            if t in agency: logits[i] += sign * bias
            if t in communion: logits[i] -= sign * bias
            if t.strip().lower() == "freedom": logits[i] += 4 + 2 * bias
            if t.strip().lower() == "love": logits[i] += 4 - 2 * bias
        lp = logits - np.logaddexp.reduce(logits)
        lp = np.round(lp, 3)  # rounding creates exact ties, as in real tables
        cols[key] = lp
    df = pd.DataFrame({"token_id": np.arange(n), "token_name": [f"id{i}" for i in range(n)], "token_decoded": tokens})
    for key in KEYS: df[key] = cols[key]
    return df

os.makedirs(OUT, exist_ok=True)
frames = {}
for seed, (file, family, bias) in enumerate(MODELS):
    df = table(file, family, bias, 1000 + seed)
    frames[file] = df
    with open(os.path.join(OUT, file), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["token_id", "token_name", "token_decoded"] + KEYS)
        for row in df.itertuples(index=False):
            w.writerow([row[0], row[1], row[2]] + [repr(float(x)) for x in row[3:]])
# Generated, not model outputs: Backbone labels every page built from a
# folder holding this marker SIMULATED (as `backbone generate-logprobs` does).
with open(os.path.join(OUT, "SIMULATED.txt"), "w", encoding="utf-8") as fh:
    fh.write("SIMULATED log-prob tables written by make_logprob_reference.py (test fixtures, not model outputs).\n")

def reread(file):
    # The reference works on the generated frame itself, not on a re-read of
    # the CSV: pandas (C and python engines alike) splits the quoted bare-CR
    # token "a\rb" into two rows, which is the very mangling the data page's
    # audit counts. The CSV is written by the csv module (quoted, repr floats:
    # exact round trip), so it holds exactly these values.
    return frames[file].copy()

# ---- §3.1: Fig. 2 pipeline --------------------------------------------------
category = dict(zip(dictionary.token_decoded, dictionary.Category))
def fig2(file_a, file_b):
    per = {}
    for label, file in (("A", file_a), ("B", file_b)):
        df = reread(file)
        df = df[df.token_decoded.isin(category.keys())]
        per[label] = df.groupby("token_decoded")[KEYS].max()   # highest log-prob per string
    nouns = sorted(set(per["A"].index) & set(per["B"].index))
    rows = []
    for label in ("A", "B"):
        sub = per[label].loc[nouns]
        for key in KEYS:
            ranks = sub[key].rank(ascending=False, method="average")
            for cat in ("Agency", "Communion"):
                r = ranks[[category[w] == cat for w in nouns]]
                rows.append({"prompt": key, "valence": FRAMING[key], "category": cat, "model": label, "rank": float(r.median())})
    d = pd.DataFrame(rows)
    fit = smf.ols("rank ~ C(category) * C(valence) * C(model)", data=d).fit()
    aov = anova_lm(fit, typ=2)
    names = {"C(category)": "category", "C(valence)": "valence", "C(model)": "model",
             "C(category):C(valence)": "category:valence", "C(category):C(model)": "category:model",
             "C(valence):C(model)": "valence:model", "C(category):C(valence):C(model)": "category:valence:model",
             "Residual": "residual"}
    anova = [{"term": names[t], "sum_sq": float(r.sum_sq), "df": float(r.df),
              "F": None if math.isnan(r.F) else float(r.F), "p": None if math.isnan(r["PR(>F)"]) else float(r["PR(>F)"])}
             for t, r in aov.iterrows()]
    cells = []
    for cat in ("Agency", "Communion"):
        for val in ("positive", "negative"):
            x = d[(d.category == cat) & (d.valence == val) & (d.model == "A")]["rank"]
            y = d[(d.category == cat) & (d.valence == val) & (d.model == "B")]["rank"]
            t = stats.ttest_ind(x, y, equal_var=False)
            cells.append({"category": cat, "valence": val, "t": float(t.statistic), "df": float(t.df), "p": float(t.pvalue)})
    fdr = multipletests([c["p"] for c in cells], method="fdr_bh")[1]
    for c, q in zip(cells, fdr): c["p_fdr"] = float(q)
    first = d[(d.model == "A") & (d.prompt == KEYS[0])]
    return {"file_a": file_a, "file_b": file_b, "nouns": len(nouns), "anova": anova, "cells": cells,
            "median_ranks_first_prompt_a": {r.category: r["rank"] for _, r in first.iterrows()}}

# ---- §3.2: implicit rewards -------------------------------------------------
PROMPT = "greatest_ever_one"
def aligned(file_a, file_b):
    out = []
    for file in (file_a, file_b):
        df = reread(file)
        df = df[df.token_decoded != ""]
        out.append(df.groupby("token_decoded", sort=False)[PROMPT].max().reset_index())
    m = out[0].merge(out[1], on="token_decoded", how="inner", suffixes=("_a", "_b"))
    return m.token_decoded.tolist(), m[PROMPT + "_a"].to_numpy(float), m[PROMPT + "_b"].to_numpy(float)

def measures(a, b):
    pa, pb = np.exp(a), np.exp(b)
    mix = 0.5 * (pa + pb)
    return {
        "LLR": a - b, "LR-20": np.maximum(a, -20) - np.maximum(b, -20), "LR-10": np.maximum(a, -10) - np.maximum(b, -10),
        "p1LR": pa * (a - b), "p2LR": pb * (a - b), "MWLR": mix * (a - b), "GMLR": np.sqrt(pa * pb) * (a - b),
        "JSLR": 0.5 * (pa * np.log(pa / mix) - pb * np.log(pb / mix)),
    }

def ranked(tokens, score):
    order = pd.Series(score).sort_values(ascending=False, kind="stable").index.to_numpy()
    return [(i + 1, tokens[j], float(score[j])) for i, j in enumerate(order)]

tables = []
for title, fa, fb in [("Table 1", "meta-llama--Llama-3.2-3B-Instruct.csv", "google--gemma-2-2b-it.csv"),
                      ("Table A2", "meta-llama--Llama-3.2-3B-Instruct.csv", "google--gemma-2-9b-it.csv"),
                      ("Table A3", "meta-llama--Llama-3.2-3B-Instruct.csv", "google--gemma-2-27b-it.csv")]:
    tokens, a, b = aligned(fa, fb)
    ms = measures(a, b)
    r = ranked(tokens, ms["MWLR"])
    entry = {"title": title, "file_a": fa, "file_b": fb, "common_tokens": len(tokens),
             "top": [{"rank": k, "token": t, "score": s} for k, t, s in r[:15]],
             "bottom": [{"rank": k, "token": t, "score": s} for k, t, s in r[-15:]],
             "measure_ranks": {}}
    for name, sc in ms.items():
        rr = ranked(tokens, sc)
        pos = {t: k for k, t, _ in rr}
        entry["measure_ranks"][name] = {"Freedom": pos.get("Freedom"), "Love": pos.get("Love"), "top": rr[0][1], "bottom": rr[-1][1]}
    tables.append(entry)

sources = ["meta-llama--Llama-3.2-1B-Instruct.csv", "meta-llama--Llama-3.2-3B-Instruct.csv", "meta-llama--Meta-Llama-3-8B-Instruct.csv",
           "meta-llama--Llama-3.1-8B-Instruct.csv", "meta-llama--Meta-Llama-3-70B-Instruct.csv", "meta-llama--Llama-3.1-70B-Instruct.csv",
           "meta-llama--Llama-3.3-70B-Instruct.csv"]
targets = ["google--gemma-2-2b-it.csv", "google--gemma-2-9b-it.csv", "google--gemma-2-27b-it.csv"]
grid = []
for fa in sources:
    for fb in targets:
        tokens, a, b = aligned(fa, fb)
        mw = measures(a, b)["MWLR"]
        norm = [t.strip().lower() for t in tokens]
        f = [s for s, t in zip(mw, norm) if t == "freedom"]
        l = [s for s, t in zip(mw, norm) if t == "love"]
        grid.append({"file_a": fa, "file_b": fb, "freedom": float(np.mean(f)), "love": float(np.mean(l)),
                     "freedom_tokens": len(f), "love_tokens": len(l)})

# ---- measures on hand-checkable log-prob pairs ----------------------------
cases = [(-0.5, -2.0), (-2.0, -0.5), (-1.0, -1.0), (-15.0, -25.0), (-30.0, -5.0), (-100.0, -0.1), (-0.693147, -0.693147 - 3)]
hand = [{"a": a, "b": b, **{k: float(v[0]) for k, v in measures(np.array([a]), np.array([b])).items()}} for a, b in cases]

# ---- Type II ANOVA on an unbalanced design --------------------------------
rng = np.random.default_rng(7)
rows = []
for i in range(70):
    f1, f2, f3 = rng.integers(0, 2, 3)
    y = 3 + 1.5 * f1 - 0.7 * f2 + 0.4 * f1 * f3 + rng.normal(0, 1)
    rows.append({"a": "a%d" % f1, "b": "b%d" % f2, "c": "c%d" % f3, "y": round(float(y), 6)})
u = pd.DataFrame(rows)
aov = anova_lm(smf.ols("y ~ C(a) * C(b) * C(c)", data=u).fit(), typ=2)
unbalanced = {"rows": rows, "anova": [{"term": t, "sum_sq": float(r.sum_sq), "df": float(r.df),
              "F": None if math.isnan(r.F) else float(r.F), "p": None if math.isnan(r["PR(>F)"]) else float(r["PR(>F)"])}
              for t, r in aov.iterrows()]}

ref = {"versions": {"python": sys.version.split()[0], "numpy": np.__version__, "pandas": pd.__version__,
                    "scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
       "fig2": [fig2("google--gemma-2-2b.csv", "meta-llama--Llama-3.2-3B.csv"),
                fig2("google--gemma-2-2b-it.csv", "meta-llama--Llama-3.2-3B-Instruct.csv")],
       "tables": tables, "grid": grid, "hand_cases": hand, "unbalanced_anova": unbalanced}
with open(os.path.join(HERE, "reference.json"), "w", encoding="utf-8") as fh:
    json.dump(ref, fh, indent=1, ensure_ascii=True)
print("wrote", OUT, "and reference.json")
