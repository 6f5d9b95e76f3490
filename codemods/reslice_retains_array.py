"""reslice-retains-array: `q = q[n:]` on a long-lived slice keeps the backing array alive."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from fixer import goscope, gosyntax, insertion
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety

# Go's predeclared types whose values hold no pointers.
_POINTER_FREE = frozenset({
    "bool", "byte", "rune", "int", "int8", "int16", "int32", "int64", "uint", "uint8",
    "uint16", "uint32", "uint64", "uintptr", "float32", "float64", "complex64", "complex128",
})
_NILABLE = frozenset({"pointer_type", "slice_type", "map_type", "channel_type",
                      "function_type", "interface_type"})
_NILABLE_NAMES = frozenset({"any", "error"})
# Type spellings that can be converted from nil without parentheses: []T, []*pkg.T, Named.
_PLAIN_TYPE = re.compile(r"^(\[\])*\*?[A-Za-z_][\w.]*$")
_CLEAR_SINCE = (1, 21)
# `= y[n:]` with the operand captured (a regular expression that starts with a literal is
# scanned for quickly; a backreference to the left side measured 60 times slower).
_RESLICE = re.compile(rb"=\s*([\w.()*\[\]]+)\[[^\]\n]*:\s*\]")


@dataclass(frozen=True)
class _Holder:
    """Where the resliced slice lives, and its declared type."""

    where: str            # "... is a field of Dispatcher, which looks long-lived (...)"
    slice_type: Node      # the declared type (a slice type or a name for one)
    generic: bool = False  # declared with type parameters: the type can't be spelled here


class ResliceRetainsArray(Codemod):
    """
    ## What it does
    Reports `q = q[n:]` (a batch drain) and `q = q[1:]` (a queue pop) on a long-lived slice
    whose elements hold pointers. Long-lived means a field of a struct that looks long-lived
    (it has a `Start`, `Run`, `Stop`, `Close`, `Serve` or `Shutdown` method, or a goroutine
    is started on it), a package variable, or a local carried across the iterations of a
    loop that does not end when the slice drains (`for {`, `for !done {`,
    `for job := range jobs` over a channel parameter).

    ## Why is this bad?
    Reslicing moves the start of the slice but not of its backing array: the dropped
    elements stay in the array as long as the slice lives, and every object they point to
    stays reachable. A retry queue that once held a million jobs keeps all of them alive
    after draining to ten; the garbage collector can free none of them until an `append`
    happens to reallocate the array, which may be never.

    ## Example
    ```go
    func (d *Dispatcher) drain(n int) {
        send(d.retry[:n])
        d.retry = d.retry[n:]
    }
    ```

    Use instead:
    ```go
    func (d *Dispatcher) drain(n int) {
        send(d.retry[:n])
        d.retry = append([]*Job(nil), d.retry[n:]...)
    }
    ```

    ## Fix safety
    For a batch drain (`[n:]` with a non-constant `n`) the fix copies the rest into a
    fresh array, `q = append([]T(nil), q[n:]...)`, and is safe. It is the one form that
    cannot change what anybody sees: whoever still holds the old array (`batch := q[:n]`
    just before, the usual way to take a batch, possibly handed to another goroutine) keeps
    the same elements, and the old array becomes garbage once they drop it. Clearing the
    drained elements instead (`clear(q[:n])`) would zero that batch under its user. The copy
    is spelled with the declared type rather than `q[:0:0]`: a zero-capacity reslice still
    points into the old array and keeps it alive when nothing is left (go.dev/issue/68488).
    The costs: one allocation and a copy of the remainder per drain (a memmove of the
    pointers that are left, paid once per batch next to the work the batch itself costs),
    a drained slice becomes `nil` rather than empty (only `== nil` checks and encoders can
    tell), and writes through an old alias of the remainder are no longer seen through `q`.
    Slices whose type can't be spelled here (declared with type parameters, or a composite
    element type) get the same fix as display-only, and so does a drain inside a loop that
    drains the slice (`for len(q) > 0 { ...; q = q[n:] }`), where copying on every pass is
    quadratic: copy once after the loop instead.

    A queue pop (`[k:]` with a constant `k`) is usually done one element at a time in a
    loop, where copying the rest on every pop would make draining quadratic. There the fix
    instead drops the references the popped elements hold and keeps the array:
    `q[0] = nil` (`q[0] = ""` for strings) before `q = q[1:]`, or `clear(q[:k])` when the
    module's Go version is 1.21 or later. It is unsafe: an alias of the popped elements
    (`head := q[:1]`, `&q[0]`) would see the zero values. Other pops (struct or unknown
    elements, or `k > 1`, before Go 1.21) get the copy as display-only.

    Not reported: slices of pointer-free elements (a connection's `[]byte` read buffer: the
    dropped prefix is bounded by the buffer's peak size, `append` recycles it, and copying
    on every consume would cost more than it saves), a slice parameter (`buf = buf[n:]` in
    a parsing loop walks the caller's array, which the caller keeps anyway), a local outside
    a loop or in a loop that ends when the slice drains (`for len(queue) > 0`), a sliding
    window trimmed under a length bound (`if len(q) > size { q = q[1:] }`: the array
    `append` keeps reallocating never holds much more than `size`), `b = b[:0]` (reuse,
    nothing dropped), `x = y[n:]` (not a self-reslice), strings (`s = s[n:]` keeps the whole
    string's bytes alive too, but a string has no elements to clear and is fixed with
    `strings.Clone` where it matters; out of scope here), a struct that nothing marks as
    long-lived (a parser consuming its tokens), and a reslice right after the dropped
    elements were cleared (`clear(q[:n])`, `q[0] = nil`).
    """

    name = "reslice-retains-array"
    fix_title = "copy drained queues instead of reslicing them"
    triggers = (b":]",)
    query = """
    (assignment_statement
      left: (expression_list . (_) @left .)
      right: (expression_list . (slice_expression operand: (_) @operand start: (_) @start) @slice .)
      (#eq? @left @operand)) @stmt
    """

    def trigger(self, source: bytes) -> bool:
        """A self-reslice `x = x[n:]` somewhere: the operand also stands left of the `=`."""
        if b":]" not in source:
            return False
        for reslice in _RESLICE.finditer(source):
            line = source.rfind(b"\n", 0, reslice.start()) + 1
            if reslice.group(1) in source[line:reslice.start()]:
                return True
        return False

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        stmt, left, slice_ = match["stmt"][0], match["left"][0], match["slice"][0]
        operator = stmt.child_by_field_name("operator")
        if operator is None or gosyntax.text(operator) != "=":
            return
        if slice_.child_by_field_name("end") is not None or (
            slice_.child_by_field_name("capacity") is not None
        ):
            return
        holder = self._holder(ctx, stmt, left)
        if holder is None or _clears_first(stmt, gosyntax.text(left)) or (
            _bounded_window(stmt, gosyntax.text(left))
        ):
            return
        root = ctx.tree.root_node
        kind = goscope.underlying_type(root, holder.slice_type)
        if kind is None or kind.type != "slice_type":
            return
        element = kind.child_by_field_name("element")
        pointers = _holds_pointers(root, element)
        if pointers is False:
            return  # the prefix is bounded by the peak size and append recycles it
        target, start = gosyntax.text(left), match["start"][0]
        message = (f"{target} = {target}[{gosyntax.text(start)}:] keeps the dropped elements "
                   f"in the backing array, and everything they point to, alive: "
                   f"{holder.where}")
        if start.type == "int_literal":
            fix = self._pop_fix(ctx, stmt, target, start, element, holder)
        elif (loop := _draining_loop(stmt, target)) is not None:
            fix = _copy_fix(stmt, target, holder, Safety.DISPLAY_ONLY,
                            f" (the loop on line {ctx.line_of(loop.start_byte)} drains it: "
                            "copying on every pass is quadratic, copy once after the loop)")
        else:
            fix = _copy_fix(stmt, target, holder, Safety.SAFE)
        yield self.finding(ctx, stmt, message, fix)

    # -- where the slice lives ---------------------------------------------------------

    def _holder(self, ctx: FileContext, stmt: Node, left: Node) -> _Holder | None:
        if left.type == "selector_expression":
            return _field_holder(ctx, stmt, left)
        if left.type != "identifier":
            return None
        name = gosyntax.text(left)
        scope = goscope.declaration_scope(stmt, name)
        if scope is not None:
            return _local_holder(ctx, stmt, name, scope)
        function = gosyntax.enclosing_function(stmt)
        while function is not None and function.type == "func_literal":
            if goscope.declaration_scope(function, name) is not None:
                return None  # a local captured from an outer function
            function = gosyntax.enclosing_function(function)
        spec = goscope.package_var(ctx.tree.root_node, name)
        kind = _declared_type(spec, name) if spec is not None else None
        return _Holder(f"{name} is a package variable", kind) if kind is not None else None

    def _pop_fix(self, ctx: FileContext, stmt: Node, target: str, start: Node,
                 element: Node | None, holder: _Holder) -> Fix | None:
        count = gosyntax.text(start)
        resolved = goscope.underlying_type(ctx.tree.root_node, element)
        nilable = resolved is not None and (
            resolved.type in _NILABLE or gosyntax.text(resolved) in _NILABLE_NAMES
        )
        line: str | None = None
        zero = "nil" if nilable else '""' if resolved is not None and (
            gosyntax.text(resolved) == "string") else None
        if count == "1" and zero is not None:
            line = f"{target}[0] = {zero}"
        elif ctx.go_version is not None and ctx.go_version >= _CLEAR_SINCE:
            line = f"clear({target}[:{count}])"
        if line is None:
            return _copy_fix(stmt, target, holder, Safety.DISPLAY_ONLY,
                             " (copies the rest on every pop)")
        edit = insertion.insert_lines_before(ctx.source, stmt, [line])
        if edit is None:
            return None
        return Fix(f"drop the popped elements' references first: {line} (an alias of them "
                   "would see the zero values)", (edit,), Safety.UNSAFE)


def _field_holder(ctx: FileContext, stmt: Node, left: Node) -> _Holder | None:
    """``recv.field`` of a long-lived struct type declared in this file."""
    operand, field = left.child_by_field_name("operand"), left.child_by_field_name("field")
    if operand is None or field is None or operand.type != "identifier":
        return None
    type_name = _type_of_variable(stmt, operand)
    if type_name is None:
        return None
    root = ctx.tree.root_node
    reason = goscope.lifetime_reason(root, type_name)
    kind = gosyntax.struct_fields(root, type_name).get(gosyntax.text(field))
    if reason is None or kind is None:
        return None
    spec = goscope.type_specs(root).get(type_name)
    generic = spec is not None and spec.child_by_field_name("type_parameters") is not None
    return _Holder(f"{gosyntax.text(field)} is a field of {type_name}, which looks long-lived "
                   f"({reason})", kind, generic)


def _type_of_variable(stmt: Node, ident: Node) -> str | None:
    """The struct type name of a receiver or parameter ``ident`` (``d *Dispatcher``)."""
    decl = goscope.declaring_statement(stmt, gosyntax.text(ident))
    if decl is None or decl.type != "parameter_declaration":
        return None
    kind = decl.child_by_field_name("type")
    if kind is not None and kind.type == "pointer_type" and kind.named_children:
        kind = kind.named_children[0]
    if kind is not None and kind.type == "generic_type":
        kind = kind.child_by_field_name("type")
    return gosyntax.text(kind) if kind is not None and kind.type == "type_identifier" else None


def _local_holder(ctx: FileContext, stmt: Node, name: str, scope: Node) -> _Holder | None:
    """A local declared outside a loop that does not end when the slice drains."""
    decl = goscope.declaring_statement(stmt, name)
    if decl is None or decl.type not in ("short_var_declaration", "var_declaration"):
        return None  # a parameter (the caller's array) or a header variable
    loop: Node | None = None
    current = stmt.parent
    while current is not None and current != scope:
        if current.type == "func_literal":
            return None
        if current.type == "for_statement" and _outlives_slice(current, name):
            loop = current
        current = current.parent
    kind = _declared_type(decl, name)
    if loop is None or kind is None:
        return None
    return _Holder(f"{name} is carried across the iterations of the loop on line "
                   f"{ctx.line_of(loop.start_byte)}, which does not end when it drains", kind)


def _outlives_slice(loop: Node, name: str) -> bool:
    """``for {``, ``for cond {`` not about the slice, ``for x := range ch`` over a channel
    parameter: loops whose lifetime does not depend on the slice draining."""
    body = loop.child_by_field_name("body")
    header = [c for c in loop.named_children if c != body and c.type != "comment"]
    if not header:
        return True
    part = header[0]
    if part.type == "for_clause":
        return False  # a counting loop
    if part.type == "range_clause":
        right = part.child_by_field_name("right")
        if right is None or right.type != "identifier":
            return False
        decl = goscope.declaring_statement(loop, gosyntax.text(right))
        kind = decl.child_by_field_name("type") if decl is not None and (
            decl.type == "parameter_declaration") else None
        return kind is not None and kind.type == "channel_type"
    return name not in goscope.names_in(part)


def _declared_type(decl: Node, name: str) -> Node | None:
    """The type of ``name`` from ``var name T``, ``name := make(T, ...)``, ``T{...}``,
    ``T(x)``; None when it can't be read off the declaration."""
    if decl.type == "var_declaration":
        spec = next((s for s in gosyntax.walk(decl) if s.type == "var_spec" and name in {
            gosyntax.text(n) for n in s.children_by_field_name("name")}), None)
        return _declared_type(spec, name) if spec is not None else None
    if decl.type == "var_spec" and decl.child_by_field_name("type") is not None:
        return decl.child_by_field_name("type")
    value = goscope.declared_value(decl, name)
    if value is not None and value.type == "composite_literal":
        return value.child_by_field_name("type")
    if value is not None and value.type == "call_expression":
        func, args = value.child_by_field_name("function"), value.child_by_field_name("arguments")
        if func is not None and gosyntax.text(func) == "make" and args is not None and (
            args.named_children
        ):
            return args.named_children[0]
        if func is not None and func.type in ("slice_type", "parenthesized_type"):
            return func  # a conversion: []T(x)
    return None


def _holds_pointers(root: Node, element: Node | None, depth: int = 0) -> bool | None:
    """Whether values of type ``element`` hold pointers; None when the type is unknown."""
    kind = goscope.underlying_type(root, element)
    if kind is None or depth > 4:
        return None
    if kind.type == "type_identifier":
        return False if gosyntax.text(kind) in _POINTER_FREE else (
            True if gosyntax.text(kind) in (_NILABLE_NAMES | {"string"}) else None
        )
    if kind.type == "array_type":
        return _holds_pointers(root, kind.child_by_field_name("element"), depth + 1)
    if kind.type == "struct_type":
        fields = [_holds_pointers(root, f.child_by_field_name("type"), depth + 1)
                  for f in gosyntax.walk(kind) if f.type == "field_declaration"]
        return True if True in fields else (None if None in fields else False)
    if kind.type in ("qualified_type", "generic_type"):
        return None
    return True


def _clears_first(stmt: Node, target: str) -> bool:
    """``clear(q[:n])``, ``q[0] = nil`` or a loop zeroing ``q[i]`` earlier in the same
    block: the dropped elements' references are gone already."""
    parent = stmt.parent
    if parent is None or parent.type != "statement_list":
        return False
    element = re.escape(target) + r"\[[^\]]*\]=(nil|\"\"|0|[\w.]*\{\})"
    zeroes = re.compile(rf"^(clear\({re.escape(target)}\[|{element}$)")
    for earlier in parent.named_children:
        if earlier.start_byte >= stmt.start_byte:
            break
        flat = "".join(gosyntax.text(earlier).split())
        if zeroes.match(flat) or (earlier.type == "for_statement" and re.search(element, flat)):
            return True
    return False


def _draining_loop(stmt: Node, target: str) -> Node | None:
    """A loop of this function around ``stmt`` whose header tests the slice
    (``for len(d.retry) > 0``): it drains the slice batch after batch."""
    flat_target = "".join(target.split())
    current = stmt.parent
    while current is not None and current.type not in gosyntax.FUNCTION_TYPES:
        if current.type == "for_statement":
            body = current.child_by_field_name("body")
            if any(flat_target in "".join(gosyntax.text(part).split())
                   for part in current.named_children if part != body):
                return current
        current = current.parent
    return None


def _bounded_window(stmt: Node, target: str) -> bool:
    """``if len(q) > size { q = q[1:] }``: a sliding window whose length is bounded, so the
    array (which ``append`` keeps reallocating) never holds more than about twice that."""
    block = stmt.parent.parent if stmt.parent is not None else None
    guard = block.parent if block is not None else None
    if guard is None or guard.type != "if_statement" or (
        guard.child_by_field_name("consequence") != block
    ):
        return False
    condition = guard.child_by_field_name("condition")
    if condition is None or condition.type != "binary_expression":
        return False
    left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
    operator = condition.child_by_field_name("operator")
    if left is None or right is None or operator is None:
        return False
    op = gosyntax.text(operator)
    length = f"len({target})"
    if "".join(gosyntax.text(right).split()) == length and op in ("<", "<="):
        left, right, op = right, left, ">" if op == "<" else ">="
    if "".join(gosyntax.text(left).split()) != length or op not in (">", ">="):
        return False
    return not (right.type == "int_literal" and gosyntax.text(right) in ("0", "1"))


def _copy_fix(stmt: Node, target: str, holder: _Holder, safety: Safety,
              note: str = "") -> Fix | None:
    right = stmt.child_by_field_name("right")
    if right is None:
        return None
    spelled = gosyntax.text(holder.slice_type)
    if holder.generic or not _PLAIN_TYPE.match(spelled):
        safety = Safety.DISPLAY_ONLY
    new = f"append({spelled}(nil), {gosyntax.text(right)}...)"
    return Fix(f"copy the rest into a fresh array: {target} = {new}{note}",
               (insertion.replace_node(right, new),), safety)
