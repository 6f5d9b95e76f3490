"""Parse goroutine dumps: ``/debug/pprof/goroutine?debug=2`` (the panic traceback format).

A dump is blank-line separated blocks::

    goroutine 12 [chan receive (leaked), 5 minutes]:
    main.holdLease(...)
            /src/leaky/main.go:26
    created by main.acquireLease in goroutine 10
            /src/leaky/main.go:30 +0x67
    [originating from goroutine 10]:          (only with GODEBUG=tracebackancestors=N)
    main.handleLeak(...)
            /src/leaky/main.go:49 +0x34

The header's bracket holds the wait reason (or status), then optional annotations:
``N minutes`` (how long it has been blocked), ``locked to thread``, ``synctest bubble N``.
The goroutineleak profile marks goroutines the GC proved unreachable with ``(leaked)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fixer.watch import WatchError

_HEADER = re.compile(r"^goroutine (\d+)\b[^\[]*\[(.*)\](?: \{.*\})?:\s*$")
_LOCATION = re.compile(r"^\t(.+):(\d+)(?: \+0x[0-9a-f]+)?\s*$")
_CREATED = re.compile(r"^created by (.+?)(?: in goroutine \d+)?\s*$")
_ANCESTOR = re.compile(r"^\[originating from goroutine (\d+)\]:\s*$")
_MINUTES = re.compile(r"^(\d+) minutes?$")
_MARKS = ("(leaked)", "(scan)", "(durable)")


@dataclass(frozen=True)
class Frame:
    """One stack frame: the Go symbol (``net/http.(*conn).serve``) and its source line."""

    function: str
    file: str
    line: int


@dataclass(frozen=True)
class Goroutine:
    id: int
    state: str                       # wait reason or status: "chan receive", "running"
    wait_minutes: int = 0            # 0 when under a minute or not blocked
    leaked: bool = False             # marked "(leaked)" by the goroutineleak profile
    frames: tuple[Frame, ...] = ()   # innermost first
    created_by: Frame | None = None  # the go statement's function and line
    ancestors: tuple[Frame, ...] = field(default=())  # tracebackancestors frames, flattened


def parse(text: str) -> list[Goroutine]:
    """All goroutines of a dump; raises WatchError when ``text`` is not a dump at all."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not _HEADER.match(first):
        shown = first.strip()[:60] or "an empty response"
        raise WatchError(f"not a goroutine dump (starts with {shown!r})")
    goroutines: list[Goroutine] = []
    block: list[str] = []
    for line in lines:
        if _HEADER.match(line) and block:
            goroutines.append(_goroutine(block))
            block = []
        if line.strip():
            block.append(line)
    if block:
        goroutines.append(_goroutine(block))
    return goroutines


def _goroutine(block: list[str]) -> Goroutine:
    header = _HEADER.match(block[0])
    assert header is not None
    state, minutes, leaked = _state(header.group(2))
    frames: list[Frame] = []
    ancestors: list[Frame] = []
    created_by: Frame | None = None
    target = frames
    pending: str | None = None  # a function line waiting for its location line
    created: re.Match[str] | None = None
    for line in block[1:]:
        location = _LOCATION.match(line)
        if location is not None:
            if pending is not None:
                target.append(Frame(pending, location.group(1), int(location.group(2))))
            elif created is not None and created_by is None:
                created_by = Frame(created.group(1), location.group(1), int(location.group(2)))
            pending = None
            continue
        pending = None
        if _ANCESTOR.match(line):
            target = ancestors
        elif (created_match := _CREATED.match(line)) is not None:
            if target is frames:
                created = created_match
        elif line.endswith(")") and "(" in line and not line.startswith(("\t", " ", "...")):
            pending = line[: line.rindex("(")]
    return Goroutine(int(header.group(1)), state, minutes, leaked, tuple(frames), created_by,
                     tuple(ancestors))


def _state(bracket: str) -> tuple[str, int, bool]:
    """``chan receive (leaked), 5 minutes`` -> ("chan receive", 5, True)."""
    status, *annotations = bracket.split(", ")
    leaked = "(leaked)" in status
    for mark in _MARKS:
        status = status.replace(mark, "")
    minutes = 0
    for annotation in annotations:
        found = _MINUTES.match(annotation.strip())
        if found:
            minutes = int(found.group(1))
    return " ".join(status.split()), minutes, leaked
