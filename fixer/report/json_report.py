"""The JSON contract of ARCHITECTURE.md: ``{"findings": [...], "summary": {...}}``."""

from __future__ import annotations

import json

from fixer.model import Finding
from fixer.report import ScanResult


def finding_dict(f: Finding) -> dict[str, object]:
    return {
        "rule": f.rule,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "message": f.message,
        "severity": f.severity.value,
        "fix": None if f.fix is None else {"safety": f.fix.safety.value,
                                           "message": f.fix.message},
    }


def render(result: ScanResult) -> str:
    findings = sorted(result.active, key=lambda f: (f.path, f.line, f.column, f.rule))
    payload = {"findings": [finding_dict(f) for f in findings], "summary": result.summary()}
    return json.dumps(payload, indent=2) + "\n"
