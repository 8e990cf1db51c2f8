"""Independent reference for Stats.KendallTau: scipy.stats.kendalltau (tau-b)
on small samples with and without ties. Run from the repository root:
    python3 Tests/Fixtures/reference/training/kendall_reference.py
Writes kendall_reference.json next to this script."""
import json, os
import numpy as np
from scipy.stats import kendalltau

rng = np.random.default_rng(7)
cases = [
    ([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]),
    ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]),
    ([1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 2, 3, 5, 4, 4, 6]),
    ([1.5, 1.5, 3, 4, 5.5, 5.5], [6, 5, 4, 4, 2, 1]),
    ([3, 1, 2], [1, 1, 2]),
]
# Larger samples with many ties, as averaged ranks of rounded scores give.
for n in (40, 263):
    a = np.round(rng.normal(size=n), 1)
    b = np.round(a + rng.normal(scale=0.7, size=n), 1)
    cases.append((a.tolist(), b.tolist()))
out = []
for x, y in cases:
    tau, _ = kendalltau(x, y, variant="b")
    out.append({"x": [float(v) for v in x], "y": [float(v) for v in y], "tau_b": float(tau)})
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kendall_reference.json")
with open(path, "w") as f:
    json.dump({"source": "scipy.stats.kendalltau(variant='b')", "cases": out}, f, indent=1)
