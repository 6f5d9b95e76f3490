"""The Mann-Whitney U test against published values and its defining properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixer import stats


def test_exact_p_value_matches_r() -> None:
    # R: wilcox.test(x, y, alternative = "greater") gives W = 35, p = 0.1272 (its
    # documentation's example); the two-sided p is twice that.
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    result = stats.mann_whitney_u(x, y)
    assert result.exact and result.u == 35
    assert result.p_value == pytest.approx(0.2544, abs=1e-4)


def test_complete_separation_has_the_smallest_possible_p() -> None:
    result = stats.mann_whitney_u([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
    assert result.u == 0
    assert result.p_value == pytest.approx(2 / math.comb(10, 5))


def test_ties_are_exact_too() -> None:
    # allocs/op: every run of each side reports the same number.
    assert stats.mann_whitney_u([3] * 5, [4] * 5).p_value == pytest.approx(2 / 252)
    assert stats.mann_whitney_u([3] * 5, [3] * 5).p_value == 1.0
    assert stats.midranks([5, 1, 5, 2]) == [3.5, 1.0, 3.5, 2.0]


def test_large_samples_use_the_normal_approximation() -> None:
    x = [float(i) for i in range(40)]
    y = [i + 10.5 for i in range(40)]
    result = stats.mann_whitney_u(x, y)
    assert not result.exact
    # U counts the pairs with x > y: 1 + 2 + ... + 29 = 435; its mean is 800, its
    # standard deviation sqrt(40*40*81/12); z = (|435 - 800| - 0.5) / sd.
    assert result.u == 435
    assert result.p_value == pytest.approx(math.erfc(364.5 / math.sqrt(40 * 40 * 81 / 12)
                                                     / math.sqrt(2)), rel=1e-9)


def test_empty_sample_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one value"):
        stats.mann_whitney_u([], [1.0])


samples = st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=7)


@settings(max_examples=200, deadline=None)
@given(samples, samples)
def test_p_is_symmetric_and_a_probability(x: list[int], y: list[int]) -> None:
    forward, backward = stats.mann_whitney_u(x, y), stats.mann_whitney_u(y, x)
    assert 0 < forward.p_value <= 1
    assert forward.p_value == pytest.approx(backward.p_value)
    assert forward.u + backward.u == pytest.approx(len(x) * len(y))


@settings(max_examples=100, deadline=None)
@given(samples, samples, st.integers(min_value=-100, max_value=100))
def test_p_depends_only_on_ranks(x: list[int], y: list[int], shift: int) -> None:
    moved = stats.mann_whitney_u([3 * v + shift for v in x], [3 * v + shift for v in y])
    assert moved.p_value == pytest.approx(stats.mann_whitney_u(x, y).p_value)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=8, max_size=8, unique=True),
       st.lists(st.floats(0, 100, allow_nan=False), min_size=8, max_size=8, unique=True))
def test_normal_approximation_is_close_to_exact(x: list[float], y: list[float]) -> None:
    exact = stats.mann_whitney_u(x, y)
    limit = stats.EXACT_LIMIT
    try:
        stats.EXACT_LIMIT = 0
        approx = stats.mann_whitney_u(x, y)
    finally:
        stats.EXACT_LIMIT = limit
    assert exact.exact and not approx.exact
    assert approx.p_value == pytest.approx(exact.p_value, abs=0.03)
