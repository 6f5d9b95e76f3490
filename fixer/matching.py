"""One query pass per file for every active rule.

Running each rule's query separately walks the tree once per rule; tree-sitter
matches all patterns of one query in a single walk, which measured about ten
times cheaper on the Go standard library. The active rules' queries are
concatenated, and each match is routed back to its rule by pattern index.

The walk itself costs about half a parse, so it covers only the statements
(and top-level declarations) around an anchor of an active rule
(``Codemod.anchors``): a match lies inside the statement around its anchor.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

import tree_sitter

from fixer import gosyntax
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding


@functools.lru_cache(maxsize=32)
def combined_query(queries: tuple[str, ...]) -> tuple[tree_sitter.Query, tuple[int, ...]]:
    """The union of ``queries`` and, per query, the index of its first pattern."""
    starts = []
    total = 0
    for text in queries:
        starts.append(total)
        total += gosyntax.compile_query(text).pattern_count
    return gosyntax.compile_query("\n".join(queries)), tuple(starts)


# A node whose parent is one of these is a statement, or a top-level declaration.
_STATEMENT_PARENTS = frozenset({"statement_list", "source_file"})


def anchored_ranges(ctx: FileContext, active: Sequence[Codemod]) -> list[tuple[int, int]]:
    """Byte ranges of the statements (and top-level declarations) holding an anchor of an
    ``active`` rule, outermost only: disjoint, in order.

    A match's own anchor (the `go` of its go statement, the name of its call, the `chan`
    of its `make`) is never inside a statement nested in the match, so the statement
    around the anchor holds the whole match.
    """
    root = ctx.tree.root_node
    units: list[tuple[int, int]] = []
    anchors = {c.anchor.pattern: c.anchor for c in active}.values()  # rules may share one
    for anchor in anchors:
        found = anchor.search(ctx.source)
        while found is not None:
            resume = found.end()
            unit = _statement_around(root.descendant_for_byte_range(found.start(), found.end()))
            if unit is not None:
                units.append((unit.start_byte, unit.end_byte))
                resume = max(resume, unit.end_byte)
            found = anchor.search(ctx.source, resume)
    outermost: list[tuple[int, int]] = []
    for start, end in sorted(units, key=lambda unit: (unit[0], -unit[1])):
        if not outermost or start >= outermost[-1][1]:
            outermost.append((start, end))
    return outermost


def _statement_around(node: Node | None) -> Node | None:
    """The statement, top-level declaration or comment holding ``node`` (None: blank
    text between declarations)."""
    while node is not None and node.parent is not None:
        if node.parent.type in _STATEMENT_PARENTS:
            return node
        node = node.parent
    return None


def candidates(
    ctx: FileContext, codemods: Sequence[Codemod], active: Sequence[Codemod],
    anchored: bool = True,
) -> Iterator[tuple[Codemod, dict[str, list[Node]]]]:
    """The query matches of the ``active`` rules on one parsed file, from one walk.

    The query is the union of *all* ``codemods`` (compiled once per rule set, not
    once per subset of rules a file happens to trigger); matches of inactive rules
    are dropped, so the result is what each active rule's query alone would find.
    With ``anchored`` the walk covers only the statements around an active rule's
    anchor; without it, the whole tree (tests show the two agree).
    """
    if not active:
        return
    query, starts = combined_query(tuple(c.query for c in codemods))
    owners = list(zip(starts, codemods, strict=True))
    wanted = {id(c) for c in active}
    ranges = anchored_ranges(ctx, active) if anchored else None
    for pattern, captures in gosyntax.matches(query, ctx.tree.root_node, ranges):
        codemod = next(c for start, c in reversed(owners) if start <= pattern)
        if id(codemod) in wanted:
            yield codemod, captures


def run_codemods(
    ctx: FileContext, codemods: Sequence[Codemod], active: Sequence[Codemod],
    anchored: bool = True,
) -> Iterator[Finding]:
    """Findings of the ``active`` rules on one parsed file (matches touching a syntax
    error are skipped)."""
    for codemod, captures in candidates(ctx, codemods, active, anchored):
        if not any(ctx.overlaps_error(n) for nodes in captures.values() for n in nodes):
            yield from codemod.check(ctx, captures)
