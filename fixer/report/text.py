"""Human-readable findings, one per line, in the style of compilers and ruff."""

from __future__ import annotations

from fixer.model import Safety
from fixer.report import ScanResult

_MARK = {Safety.SAFE: " [*]", Safety.UNSAFE: " [unsafe fix]", Safety.DISPLAY_ONLY: ""}


def render(result: ScanResult) -> str:
    lines = []
    for f in sorted(result.active, key=lambda f: (f.path, f.line, f.column, f.rule)):
        mark = _MARK[f.fix.safety] if f.fix is not None else ""
        lines.append(f"{f.path}:{f.line}:{f.column}: {f.rule}: {f.message}{mark}")
    summary = result.summary()
    count = len(result.active)
    scanned = _counted(result.files_scanned, "file")
    if count:
        unsafe = summary["unsafe_fixable"]
        more = f", {unsafe} more with --unsafe-fixes" if unsafe else ""
        files = len({f.path for f in result.active})
        lines.append(f"Found {_counted(count, 'finding')} in {files} of {scanned} "
                     f"({summary['fixable']} fixable with `leakfix apply`{more}).")
    else:
        lines.append(f"No leaks found in {scanned}.")
    return "\n".join(lines) + "\n"


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
