"""Just enough of Go's scoping rules to tell which variable a name refers to.

Codemods track one local variable (a cancel func, a file handle) from its
declaration. A reference counts only if it is not shadowed by a declaration of
the same name in an inner scope; this module answers that over syntax alone.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from fixer import gosyntax
from fixer.gosyntax import Node

_SCOPED_HEADERS = frozenset({"if_statement", "for_statement", "expression_switch_statement",
                             "type_switch_statement"})


def declared_names(stmt: Node | None) -> set[str]:
    """Names a declaration statement introduces (``:=``, ``var``, ``const``)."""
    if stmt is None:
        return set()
    if stmt.type == "short_var_declaration":
        left = stmt.child_by_field_name("left")
        return {gosyntax.text(n) for n in (left.named_children if left else []) if
                n.type == "identifier"}
    if stmt.type in ("var_declaration", "const_declaration"):
        names: set[str] = set()
        for spec in gosyntax.walk(stmt):
            if spec.type in ("var_spec", "const_spec"):
                names |= {gosyntax.text(n) for n in spec.children_by_field_name("name")}
        return names
    return set()


def parameter_names(func: Node) -> set[str]:
    """Parameter, receiver and named-result names of a function or func literal."""
    names: set[str] = set()
    for field in ("receiver", "parameters", "result"):
        plist = func.child_by_field_name(field)
        if plist is None or plist.type != "parameter_list":
            continue
        for decl in plist.named_children:
            names |= {gosyntax.text(n) for n in decl.children_by_field_name("name")}
    return names


def result_names(func: Node) -> set[str]:
    result = func.child_by_field_name("result")
    if result is None or result.type != "parameter_list":
        return set()
    return {gosyntax.text(n) for d in result.named_children
            for n in d.children_by_field_name("name")}


def _header_declares(stmt: Node, name: str, child: Node) -> bool:
    """Whether an if/for/switch header declares ``name`` for ``child`` (a part of ``stmt``)."""
    init = stmt.child_by_field_name("initializer")
    if init is not None and init != child and name in declared_names(init):
        return True
    for part in stmt.named_children:
        if part == child:
            continue
        if part.type == "for_clause":
            inner = part.child_by_field_name("initializer")
            if name in declared_names(inner):
                return True
        if part.type == "range_clause" and child != part:
            left = part.child_by_field_name("left")
            if left is not None and b":=" in (part.text or b"") and name in {
                gosyntax.text(n) for n in left.named_children
            }:
                return True
    alias = stmt.child_by_field_name("alias")
    return alias is not None and child != alias and name in {
        gosyntax.text(n) for n in gosyntax.walk(alias) if n.type == "identifier"
    }


def _list_declares(statement_list: Node, name: str, before: int) -> bool:
    return any(
        stmt.end_byte <= before and name in declared_names(stmt)
        for stmt in statement_list.named_children
    )


def _declaring_statement(ident: Node) -> Node | None:
    """The ``:=``/``var``/range statement that ``ident`` is declared by, if it is one."""
    parent = ident.parent
    if parent is None:
        return None
    if parent.type == "var_spec" and ident in parent.children_by_field_name("name"):
        return parent.parent if parent.parent is not None else None
    owner = parent.parent
    if parent.type != "expression_list" or owner is None:
        return None
    if owner.type == "short_var_declaration" and owner.child_by_field_name("left") == parent:
        return owner
    if owner.type in ("range_clause", "receive_statement") and (
        owner.child_by_field_name("left") == parent and b":=" in (owner.text or b"")
    ):
        return owner
    return None


def is_shadowed(ident: Node, scope: Node) -> bool:
    """Whether ``ident`` names an inner variable rather than the one declared in ``scope``."""
    name = gosyntax.text(ident)
    declaring = _declaring_statement(ident)
    if declaring is not None:
        holder = declaring.parent
        if holder is not None and holder.type == "var_spec_list":
            holder = holder.parent
        same_scope = holder is not None and holder.type == "statement_list" and (
            holder.parent == scope
        )
        return not same_scope
    chain = gosyntax.ancestors(ident, scope)
    for i, current in enumerate(chain):
        child = chain[i - 1] if i else ident
        if current.type == "statement_list":
            if (chain[i + 1] if i + 1 < len(chain) else current.parent) == scope:
                return False
            if _list_declares(current, name, ident.start_byte):
                return True
        elif current.type in gosyntax.FUNCTION_TYPES:
            if name in parameter_names(current):
                return True
        elif current.type in _SCOPED_HEADERS:
            if _header_declares(current, name, child):
                return True
        elif current.type == "communication_case":
            comm = current.child_by_field_name("communication")
            if comm is not None and comm != child and comm.type == "receive_statement":
                left = comm.child_by_field_name("left")
                if left is not None and name in {gosyntax.text(n) for n in left.named_children}:
                    return True
    return False


def references(node: Node, name: str, scope: Node) -> Iterator[Node]:
    """Identifiers in ``node`` that refer to the variable ``name`` declared in ``scope``."""
    for ident in gosyntax.identifiers_named(node, name):
        if not is_shadowed(ident, scope):
            yield ident


def declaration_scope(stmt: Node, name: str) -> Node | None:
    """The node whose scope holds the declaration of ``name`` visible at ``stmt``.

    Searches enclosing blocks, if/for/switch headers and the enclosing function's
    parameters. ``None`` when the name is declared outside the function (a
    package variable or a variable captured from an outer function).
    """
    child, current = stmt, stmt.parent
    while current is not None:
        if current.type == "statement_list" and _list_declares(current, name, stmt.start_byte):
            return current.parent
        if current.type in _SCOPED_HEADERS and _header_declares(current, name, child):
            return current
        if current.type in gosyntax.FUNCTION_TYPES:
            if name in parameter_names(current):
                return current.child_by_field_name("body")
            return None
        child, current = current, current.parent
    return None


def names_in(node: Node) -> set[str]:
    return {gosyntax.text(n) for n in gosyntax.walk(node) if n.type == "identifier"}


def fresh_name(base: str, func: Node, root: Node, skip: int = 0) -> str:
    """``base``, ``base2``, ... : the first not used in ``func`` nor declared at top level.

    ``skip`` passes over that many free candidates, so several fixes in one
    function that each introduce a name (applied in the same round) pick
    different ones.
    """
    taken = names_in(func)
    for decl in root.named_children:
        if decl.type in ("function_declaration", "var_declaration", "const_declaration",
                         "type_declaration"):
            name = decl.child_by_field_name("name")
            if name is not None:
                taken.add(gosyntax.text(name))
            taken |= declared_names(decl)
    candidate, n = base, 1
    while candidate in taken or skip:
        if candidate not in taken:
            skip -= 1
        n += 1
        candidate = f"{base}{n}"
    return candidate


def declaring_statement(stmt: Node, name: str) -> Node | None:
    """What declares ``name`` as seen from ``stmt``: the ``:=``/``var`` statement of a
    block, the if/for/switch statement whose header declares it, or the function's
    ``parameter_declaration``. ``None``: declared outside the function (like
    ``declaration_scope``)."""
    child, current = stmt, stmt.parent
    while current is not None:
        if current.type == "statement_list":
            found = [s for s in current.named_children
                     if s.end_byte <= stmt.start_byte and name in declared_names(s)]
            if found:
                return found[-1]
        if current.type in _SCOPED_HEADERS and _header_declares(current, name, child):
            return current
        if current.type in gosyntax.FUNCTION_TYPES:
            for field in ("receiver", "parameters", "result"):
                plist = current.child_by_field_name(field)
                for decl in plist.named_children if plist is not None else []:
                    if name in {gosyntax.text(n) for n in decl.children_by_field_name("name")}:
                        return decl
            return None
        child, current = current, current.parent
    return None


# -- package-level types, variables and methods of one file -------------------------------

LIFECYCLE_METHODS = frozenset({"Start", "Run", "Stop", "Close", "Serve", "Shutdown",
                               "ListenAndServe"})


def _top_level_specs(root: Node, declaration: str, spec: str) -> Iterator[Node]:
    for decl in root.named_children:
        if decl.type != declaration:
            continue
        for child in decl.named_children:
            if child.type == spec:
                yield child
            elif child.type == f"{spec}_list":
                yield from (c for c in child.named_children if c.type == spec)


def type_specs(root: Node) -> dict[str, Node]:
    """Package-level ``type Name ...`` specs of the file (aliases too), by name."""
    out: dict[str, Node] = {}
    for kind in ("type_spec", "type_alias"):
        for spec in _top_level_specs(root, "type_declaration", kind):
            name = spec.child_by_field_name("name")
            if name is not None:
                out[gosyntax.text(name)] = spec
    return out


def package_var(root: Node, name: str) -> Node | None:
    """The ``var_spec`` declaring package variable ``name`` in this file."""
    for spec in _top_level_specs(root, "var_declaration", "var_spec"):
        if name in {gosyntax.text(n) for n in spec.children_by_field_name("name")}:
            return spec
    return None


def underlying_type(root: Node, type_node: Node | None, depth: int = 0) -> Node | None:
    """``type_node`` with names of this file's types resolved (``type Q []*Job``: ``[]*Job``)."""
    if type_node is None or depth > 8:
        return type_node
    if type_node.type == "parenthesized_type" and type_node.named_children:
        return underlying_type(root, type_node.named_children[0], depth + 1)
    if type_node.type == "type_identifier":
        spec = type_specs(root).get(gosyntax.text(type_node))
        if spec is not None:
            return underlying_type(root, spec.child_by_field_name("type"), depth + 1)
    return type_node


