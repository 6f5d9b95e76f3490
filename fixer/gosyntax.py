"""tree-sitter-go access: one parser, a compiled-query cache, node helpers.

Queries run in C; walking whole trees in Python is slow, so callers start from
query matches and only walk the small subtrees they need.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

import tree_sitter
import tree_sitter_go

Node = tree_sitter.Node
Tree = tree_sitter.Tree

GO_LANGUAGE = tree_sitter.Language(tree_sitter_go.language())

FUNCTION_TYPES = frozenset({"function_declaration", "method_declaration", "func_literal"})
LOOP_TYPES = frozenset({"for_statement"})


@functools.cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(GO_LANGUAGE)


def parse(source: bytes) -> Tree:
    return _parser().parse(source)


@functools.cache
def compile_query(source: str) -> tree_sitter.Query:
    """Compile (once per process) a query over tree-sitter-go's grammar."""
    return tree_sitter.Query(GO_LANGUAGE, source)


Match = tuple[int, dict[str, list[Node]]]


def matches(query: tree_sitter.Query, node: Node,
            ranges: Sequence[tuple[int, int]] | None = None) -> list[Match]:
    """Matches of ``query`` under ``node``; with ``ranges`` (disjoint), those wholly
    inside one of them (the cursor then skips every subtree outside, so the walk costs
    what the ranges hold, and a match around several ranges is not repeated)."""
    cursor = tree_sitter.QueryCursor(query)
    if ranges is None:
        return cursor.matches(node)
    found: list[Match] = []
    for start, end in ranges:
        cursor.set_byte_range(start, end)
        cursor.set_containing_byte_range(start, end)
        found += cursor.matches(node)
    return found


def text(node: Node) -> str:
    raw = node.text
    return raw.decode("utf-8", "replace") if raw is not None else ""


_ERRORS_QUERY = "(ERROR) @e (MISSING) @m"


# What Go allows at the top of a file. tree-sitter-go also accepts statements there
# (``x = y[1:]`` outside any function) without an ERROR node.
_TOP_LEVEL = frozenset({
    "package_clause", "import_declaration", "function_declaration", "method_declaration",
    "type_declaration", "var_declaration", "const_declaration", "comment",
})


def error_nodes(tree: Tree) -> list[Node]:
    """ERROR and MISSING nodes, and statements outside any function (Go's parser rejects
    them; tree-sitter-go does not); empty (and cheap) for a clean tree."""
    stray = [n for n in tree.root_node.named_children if n.type not in _TOP_LEVEL]
    if not tree.root_node.has_error:
        return stray
    found = tree_sitter.QueryCursor(compile_query(_ERRORS_QUERY)).captures(tree.root_node)
    return [n for nodes in found.values() for n in nodes] + [n for n in stray
                                                            if n.type != "ERROR"]


def error_count(tree: Tree) -> int:
    return len(error_nodes(tree))


def error_ranges(tree: Tree) -> list[tuple[int, int]]:
    return sorted((n.start_byte, n.end_byte) for n in error_nodes(tree))


def import_names(root: Node) -> dict[str, str]:
    """Map each imported package path to the name the file uses for it.

    Dot and blank imports map to ``.`` and ``_``; callers treat those as
    "not referable by a qualifier".
    """
    names: dict[str, str] = {}
    for child in root.named_children:
        if child.type in ("package_clause", "comment"):
            continue
        if child.type != "import_declaration":
            break
        for spec in _import_specs(child):
            path_node = spec.child_by_field_name("path")
            if path_node is None:
                continue
            path = text(path_node).strip('"`')
            alias = spec.child_by_field_name("name")
            names[path] = text(alias) if alias is not None else path.rsplit("/", 1)[-1]
    return names


def _import_specs(decl: Node) -> Iterator[Node]:
    for child in decl.named_children:
        if child.type == "import_spec":
            yield child
        elif child.type == "import_spec_list":
            yield from (c for c in child.named_children if c.type == "import_spec")


def is_deferred_closure(func_literal: Node) -> bool:
    """``defer func() { ... }()``: the literal runs when its function returns, not later."""
    call = func_literal.parent
    return (call is not None and call.type == "call_expression" and call.parent is not None
            and call.parent.type == "defer_statement")


