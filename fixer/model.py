"""The result model shared by codemods, the engine and the renderers.

Everything here is a frozen dataclass: codemods produce these values, the
engine combines them, renderers turn them into text. Offsets are byte offsets
into the file as it was read (tree-sitter's ``start_byte``/``end_byte``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Safety(enum.Enum):
    """How far a fix may be trusted.

    SAFE fixes are applied by default; UNSAFE ones only with ``--unsafe-fixes``
    (they may change behaviour); DISPLAY_ONLY fixes are shown, never applied.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, order=True)
class TextEdit:
    """Replace ``[start, end)`` with ``new``; ``start == end`` is an insertion."""

    start: int
    end: int
    new: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad edit range {self.start}..{self.end}")


@dataclass(frozen=True)
class Fix:
    """An all-or-nothing group of edits; ``message`` is an imperative phrase."""

    message: str
    edits: tuple[TextEdit, ...]
    safety: Safety = Safety.SAFE


@dataclass(frozen=True)
class Position:
    """1-based line and column (column counted in bytes, like go/token)."""

    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    rule: str
    path: str
    start: Position
    message: str
    severity: Severity = Severity.WARNING
    fix: Fix | None = None
    suppressed: bool = False
    byte_offset: int = 0
    related: tuple[tuple[Position, str], ...] = field(default=())
    # Stable across line moves: rule, path, the finding line's text and its
    # occurrence among identical lines (see fixer.engine.fingerprint).
    fingerprint: str = ""

    @property
    def line(self) -> int:
        return self.start.line

    @property
    def column(self) -> int:
        return self.start.column


@dataclass(frozen=True)
class Note:
    """Something the user should know about a file that is not a finding."""

    path: str
    message: str
    is_error: bool = False
    quiet: bool = False  # routine (generated files): counted, listed only with --verbose
    kind: str = ""       # "unused-ignore" notes count like findings for the exit code


@dataclass(frozen=True)
class FileResult:
    """What the engine made of one file."""

    path: str
    findings: tuple[Finding, ...] = ()
    original: bytes | None = None
    fixed: bytes | None = None
    notes: tuple[Note, ...] = ()
    applied_fixes: int = 0

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original
