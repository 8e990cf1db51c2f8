"""Reference values for the robustness layer's R1 (reward models as the unit),
computed independently with pandas/scipy from the median-rank tables that the
R pipeline wrote (../big2/fig1_big2_rank_results.csv,
../mfd2/mfd2_virtue_median_ranks.csv, ../mfd2/mfd2_script_median_ranks.csv).

For each dictionary: the per-RM cell means m(rm, category, framing); for every
family term of median_rank ~ family*category*framing the per-RM contrast and
its Student (scipy ttest_ind equal_var=True), Welch (equal_var=False) and exact
permutation test (every C(n, k) assignment via itertools.combinations,
statistic = difference of means, two-sided, |d*| >= |d_obs|(1 - 1e-12));
per panel the Welch and exact permutation tests on the RM cell means, with
Bonferroni over the panels.

Two further cases: `three_families` (Big Two with R-Lla-8B and R-Lla-3B
relabelled Qwen: each family against Gemma) and `monte_carlo` (24 values in
two groups of 12: C(24, 12) = 2,704,156 > 10^6 assignments, so 5,000 seeded
relabellings, drawn exactly as Backbone draws them: xoshiro256** seeded by
splitmix64, Lemire's bounded integers, a partial Fisher-Yates shuffle of one
working array; p = (1 + hits)/(R + 1)).

Run from the repository root:
    python3 Tests/Fixtures/reference/robustness/make_rm_level_reference.py
It writes rm_level_reference.json next to this script (floats as repr, i.e.
17 significant digits)."""
import itertools
import json
import os
from math import comb

import pandas as pd
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.dirname(HERE)
FAMILIES = ["Gemma", "Llama", "Qwen"]
FRAMINGS = ["positive", "negative"]


def load_big2():
    d = pd.read_csv(os.path.join(REF, "big2", "fig1_big2_rank_results.csv"))
    return d.rename(columns={"model_id": "rm", "Category": "category", "base_model": "family",
                             "prompt_framing": "framing", "sum_value": "median_rank"})


def load_mfd2(rule):
    return pd.read_csv(os.path.join(REF, "mfd2", f"mfd2_{rule}_median_ranks.csv"))


def exact_permutation(x, y):
    pooled = list(x) + list(y)
    n, k = len(pooled), len(x)
    total = 0.0
    for v in pooled:
        total += v

    def diff(s):
        return s / k - (total - s) / (n - k)

    s_obs = 0.0
    for v in x:
        s_obs += v
    observed = diff(s_obs)
    threshold = abs(observed) * (1 - 1e-12)
    hits = count = 0
    for combo in itertools.combinations(range(n), k):
        s = 0.0
        for i in combo:
            s += pooled[i]
        count += 1
        if abs(diff(s)) >= threshold:
            hits += 1
    assert count == comb(n, k)
    return {"difference": observed, "hits": hits, "assignments": count, "p": hits / count}


M = (1 << 64) - 1


class Xoshiro:
    def __init__(self, seed):
        x, s = seed, []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
            s.append(z ^ (z >> 31))
        self.s = s

    def next(self):
        s = self.s

        def rotl(v, k):
            return ((v << k) | (v >> (64 - k))) & M
        out = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t
        s[3] = rotl(s[3], 45)
        return out

    def below(self, n):
        product = self.next() * n
        if (product & M) < n:
            threshold = ((1 << 64) - n) % n
            while (product & M) < threshold:
                product = self.next() * n
        return product >> 64


def monte_carlo_permutation(x, y, resamples, seed):
    pooled = list(x) + list(y)
    n, k = len(pooled), len(x)
    total = 0.0
    for v in pooled:
        total += v

    def diff(s):
        return s / k - (total - s) / (n - k)
    s_obs = 0.0
    for v in x:
        s_obs += v
    observed = diff(s_obs)
    threshold = abs(observed) * (1 - 1e-12)
    g = Xoshiro(seed)
    buf = pooled[:]
    hits = 0
    for _ in range(resamples):
        s = 0.0
        for i in range(k):
            j = i + g.below(n - i)
            buf[i], buf[j] = buf[j], buf[i]
            s += buf[i]
        if abs(diff(s)) >= threshold:
            hits += 1
    return {"difference": observed, "hits": hits, "assignments": comb(n, k),
            "resamples": resamples, "seed": seed, "p": (1 + hits) / (resamples + 1)}


