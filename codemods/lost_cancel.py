"""lost-cancel: the cancel func of a derived context is discarded or not called on every path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fixer import flow, goscope, gosyntax, insertion
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety, Severity, TextEdit

_CONSTRUCTORS = (
    "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline",
    "WithDeadlineCause",
)
_CONTEXT_PACKAGES = ("context", "golang.org/x/net/context")
_CALL = (
    '(call_expression function: (selector_expression operand: (identifier) @pkg '
    f'field: (field_identifier) @fn (#any-of? @fn {" ".join(map(repr, _CONSTRUCTORS))})))'
    .replace("'", '"')
)
_JUMPS = frozenset({"return_statement", "break_statement", "continue_statement",
                    "goto_statement", "fallthrough_statement"})


@dataclass(frozen=True)
class _Acquisition:
    stmt: Node            # the statement holding the call
    call: Node
    ctx_target: Node      # first left-hand side (identifier, `_` or other)
    cancel_target: Node   # second left-hand side
    declares: bool        # `:=` or `var` (True) versus `=` (False)
    function: str         # WithCancel, WithTimeout, ...
    qualifier: str        # the file's name for package context

    @property
    def takes_cause(self) -> bool:
        """Only WithCancelCause returns a CancelCauseFunc; the other *Cause variants don't."""
        return self.function == "WithCancelCause"


