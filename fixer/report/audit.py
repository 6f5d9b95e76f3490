"""The audit report's model: what `leakfix report` found, fixed, verified and measured.

Pure data. ``fixer.audit`` fills it (reading files, running git and Go); the
markdown and HTML renderers only read it, so they can be tested on a fixed model.
"""

from __future__ import annotations

import enum
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fixer.model import Finding
from fixer.report import ScanResult

if TYPE_CHECKING:
    from fixer.apply import Report

ALPHA = 0.05  # significance level of benchmark comparisons


@dataclass(frozen=True)
class Snippet:
    """A few source lines around a finding."""

    first_line: int
    lines: tuple[str, ...]


class FixState(enum.Enum):
    APPLIED = "applied"          # committed on the fix branch
    PROPOSED = "proposed"        # safe: `leakfix apply` applies it
    NOT_APPLIED = "not applied"  # unsafe or display-only, or skipped by the run
    WITHHELD = "withheld"        # applying it broke the build or vet
    NONE = "none"                # reported only


@dataclass(frozen=True)
class FixView:
    state: FixState
    reason: str
    diff: tuple[str, ...] = ()   # unified-diff lines of this fix alone


@dataclass(frozen=True)
class AuditedFinding:
    finding: Finding
    snippet: Snippet
    fix: FixView


class SignalKind(enum.Enum):
    """Observability already present in the code."""

    PPROF_HTTP = "net/http/pprof"
    PPROF_RUNTIME = "runtime/pprof"
    GOROUTINE_COUNT = "runtime.NumGoroutine"
    RUNTIME_METRICS = "runtime/metrics"
    EXPVAR = "expvar"
    PROMETHEUS = "prometheus"
    OPENTELEMETRY = "opentelemetry"
    GOLEAK = "goleak"


@dataclass(frozen=True)
class Signal:
    kind: SignalKind
    path: str
    line: int


@dataclass(frozen=True)
class GoroutineSite:
    """A ``go`` statement and what, as far as the source shows, lets it stop."""

    path: str
    line: int
    function: str   # "Dispatcher.Start", "main", "(func literal)"
    stop: str       # "watches ctx.Done()", "receives from d.done", ...; "" when none seen


@dataclass(frozen=True)
class Observability:
    signals: tuple[Signal, ...] = ()
    goroutines: tuple[GoroutineSite, ...] = ()

    def of(self, kind: SignalKind) -> list[Signal]:
        return [s for s in self.signals if s.kind is kind]


@dataclass(frozen=True)
class MetricComparison:
    """One benchmark metric (ns/op, B/op, allocs/op) on the base and the fix branch."""

    package: str
    benchmark: str
    unit: str
    base: tuple[float, ...]
    head: tuple[float, ...]
    p_value: float

    @property
    def base_median(self) -> float:
        return statistics.median(self.base)

    @property
    def head_median(self) -> float:
        return statistics.median(self.head)

    @property
    def change(self) -> float | None:
        """Relative change of the median (0.1 = 10% more); None from a zero base."""
        if self.base_median == 0:
            return None if self.head_median else 0.0
        return self.head_median / self.base_median - 1

    @property
    def significant(self) -> bool:
        return self.p_value < ALPHA


@dataclass(frozen=True)
class Performance:
    measured: bool
    reason: str = ""                      # why nothing (or not everything) was measured
    base: str = ""                        # commit measured as "before"
    head: str = ""                        # branch or commit measured as "after"
    runs: int = 0                         # interleaved runs per side
    benchtime: str = ""
    comparisons: tuple[MetricComparison, ...] = ()
    unmeasured: tuple[str, ...] = ()      # "pkg: why" for touched packages not measured


@dataclass
class Audit:
    scan: ScanResult
    findings: list[AuditedFinding] = field(default_factory=list)
    observability: Observability = field(default_factory=Observability)
    performance: Performance = field(default_factory=lambda: Performance(False))
    applied: Report | None = None         # `leakfix apply` run behind the fixes, if any
