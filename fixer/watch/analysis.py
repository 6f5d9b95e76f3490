"""From a recording to a report: one series per goroutine group, fd kind and the heap,
each with its trend verdict (thresholds in ``fixer.watch.trend``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from fixer.model import Finding
from fixer.watch import fds, frames, trend
from fixer.watch.goroutines import Frame, Goroutine
from fixer.watch.grouping import GroupKey
from fixer.watch.paths import RepoIndex
from fixer.watch.sampler import Recording

MIN_GC_CYCLES = 3  # distinct live-heap measurements needed for a heap verdict


@dataclass(frozen=True)
class Site:
    """A frame as the report shows it: repository-relative when the file is the repo's."""

    function: str
    path: str
    line: int
    in_repo: bool

    def __str__(self) -> str:
        return f"{self.function} at {self.path}:{self.line}"


@dataclass(frozen=True)
class Match:
    """A static finding that explains a growing series, and how it was connected."""

    finding: Finding
    how: str


@dataclass
class GroupSeries:
    key: GroupKey
    counts: list[int]
    trend: trend.Trend
    state: str
    wait_minutes: int
    leaked: int | None  # goroutines the goroutineleak profile marked, None if not fetched
    example: Goroutine
    findings: list[Match] = field(default_factory=list)


@dataclass
class FdSeries:
    kind: str
    counts: list[int]
    trend: trend.Trend
    top_files: tuple[tuple[str, int], ...] = ()
    findings: list[Match] = field(default_factory=list)


@dataclass
class HeapSeries:
    live: list[int]
    heap_inuse: list[int | None]
    gc_cycles: int                # distinct live-heap measurements during the watch
    trend: trend.Trend | None     # None when too few GCs ran to judge
    findings: list[Match] = field(default_factory=list)

    @property
    def growing(self) -> bool:
        return self.trend is not None and self.trend.growing


@dataclass
class WatchReport:
    endpoint: str
    pid: int | None
    interval: float
    times: list[float]
    totals: list[int]
    groups: list[GroupSeries]
    fds: list[FdSeries]
    heap: HeapSeries | None
    classifier: frames.Classifier
    paths: RepoIndex
    notes: list[str] = field(default_factory=list)
    aborted: str | None = None

    @property
    def growing_groups(self) -> list[GroupSeries]:
        return [g for g in self.groups if g.trend.growing]

    @property
    def growing_fds(self) -> list[FdSeries]:
        return [s for s in self.fds if s.trend.growing]

    @property
    def growing(self) -> bool:
        return bool(self.growing_groups or self.growing_fds
                    or (self.heap is not None and self.heap.growing))

    def site(self, frame: Frame) -> Site:
        path = self.paths.resolve(frame.file) if self.classifier.is_user(frame) else None
        if path is not None:
            return Site(frame.function, path, frame.line, True)
        return Site(frame.function, self.classifier.display(frame), frame.line, False)


def analyse(recording: Recording, paths: RepoIndex) -> WatchReport:
    samples = recording.samples
    times = [s.at for s in samples]
    return WatchReport(
        recording.endpoint, recording.pid, recording.schedule.interval, times,
        [s.goroutines for s in samples], _groups(recording, times),
        _fds(recording, times), _heap(recording, times), recording.classifier, paths,
        list(recording.notes), recording.aborted)


def _groups(recording: Recording, times: list[float]) -> list[GroupSeries]:
    keys: dict[GroupKey, None] = {}
    for sample in recording.samples:
        keys.update(dict.fromkeys(sample.groups))
    series = []
    for key in keys:
        stats = [s.groups.get(key) for s in recording.samples]
        present = [s for s in stats if s is not None]
        states: Counter[str] = sum((s.states for s in present), Counter())
        example = present[-1].example
        assert example is not None
        counts = [s.count if s is not None else 0 for s in stats]
        leaked = None if recording.leaked is None else recording.leaked.get(key, 0)
        series.append(GroupSeries(
            key, counts, trend.trend(times, counts, trend.GOROUTINES),
            states.most_common(1)[0][0], max(s.wait_minutes for s in present), leaked,
            example))
    series.sort(key=lambda g: (not g.trend.growing, -g.trend.rise, -g.counts[-1]))
    return series


def _fds(recording: Recording, times: list[float]) -> list[FdSeries]:
    fd_samples = [s.fds for s in recording.samples if s.fds is not None]
    if len(fd_samples) != len(times):
        return []
    return [FdSeries(kind, counts := [s.counts[kind] for s in fd_samples],
                     trend.trend(times, counts, trend.FDS),
                     fd_samples[-1].top_files if kind == "file" else ())
            for kind in fds.KINDS]


def _heap(recording: Recording, times: list[float]) -> HeapSeries | None:
    heap_samples = [s.heap for s in recording.samples if s.heap is not None]
    if not heap_samples or len(heap_samples) != len(times):
        return None
    live = [h.live_bytes for h in heap_samples]
    cycles = len({h.num_gc for h in heap_samples if h.num_gc is not None})
    verdict = trend.trend(times, live, trend.HEAP) if cycles >= MIN_GC_CYCLES else None
    return HeapSeries(live, [h.heap_inuse for h in heap_samples], cycles, verdict)
