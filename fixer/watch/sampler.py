"""The sampling loop: every interval, one goroutine dump, one heap profile, one fd count.

Bounded in count (``Schedule.samples``) and in time (every request has a timeout, every
wait is at most one interval). Each dump is reduced to group counts at once, so memory
does not grow with the number of samples. When a sample fails after the first, the
loop stops and keeps what it has (``Recording.aborted`` says why); a failing first
sample raises, since there is nothing to report.

The goroutineleak profile (Go 1.27; Go 1.26 with GOEXPERIMENT=goroutineleakprofile)
is fetched once, after the last sample: the server answers it by running a full GC
with leak detection, which would also run finalizers (closing leaked ``*os.File``\\ s)
and disturb the descriptor and heap series if done at every sample.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from fixer.watch import WatchError, fds, fetch, frames, goroutines, grouping, heap

MIN_SAMPLES, MAX_SAMPLES = 4, 10_000
MIN_INTERVAL, MAX_INTERVAL = 0.01, 3600.0
_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ms|s|m|h)")
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    """Go-style durations (``5s``, ``200ms``, ``1m30s``) or plain seconds (``0.2``)."""
    value = text.strip()
    try:
        return float(value)
    except ValueError:
        pass
    parts = _DURATION.findall(value)
    if not parts or "".join(n + u for n, u in parts) != value:
        raise ValueError(f"{text!r}: not a duration (like 5s, 200ms, 1m)")
    return sum(float(number) * _UNIT[unit] for number, unit in parts)


@dataclass(frozen=True)
class Schedule:
    interval: float
    samples: int

    @classmethod
    def of(cls, interval: float, samples: int | None, duration: float | None) -> Schedule:
        """``samples`` or ``duration`` (samples at 0, interval, ... up to it); checked."""
        if not MIN_INTERVAL <= interval <= MAX_INTERVAL:
            raise ValueError(f"--interval must be between {MIN_INTERVAL}s and 1h")
        if duration is not None:
            samples = int(duration / interval + 1e-9) + 1
        count = 12 if samples is None else samples
        if not MIN_SAMPLES <= count <= MAX_SAMPLES:
            raise ValueError(f"{count} samples: need between {MIN_SAMPLES} and {MAX_SAMPLES} "
                             "(--samples, or --duration / --interval)")
        return cls(interval, count)


@dataclass(frozen=True)
class Sample:
    at: float                 # seconds since the first sample
    goroutines: int
    groups: dict[grouping.GroupKey, grouping.GroupStat]
    fds: fds.FdSample | None
    heap: heap.HeapSample | None


@dataclass
class Recording:
    endpoint: str
    pid: int | None
    schedule: Schedule
    samples: list[Sample] = field(default_factory=list)
    classifier: frames.Classifier = field(default_factory=lambda: frames.Classifier(None))
    leaked: dict[grouping.GroupKey, int] | None = None  # goroutineleak profile, at the end
    notes: list[str] = field(default_factory=list)
    aborted: str | None = None


Progress = Callable[[int, Recording], None]


@dataclass
class Sampler:
    client: fetch.Client
    schedule: Schedule
    pid: int | None = None
    leak_profile: bool = True
    _heap: bool = field(default=True, init=False)  # off once the server 404s the heap

    def record(self, progress: Progress | None = None) -> Recording:
        recording = Recording(self.client.base, self.pid, self.schedule)
        start = time.monotonic()
        for index in range(self.schedule.samples):
            delay = start + index * self.schedule.interval - time.monotonic()
            try:
                if delay > 0:
                    time.sleep(min(delay, self.schedule.interval))
                sample = self._take(recording, time.monotonic() - start)
            except KeyboardInterrupt:
                if not recording.samples:
                    raise
                recording.aborted = f"interrupted after {len(recording.samples)} samples"
                break
            except WatchError as exc:
                if not recording.samples:
                    raise self._first_failure(exc) from None
                recording.aborted = f"{exc} (after {len(recording.samples)} samples)"
                break
            recording.samples.append(sample)
            if progress is not None:
                progress(index + 1, recording)
        if self.leak_profile and recording.aborted is None:
            self._leak_profile(recording)
        return recording

    def _first_failure(self, exc: WatchError) -> WatchError:
        if isinstance(exc, fetch.NotFound):
            return WatchError(f"{self.client.base}: no pprof handlers there (HTTP 404); the "
                              'service must import _ "net/http/pprof" and serve it')
        return exc

    def _take(self, recording: Recording, at: float) -> Sample:
        text = self.client.get("goroutine", 2)
        try:
            dump = goroutines.parse(text)
        except WatchError as exc:
            raise WatchError(f"{self.client.url('goroutine', 2)}: {exc}") from None
        if not recording.samples:
            recording.classifier = frames.Classifier(frames.go_root(dump))
        fd_sample = fds.sample(self.pid) if self.pid is not None else None
        return Sample(at, len(dump), grouping.group(dump, recording.classifier), fd_sample,
                      self._heap_sample(recording))

    def _heap_sample(self, recording: Recording) -> heap.HeapSample | None:
        if not self._heap:
            return None
        try:
            text = self.client.get("heap", 1)
        except fetch.NotFound:
            self._heap = False
            recording.notes.append("heap: the server has no heap profile (HTTP 404)")
            return None
        try:
            return heap.parse(text)
        except WatchError as exc:
            raise WatchError(f"{self.client.url('heap', 1)}: {exc}") from None

    def _leak_profile(self, recording: Recording) -> None:
        try:
            dump = goroutines.parse(self.client.get("goroutineleak", 2))
        except fetch.NotFound:
            recording.notes.append(
                "goroutineleak: not served (needs Go 1.27, or Go 1.26 built with "
                "GOEXPERIMENT=goroutineleakprofile)")
            return
        except WatchError as exc:
            recording.notes.append(f"goroutineleak: {exc}")
            return
        recording.leaked = {key: stat.leaked for key, stat in
                            grouping.group(dump, recording.classifier).items()}
