"""Independent reference for Analyses.TokenDynamics on a SIMULATED checkpoint
table (written by `backbone generate-checkpoints --seed 42`; planted riser
"choice", faller "neighbors"). Python csv + numpy + scipy, no Backbone code.
Run from the repository root:
    python3 Tests/Fixtures/reference/training/token_dynamics_reference.py
Rules (Docs/Methods.md#token-dynamics): normalise tokens (drop non-ASCII, strip, lowercase),
keep Big Two nouns, average variants per checkpoint ignoring NA, drop words
with no score at some checkpoint, rank per checkpoint (highest = 1, ties
averaged), change = first - last rank, Kendall tau-b vs final and previous."""
import csv, json, os
import numpy as np
from scipy.stats import kendalltau, rankdata

here = os.path.dirname(os.path.abspath(__file__))
with open("content/data/corpora/dict_big2_nouns.csv", newline="", encoding="utf-8") as f:
    category = {r["token_decoded"]: r["Category"] for r in csv.DictReader(f)}
with open(os.path.join(here, "checkpoints", "greatest_ever_one_across_checkpoints_gemma.csv"), newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, rows = rows[0], rows[1:]
tok = header.index("token_decoded")
steps = sorted((int(h[5:]), i) for i, h in enumerate(header) if h.startswith("step-"))

def normalise(t):
    return "".join(ch for ch in t if ord(ch) < 128).strip().lower()

scores = {}
for r in rows:
    w = normalise(r[tok])
    if w not in category:
        continue
    vals = [float("nan") if r[i] in ("NA", "NaN", "nan", "") else float(r[i]) for _, i in steps]
    scores.setdefault(w, []).append(vals)
words, means, dropped = [], [], []
for w in sorted(scores):
    m = np.nanmean(np.array(scores[w]), axis=0)
    if np.isnan(m).any():
        dropped.append(w)
    else:
        words.append(w); means.append(m)
means = np.array(means)
ranks = np.array([rankdata(-means[:, k], method="average") for k in range(len(steps))])
change = ranks[0] - ranks[-1]
order = sorted(range(len(words)), key=lambda i: (-change[i], words[i]))
risers = [dict(word=words[i], category=category[words[i]], first_rank=ranks[0][i], last_rank=ranks[-1][i], change=change[i])
          for i in order if change[i] > 0][:10]
order = sorted(range(len(words)), key=lambda i: (change[i], words[i]))
fallers = [dict(word=words[i], category=category[words[i]], first_rank=ranks[0][i], last_rank=ranks[-1][i], change=change[i])
           for i in order if change[i] < 0][:10]
kendall = []
for k, (step, _) in enumerate(steps):
    vs_final = kendalltau(ranks[k], ranks[-1], variant="b")[0]
    vs_prev = None if k == 0 else kendalltau(ranks[k - 1], ranks[k], variant="b")[0]
    kendall.append(dict(step=step, vs_final=float(vs_final), vs_previous=None if vs_prev is None else float(vs_prev)))
out = dict(source="python csv + scipy.stats (rankdata, kendalltau)", steps=[s for s, _ in steps], words_ranked=len(words),
           words_dropped=dropped, variants_kept=sum(len(v) for v in scores.values()), tokens_read=len(rows),
           risers=[{k: (float(v) if not isinstance(v, str) else v) for k, v in r.items()} for r in risers],
           fallers=[{k: (float(v) if not isinstance(v, str) else v) for k, v in r.items()} for r in fallers],
           kendall=kendall)
with open(os.path.join(here, "token_dynamics_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print(len(words), risers[0]["word"], fallers[0]["word"])
