"""The audit report as one self-contained HTML page (inline style, no scripts)."""

from __future__ import annotations

from fixer.report import audit_content
from fixer.report.audit import Audit
from fixer.report.document import to_html


def render(audit: Audit) -> str:
    return to_html(audit_content.build(audit), audit_content.TITLE)
