"""unbounded-map: a map field of a long-lived struct that is written but never shrinks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from fixer import goscope, gosyntax
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding

_CONSTANT_KEYS = frozenset({"interpreted_string_literal", "raw_string_literal", "int_literal",
                            "rune_literal", "float_literal", "true", "false", "nil"})
_NAMES = re.compile(rb"[\w\x80-\xff]+")
_COMPARISONS = frozenset({"<", "<=", ">", ">=", "==", "!="})
_WRITE = "write"
_READ = "read"
_SHRINK = "shrink"      # delete, clear, replaced, bounded by a len check, or handed elsewhere


class _IndexedMapField:
    """Prefilter pattern: a map field that something indexes, `map[` after a name (a
    field, not `= map[` or `make(map[`) and `.name[` somewhere for a name on that line
    (`a, b map[` lists several)."""

    def search(self, source: bytes, /) -> bool:
        at = source.find(b"map[")
        while at >= 0:
            before = source[source.rfind(b"\n", 0, at) + 1:at].rstrip(b" \t")
            if before and _ends_name(before[-1]) and any(
                    b"." + name + b"[" in source for name in _NAMES.findall(before)):
                return True
            at = source.find(b"map[", at + 1)
        return False


class UnboundedMap(Codemod):
    """
    ## What it does
    Reports a map field of a long-lived struct that the type's methods keep adding keys to
    while nothing in the file ever deletes from it, clears it, replaces it or bounds it.
    Long-lived means the type has a `Start`, `Run`, `Stop`, `Close`, `Serve` or `Shutdown`
    method, or a goroutine is started on it. Writes are `s.m[k] = v` and `s.m[k]++` with a
    non-constant key, in a method of the type; shrinking is `delete(s.m, k)`, `clear(s.m)`,
    `s.m = make(...)` / `s.m = nil`, or a bound such as `if len(s.m) >= max`. The finding is
    on the first write; the message lists every write site (the others are also attached
    as related positions).

    ## Why is this bad?
    A map only grows: every distinct key written stays until the map itself is dropped, and
    Go maps never give back their buckets even after deletes. A session table, a "seen"
    set or a per-client counter in a server that runs for weeks grows with every new key
    until the process runs out of memory.

    ## Example
    ```go
    type Server struct {
        sessions map[string]*Session
    }

    func (s *Server) Serve() { ... }

    func (s *Server) login(id string) {
        s.sessions[id] = newSession(id) // never deleted on logout or expiry
    }
    ```

    Use instead:
    ```go
    func (s *Server) logout(id string) {
        delete(s.sessions, id)
    }
    ```

    ## Fix safety
    Report only: which entries may go, and when (on logout, on expiry, by size with an LRU,
    by rotating the whole map), is a design decision no rewrite can make. To stay precise the
    rule assumes the map may shrink whenever the file deletes from, clears or replaces any
    field of that name (through any variable), bounds it with a `len` comparison, or hands
    the map itself elsewhere (passes it to a function, stores or returns it). Writes in
    functions that are not methods of the type (a constructor filling defaults), writes with
    constant keys, a lazy `if s.m == nil { s.m = make(...) }` initialization and structs
    that nothing marks as long-lived are not reported. Maps keyed by a fixed set (handler
    registrations) are still reported; silence them with `//leakfix:ignore unbounded-map`.
    """

    name = "unbounded-map"
    fix_title = "bound maps that only grow"
    triggers = (b"map[",)
    # A struct type, a method (gofmt writes `func (r T)`) and an index write somewhere.
    requires = (b"func (",)
    patterns = (re.compile(rb"struct(?<=\bstruct)\s*\{"),
                re.compile(rb"\]\s*(?:[-+*/%&|^]|<<|>>|&\^)?=[^=]|\]\s*(?:\+\+|--)"),
                _IndexedMapField())
    query = """
    (type_spec name: (type_identifier) @type
      type: (struct_type (field_declaration_list (field_declaration type: (map_type)) @decl)))
    """

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        spec = match["type"][0].parent
        if spec is None or spec.parent is None or spec.parent.type != "type_declaration":
            return
        if spec.parent.parent is None or spec.parent.parent.type != "source_file":
            return  # a type declared inside a function
        root = ctx.tree.root_node
        type_name = gosyntax.text(match["type"][0])
        reason = goscope.lifetime_reason(root, type_name)
        if reason is None:
            return
        for name_node in match["decl"][0].children_by_field_name("name"):
            field = gosyntax.text(name_node)
            writes = _writes_if_never_shrunk(ctx, type_name, field)
            if not writes:
                continue
            lines = sorted({ctx.line_of(w.start_byte) for w in writes})
            listed = ", ".join(map(str, lines))
            message = (
                f"map field {type_name}.{field} only grows: written on line"
                f"{'s' if len(lines) > 1 else ''} {listed} but never deleted from, cleared, "
                f"replaced or bounded ({type_name} looks long-lived: {reason})"
            )
            first = self.finding(ctx, writes[0], message)
            yield replace(first, related=tuple(
                (ctx.position(w), f"{type_name}.{field} is also written here")
                for w in writes[1:]
            ))


def _ends_name(byte: int) -> bool:
    """Whether ``byte`` can end an identifier (or a ``/* comment */``)."""
    return byte >= 0x80 or chr(byte).isalnum() or byte in b"_/"


def _writes_if_never_shrunk(ctx: FileContext, type_name: str, field: str) -> list[Node]:
    """The statements of ``type_name``'s methods that add keys to ``field``, or [] when
    something in the file may shrink it (or nothing writes it)."""
    root = ctx.tree.root_node
    methods = goscope.methods_of(root, type_name)
    constants = _constant_names(root)
    writes: list[Node] = []
    for name in gosyntax.tokens(root, field, "field_identifier"):
        selector = name.parent
        if selector is None or selector.type != "selector_expression" or (
            selector.child_by_field_name("field") != name
        ):
            continue  # a field declaration, a method name
        use, stmt = _classify(selector)
        if use == _SHRINK:
            return []
        if use != _WRITE or stmt is None:
            continue
        index = selector.parent
        key = index.child_by_field_name("index") if index is not None else None
        if key is None or key.type in _CONSTANT_KEYS or gosyntax.text(key) in constants:
            continue
        if any(_through_receiver(m, selector) for m in methods):
            writes.append(stmt)
    return sorted(writes, key=lambda n: n.start_byte)


def _through_receiver(method: Node, selector: Node) -> bool:
    """Whether ``selector`` (``x.field``) sits in ``method`` and ``x`` is its receiver."""
    operand = selector.child_by_field_name("operand")
    if operand is None or not method.start_byte <= selector.start_byte < method.end_byte:
        return False
    return any(ref == operand for ref in goscope.receiver_references(method, operand))


def _classify(selector: Node) -> tuple[str, Node | None]:
    """What one ``x.field`` occurrence does to the map: write (with the statement), read,
    or shrink (anything that may shrink it or hand it elsewhere)."""
    parent = selector.parent
    if parent is None:
        return _SHRINK, None
    if parent.type == "index_expression" and parent.child_by_field_name("operand") == selector:
        holder = parent.parent
        if holder is not None and holder.type in ("inc_statement", "dec_statement"):
            return _WRITE, holder
        if holder is not None and holder.type == "expression_list" and holder.parent is not None \
                and holder.parent.type == "assignment_statement" \
                and holder.parent.child_by_field_name("left") == holder:
            return _WRITE, holder.parent
        return _READ, None
    if parent.type == "range_clause" and parent.child_by_field_name("right") == selector:
        return _READ, None
    if parent.type == "binary_expression":
        return _READ, None  # s.m == nil
    if parent.type == "argument_list" and parent.parent is not None:
        callee = parent.parent.child_by_field_name("function")
        name = gosyntax.text(callee) if callee is not None else ""
        if name == "len" and _compared(parent.parent):
            return _SHRINK, None  # bounded: if len(s.m) >= max
        if name == "len":
            return _READ, None
        return _SHRINK, None  # delete, clear, or handed to a function that may shrink it
    if parent.type == "expression_list" and parent.parent is not None and (
        parent.parent.type == "assignment_statement"
        and parent.parent.child_by_field_name("left") == parent
    ):
        return (_READ if _initialises(parent.parent, selector) else _SHRINK), None
    return _SHRINK, None  # stored, returned, aliased, sent: someone else may shrink it


def _compared(call: Node) -> bool:
    parent = call.parent
    operator = parent.child_by_field_name("operator") if parent is not None and (
        parent.type == "binary_expression") else None
    return operator is not None and gosyntax.text(operator) in _COMPARISONS


def _initialises(assignment: Node, selector: Node) -> bool:
    """``if x.m == nil { x.m = make(...) }`` or an assignment in a ``New...`` function."""
    function = gosyntax.enclosing_function(assignment)
    if function is not None and function.type == "function_declaration":
        name = function.child_by_field_name("name")
        if name is not None and gosyntax.text(name).lower().startswith("new"):
            return True
    guard = gosyntax.enclosing(assignment, frozenset({"if_statement"}))
    condition = guard.child_by_field_name("condition") if guard is not None else None
    body = guard.child_by_field_name("consequence") if guard is not None else None
    if condition is None or body is None or not (
        body.start_byte <= assignment.start_byte < body.end_byte
    ):
        return False
    flat = "".join(gosyntax.text(condition).split())
    return flat == f"{''.join(gosyntax.text(selector).split())}==nil"


def _constant_names(root: Node) -> set[str]:
    names: set[str] = set()
    for decl in root.named_children:
        if decl.type == "const_declaration":
            names |= goscope.declared_names(decl)
    return names
