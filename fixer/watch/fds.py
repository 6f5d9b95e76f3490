"""Count a process's open file descriptors by kind, from ``/proc/PID/fd`` (Linux only).

Each entry is a symbolic link whose target names the kind: ``socket:[123]``,
``pipe:[456]``, ``anon_inode:[eventpoll]``, a path (``file``), anything else
(``other``). Descriptors closed between the listing and the readlink are skipped.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from fixer.watch import WatchError

KINDS = ("socket", "file", "pipe", "anon_inode", "other")
TOP_FILES = 3
PROC = Path("/proc")


class ProcessGone(WatchError):
    """The process exited (its /proc entry is gone)."""


@dataclass(frozen=True)
class FdSample:
    counts: dict[str, int]
    top_files: tuple[tuple[str, int], ...]  # the paths open most often, most first

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def kind_of(target: str) -> str:
    for kind in ("socket", "pipe", "anon_inode"):
        if target.startswith(kind + ":"):
            return kind
    return "file" if target.startswith("/") else "other"


def check(pid: int) -> None:
    """Fail early, with one line, when ``pid`` cannot be sampled."""
    if pid <= 0:
        raise WatchError(f"--pid {pid}: not a process id")
    if not (PROC / "self" / "fd").is_dir():
        raise WatchError("--pid needs /proc (Linux) to count file descriptors")
    sample(pid)


def sample(pid: int) -> FdSample:
    directory = PROC / str(pid) / "fd"
    try:
        names = os.listdir(directory)
    except (FileNotFoundError, ProcessLookupError):
        raise ProcessGone(f"process {pid} is not running") from None
    except PermissionError:
        raise WatchError(f"{directory}: permission denied (run as the process's user)") from None
    counts = dict.fromkeys(KINDS, 0)
    files: Counter[str] = Counter()
    for name in names:
        try:
            target = os.readlink(directory / name)
        except FileNotFoundError:
            continue  # closed since the listing
        kind = kind_of(target)
        counts[kind] += 1
        if kind == "file":
            files[target] += 1
    if not _alive(pid):
        raise ProcessGone(f"process {pid} exited")
    return FdSample(counts, tuple(files.most_common(TOP_FILES)))


def _alive(pid: int) -> bool:
    """Running or sleeping, not a zombie (an exited child its parent has not reaped yet)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    state = stat.rsplit(")", 1)[-1].split()[:1]  # the name in parentheses may hold spaces
    return state not in (["Z"], ["X"])
