"""The audit report as Markdown (GitHub-flavoured: tables, fenced code)."""

from __future__ import annotations

from fixer.report import audit_content
from fixer.report.audit import Audit
from fixer.report.document import to_markdown


def render(audit: Audit) -> str:
    return to_markdown(audit_content.build(audit))