class LostCancel(Codemod):
    """
    ## What it does
    Reports the cancel function returned by `context.WithCancel`, `WithCancelCause`,
    `WithTimeout[Cause]` or `WithDeadline[Cause]` when it is discarded (assigned to `_`) or
    when some path out of the function -- or, inside a loop, out of the iteration -- never
    uses it. Any use counts (a call, a defer, returning it, storing it, handing it to a
    goroutine or `t.Cleanup`), like go vet's `lostcancel`.

    ## Why is this bad?
    A derived context holds resources until it is cancelled: its timer, its place in the
    parent's list of children, and every goroutine waiting on `ctx.Done()`. In a daemon that
    runs for months each missed cancel is a small leak that never goes away, and goroutines
    waiting on the context never exit.

    ## Example
    ```go
    func fetch(parent context.Context, url string) error {
        ctx, cancel := context.WithTimeout(parent, 5*time.Second)
        req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
        if err != nil {
            return err // cancel is never called on this path
        }
        err = do(req)
        cancel()
        return err
    }
    ```

    Use instead:
    ```go
    func fetch(parent context.Context, url string) error {
        ctx, cancel := context.WithTimeout(parent, 5*time.Second)
        defer cancel()
        ...
    }
    ```

    ## Fix safety
    The fix inserts `defer cancel()` on the line after the assignment (`defer cancel(nil)`
    for `WithCancelCause`); a discarded cancel gets a fresh name first. Calling a cancel
    func more than once is harmless, so paths that already call it keep working. The fix is
    safe when the derived context stays inside the function. It is unsafe when the context is
    captured by a goroutine or a closure (cancelling at return may stop work meant to outlive
    the call), and display-only when the context escapes (returned, stored, sent): the cancel
    func should travel with it. Inside a loop a deferred cancel would pile up until the
    function returns; there the fix calls `cancel()` at the end of the block when nothing
    can leave the iteration early, and is display-only otherwise. Assignments in an `if` or
    `switch` header are reported without a fix.
    """

    name = "lost-cancel"
    severity = Severity.WARNING
    fix_title = "cancel derived contexts on every path"
    triggers = (b"WithCancel", b"WithTimeout", b"WithDeadline")
    query = f"""
    [
      (short_var_declaration left: (expression_list) @lhs
                             right: (expression_list . {_CALL} @call .)) @stmt
      (assignment_statement left: (expression_list) @lhs
                            right: (expression_list . {_CALL} @call .)) @stmt
      (var_spec value: (expression_list . {_CALL} @call .)) @spec
    ]
    """

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        acquisition = self._acquisition(ctx, match)
        if acquisition is None:
            return
        function = gosyntax.enclosing_function(acquisition.stmt)
        if function is None:
            return  # package-level: lives as long as the program
        target = acquisition.cancel_target
        if gosyntax.text(target) == "_":
            yield self._discarded(ctx, acquisition, function)
        elif target.type == "identifier":
            yield from self._not_called(ctx, acquisition, function)

    # -- candidates -------------------------------------------------------------------

    def _acquisition(self, ctx: FileContext, match: dict[str, list[Node]]) -> _Acquisition | None:
        qualifier = gosyntax.text(match["pkg"][0])
        if qualifier not in {ctx.package_name(p) for p in _CONTEXT_PACKAGES}:
            return None
        call = match["call"][0]
        if "spec" in match:
            spec = match["spec"][0]
            names = spec.children_by_field_name("name")
            decl = spec.parent
            if len(names) != 2 or decl is None or decl.type != "var_declaration":
                return None
            return _Acquisition(decl, call, names[0], names[1], True,
                                gosyntax.text(match["fn"][0]), qualifier)
        stmt = match["stmt"][0]
        left = match["lhs"][0].named_children
        if len(left) != 2:
            return None
        operator = stmt.child_by_field_name("operator")
        if stmt.type == "assignment_statement" and (
            operator is None or gosyntax.text(operator) != "="
        ):
            return None
        return _Acquisition(stmt, call, left[0], left[1], stmt.type == "short_var_declaration",
                            gosyntax.text(match["fn"][0]), qualifier)

    # -- discarded cancel -------------------------------------------------------------

    def _discarded(self, ctx: FileContext, acq: _Acquisition, function: Node) -> Finding:
        message = (
            f"the cancel function returned by {acq.qualifier}.{acq.function} is discarded: "
            "context leak"
        )
        earlier = sum(1 for _ in self._discarded_before(ctx, acq, function))
        name = goscope.fresh_name("cancel", function, ctx.tree.root_node, skip=earlier)
        rename = [insertion.replace_node(acq.cancel_target, name)]
        if not acq.declares:
            type_name = "CancelCauseFunc" if acq.takes_cause else "CancelFunc"
            declare = insertion.insert_lines_before(
                ctx.source, acq.stmt, [f"var {name} {acq.qualifier}.{type_name}"]
            )
            if declare is None:
                return self.finding(ctx, acq.cancel_target, message)
            rename.append(declare)
        fix = self._fix(ctx, acq, name, rename, function)
        return self.finding(ctx, acq.cancel_target, message, fix)

    def _discarded_before(
        self, ctx: FileContext, acq: _Acquisition, function: Node
    ) -> Iterator[_Acquisition]:
        """Other discarded cancels earlier in the same function (each fix names one)."""
        compiled = gosyntax.compile_query(self.query)
        for _, captures in gosyntax.matches(compiled, function):
            other = self._acquisition(ctx, captures)
            if (
                other is not None
                and other.stmt.start_byte < acq.stmt.start_byte
                and gosyntax.text(other.cancel_target) == "_"
                and gosyntax.enclosing_function(other.stmt) == function
            ):
                yield other

    # -- cancel not called on every path ---------------------------------------------

    def _not_called(self, ctx: FileContext, acq: _Acquisition, function: Node) -> Iterator[Finding]:
        name = gosyntax.text(acq.cancel_target)
        scope = self._scope(acq, name)
        if scope is None:
            return  # a package variable or one captured from an outer function: escapes
        naked_return_uses = name in goscope.result_names(function)

        def is_use(node: Node) -> bool:
            if naked_return_uses and any(
                n.type == "return_statement" and not n.named_children for n in gosyntax.walk(node)
            ):
                return True
            return next(goscope.references(node, name, scope), None) is not None

        exits = flow.unused_exits(acq.stmt, scope, is_use)
        if not exits:
            return
        where = flow.describe(exits[0], ctx.line_of)
        message = (
            f"the cancel function returned by {acq.qualifier}.{acq.function} is not called on "
            f"every path: context leak ({where})"
        )
        fix = self._fix(ctx, acq, name, [], function)
        yield self.finding(ctx, acq.cancel_target, message, fix)

    def _scope(self, acq: _Acquisition, name: str) -> Node | None:
        if acq.declares:
            parent = acq.stmt.parent
            if parent is not None and parent.type == "statement_list":
                return parent.parent
            return parent  # an if/switch/for header
        return goscope.declaration_scope(acq.stmt, name)

    # -- the fix ----------------------------------------------------------------------

    def _fix(
        self,
        ctx: FileContext,
        acq: _Acquisition,
        name: str,
        extra: list[TextEdit],
        function: Node,
    ) -> Fix | None:
        call_text = f"{name}(nil)" if acq.takes_cause else f"{name}()"
        parent = acq.stmt.parent
        if parent is None or parent.type != "statement_list":
            return None  # an if/switch header: no single place to release it
        loop = gosyntax.enclosing(acq.stmt, gosyntax.LOOP_TYPES | gosyntax.FUNCTION_TYPES)
        escape = self._context_escape(acq, function)
        if loop is not None and loop.type in gosyntax.LOOP_TYPES:
            return self._loop_fix(ctx, acq, name, call_text, extra, escape)
        edit = insertion.insert_lines_after(ctx.source, acq.stmt, [f"defer {call_text}"])
        if edit is None:
            return None
        if escape == "escapes":
            return Fix(f"defer {call_text} and hand the cancel func to whoever keeps the context",
                       (*extra, edit), Safety.DISPLAY_ONLY)
        if escape == "captured":
            return Fix(f"defer {call_text} (the context is used by a goroutine or closure that "
                       "may outlive the call)", (*extra, edit), Safety.UNSAFE)
        return Fix(f"defer {call_text}", (*extra, edit), Safety.SAFE)

    def _loop_fix(
        self,
        ctx: FileContext,
        acq: _Acquisition,
        name: str,
        call_text: str,
        extra: list[TextEdit],
        escape: str | None,
    ) -> Fix:
        assert acq.stmt.parent is not None
        siblings = [s for s in acq.stmt.parent.named_children if s.type != "comment"]
        rest = siblings[siblings.index(acq.stmt) + 1 :]
        last = rest[-1] if rest else acq.stmt
        edit = insertion.insert_lines_after(ctx.source, last, [call_text])
        provable = (
            escape is None
            and edit is not None
            and not flow.is_terminating_call(last)
            and not any(
                n.type in _JUMPS or n.type in ("go_statement", "func_literal")
                or (n.type == "identifier" and gosyntax.text(n) == name)
                for stmt in rest
                for n in gosyntax.walk(stmt)
            )
        )
        if provable and edit is not None:
            return Fix(f"call {call_text} at the end of the loop body", (*extra, edit))
        display = edit or TextEdit(acq.stmt.end_byte, acq.stmt.end_byte, f"; {call_text}")
        return Fix(f"call {call_text} before every way out of the loop iteration",
                   (*extra, display), Safety.DISPLAY_ONLY)

    def _context_escape(self, acq: _Acquisition, function: Node) -> str | None:
        """'escapes' if the derived context leaves the function, 'captured' if a
        goroutine or closure holds it, None if it is only used in place."""
        target = acq.ctx_target
        if target.type != "identifier":
            return "escapes"  # stored straight into a field or an element
        name = gosyntax.text(target)
        if name == "_":
            return None
        if name in goscope.result_names(function):
            return "escapes"
        scope = self._scope(acq, name) or function
        verdict: str | None = None
        for stmt in _statements_after(acq.stmt, scope):
            for ref in goscope.references(stmt, name, scope):
                kind = _reference_kind(ref, function)
                if kind == "escapes":
                    return kind
                verdict = verdict or kind
        return verdict


