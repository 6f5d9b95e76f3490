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
