"""Is a series growing? A least-squares line through (time, value) and fixed thresholds.

A series is reported as growing only when all of these hold:

* at least ``MIN_SAMPLES`` (4) samples: fewer cannot tell a trend from noise;
* the fitted slope is positive and the fit explains most of the variation
  (R² >= 0.8): a pool that fills up once and then stays flat, or a count that jitters
  up and down, fits a line badly;
* the series rose by at least ``min_rise`` from the first sample to the last
  (3 goroutines, 3 descriptors, 1 MiB of live heap): a one-off extra connection is not
  a leak;
* and by at least 10% of its first value, so that a pool of 500 busy goroutines that
  happens to end 3 higher is not reported.

A constant series has no variation to explain: its R² is 0 and it is never growing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_SAMPLES = 4
MIN_R2 = 0.8
MIN_RELATIVE_RISE = 0.10


@dataclass(frozen=True)
class Fit:
    slope: float      # per second
    intercept: float
    r2: float


@dataclass(frozen=True)
class Thresholds:
    min_rise: float
    min_samples: int = MIN_SAMPLES
    min_r2: float = MIN_R2
    min_relative_rise: float = MIN_RELATIVE_RISE


GOROUTINES = Thresholds(min_rise=3)
FDS = Thresholds(min_rise=3)
HEAP = Thresholds(min_rise=1 << 20)


@dataclass(frozen=True)
class Trend:
    first: float
    last: float
    fit: Fit
    per_sample: float  # the slope times the mean sampling interval
    growing: bool

    @property
    def rise(self) -> float:
        return self.last - self.first


def fit(xs: Sequence[float], ys: Sequence[float]) -> Fit:
    """Ordinary least squares; a vertical or single-point series gets slope 0."""
    n = len(xs)
    if n != len(ys) or n == 0:
        raise ValueError("fit needs equally long, non-empty series")
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx if sxx > 0 else 0.0
    intercept = mean_y - slope * mean_x
    ss_tot = sum((y - mean_y) ** 2 for y in ys)
    ss_res = sum((y - (intercept + slope * x)) ** 2 for x, y in zip(xs, ys, strict=True))
    r2 = 1 - ss_res / ss_tot if ss_tot > 0 else 0.0
    return Fit(slope, intercept, r2)


def trend(times: Sequence[float], values: Sequence[float], limits: Thresholds) -> Trend:
    line = fit(times, values)
    span = times[-1] - times[0]
    per_sample = line.slope * span / (len(times) - 1) if len(times) > 1 else 0.0
    first, last = values[0], values[-1]
    growing = (
        len(values) >= limits.min_samples
        and line.slope > 0
        and line.r2 >= limits.min_r2
        and last - first >= limits.min_rise
        and last - first >= limits.min_relative_rise * first
    )
    return Trend(first, last, line, per_sample, growing)
