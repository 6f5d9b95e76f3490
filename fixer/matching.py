"""One query pass per file for every active rule.

Running each rule's query separately walks the tree once per rule; tree-sitter
matches all patterns of one query in a single walk, which measured about ten
times cheaper on the Go standard library. The active rules' queries are
concatenated, and each match is routed back to its rule by pattern index.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

import tree_sitter

from fixer import gosyntax
from fixer.codemod import Codemod, FileContext
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


def run_codemods(
    ctx: FileContext, codemods: Sequence[Codemod], active: Sequence[Codemod]
) -> Iterator[Finding]:
    """Findings of the ``active`` rules on one parsed file, from one query walk.

    The query is the union of *all* ``codemods`` (compiled once per rule set, not
    once per subset of rules a file happens to trigger); matches of inactive rules
    are dropped, so the result is what each active rule alone would find.
    """
    if not active:
        return
    query, starts = combined_query(tuple(c.query for c in codemods))
    owners = list(zip(starts, codemods, strict=True))
    wanted = {id(c) for c in active}
    for pattern, captures in gosyntax.matches(query, ctx.tree.root_node):
        codemod = next(c for start, c in reversed(owners) if start <= pattern)
        if id(codemod) not in wanted:
            continue
        if any(ctx.overlaps_error(n) for nodes in captures.values() for n in nodes):
            continue
        yield from codemod.check(ctx, captures)
