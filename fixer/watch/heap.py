"""Parse ``/debug/pprof/heap?debug=1``: the live heap as of the last GC, plus MemStats.

The text profile starts with ``heap profile: X: Y [Z: W] @ heap/2*rate`` and one line
per allocation site ``inuse_objects: inuse_bytes [alloc_objects: alloc_bytes] @ pcs``.
Those counts are *samples* (one per ~512 KiB allocated); like pprof, each site's
in-use bytes are scaled by ``1 / (1 - exp(-avg_size / rate))`` to estimate the real
live heap. The profile is as of the most recently completed GC, so it moves only when
the GC runs: that is what makes it a measure of what the program *retains*, unlike
``HeapAlloc``, which also counts garbage not yet collected and rises between GCs in
any program. The ``# runtime.MemStats`` lines at the end (``# HeapInuse = 1851392``,
``# NumGC = 3``) are kept for display and to know how many GCs the watch spanned.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from fixer.watch import WatchError

_HEADER = re.compile(
    r"^heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *heap[_a-z0-9]*/?(\d*)")
_SITE = re.compile(r"^(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *\] *@")
_STAT = re.compile(r"^# (\w+) = (\d+)\s*$")


@dataclass(frozen=True)
class HeapSample:
    live_bytes: int            # estimated live heap as of the last GC
    heap_inuse: int | None     # MemStats.HeapInuse (now)
    num_gc: int | None         # completed GC cycles


def parse(text: str) -> HeapSample:
    lines = text.splitlines()
    header = _HEADER.match(lines[0]) if lines else None
    if header is None:
        shown = lines[0].strip()[:60] if lines else "an empty response"
        raise WatchError(f"not a heap profile (starts with {shown!r})")
    rate = int(header.group(5) or 0) // 2  # the header says 2*MemProfileRate
    live = 0.0
    stats: dict[str, int] = {}
    for line in lines[1:]:
        site = _SITE.match(line)
        if site is not None:
            live += _scaled(int(site.group(1)), int(site.group(2)), rate)
        elif (stat := _STAT.match(line)) is not None:
            stats[stat.group(1)] = int(stat.group(2))
    return HeapSample(round(live), stats.get("HeapInuse"), stats.get("NumGC"))


def _scaled(count: int, size: int, rate: int) -> float:
    """pprof's scaleHeapSample: undo the sampling of one allocation site."""
    if count <= 0 or size <= 0:
        return 0.0
    if rate <= 1:
        return float(size)
    return size / (1 - math.exp(-(size / count) / rate))