def two_sample(x, y):
    st = stats.ttest_ind(x, y, equal_var=True)
    we = stats.ttest_ind(x, y, equal_var=False)
    nx, ny = len(x), len(y)
    vx, vy = pd.Series(x).var() / nx, pd.Series(y).var() / ny
    df_welch = (vx + vy) ** 2 / (vx ** 2 / (nx - 1) + vy ** 2 / (ny - 1))
    return {"t_student": float(st.statistic), "df_student": nx + ny - 2, "p_student": float(st.pvalue),
            "t_welch": float(we.statistic), "df_welch": float(df_welch), "p_welch": float(we.pvalue)}


def stars(p):
    return "***" if p < 0.001 else "**" if p < 0.01 else "*" if p < 0.05 else "n.s."


def rm_level(d):
    categories = sorted(d["category"].unique())
    families = [f for f in FAMILIES if f in set(d["family"])]
    ref_c, ref_f, ref_fam = categories[0], FRAMINGS[0], families[0]
    cells = d.groupby(["rm", "family", "category", "framing"], as_index=False)["median_rank"].mean()
    m = {(r.rm, r.category, r.framing): r.median_rank for r in cells.itertuples()}
    family_of = dict(zip(cells["rm"], cells["family"]))
    out = {"cell_means": [{"rm": r.rm, "family": r.family, "category": r.category, "framing": r.framing,
                           "mean": r.median_rank} for r in cells.itertuples()],
           "terms": [], "panels": []}

    def contrast(rm, c, f):
        if c is None and f is None:
            return m[(rm, ref_c, ref_f)]
        if f is None:
            return m[(rm, c, ref_f)] - m[(rm, ref_c, ref_f)]
        if c is None:
            return m[(rm, ref_c, f)] - m[(rm, ref_c, ref_f)]
        return (m[(rm, c, f)] - m[(rm, ref_c, f)]) - (m[(rm, c, ref_f)] - m[(rm, ref_c, ref_f)])

    def groups(fam, value):
        x = [value(rm) for rm in sorted(family_of) if family_of[rm] == fam]
        y = [value(rm) for rm in sorted(family_of) if family_of[rm] == ref_fam]
        return x, y

    for fam in families[1:]:
        specs = [(None, None)] + [(c, None) for c in categories[1:]] + [(None, "negative")] \
            + [(c, "negative") for c in categories[1:]]
        for c, f in specs:
            term = "family" + fam + (":category" + c if c else "") + (":framing" + f if f else "")
            x, y = groups(fam, lambda rm: contrast(rm, c, f))
            perm = exact_permutation(x, y)
            row = {"term": term, "estimate": perm["difference"], "p_permutation": perm["p"],
                   "permutation_hits": perm["hits"], "assignments": perm["assignments"],
                   "per_rm": {rm: contrast(rm, c, f) for rm in family_of if family_of[rm] in (fam, ref_fam)}}
            row.update(two_sample(x, y))
            out["terms"].append(row)
    for f in FRAMINGS:
        for c in categories:
            for fam in families[1:]:
                x, y = groups(fam, lambda rm: m[(rm, c, f)])
                perm = exact_permutation(x, y)
                t = two_sample(x, y)
                out["panels"].append({"category": c, "framing": f, "family": fam, "difference": perm["difference"],
                                      "welch": {"t": t["t_welch"], "df": t["df_welch"], "p": t["p_welch"]},
                                      "permutation": {"p": perm["p"], "hits": perm["hits"]}})
    k = len(out["panels"])
    for p in out["panels"]:
        p["welch"]["p_adjusted"] = min(1.0, p["welch"]["p"] * k)
        p["permutation"]["p_adjusted"] = min(1.0, p["permutation"]["p"] * k)
        p["stars"] = stars(p["permutation"]["p_adjusted"])
    return out


def main():
    big2 = load_big2()
    three = big2.copy()
    three.loc[three["rm"].isin(["R-Lla-8B", "R-Lla-3B"]), "family"] = "Qwen"
    x = [((i * 7919) % 97) / 7.0 + 0.5 * i for i in range(12)]
    y = [((i * 104729) % 89) / 6.0 for i in range(12)]
    result = {
        "big2": rm_level(big2),
        "mfd2": rm_level(load_mfd2("virtue")),
        "mfd2_script": rm_level(load_mfd2("script")),
        "three_families": rm_level(three),
        "monte_carlo": dict(x=x, y=y, **monte_carlo_permutation(x, y, 5000, 20260101)),
    }
    with open(os.path.join(HERE, "rm_level_reference.json"), "w") as fh:
        json.dump(result, fh, indent=1, sort_keys=True)
        fh.write("\n")
    b = result["big2"]["terms"][-1]
    print("big2 3-way:", b["term"], b["estimate"], "p_perm", b["p_permutation"], "p_student", b["p_student"])
    print("monte carlo:", result["monte_carlo"]["hits"], result["monte_carlo"]["p"])


if __name__ == "__main__":
    main()
