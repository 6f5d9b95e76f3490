"""Just enough of Go's scoping rules to tell which variable a name refers to.

Codemods track one local variable (a cancel func, a file handle) from its
declaration. A reference counts only if it is not shadowed by a declaration of
the same name in an inner scope; this module answers that over syntax alone.
"""

from __future__ import annotations

from collections.abc import Iterator

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
    child, current = ident, ident.parent
    while current is not None and current != scope:
        if current.type == "statement_list":
            if current.parent == scope:
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
        child, current = current, current.parent
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
