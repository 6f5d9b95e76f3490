"""`leakfix report`'s formats and where each one is written."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from fixer.repo import InputError
from fixer.report import html, json_report, markdown, sarif
from fixer.report.audit import Audit

RENDERERS: dict[str, Callable[[Audit], str]] = {
    "markdown": markdown.render,
    "html": html.render,
    "json": lambda audit: json_report.render(audit.scan),
    "sarif": lambda audit: sarif.render(audit.scan),
}
EXTENSIONS = {"markdown": ".md", "html": ".html", "json": ".json", "sarif": ".sarif"}


def parse_formats(value: str) -> list[str]:
    """``markdown,sarif`` -> the formats, each once, in the order given."""
    formats = list(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        raise ValueError(f"unknown format {', '.join(unknown) or repr(value)} "
                         f"(choose from {', '.join(RENDERERS)})")
    return formats


def destinations(formats: Sequence[str], output: Path | None) -> dict[str, Path | None]:
    """Where each format goes (None: standard output), checked before any work is done.

    One format: ``-o FILE`` as given. Several: ``-o BASE`` gets each format's extension
    (``report`` or ``report.md`` -> ``report.md``, ``report.sarif``, ...).
    """
    if len(formats) == 1:
        targets = {formats[0]: output}
    elif output is None:
        raise InputError("several formats need -o BASE (writes BASE.md, BASE.sarif, ...)")
    else:
        base = output.with_suffix("") if output.suffix in EXTENSIONS.values() else output
        targets = {f: base.with_name(base.name + EXTENSIONS[f]) for f in formats}
    for path in targets.values():
        if path is not None and not path.parent.is_dir():
            raise InputError(f"{path}: directory {path.parent} does not exist")
    return targets