def methods_of(root: Node, type_name: str) -> tuple[Node, ...]:
    """Methods of ``type_name`` declared in this file (with a named receiver)."""
    return _methods_by_type(root).get(type_name, ())


@functools.lru_cache(maxsize=4)
def _methods_by_type(root: Node) -> dict[str, tuple[Node, ...]]:
    """The file's methods by receiver type (cached: asked once per struct type)."""
    methods: dict[str, list[Node]] = {}
    for declaration in root.named_children:
        if declaration.type == "method_declaration":
            found = gosyntax.receiver(declaration)
            if found is not None:
                methods.setdefault(found[1], []).append(declaration)
    return {name: tuple(found) for name, found in methods.items()}


def receiver_references(method: Node, within: Node | None = None) -> Iterator[Node]:
    """Identifiers in ``within`` (default: the whole body) naming ``method``'s receiver."""
    found = gosyntax.receiver(method)
    body = method.child_by_field_name("body")
    if found is None or found[0] == "_" or body is None:
        return
    yield from references(within if within is not None else body, found[0], body)


@functools.lru_cache(maxsize=4)
def _go_statements(root: Node) -> list[Node]:
    """Every ``go`` statement of a file (cached: asked once per struct type)."""
    return [go.parent for go in gosyntax.tokens(root, "go", "go") if go.parent is not None]


