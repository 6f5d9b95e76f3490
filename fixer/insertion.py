"""Edits that add whole statement lines next to an existing statement.

New lines copy the anchor statement's indentation and line ending, and go
after any trailing comment on the anchor's line, so output stays gofmt-clean
and CRLF files stay CRLF. When the anchor shares its line with other code the
helpers return ``None`` and the caller withholds the fix.
"""

from __future__ import annotations

import re

from fixer import gosyntax
from fixer.gosyntax import Node
from fixer.model import TextEdit

_TAIL = re.compile(rb"[ \t]*(//[^\n]*)?\r?\n?")


def _line_is_own(source: bytes, node: Node) -> bool:
    line_start, _ = gosyntax.line_bounds(source, node.start_byte)
    return source[line_start : node.start_byte].strip() == b""


def _tail_end(source: bytes, node: Node) -> int | None:
    """Offset just past the anchor's line, or None if other code follows it there."""
    tail = _TAIL.match(source, node.end_byte)
    if tail is None or (tail.end() < len(source) and source[tail.end() - 1 : tail.end()] != b"\n"):
        return None
    return tail.end()


def insert_lines_after(source: bytes, node: Node, lines: list[str]) -> TextEdit | None:
    if not _line_is_own(source, node):
        return None
    end = _tail_end(source, node)
    if end is None:
        return None
    indent = gosyntax.indentation(source, node.start_byte)
    newline = gosyntax.newline_at(source, node.start_byte)
    prefix = "" if source[end - 1 : end] == b"\n" else newline
    return TextEdit(end, end, prefix + "".join(indent + line + newline for line in lines))


def insert_lines_before(source: bytes, node: Node, lines: list[str]) -> TextEdit | None:
    if not _line_is_own(source, node):
        return None
    line_start, _ = gosyntax.line_bounds(source, node.start_byte)
    indent = gosyntax.indentation(source, node.start_byte)
    newline = gosyntax.newline_at(source, node.start_byte)
    return TextEdit(line_start, line_start, "".join(indent + line + newline for line in lines))


def replace_node(node: Node, new: str) -> TextEdit:
    return TextEdit(node.start_byte, node.end_byte, new)


def indent_unit(source: bytes, outer: Node, inner: Node) -> str | None:
    """One level of indentation: how much deeper ``inner``'s line is indented than
    ``outer``'s (a tab in gofmt'd code); None when it is not deeper."""
    outer_indent = gosyntax.indentation(source, outer.start_byte)
    inner_indent = gosyntax.indentation(source, inner.start_byte)
    if not inner_indent.startswith(outer_indent) or inner_indent == outer_indent:
        return None
    return inner_indent[len(outer_indent):]


def indent_lines(source: bytes, start: int, end: int, unit: str) -> list[TextEdit]:
    """Indent by ``unit`` every non-blank line that begins in ``[start, end)``
    (``start`` must be a line start). Callers make sure no multi-line string or
    comment lies in the range: their text would change."""
    edits: list[TextEdit] = []
    offset = start
    while offset < end:
        _, next_line = gosyntax.line_bounds(source, offset)
        if source[offset:next_line].strip():
            edits.append(TextEdit(offset, offset, unit))
        offset = next_line
    return edits


def insert_lines_first_in_clause(source: bytes, clause: Node, lines: list[str]) -> TextEdit | None:
    """Lines that become the first statements of a ``case ...:``/``default:`` clause.

    Before the clause's first statement (copying its indentation), or, in an empty
    clause, on new lines after the ``case ...:`` line (and its trailing comment),
    indented one tab deeper than ``case``. None when the clause's header or first
    statement shares its line with other code.
    """
    body = next((c for c in clause.named_children if c.type == "statement_list"), None)
    if body is not None and body.named_children:
        return insert_lines_before(source, body.named_children[0], lines)
    colon = next((c for c in clause.children if c.type == ":"), None)
    if colon is None or not _line_is_own(source, clause):
        return None
    end = _tail_end(source, colon)
    if end is None:
        return None
    indent = gosyntax.indentation(source, clause.start_byte) + "\t"
    newline = gosyntax.newline_at(source, clause.start_byte)
    prefix = "" if source[end - 1 : end] == b"\n" else newline
    return TextEdit(end, end, prefix + "".join(indent + line + newline for line in lines))