def _statements_after(stmt: Node, scope: Node) -> Iterator[Node]:
    """Statements that run after ``stmt`` within ``scope`` (later siblings, level by level)."""
    node: Node | None = stmt
    while node is not None and node != scope:
        parent = node.parent
        if parent is not None and parent.type == "statement_list":
            siblings = parent.named_children
            yield from siblings[siblings.index(node) + 1 :]
        elif parent is not None and node == parent.child_by_field_name("initializer"):
            yield from (c for c in parent.named_children if c != node)
        node = parent


def _reference_kind(ref: Node, function: Node) -> str | None:
    """How one reference to the derived context uses it: None (in place), 'captured'
    (a goroutine or a closure that may outlive the call holds it) or 'escapes'."""
    if gosyntax.held_beyond_the_call(ref, function):
        return "captured"
    child, parent = ref, ref.parent
    while parent is not None:
        kind = parent.type
        if kind in ("argument_list", "func_literal"):
            return None  # passed to a call: used synchronously
        if kind == "selector_expression" and child == parent.child_by_field_name("operand"):
            return None  # ctx.Done(), ctx.Err()
        if kind in ("return_statement", "send_statement", "literal_value", "keyed_element"):
            return "escapes"
        if kind == "assignment_statement" or kind == "short_var_declaration":
            left = parent.child_by_field_name("left")
            discarded = left is not None and all(
                gosyntax.text(n) == "_" for n in left.named_children)
            return "escapes" if child == parent.child_by_field_name("right") and (
                not discarded) else None
        if kind.endswith("_statement") or kind == "block":
            return None
        child, parent = parent, parent.parent
    return None

