"""Group one dump's goroutines by where they were created and where they are blocked.

Goroutines leaked by the same bug share a ``go`` statement (the ``created by`` site)
and the line they wait on. The blocking frame is the innermost user frame (runtime and
library frames skipped); a goroutine with no user frame is keyed by its innermost frame
outside package ``runtime`` instead (``net/http.(*persistConn).readLoop``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from fixer.watch import frames
from fixer.watch.goroutines import Frame, Goroutine


@dataclass(frozen=True)
class GroupKey:
    created_by: Frame | None
    blocking: Frame | None


@dataclass
class GroupStat:
    """One group in one sample."""

    count: int = 0
    states: Counter[str] = field(default_factory=Counter)
    wait_minutes: int = 0  # the longest wait among the group's goroutines
    leaked: int = 0        # goroutines marked "(leaked)" (goroutineleak profile only)
    example: Goroutine | None = None


def blocking_frame(goroutine: Goroutine, classifier: frames.Classifier) -> Frame | None:
    user = next((f for f in goroutine.frames if classifier.is_user(f)), None)
    if user is not None:
        return user
    outside = (f for f in goroutine.frames if frames.symbol(f.function).package != "runtime")
    return next(outside, goroutine.frames[0] if goroutine.frames else None)


def group(goroutines: Iterable[Goroutine],
          classifier: frames.Classifier) -> dict[GroupKey, GroupStat]:
    groups: dict[GroupKey, GroupStat] = {}
    for goroutine in goroutines:
        key = GroupKey(goroutine.created_by, blocking_frame(goroutine, classifier))
        stat = groups.setdefault(key, GroupStat(example=goroutine))
        stat.count += 1
        stat.states[goroutine.state] += 1
        stat.wait_minutes = max(stat.wait_minutes, goroutine.wait_minutes)
        stat.leaked += goroutine.leaked
    return groups
