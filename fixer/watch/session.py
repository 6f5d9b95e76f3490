"""One ``leakfix watch`` run: check the inputs, sample, analyse, correlate (no printing).

Inputs are checked before the first request (scheme, pid, PATH), so a bad command line
fails at once. The repository under PATH is scanned only when something grew, and only
to name the findings that explain it; a PATH without Go files just means no
correlation (a note says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fixer import repo
from fixer.watch import analysis, correlate, fds, fetch, sampler
from fixer.watch.paths import RepoIndex


@dataclass(frozen=True)
class Request:
    endpoint: str
    schedule: sampler.Schedule
    pid: int | None = None
    path: Path = Path(".")
    leak_profile: bool = True
    timeout: float = 10.0


def run(request: Request, progress: sampler.Progress | None = None) -> analysis.WatchReport:
    client = fetch.Client(request.endpoint, request.timeout)
    if request.pid is not None:
        fds.check(request.pid)
    sources = repo.discover(request.path)
    paths = RepoIndex(sources.relative(f) for f in sources.files)
    recording = sampler.Sampler(client, request.schedule, request.pid,
                                request.leak_profile).record(progress)
    report = analysis.analyse(recording, paths)
    if report.growing:
        if paths.files:
            _correlate(report, request.path, sources.root)
        else:
            report.notes.append(f"{request.path}: no Go files, so no findings to match")
    return report


def _correlate(report: analysis.WatchReport, path: Path, root: Path) -> None:
    from fixer import pipeline  # the scan is the slow part: only when something grew

    try:
        result = pipeline.run([path])
    except repo.InputError as exc:
        report.notes.append(f"scan: {exc}")
        return
    correlate.attach(report, result.scan.active, root)
