"""Baselines: known findings recorded once, then ignored by scan and apply.

Entries are keyed by the findings' fingerprints (rule, path, the text of the
finding's line and its occurrence), so unrelated edits that move lines do not
bring baselined findings back; editing the line itself does, on purpose.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from fixer.model import Finding
from fixer.repo import InputError

FILENAME = ".leakfix-baseline.json"
VERSION = 1


def render(findings: Iterable[Finding]) -> str:
    entries = sorted(
        ({"rule": f.rule, "path": f.path, "fingerprint": f.fingerprint, "message": f.message}
         for f in findings if not f.suppressed),
        key=lambda e: (e["path"], e["rule"], e["fingerprint"]),
    )
    return json.dumps({"version": VERSION, "tool": "leakfix", "findings": entries},
                      indent=2) + "\n"


def load(path: Path) -> frozenset[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a leakfix baseline: {exc}") from exc
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(
            data.get("findings"), list):
        raise InputError(f"{path}: not a leakfix baseline (version {VERSION} expected)")
    prints = [e.get("fingerprint") for e in data["findings"] if isinstance(e, dict)]
    if not all(isinstance(p, str) and p for p in prints):
        raise InputError(f"{path}: a baseline entry has no fingerprint")
    return frozenset(p for p in prints if isinstance(p, str))
