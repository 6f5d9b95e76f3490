"""Apply text edits to bytes and choose which fixes of a round may apply together.

A fix is all-or-nothing. Within one round, fixes are taken in order; a fix
whose edits collide with an already accepted one is deferred to the next round
(where the codemods re-run on the new text). Identical edits merge, so two
fixes that add the same import line do not conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from fixer.model import Fix, TextEdit


class EditConflict(ValueError):
    """Edits of one fix overlap each other: a codemod bug."""


def _conflict(a: TextEdit, b: TextEdit) -> bool:
    if a == b:
        return False
    if a.start == b.start:
        return True
    return a.start < b.end and b.start < a.end


def apply_edits(source: bytes, edits: Iterable[TextEdit]) -> bytes:
    """Apply non-overlapping edits (duplicates merged) to ``source``."""
    ordered = sorted(set(edits), key=lambda e: (e.start, e.end))
    for before, after in pairwise(ordered):
        if _conflict(before, after):
            raise EditConflict(f"overlapping edits {before} and {after}")
    if ordered and ordered[-1].end > len(source):
        raise EditConflict(f"edit past the end of the file: {ordered[-1]}")
    out: list[bytes] = []
    cursor = 0
    for edit in ordered:
        out.append(source[cursor : edit.start])
        out.append(edit.new.encode("utf-8"))
        cursor = edit.end
    out.append(source[cursor:])
    return b"".join(out)


def choose_compatible(fixes: Sequence[Fix]) -> tuple[list[Fix], list[Fix]]:
    """Split fixes into (accepted, deferred): earlier fixes win on conflict."""
    accepted: list[Fix] = []
    deferred: list[Fix] = []
    taken: list[TextEdit] = []
    for fix in fixes:
        own = sorted(set(fix.edits), key=lambda e: (e.start, e.end))
        for before, after in pairwise(own):
            if _conflict(before, after):
                raise EditConflict(f"fix {fix.message!r} has overlapping edits")
        if any(_conflict(mine, other) for mine in own for other in taken):
            deferred.append(fix)
            continue
        accepted.append(fix)
        taken.extend(own)
    return accepted, deferred


def touches_ranges(fix: Fix, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether any edit of ``fix`` lies in or against one of ``ranges``."""
    return any(
        e.start <= end and start <= e.end for e in fix.edits for start, end in ranges
    )
