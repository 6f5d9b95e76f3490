"""Renderers: pure functions from a ScanResult to text. No I/O here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from fixer.model import FileResult, Finding, Note, Safety


@dataclass
class ScanResult:
    """Everything a renderer needs: findings of all files plus run facts."""

    root: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    files_scanned: int = 0
    rules: list[str] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        self.files_scanned += 1
        self.findings.extend(result.findings)
        self.notes.extend(result.notes)

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]

    def summary(self) -> dict[str, object]:
        active = self.active
        return {
            "files_scanned": self.files_scanned,
            "findings": len(active),
            "fixable": sum(1 for f in active if f.fix is not None
                           and f.fix.safety is Safety.SAFE),
            "unsafe_fixable": sum(1 for f in active if f.fix is not None
                                  and f.fix.safety is Safety.UNSAFE),
            "suppressed": len(self.findings) - len(active),
            "by_rule": dict(sorted(Counter(f.rule for f in active).items())),
        }
