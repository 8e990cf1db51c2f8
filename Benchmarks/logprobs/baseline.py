"""Same-run baseline for the §3 benchmark: the computation of `backbone build
--logprobs DIR` for §3 (Fig. 2 ranks for both pairs, Table 1/A2/A3 by MWLR,
Fig. 3 Freedom/Love for 21 pairs), written the straightforward pandas way the
study's scripts take. Reading uses lineterminator="\n" so unquoted bare CRs inside tokens do not
end rows, keep_default_na=False so tokens like "NaN"
stay text (a pandas default read would drop them) and encoding="latin-1" so
invalid UTF-8 does not abort the read: Latin-1 maps every byte to one
character, so distinct byte strings stay distinct (pandas 3 stores text as
Arrow strings, which reject the surrogates that encoding_errors=
"surrogateescape" would produce). Prints seconds per stage."""
import sys, time
import numpy as np
import pandas as pd

folder = sys.argv[1]
t0 = time.time()
prompts = None
def read(name, usecols=None):
    global prompts
    df = pd.read_csv(f"{folder}/{name}", keep_default_na=False, na_values=[], usecols=usecols, lineterminator="\n",
                     dtype={"token_name": object, "token_decoded": object}, engine="c", encoding="latin-1")
    return df

nouns = pd.read_csv("content/data/corpora/dict_big2_nouns.csv", encoding="latin-1")
noun_set = set(nouns.token_decoded)
pairs2 = [("google--gemma-2-2b.csv", "meta-llama--Llama-3.2-3B.csv"), ("google--gemma-2-2b-it.csv", "meta-llama--Llama-3.2-3B-Instruct.csv")]
llamas = ["meta-llama--Llama-3.2-1B-Instruct.csv", "meta-llama--Llama-3.2-3B-Instruct.csv", "meta-llama--Meta-Llama-3-8B-Instruct.csv",
          "meta-llama--Llama-3.1-8B-Instruct.csv", "meta-llama--Meta-Llama-3-70B-Instruct.csv", "meta-llama--Llama-3.1-70B-Instruct.csv",
          "meta-llama--Llama-3.3-70B-Instruct.csv"]
gemmas = ["google--gemma-2-2b-it.csv", "google--gemma-2-9b-it.csv", "google--gemma-2-27b-it.csv"]

# Fig. 2: all prompts, noun rows.
for a, b in pairs2:
    da, db = read(a), read(b)
    cols = [c for c in da.columns if c not in ("token_id", "token_name", "token_decoded")]
    common = noun_set & set(da.token_decoded) & set(db.token_decoded)
    for d in (da, db):
        sub = d[d.token_decoded.isin(common)].groupby("token_decoded")[cols].max()
        ranks = sub.rank(ascending=False, method="average")
t1 = time.time()

# Implicit rewards: greatest_ever_one, all rows.
def best(name):
    d = read(name, usecols=["token_decoded", "greatest_ever_one"])
    d = d[d.token_decoded != ""]
    # Unquoted bare CRs split rows in pandas, shifting text into number
    # columns; coerce so the baseline finishes (backbone reads them right).
    d = d.assign(greatest_ever_one=pd.to_numeric(d.greatest_ever_one, errors="coerce"))
    return d.groupby("token_decoded", sort=False)["greatest_ever_one"].max()

cache = {n: best(n) for n in set(llamas + gemmas)}
t2 = time.time()
def mwlr(a, b):
    j = pd.concat([cache[a].rename("a"), cache[b].rename("b")], axis=1, join="inner")
    pa, pb = np.exp(j.a), np.exp(j.b)
    return (0.5 * (pa + pb) * (j.a - j.b)).sort_values(ascending=False)
for g in gemmas:
    s = mwlr("meta-llama--Llama-3.2-3B-Instruct.csv", g)
    top, bottom = s.head(15), s.tail(15)
out = []
for l in llamas:
    for g in gemmas:
        s = mwlr(l, g)
        w = s.index.str.strip().str.lower()
        out.append((l, g, s[w == "freedom"].mean(), s[w == "love"].mean()))
t3 = time.time()
print(f"baseline: fig2 {t1 - t0:.2f} s, read implicit {t2 - t1:.2f} s, mwlr+fig3 {t3 - t2:.2f} s, total {t3 - t0:.2f} s")
