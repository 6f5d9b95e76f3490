"""The Codemod base class and the per-file context codemods receive.

Codemods are pure: they get a FileContext (path, bytes, tree, go version,
options) and yield Findings. They never open files, run processes or print.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from fixer import gosyntax
from fixer.gosyntax import Node, Tree
from fixer.model import Finding, Fix, Position, Severity

GoVersion = tuple[int, int]

# Prefilter pattern: a `go` statement somewhere (after whitespace, `{` or `;`).
GO_STATEMENT = re.compile(rb"[\s{;]go[\s(]")


@dataclass
class FileContext:
    path: str
    source: bytes
    tree: Tree
    go_version: GoVersion | None = None

    @cached_property
    def error_ranges(self) -> list[tuple[int, int]]:
        return gosyntax.error_ranges(self.tree)

    @cached_property
    def imports(self) -> dict[str, str]:
        return gosyntax.import_names(self.tree.root_node)

    def package_name(self, path: str) -> str | None:
        """The qualifier this file uses for package ``path`` (None: not imported)."""
        name = self.imports.get(path)
        return None if name in (None, ".", "_") else name

    def overlaps_error(self, node: Node) -> bool:
        """Whether ``node`` contains or sits inside a syntax-error region."""
        return node.has_error or any(
            start < node.end_byte and node.start_byte < end for start, end in self.error_ranges
        )

    def position(self, node: Node) -> Position:
        row, col = node.start_point
        return Position(row + 1, col + 1)

    def line_of(self, offset: int) -> int:
        return self.source.count(b"\n", 0, offset) + 1


def first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    return re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]


class Codemod:
    """Base class: one rule per subclass, one subclass per module in ``codemods/``.

    Subclasses set ``name`` (kebab-case, names the leak), ``query`` (a
    tree-sitter-go query that finds candidates cheaply), ``triggers`` (byte
    strings, at least one of which a file must contain for the rule to apply
    at all; this lets the engine skip parsing most files), optionally
    ``requires`` (byte strings that must all appear) and implement
    ``check``. The class docstring is the rule's documentation with the
    sections listed in ``DOC_SECTIONS``.
    """

    name: ClassVar[str]
    query: ClassVar[str]
    triggers: ClassVar[tuple[bytes, ...]]
    # Byte strings that must all appear too (a defer-in-loop needs a `for`), and
    # regular expressions that must all match, tried last (they cost more).
    requires: ClassVar[tuple[bytes, ...]] = ()
    patterns: ClassVar[tuple[re.Pattern[bytes], ...]] = ()
    severity: ClassVar[Severity] = Severity.WARNING
    # Imperative phrase for commit subjects: "fix(leak): <fix_title> (<name>)".
    fix_title: ClassVar[str] = "release leaked resources"

    DOC_SECTIONS: ClassVar[tuple[str, ...]] = (
        "What it does",
        "Why is this bad?",
        "Example",
        "Fix safety",
    )

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        """``options`` come from the ``[rules.<name>]`` table of the user's config."""
        self.options: Mapping[str, Any] = options or {}

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterable[Finding]:
        raise NotImplementedError

    def applies_to(self, source: bytes) -> bool:
        """The byte-level prefilter: can this file hold a match at all?"""
        return (
            any(t in source for t in self.triggers)
            and all(r in source for r in self.requires)
            and all(p.search(source) for p in self.patterns)
        )

    def finding(
        self, ctx: FileContext, node: Node, message: str, fix: Fix | None = None
    ) -> Finding:
        return Finding(
            rule=self.name,
            path=ctx.path,
            start=ctx.position(node),
            message=message,
            severity=self.severity,
            fix=fix,
            byte_offset=node.start_byte,
        )

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        """The first sentence of the '## What it does' section, on one line."""
        return first_sentence(cls.doc_section("What it does"))

    @classmethod
    def doc_section(cls, title: str) -> str:
        doc = cls.documentation()
        match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", doc, re.M | re.S)
        return match.group(1).strip() if match else ""