def lifetime_reason(root: Node, type_name: str) -> str | None:
    """Why values of ``type_name`` look long-lived (a Run/Serve/Close/... method, or a
    goroutine started on one); ``None`` when nothing in the file says so."""
    methods = methods_of(root, type_name)
    lifecycle = sorted({gosyntax.declaration_name(m) for m in methods} & LIFECYCLE_METHODS)
    if lifecycle:
        return f"it has a {lifecycle[0]} method"
    starts = _go_statements(root)
    offsets = [go.start_byte for go in starts]  # in source order
    for method in methods:
        first = bisect.bisect_left(offsets, method.start_byte)
        last = bisect.bisect_left(offsets, method.end_byte)
        for go in starts[first:last]:
            if next(receiver_references(method, go), None):
                return f"{type_name}.{gosyntax.declaration_name(method)} starts a goroutine " \
                       "that uses it"
    for go in starts:
        started = gosyntax.goroutine_function(go, root)
        if started is not None and started in methods:
            return f"a goroutine runs its {gosyntax.declaration_name(started)} method"
    return None


# -- channels shared with goroutines ----------------------------------------------------

@dataclass(frozen=True)
class ChannelUse:
    """One use of a local channel variable, seen from the function that made it.

    ``goroutine`` is the ``go`` statement whose function holds the use (None: the
    function itself); ``name`` is the name used there (a goroutine's parameter when the
    channel is passed as an argument); ``in_closure`` marks a use inside a func literal
    that is neither the goroutine's own function nor the function itself.
    """

    ref: Node
    op: str
    goroutine: Node | None
    name: str
    in_closure: bool


def _go_literal(go_stmt: Node) -> Node | None:
    call = next((c for c in go_stmt.named_children if c.type == "call_expression"), None)
    function = call.child_by_field_name("function") if call is not None else None
    return function if function is not None and function.type == "func_literal" else None


def _owner(ref: Node, stop: Node) -> tuple[Node | None, bool]:
    """The go statement whose func literal holds ``ref`` (below ``stop``) and whether
    some other func literal sits in between."""
    literals = [n for n in gosyntax.ancestors(ref, stop) if n.type == "func_literal"]
    if not literals:
        return None, False
    outer = literals[-1]
    call = outer.parent
    go_stmt = call.parent if call is not None and call.type == "call_expression" else None
    if go_stmt is not None and go_stmt.type == "go_statement" and _go_literal(go_stmt) == outer:
        return go_stmt, len(literals) > 1
    return None, True


