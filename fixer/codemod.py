"""The Codemod base class and the per-file context codemods receive.

Codemods are pure: they get a FileContext (path, bytes, tree, go version,
options) and yield Findings. They never open files, run processes or print.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, Protocol

from fixer import gosyntax
from fixer.gosyntax import Node, Tree
from fixer.model import Finding, Fix, Position, Severity

GoVersion = tuple[int, int]


class Search(Protocol):
    """A prefilter pattern: a compiled regular expression, or anything searching alike."""

    def search(self, source: bytes, /) -> object: ...


class _GoStatement:
    """Prefilter pattern: a `go` statement somewhere, `go` followed by a blank or `(` and
    first on its line (blanks aside) or after `{`, `;`, `:` or a comment. The word `go`
    in prose (`// go on`) is not one: a third of the files holding `go ` have no `go`
    statement. Three rules ask about each file: the last answer is kept."""

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def search(source: bytes, /) -> bool:
        return after_blanks(source, b"go", b"\n{;:/".__contains__, followed_by=b" \t(")


GO_STATEMENT = _GoStatement()


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


def any_of(words: Iterable[bytes]) -> re.Pattern[bytes]:
    """A regular expression matching any of ``words``, their common prefix spelt out
    first: the regex engine finds a leading literal with a fast scan, so words sharing
    one (import paths all start with a quote) cost one scan of the text, not one each."""
    unique = sorted(set(words), key=len, reverse=True)
    prefix = common_prefix(unique)
    rest = b"|".join(re.escape(w[len(prefix):]) for w in unique)
    return re.compile(re.escape(prefix) + b"(?:" + rest + b")")


def common_prefix(words: Sequence[bytes]) -> bytes:
    """The longest prefix of all ``words`` (that of the first and last in sort order)."""
    first, last = min(words, default=b""), max(words, default=b"")
    pairs = zip(first, last, strict=False)
    return first[:next((i for i, (a, b) in enumerate(pairs) if a != b), len(first))]


def after_blanks(source: bytes, word: bytes, accept: Callable[[int], bool],
                 followed_by: bytes = b"") -> bool:
    """Whether ``word`` occurs right after a byte that ``accept`` takes, spaces and tabs
    between them aside (``map[`` after a field name, ``Open`` after a dot), and, when
    ``followed_by`` is given, right before one of its bytes."""
    at = source.find(word)
    while at >= 0:
        end = at + len(word)
        if not followed_by or (end < len(source) and source[end] in followed_by):
            before = at - 1
            while before >= 0 and source[before] in b" \t":
                before -= 1
            if before >= 0 and accept(source[before]):
                return True
        at = source.find(word, at + 1)
    return False


def first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    return re.split(r"(?<=[.!?])\s", flat, maxsplit=1)[0]


class Codemod:
    """Base class: one rule per subclass, one subclass per module in ``codemods/``.

    Subclasses set ``name`` (kebab-case, names the leak), ``query`` (a
    tree-sitter-go query that finds candidates cheaply), ``triggers`` (byte
    strings, at least one of which a file must contain for the rule to apply
    at all; this lets the engine skip parsing most files), optionally
    ``requires`` (byte strings that must all appear), ``anchors`` (see
    below) and implement ``check``. The class docstring is the rule's
    documentation with the sections listed in ``DOC_SECTIONS``.
    """

    name: ClassVar[str]
    # ``query``, ``triggers`` and ``anchors`` are set on the class; an instance may
    # refine them from its options (unclosed-resource adds the user's closers).
    query: str
    triggers: tuple[bytes, ...]
    # Byte strings that must all appear too (a defer-in-loop needs a `for`), and
    # patterns (regular expressions, or GO_STATEMENT) that must all find something,
    # tried last (they cost more).
    requires: ClassVar[tuple[bytes, ...]] = ()
    patterns: ClassVar[tuple[Search, ...]] = ()
    # Byte strings, one of which every match of ``query`` holds outside any statement
    # nested in the match (its call's name, its `go` keyword): the engine walks only
    # the statements around anchors. Empty: the triggers, which must then be local to
    # the match (`NewTicker`, not an import path).
    anchors: tuple[bytes, ...] = ()
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
        # Required words first: one is often rare (an import path), so its absence ends
        # the check after one scan, and a present one is found early in the file.
        return (
            all(r in source for r in self.requires)
            and self.trigger(source)
            and all(p.search(source) for p in self.patterns)
        )

    def trigger(self, source: bytes) -> bool:
        """Whether the file holds a trigger (a rule may look closer: `x = x[n:]`)."""
        if self._trigger_pattern is not None:
            return self._trigger_pattern.search(source) is not None
        return any(t in source for t in self.triggers)

    @cached_property
    def _trigger_pattern(self) -> re.Pattern[bytes] | None:
        """One regex for triggers with a common prefix; unrelated words are faster found
        by a substring scan each (a regex would test every position of the text)."""
        shared = len(self.triggers) > 1 and common_prefix(self.triggers)
        return any_of(self.triggers) if shared else None

    @cached_property
    def anchor(self) -> re.Pattern[bytes]:
        return any_of(self.anchors or self.triggers)

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