def held_beyond_the_call(node: Node, function: Node) -> bool:
    """Whether ``node`` sits in a goroutine or a (non-deferred) closure inside
    ``function``: code that may run after ``function`` has returned."""
    return any(
        outer.type == "go_statement"
        or (outer.type == "func_literal" and not is_deferred_closure(outer))
        for outer in ancestors(node, function)
    )


def ancestors(node: Node, stop: Node) -> list[Node]:
    """The nodes between ``node`` and its ancestor ``stop`` (both left out), innermost
    first; all of ``node``'s ancestors when ``stop`` does not hold it.

    One descent from ``stop``: ``Node.parent`` searches down from the root on every
    call, so climbing k levels a parent at a time costs k times the depth, and 2000
    nested blocks took minutes.
    """
    chain: list[Node] = []
    current = stop
    while (child := current.child_with_descendant(node)) is not None and child != node:
        chain.append(child)
        current = child
    if child is None:  # not below ``stop``: climb to the root
        chain, up = [], node.parent
        while up is not None and up != stop:
            chain.append(up)
            up = up.parent
        return chain
    chain.reverse()
    return chain


def enclosing(node: Node, types: frozenset[str]) -> Node | None:
    current = node.parent
    while current is not None:
        if current.type in types:
            return current
        current = current.parent
    return None


def enclosing_function(node: Node) -> Node | None:
    return enclosing(node, FUNCTION_TYPES)


def function_body(func: Node) -> Node | None:
    return func.child_by_field_name("body")


def statements(block: Node) -> list[Node]:
    """The statements of a block or case clause (tree-sitter-go nests a statement_list)."""
    out: list[Node] = []
    for child in block.named_children:
        if child.type == "statement_list":
            out.extend(c for c in child.named_children if c.type != "comment")
        elif child.type != "comment" and block.type == "block":
            out.append(child)
    return out


def walk(node: Node, *, into_functions: bool = True) -> Iterator[Node]:
    """Pre-order walk of a (small) subtree; optionally not into func literals."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if not into_functions and current is not node and current.type == "func_literal":
            continue
        stack.extend(reversed(current.children))


def tokens(node: Node, spelling: str, kind: str) -> Iterator[Node]:
    """The tokens of type ``kind`` spelt ``spelling`` in ``node``'s subtree, in order.

    Found by searching the text and asking the tree what sits at each occurrence, so the
    cost follows the occurrences rather than the subtree's size (a walk over a large
    function for every name looked up was the scan's largest Python cost).
    """
    encoded = spelling.encode()
    body = node.text
    if not encoded or body is None:
        return
    offset = body.find(encoded)
    while offset >= 0:
        start = node.start_byte + offset
        found = node.descendant_for_byte_range(start, start + len(encoded))
        if found is not None and found.type == kind and found.text == encoded:
            yield found
        offset = body.find(encoded, offset + len(encoded))


def identifiers_named(node: Node, name: str) -> Iterator[Node]:
    return tokens(node, name, "identifier")


def line_bounds(source: bytes, offset: int) -> tuple[int, int]:
    """Start of the line holding ``offset`` and the offset just past its newline."""
    start = source.rfind(b"\n", 0, offset) + 1
    nl = source.find(b"\n", offset)
    return start, (len(source) if nl < 0 else nl + 1)


def indentation(source: bytes, offset: int) -> str:
    start, _ = line_bounds(source, offset)
    end = start
    while end < len(source) and source[end : end + 1] in (b"\t", b" "):
        end += 1
    return source[start:end].decode()


def newline_at(source: bytes, offset: int) -> str:
    """The line ending used by the line that holds ``offset`` (CRLF stays CRLF)."""
    _, end = line_bounds(source, offset)
    return "\r\n" if source[max(0, end - 2) : end] == b"\r\n" else "\n"


# -- goroutines, channels and struct types ---------------------------------------------

def outermost_function(node: Node) -> Node | None:
    """The top-level function or method declaration that holds ``node``."""
    current, found = node.parent, None
    while current is not None:
        if current.type in FUNCTION_TYPES:
            found = current
        current = current.parent
    return found


def declaration_name(func: Node) -> str:
    name = func.child_by_field_name("name")
    return text(name) if name is not None else ""


def receiver(func: Node) -> tuple[str, str] | None:
    """``(name, type name)`` of a method's receiver (``(s *Server[T])``: s, Server)."""
    if func.type != "method_declaration":
        return None
    plist = func.child_by_field_name("receiver")
    decl = plist.named_children[0] if plist is not None and plist.named_children else None
    if decl is None or decl.type != "parameter_declaration":
        return None
    name = decl.child_by_field_name("name")
    type_node = decl.child_by_field_name("type")
    while type_node is not None and type_node.type in ("pointer_type", "generic_type"):
        type_node = (type_node.named_children[0] if type_node.type == "pointer_type"
                     else type_node.child_by_field_name("type"))
    if name is None or type_node is None or type_node.type != "type_identifier":
        return None
    return text(name), text(type_node)