def _goroutine_parameter(ref: Node) -> tuple[Node, Node, str] | None:
    """``go func(out chan<- T) {...}(ch)``: (go statement, literal, ``out``) for ``ch``."""
    args = ref.parent
    call = args.parent if args is not None and args.type == "argument_list" else None
    go_stmt = call.parent if call is not None else None
    if go_stmt is None or go_stmt.type != "go_statement" or args is None:
        return None
    literal = _go_literal(go_stmt)
    if literal is None or call is None or call.child_by_field_name("arguments") != args:
        return None
    plist = literal.child_by_field_name("parameters")
    names = [n for decl in (plist.named_children if plist is not None else [])
             if decl.type == "parameter_declaration" for n in decl.children_by_field_name("name")]
    index = [a.id for a in args.named_children if a.type != "comment"].index(ref.id)
    if index >= len(names):
        return None
    return go_stmt, literal, gosyntax.text(names[index])


def channel_uses(decl: Node, name: str, scope: Node) -> list[ChannelUse]:
    """Every use after ``decl`` of the channel variable ``name`` declared in ``scope``,
    followed into goroutines that take it as an argument."""
    uses: list[ChannelUse] = []
    for ref in references(scope, name, scope):
        if ref.start_byte < decl.end_byte:
            continue
        go_stmt, nested = _owner(ref, scope)
        passed = _goroutine_parameter(ref) if go_stmt is None and not nested else None
        if passed is None:
            uses.append(ChannelUse(ref, gosyntax.channel_op(ref), go_stmt, name, nested))
            continue
        go_stmt, literal, alias = passed
        body = literal.child_by_field_name("body")
        for inner in references(body, alias, body) if body is not None else ():
            _, deeper = _owner(inner, literal)
            uses.append(ChannelUse(inner, gosyntax.channel_op(inner), go_stmt, alias, deeper))
    return uses


# A query for `ch := make(chan T[, n])` and `var ch = make(chan T[, n])`; see made_channel.
MAKE_CHAN_QUERY = """
[
  (short_var_declaration
    left: (expression_list . (identifier) @name .)
    right: (expression_list . (call_expression
      function: (identifier) @make
      arguments: (argument_list . (channel_type) @type)) @call .)
    (#eq? @make "make")) @decl
  (var_spec
    name: (identifier) @name .
    value: (expression_list . (call_expression
      function: (identifier) @make
      arguments: (argument_list . (channel_type) @type)) @call .)
    (#eq? @make "make")) @decl
]
"""


@dataclass(frozen=True)
class MadeChannel:
    """A local channel variable declared from ``make(chan T[, capacity])``."""

    stmt: Node              # the declaring statement (``:=`` or ``var``)
    name: str
    channel_type: Node
    capacity: Node | None
    scope: Node             # the block the variable lives in


def made_channel(match: dict[str, list[Node]]) -> MadeChannel | None:
    """The channel a MAKE_CHAN_QUERY match declares, when it is a local variable."""
    decl, call, name = match["decl"][0], match["call"][0], match["name"][0]
    stmt: Node | None = decl
    if decl.type == "var_spec":
        stmt = decl.parent
        if stmt is not None and stmt.type == "var_spec_list":
            stmt = stmt.parent
    holder = stmt.parent if stmt is not None else None
    args = call.child_by_field_name("arguments")
    if stmt is None or holder is None or holder.type != "statement_list" or holder.parent is None \
            or args is None:
        return None
    values = args.named_children
    if len(values) > 2:
        return None
    capacity = values[1] if len(values) == 2 else None
    return MadeChannel(stmt, gosyntax.text(name), values[0], capacity, holder.parent)


def declared_value(decl: Node, name: str) -> Node | None:
    """The expression ``name`` is initialised with by ``decl`` (a ``:=`` statement, a
    ``var`` declaration or one of its specs): the matching right-hand side, or the only
    one when ``name`` comes first (``v, ok := x.(T)``). None when there is none."""
    if decl.type == "var_declaration":
        spec = next((s for s in gosyntax.walk(decl) if s.type == "var_spec" and name in {
            gosyntax.text(n) for n in s.children_by_field_name("name")}), None)
        return declared_value(spec, name) if spec is not None else None
    if decl.type == "var_spec":
        names = [gosyntax.text(n) for n in decl.children_by_field_name("name")]
        values = decl.child_by_field_name("value")
    elif decl.type == "short_var_declaration":
        left = decl.child_by_field_name("left")
        names = [gosyntax.text(n) for n in left.named_children] if left is not None else []
        values = decl.child_by_field_name("right")
    else:
        return None
    if values is None or name not in names:
        return None
    if len(values.named_children) == len(names):
        return values.named_children[names.index(name)]
    if len(values.named_children) == 1 and names[0] == name:
        return values.named_children[0]
    return None
