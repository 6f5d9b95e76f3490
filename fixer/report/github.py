"""GitHub Actions annotations: one workflow command per finding.

``::warning file=PATH,line=N,col=C,title=RULE::message`` shows the finding on
the pull request's diff. Escaping follows the runner's rules: in the message
``%``, CR and LF are percent-encoded; in property values ``:`` and ``,`` too.
"""

from __future__ import annotations

from fixer.model import Safety, Severity
from fixer.report import ScanResult

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
_FIX = {Safety.SAFE: " (safe fix: `leakfix apply`)",
        Safety.UNSAFE: " (unsafe fix: `leakfix apply --unsafe-fixes`)",
        Safety.DISPLAY_ONLY: ""}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: ScanResult) -> str:
    lines = []
    for f in sorted(result.active, key=lambda f: (f.path, f.line, f.column, f.rule)):
        props = ",".join(f"{key}={escape_property(str(value))}" for key, value in
                         (("file", f.path), ("line", f.line), ("col", f.column),
                          ("title", f"leakfix {f.rule}")))
        fix = _FIX[f.fix.safety] if f.fix is not None else ""
        lines.append(f"::{_COMMAND[f.severity]} {props}::{escape_data(f.message + fix)}")
    return "".join(line + "\n" for line in lines)