def struct_fields(root: Node, type_name: str) -> dict[str, Node]:
    """Field name -> type node of the struct type ``type_name`` declared in this file
    (embedded fields are left out)."""
    fields: dict[str, Node] = {}
    for decl in root.named_children:
        if decl.type != "type_declaration":
            continue
        for spec in decl.named_children:
            name = spec.child_by_field_name("name")
            body = spec.child_by_field_name("type")
            if (spec.type != "type_spec" or name is None or text(name) != type_name
                    or body is None or body.type != "struct_type"):
                continue
            for field_list in body.named_children:
                for field in field_list.named_children:
                    type_node = field.child_by_field_name("type")
                    if field.type != "field_declaration" or type_node is None:
                        continue
                    for field_name in field.children_by_field_name("name"):
                        fields[text(field_name)] = type_node
    return fields


def goroutine_function(go_stmt: Node, root: Node) -> Node | None:
    """The function a ``go`` statement runs: its func literal, or the function or
    method declared in this file that it names (methods: the only one of that name,
    or the one on the enclosing method's receiver type when called on the receiver)."""
    call = next((c for c in go_stmt.named_children if c.type == "call_expression"), None)
    function = call.child_by_field_name("function") if call is not None else None
    if function is None:
        return None
    if function.type == "func_literal":
        return function
    if function.type == "identifier":
        found = [d for d in root.named_children if d.type == "function_declaration"
                 and declaration_name(d) == text(function)]
        return found[0] if len(found) == 1 else None
    if function.type != "selector_expression":
        return None
    operand = function.child_by_field_name("operand")
    field = function.child_by_field_name("field")
    if operand is None or field is None:
        return None
    methods = [d for d in root.named_children if d.type == "method_declaration"
               and declaration_name(d) == text(field)]
    outer = outermost_function(go_stmt)
    own = receiver(outer) if outer is not None else None
    if own is not None and text(operand) == own[0]:
        methods = [m for m in methods if (receiver(m) or ("", ""))[1] == own[1]]
    return methods[0] if len(methods) == 1 else None


def channel_op(ref: Node) -> str:
    """What an expression does with the channel it evaluates to: ``send``, ``receive``,
    ``range``, ``close``, ``inspect`` (len/cap) or ``other``."""
    parent = ref.parent
    if parent is None:
        return "other"
    if parent.type == "send_statement" and parent.child_by_field_name("channel") == ref:
        return "send"
    if parent.type == "unary_expression" and parent.child_by_field_name("operand") == ref:
        operator = parent.child_by_field_name("operator")
        return "receive" if operator is not None and text(operator) == "<-" else "other"
    if parent.type == "range_clause" and parent.child_by_field_name("right") == ref:
        return "range"
    call = parent.parent
    if parent.type == "argument_list" and call is not None and len(parent.named_children) == 1:
        function = call.child_by_field_name("function")
        name = text(function) if function is not None and function.type == "identifier" else ""
        if name == "close":
            return "close"
        if name in ("len", "cap"):
            return "inspect"
    return "other"


def inside_loop(node: Node, scope: Node) -> bool:
    """Whether a ``for`` statement lies between ``node`` and its ancestor ``scope``
    (so ``node`` may run more than once per run of ``scope``)."""
    return any(current.type in LOOP_TYPES for current in ancestors(node, scope))
