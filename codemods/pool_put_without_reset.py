"""pool-put-without-reset: sync.Pool objects put back dirty, or with no bound on their size."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fixer import flow, goscope, gosyntax, insertion
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety

_RESET_METHODS = frozenset({"Reset", "reset"})
_CAP_METHODS = frozenset({"Cap"})
_JUMPS = frozenset({"return_statement", "break_statement", "continue_statement",
                    "goto_statement"})


@dataclass(frozen=True)
class _Pooled:
    """What was taken from the pool: how to reset it and whether its size can grow."""

    type_text: str
    reset: str            # the statement that resets it, with {x} for the variable
    sized: bool           # a buffer or slice whose capacity can grow without bound
    safe: bool            # inserting the reset cannot change behaviour


@dataclass(frozen=True)
class _Get:
    stmt: Node            # x := pool.Get().(T)
    pooled: _Pooled


class PoolPutWithoutReset(Codemod):
    """
    ## What it does
    Reports `pool.Put(x)` on a `sync.Pool` when `x` came from `pool.Get()` in the same
    function and was not reset, and, as a separate finding, a buffer or slice put back with
    no bound on its size. Reset means `x.Reset()` (or `x.Truncate(0)`, or a call whose name
    mentions reset) for `*bytes.Buffer`, `*strings.Builder` or a type of this file with a
    `Reset` method, and `x = x[:0]` / `*x = (*x)[:0]` for slices. A size bound is any
    capacity check in the function (`if x.Cap() > max { return }`, `cap(*x) <= max`).

    ## Why is this bad?
    A pool hands the object to the next `Get` as it was put back. An unreset buffer carries
    the previous request's bytes into the next one (a data leak between users when a getter
    forgets to reset) and keeps every object its elements point to alive. And because a pool
    keeps what it is given, one request that grew a buffer to 100 MB leaves that buffer in
    the pool, handed from user to user, for as long as the pool keeps it: memory that is
    never released in a long-running server (golang/go#23199; `fmt` drops buffers over
    64 KiB for this reason).

    ## Example
    ```go
    func render(w io.Writer, v any) error {
        buf := bufPool.Get().(*bytes.Buffer)
        if err := json.NewEncoder(buf).Encode(v); err != nil {
            return err
        }
        _, err := w.Write(buf.Bytes())
        bufPool.Put(buf)
        return err
    }
    ```

    Use instead:
    ```go
        _, err := w.Write(buf.Bytes())
        if buf.Cap() <= 64<<10 {
            buf.Reset()
            bufPool.Put(buf)
        }
        return err
    ```

    ## Fix safety
    The fix inserts `buf.Reset()` on the line before `pool.Put(buf)` (after a deferred
    `defer pool.Put(buf)` it inserts `defer buf.Reset()`, which runs first) and is safe only
    for `*bytes.Buffer`: `Reset` only sets the length to zero, so slices returned by
    `buf.Bytes()` before the reset keep their contents exactly as they did without it. It
    is unsafe when the buffer is still used after `Put` (already a bug, since another
    goroutine may own it by then, but one the reset would turn from rare into certain). For
    `*strings.Builder`, slices and types of this file with a `Reset` method the same
    insertion is unsafe (a user-defined `Reset` may do anything; truncating a slice another
    holder still reads is the caller's to judge); a slice under a deferred `Put` gets no fix.
    A missing size bound is reported without a fix: the right limit depends on the workload.

    A reset anywhere between `Get` and `Put` counts, including reset-on-get (`buf.Reset()`
    right after `Get`, as `encoding/json` does for its encoder state: the pool then holds dirty
    buffers, but every getter in the code resets before use) and a reset inside a deferred
    closure. Not reported: `Put` of a value that did not come from `Get` in the same function
    (a helper such as `putBuffer(b)`), `pool.Put(b[:0])`, pools that are not a `sync.Pool` of
    this file, and pooled types with no state to reset (a struct type without a `Reset`
    method, an unknown type).
    """

    name = "pool-put-without-reset"
    fix_title = "reset pooled buffers before putting them back"
    triggers = (b".Get()",)
    anchors = (b"Put",)
    query = """
    (call_expression
      function: (selector_expression operand: (_) @pool field: (field_identifier) @put
                  (#eq? @put "Put"))
      arguments: (argument_list . (identifier) @arg .)) @call
    """

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        sync = ctx.package_name("sync")
        if sync is None:
            return
        call, pool, arg = match["call"][0], match["pool"][0], match["arg"][0]
        name, pool_text = gosyntax.text(arg), gosyntax.text(pool)
        got = self._get(ctx, call, name, pool_text)
        if got is None or not _is_sync_pool(ctx, pool, got.stmt, sync):
            return
        function = gosyntax.enclosing_function(got.stmt)
        if function is None:
            return
        statement = call.parent
        deferred = statement is not None and statement.type == "defer_statement"
        uses = _uses_after_get(got.stmt, name)
        pooled = got.pooled
        if not any(deferred or _runs_at_exit(r, function) or r.end_byte <= call.start_byte
                   for r in uses.resets):
            reset = pooled.reset.format(x=name)
            message = (f"{name} ({pooled.type_text}) goes back to {pool_text} without a reset: "
                       f"the next Get hands out its old contents (call {reset} before Put)")
            used_after = not deferred and _used_after(call, got.stmt, uses.references)
            yield self.finding(ctx, call, message,
                               self._fix(ctx, call, name, pooled, deferred, used_after))
        if pooled.sized and not uses.capacity_checks:
            yield self.finding(ctx, call, (
                f"{name} goes back to {pool_text} whatever its size: one oversized "
                f"{pooled.type_text} stays pooled and is handed to every later Get (check its "
                "capacity against a limit before Put)"))

    def _get(self, ctx: FileContext, call: Node, name: str, pool_text: str) -> _Get | None:
        """The ``name := pool.Get().(T)`` this Put returns, looking out of closures."""
        node = call
        while True:
            decl = goscope.declaring_statement(node, name)
            if decl is not None:
                break
            function = gosyntax.enclosing_function(node)
            if function is None or function.type != "func_literal":
                return None
            node = function
        if decl.type not in ("short_var_declaration", "var_declaration"):
            return None
        assertion = goscope.declared_value(decl, name)
        if assertion is None or assertion.type != "type_assertion_expression":
            return None
        getter = assertion.child_by_field_name("operand")
        kind = assertion.child_by_field_name("type")
        function = getter.child_by_field_name("function") if getter is not None else None
        if getter is None or kind is None or function is None or (
            getter.type != "call_expression" or gosyntax.text(function) != f"{pool_text}.Get"
        ):
            return None
        pooled = _pooled(ctx, kind)
        return _Get(decl, pooled) if pooled is not None else None

    def _fix(self, ctx: FileContext, call: Node, name: str, pooled: _Pooled,
             deferred: bool, used_after: bool) -> Fix | None:
        statement = call.parent
        if statement is None:
            return None
        reset = pooled.reset.format(x=name)
        safety = Safety.SAFE if pooled.safe and not used_after else Safety.UNSAFE
        if deferred:
            if "=" in reset:
                return None  # an assignment can't be deferred as it is
            edit = insertion.insert_lines_after(ctx.source, statement, [f"defer {reset}"])
            return Fix(f"defer {reset} after the deferred Put (it runs first)", (edit,),
                       safety) if edit is not None else None
        if statement.type != "expression_statement":
            return None
        note = f" ({name} is used after Put, where it would now look empty)" if used_after \
            else ""
        edit = insertion.insert_lines_before(ctx.source, statement, [reset])
        return Fix(f"{reset} before Put{note}", (edit,), safety) if edit is not None else None


def _pooled(ctx: FileContext, kind: Node) -> _Pooled | None:
    """How to reset a pooled value of type ``kind``; None: nothing known to reset."""
    text = gosyntax.text(kind)
    bytes_pkg, strings_pkg = ctx.package_name("bytes"), ctx.package_name("strings")
    if bytes_pkg is not None and text == f"*{bytes_pkg}.Buffer":
        return _Pooled(text, "{x}.Reset()", sized=True, safe=True)
    if strings_pkg is not None and text == f"*{strings_pkg}.Builder":
        return _Pooled(text, "{x}.Reset()", sized=True, safe=False)
    root = ctx.tree.root_node
    target = kind.named_children[0] if kind.type == "pointer_type" and kind.named_children \
        else None
    pointee = goscope.underlying_type(root, target)
    if pointee is not None and pointee.type == "slice_type":
        return _Pooled(text, "*{x} = (*{x})[:0]", sized=True, safe=False)
    resolved = goscope.underlying_type(root, kind)
    if resolved is not None and resolved.type == "slice_type":
        return _Pooled(text, "{x} = {x}[:0]", sized=True, safe=False)
    if target is not None and target.type == "type_identifier":
        methods = goscope.methods_of(root, gosyntax.text(target))
        names = {gosyntax.declaration_name(m) for m in methods}
        method = next(iter(sorted(names & _RESET_METHODS)), None)
        if method is not None:
            return _Pooled(text, f"{{x}}.{method}()", sized=False, safe=False)
    return None


def _is_sync_pool(ctx: FileContext, pool: Node, get_stmt: Node, sync: str) -> bool:
    """Whether ``pool`` (``bufPool``, ``s.pool``) is declared in this file as a sync.Pool."""
    spelled = re.compile(rf"(^|[^\w.]){re.escape(sync)}\.Pool\b")
    root = ctx.tree.root_node
    if pool.type == "identifier":
        name = gosyntax.text(pool)
        decl = goscope.declaring_statement(get_stmt, name)
        if decl is None:
            decl = goscope.package_var(root, name)
        return decl is not None and spelled.search(gosyntax.text(decl)) is not None
    field = pool.child_by_field_name("field") if pool.type == "selector_expression" else None
    if field is None:
        return False
    wanted = gosyntax.text(field)
    return any(
        (kind := gosyntax.struct_fields(root, type_name).get(wanted)) is not None
        and spelled.search(gosyntax.text(kind)) is not None
        for type_name in goscope.type_specs(root)
    )


@dataclass(frozen=True)
class _Uses:
    references: list[Node]       # every reference after the Get
    resets: list[Node]           # statements or calls that reset the value
    capacity_checks: list[Node]  # references reading its capacity


def _uses_after_get(get_stmt: Node, name: str) -> _Uses:
    """References to ``name`` after ``get_stmt``: which reset it, which read its capacity."""
    scope = get_stmt.parent.parent if get_stmt.parent is not None else None
    if scope is None:
        return _Uses([], [], [])
    x = re.escape(name)
    truncate = re.compile(rf"^(\*{x}=\(\*{x}\)\[:0\]|{x}={x}\[:0\]|\*{x}=[\w.]*\{{\}})$")
    refs = [r for r in goscope.references(scope, name, scope) if r.start_byte >= get_stmt.end_byte]
    resets: list[Node] = []
    caps: list[Node] = []
    for ref in refs:
        method, call = _method_call(ref)
        if call is not None and (method in _RESET_METHODS or (
            method == "Truncate" and _flat(call.child_by_field_name("arguments")) == "(0)"
        )):
            resets.append(call)
        elif method in _CAP_METHODS or _inside_call(ref, lambda f: f == "cap"):
            caps.append(ref)
        elif _inside_call(ref, lambda f: "reset" in f.rsplit(".", 1)[-1].lower()):
            resets.append(ref)  # resetBuffer(buf), s.resetState(st)
        elif (stmt := gosyntax.enclosing(ref, frozenset({"assignment_statement"}))) is not None \
                and truncate.match(_flat(stmt)):
            resets.append(stmt)
    return _Uses(refs, resets, caps)


def _flat(node: Node | None) -> str:
    return "".join(gosyntax.text(node).split()) if node is not None else ""


def _used_after(call: Node, get_stmt: Node, references: list[Node]) -> bool:
    """Whether a reference can run after the Put ``call``: later in its block and the blocks
    around it (up to a jump), or anywhere in the body of a loop around it, within the
    variable's scope."""
    node = call.parent
    while node is not None and node.parent is not None and node != get_stmt.parent:
        parent = node.parent
        if parent.type in gosyntax.FUNCTION_TYPES:
            return False
        if parent.type == "for_statement":
            return any(parent.start_byte <= r.start_byte < parent.end_byte and r != call
                       for r in references)
        if parent.type == "statement_list":
            later = [s for s in parent.named_children if s.start_byte >= node.end_byte]
            if any(s.start_byte <= r.start_byte < s.end_byte for s in later for r in references):
                return True
            if any(s.type in _JUMPS or flow.is_terminating_call(s) for s in later):
                return False
        node = parent
    return False


def _method_call(ref: Node) -> tuple[str | None, Node | None]:
    """(``M``, the call) when ``ref`` is the receiver of a call ``ref.M(...)``."""
    selector = ref.parent
    if selector is None or selector.type != "selector_expression" or (
        selector.child_by_field_name("operand") != ref
    ):
        return None, None
    field, call = selector.child_by_field_name("field"), selector.parent
    if field is None or call is None or call.type != "call_expression":
        return None, None
    return gosyntax.text(field), call


def _inside_call(ref: Node, wanted: Callable[[str], bool]) -> bool:
    """Whether ``ref`` is (part of) an argument of a call whose function name is wanted."""
    current = ref.parent
    while current is not None and current.type in ("unary_expression", "parenthesized_expression",
                                                   "argument_list", "selector_expression",
                                                   "call_expression"):
        if current.type == "call_expression":
            function = current.child_by_field_name("function")
            arguments = current.child_by_field_name("arguments")
            if function is not None and arguments is not None and (
                arguments.start_byte <= ref.start_byte < arguments.end_byte
            ) and wanted(gosyntax.text(function)):
                return True
        current = current.parent
    return False


def _runs_at_exit(node: Node, function: Node) -> bool:
    """Inside a ``defer`` (a deferred call or closure) of ``function``."""
    current = node.parent
    while current is not None and current != function:
        if current.type == "defer_statement":
            return True
        current = current.parent
    return False
