"""In-source directives: suppression comments and generated-file detection.

Recognised on the finding's line or on a comment-only line directly above it:

* ``//nolint`` (all linters), ``//nolint:leakfix`` or ``//nolint:leakfix,other``,
  optionally followed by ``// reason``;
* ``//nolint:RULE`` where RULE is a leakfix rule name;
* ``//leakfix:ignore RULE[,RULE] reason``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fixer import gosyntax
from fixer.gosyntax import Tree

_GENERATED = re.compile(rb"^// Code generated .* DO NOT EDIT\.\r?$", re.M)
_NOLINT = re.compile(r"^//\s?nolint(?::([\w,\-]+))?\b")
_IGNORE = re.compile(r"^//\s?leakfix:ignore\s+([\w,\-]+)")

ALL = "*"


def is_generated(source: bytes) -> bool:
    """Go's convention: the marker line appears before the package clause."""
    source = source.removeprefix(b"\xef\xbb\xbf")  # a BOM hides line 1 from ``^``
    package = re.search(rb"^package\s", source, re.M)
    head = source[: package.start()] if package else source
    return _GENERATED.search(head) is not None


@dataclass(frozen=True)
class Suppression:
    line: int
    rules: frozenset[str]
    own_line: bool

    def covers(self, rule: str) -> bool:
        return ALL in self.rules or "leakfix" in self.rules or rule in self.rules


def suppressions(source: bytes, tree: Tree) -> list[Suppression]:
    if b"nolint" not in source and b"leakfix:ignore" not in source:
        return []
    found: list[Suppression] = []
    query = gosyntax.compile_query("(comment) @c")
    for _, captures in gosyntax.matches(query, tree.root_node):
        node = captures["c"][0]
        rules = _rules_of(gosyntax.text(node))
        if rules is None:
            continue
        line_start, _ = gosyntax.line_bounds(source, node.start_byte)
        own_line = source[line_start : node.start_byte].strip() == b""
        found.append(Suppression(node.start_point[0] + 1, rules, own_line))
    return found


def _rules_of(comment: str) -> frozenset[str] | None:
    nolint = _NOLINT.match(comment)
    if nolint:
        names = nolint.group(1)
        return frozenset({ALL}) if not names else frozenset(names.split(","))
    ignore = _IGNORE.match(comment)
    if ignore:
        return frozenset(ignore.group(1).split(","))
    return None


def is_suppressed(rule: str, line: int, found: list[Suppression]) -> bool:
    return any(
        s.covers(rule) and (s.line == line or (s.own_line and s.line == line - 1)) for s in found
    )
