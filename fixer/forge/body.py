"""The pull request's description: what a reviewer needs, plus hidden metadata.

A pure function of an ``apply.Report``: fixes per rule (with the findings
behind them), fixes withheld and why, the verification before and after, the
goleak tests added, and a hidden block that later runs read back:
``<!-- leakfix: {"version": ..., "base": sha, "fingerprints": [...]} -->``.
Commit shas are left out on purpose, so an unchanged result renders to the same
text and a later run has nothing to update. Lists are cut to stay well inside
the forges' size limits (GitHub takes 65,536 characters).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from fixer import __version__
from fixer.apply import Report, Withheld
from fixer.model import Finding
from fixer.report.document import (
    Block,
    Bullets,
    Code,
    Heading,
    Paragraph,
    Table,
    Text,
    inline,
    to_markdown,
)
from fixer.verify import Check

LIMIT = 60_000             # characters; GitHub refuses bodies over 65,536
_LISTED = (50, 10, 0)      # findings listed per rule (and withheld fixes), tried in turn
_METADATA = re.compile(r"<!-- leakfix: (\{.*?\}) -->", re.DOTALL)
_STATUS = {True: "✅ passed", False: "❌ failed", None: "⏭️ skipped"}


def fingerprints(report: Report) -> list[str]:
    return sorted({f.fingerprint for r in report.rules for f in r.fixed if f.fingerprint})


def metadata(report: Report) -> str:
    data = {"version": __version__, "base": report.base, "fingerprints": fingerprints(report)}
    # "<" and ">" escaped: the JSON can never close the comment early.
    text = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e")
    return f"<!-- leakfix: {text} -->"


def read_metadata(body: str) -> dict[str, Any] | None:
    """The metadata block of a body leakfix wrote, or None (not ours)."""
    match = _METADATA.search(body)
    if match is None:
        return None
    try:
        data = json.loads(match.group(1))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def render(report: Report, limit: int = LIMIT) -> str:
    """The description, with shorter lists (then cut) when it would exceed ``limit``."""
    tail = "\n" + metadata(report) + "\n"
    for listed in _LISTED:
        text = to_markdown(_blocks(report, listed))
        if len(text) + len(tail) <= limit:
            return text + tail
    cut = "\n… (cut to fit the size limit)\n"
    return text[:max(0, limit - len(tail) - len(cut))] + cut + tail


def _blocks(report: Report, listed: int) -> list[Block]:
    fixed = sum(len(r.fixed) for r in report.rules)
    blocks: list[Block] = [Paragraph(inline(
        f"leakfix {__version__} fixed {_count(fixed, 'resource leak')} found at ",
        Code(report.base[:10]), ". Each rule is one commit; review them one by one."))]
    blocks += _fixed_section(report, listed)
    blocks += _withheld_section([w for r in report.rules for w in r.withheld], listed)
    blocks += _checks_section(report.checks_before, report.checks_after)
    if report.test_files:
        blocks += [Heading(3, inline("goleak tests added")),
                   Paragraph(inline("These packages start goroutines; their tests now fail "
                                    "on a leaked one:")),
                   Bullets(tuple(inline(Code(path)) for path in report.test_files))]
    if report.notes:
        blocks += [Heading(3, inline("Notes")),
                   Bullets(tuple(inline(_one_line(n)) for n in report.notes))]
    return blocks


def _fixed_section(report: Report, listed: int) -> list[Block]:
    rules = [r for r in report.rules if r.fixed]
    if not rules:
        return []
    blocks: list[Block] = [
        Heading(3, inline("Fixed")),
        Table(("rule", "fixes", "files"), tuple(
            (inline(Code(r.rule)), inline(str(len(r.fixed))), inline(str(len(r.files))))
            for r in rules))]
    for outcome in rules:
        blocks += [Paragraph(inline(Code(outcome.rule), ": ",
                                    _count(len(outcome.fixed), "fix", "fixes"))),
                   *_listed([_finding(f) for f in outcome.fixed], listed)]
    return blocks


def _withheld_section(withheld: Sequence[Withheld], listed: int) -> list[Block]:
    if not withheld:
        return []
    return [Heading(3, inline("Withheld")),
            Paragraph(inline("These fixes broke the build or vet, so they are not in this "
                             "pull request:")),
            *_listed([(*_finding(w.finding), " — ", _one_line(w.reason)) for w in withheld],
                     listed)]


def _checks_section(before: Sequence[Check], after: Sequence[Check]) -> list[Block]:
    rows = [("before", c) for c in before] + [("after", c) for c in after]
    if not rows:
        return []
    cells = []
    for when, check in rows:
        one_line = len(check.detail.strip().splitlines()) <= 1  # e.g. "2 fewer than before"
        detail = _one_line(check.detail) if one_line or not check.ok else ""
        cells.append((inline(when), inline(check.name), inline(_STATUS[check.ok]),
                      inline(detail)))
    return [Heading(3, inline("Verification")),
            Table(("when", "check", "result", "detail"), tuple(cells))]


def _finding(finding: Finding) -> Text:
    return (Code(f"{finding.path}:{finding.line}"), " ", _one_line(finding.message))


def _listed(items: Sequence[Text], listed: int) -> list[Block]:
    shown = list(items[:listed])
    if len(items) > listed:
        shown.append(inline(f"… and {len(items) - listed} more"))
    return [Bullets(tuple(shown))]


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def _one_line(text: str, limit: int = 300) -> str:
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return first if len(first) <= limit else first[:limit - 1] + "…"
