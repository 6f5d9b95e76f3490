"""Connect growing series to static findings: "this growing group is finding X".

A goroutine group matches a finding of a rule that can leak goroutines when the
finding lies in a function the goroutines are running (their user frames), were
started from (the ``created by`` site, and the creator's frames when the service runs
with ``GODEBUG=tracebackancestors=N``), or in a function that calls the creation
site's function (the usual shape: a handler derives a context and calls a helper whose
``go`` statement outlives it). Functions are compared by declaration (receiver and
name, closures folded into their declaration) within the same repository file.

Descriptors and the heap have no stacks: a growing fd kind or live heap lists the
findings of the rules that leak that resource, as candidates.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fixer import gosyntax
from fixer.model import Finding
from fixer.watch import frames
from fixer.watch.analysis import GroupSeries, Match, WatchReport
from fixer.watch.goroutines import Frame

GOROUTINE_RULES = frozenset({
    "lost-cancel", "goroutine-without-exit", "blocked-send", "unclosed-channel",
    "unclosed-response-body", "unclosed-resource",
})
RESOURCE = {"file": "file descriptors", "socket": "sockets", "pipe": "pipes",
            "anon_inode": "anonymous inodes (epoll, eventfd, timerfd)",
            "other": "file descriptors"}
FD_RULES = {
    "file": frozenset({"unclosed-file", "defer-in-loop"}),
    "socket": frozenset({"unclosed-response-body", "unclosed-resource", "unclosed-sql-rows",
                         "defer-in-loop"}),
    "pipe": frozenset({"unclosed-resource", "defer-in-loop"}),
    "anon_inode": frozenset({"unclosed-resource"}),
    "other": frozenset({"unclosed-resource"}),
}
HEAP_RULES = frozenset({
    "unbounded-map", "reslice-retains-array", "pool-put-without-reset", "unstopped-ticker",
    "unstopped-timer", "time-after-in-loop", "time-tick-leak", "lost-cancel",
})
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class Declaration:
    """The top-level function or method holding a finding, and the names it calls."""

    qualified: str            # "handleLeak", "Server.Run"
    calls: frozenset[str]


def attach(report: WatchReport, findings: Iterable[Finding], root: Path) -> None:
    """Fill the ``findings`` of the report's growing series."""
    found = sorted(findings, key=lambda f: (f.path, f.line, f.rule))
    declarations = _Declarations(root)
    for group in report.growing_groups:
        group.findings = list(_group_matches(report, group, found, declarations))
    for series in report.growing_fds:
        series.findings = _candidates(found, FD_RULES[series.kind], RESOURCE[series.kind])
    if report.heap is not None and report.heap.growing:
        report.heap.findings = _candidates(found, HEAP_RULES, "heap memory")


def _candidates(found: list[Finding], rules: frozenset[str], resource: str) -> list[Match]:
    return [Match(f, f"its leaks hold {resource}") for f in found
            if f.rule in rules][:MAX_CANDIDATES]


def _group_matches(report: WatchReport, group: GroupSeries, found: list[Finding],
                   declarations: _Declarations) -> Iterator[Match]:
    example = group.example
    placed: list[tuple[Frame, str]] = [(f, "on the goroutines' stack") for f in example.frames]
    if example.created_by is not None:
        placed.append((example.created_by, "the creation site"))
    placed += [(f, "in the creating goroutine's stack") for f in example.ancestors]
    on_stack: dict[tuple[str, str], str] = {}
    for frame, role in placed:
        site = report.site(frame)
        if site.in_repo:
            on_stack.setdefault((site.path, frames.symbol(frame.function).qualified), role)
    creator = example.created_by
    creator_name = frames.symbol(creator.function).name if creator is not None else None
    for finding in found:
        if finding.rule not in GOROUTINE_RULES:
            continue
        declaration = declarations.at(finding.path, finding.byte_offset)
        if declaration is None:
            continue
        place = on_stack.get((finding.path, declaration.qualified))
        if place is not None:
            yield Match(finding, f"in {declaration.qualified}, {place}")
        elif creator_name is not None and creator_name in declaration.calls:
            yield Match(finding, f"in {declaration.qualified}, which calls {creator_name}, "
                                 "the creation site")


class _Declarations:
    def __init__(self, root: Path) -> None:
        self.root = root

    def at(self, path: str, offset: int) -> Declaration | None:
        tree = self._tree(path)
        if tree is None:
            return None
        node = tree.root_node.descendant_for_byte_range(offset, offset)
        function = gosyntax.outermost_function(node) if node is not None else None
        if function is None or function.type == "func_literal":
            return None
        receiver = gosyntax.receiver(function)
        name = gosyntax.declaration_name(function)
        qualified = f"{receiver[1]}.{name}" if receiver else name
        return Declaration(qualified, frozenset(_called_names(function)))

    @functools.cache  # noqa: B019 -- one instance per attach(); the cache dies with it
    def _tree(self, path: str) -> gosyntax.Tree | None:
        try:
            return gosyntax.parse((self.root / path).read_bytes())
        except OSError:
            return None


def _called_names(function: gosyntax.Node) -> Iterator[str]:
    for node in gosyntax.walk(function):
        if node.type != "call_expression":
            continue
        callee = node.child_by_field_name("function")
        if callee is not None and callee.type == "selector_expression":
            callee = callee.child_by_field_name("field")
        if callee is not None and callee.type in ("identifier", "field_identifier"):
            yield gosyntax.text(callee)
