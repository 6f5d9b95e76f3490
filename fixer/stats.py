"""The Mann-Whitney U test (two-sided), in pure Python.

Benchmark timings are not normally distributed (a few runs are slowed by the
machine), so benchmark comparisons use this rank test, as benchstat does.
Small samples get the exact permutation distribution of U, computed with
midranks so that ties (common in B/op and allocs/op) are handled exactly;
larger ones the normal approximation with tie and continuity corrections.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

# Above this many ways to split the pooled sample, enumerate no more: approximate.
EXACT_LIMIT = 20_000
_EPSILON = 1e-9


@dataclass(frozen=True)
class UTest:
    u: float        # U statistic of the first sample
    p_value: float  # two-sided
    exact: bool


def midranks(values: Sequence[float]) -> list[float]:
    """1-based ranks of ``values``; tied values share the mean of their ranks."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        rank = (start + end) / 2 + 1
        for k in range(start, end + 1):
            ranks[order[k]] = rank
        start = end + 1
    return ranks


def mann_whitney_u(x: Sequence[float], y: Sequence[float]) -> UTest:
    """Test whether ``x`` and ``y`` come from the same distribution."""
    n1, n2 = len(x), len(y)
    if n1 == 0 or n2 == 0:
        raise ValueError("mann_whitney_u needs at least one value in each sample")
    ranks = midranks([*x, *y])
    base = n1 * (n1 + 1) / 2
    u = sum(ranks[:n1]) - base
    mean = n1 * n2 / 2
    if math.comb(n1 + n2, n1) <= EXACT_LIMIT:
        observed = abs(u - mean)
        total = extreme = 0
        for chosen in itertools.combinations(ranks, n1):
            total += 1
            if abs(sum(chosen) - base - mean) >= observed - _EPSILON:
                extreme += 1
        return UTest(u, extreme / total, exact=True)
    n = n1 + n2
    counts: dict[float, int] = {}
    for value in [*x, *y]:
        counts[value] = counts.get(value, 0) + 1
    ties = sum(t ** 3 - t for t in counts.values())
    variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
    if variance <= 0:
        return UTest(u, 1.0, exact=False)
    z = max(abs(u - mean) - 0.5, 0.0) / math.sqrt(variance)
    return UTest(u, min(1.0, math.erfc(z / math.sqrt(2))), exact=False)
