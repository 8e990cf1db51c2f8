"""Reference values for Tests/StatsTests/KendallTauTests.swift (scipy.stats.kendalltau, tau-b)."""
from scipy.stats import kendalltau
cases = [
    ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]),
    ([1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 3, 3, 5, 4, 4, 6]),
    ([1, 1, 2, 2, 3, 3], [1, 2, 1, 2, 1, 2]),
    ([3.5, 1, 2, 2, 7, 6.25, 0, 0], [1, 1, 1, 2, 3, 3, 4, 0.5]),
]
for x, y in cases:
    print(x, y, repr(float(kendalltau(x, y).statistic)))
