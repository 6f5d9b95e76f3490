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
    count = summary["findings"]
    if count:
        noun = "finding" if count == 1 else "findings"
        unsafe = summary["unsafe_fixable"]
        more = f", {unsafe} more with --unsafe-fixes" if unsafe else ""
        lines.append(f"Found {count} {noun} in {result.files_scanned} files "
                     f"({summary['fixable']} fixable with `leakfix apply`{more}).")
    else:
        lines.append(f"No leaks found in {result.files_scanned} files.")
    return "\n".join(lines) + "\n"
