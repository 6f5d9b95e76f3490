"""goroutine-without-exit: a goroutine whose loop never ends and never watches for cancellation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fixer import flow, goscope, gosyntax, insertion
from fixer.codemod import GO_STATEMENT, Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety, TextEdit

# Names a `chan struct{}` gets when it is closed to tell goroutines to stop.
_STOP_NAME = re.compile(r"^(done|stop|stopped|quit|closing|closed|shutdown|exit)(ch|chan|c)?$",
                        re.IGNORECASE)
_TIMER_MAKERS = ("NewTicker", "NewTimer")


@dataclass(frozen=True)
class _Loop:
    node: Node             # the for_statement that never ends
    ticker: Node | None    # the ticker/timer channel it ranges over, if it does


@dataclass(frozen=True)
class _Candidate:
    expr: str      # the channel to wait on: "ctx.Done()", "s.done"
    root: str      # the variable that expression starts from
    strong: bool   # already tied to this goroutine (its own parameter, captured, receiver)
    doubt: str = ""  # why it is not strong


class GoroutineWithoutExit(Codemod):
    """
    ## What it does
    Reports a goroutine whose loop never ends: a `for {}` (or `for { select {...} }`, or a
    range over a ticker's channel) with no `return` or `break` out of it and no case that
    watches `ctx.Done()` or a stop channel. The goroutine is a func literal or a function or
    method declared in the same file; goroutines started by `main` or `init` live as long as
    the process and are not reported.

    ## Why is this bad?
    Such a goroutine can never be stopped. Every component that starts one and is later
    shut down (a server per test, a worker per connection, a poller per tenant) leaves the
    goroutine behind, with its stack and everything it references, for the rest of the
    process. In a long-running service the count only grows.

    ## Example
    ```go
    func (w *Worker) Start(ctx context.Context) {
        go func() {
            for {
                select {
                case j := <-w.jobs:
                    w.handle(ctx, j)
                }
            }
        }()
    }
    ```

    Use instead:
    ```go
    func (w *Worker) Start(ctx context.Context) {
        go func() {
            for {
                select {
                case <-ctx.Done():
                    return
                case j := <-w.jobs:
                    w.handle(ctx, j)
                }
            }
        }()
    }
    ```

    ## Fix safety
    This is GFix's third strategy (ASPLOS 2021): give the blocked goroutine a way out by
    adding a case on a stop signal. The signal is a `context.Context` or a stop channel
    already in scope: a `ctx` parameter of the goroutine's function, a context the func
    literal captures (a parameter of the enclosing function or a local from
    `context.With*`), a `context.Context` field of the receiver (`s.ctx`), or a
    `chan struct{}` field, parameter or local named like `done`/`stop`/`quit`/`closing`
    that is closed somewhere other than in the goroutine (a `done` channel the goroutine
    closes itself signals completion, not a request to stop). The fix adds
    `case <-ctx.Done(): return` as the first case of the loop's `select`; a receive at the
    top of the loop (`v := <-ch`) or a range over a ticker's channel becomes a `select`
    over both, with the rest of the loop body moved into the receive's case.

    The fix is safe when exactly one signal is tied to the goroutine: its own parameter, a
    context or stop channel the func literal already uses, a receiver field (a context field
    only when this file sets it: `Done` on a nil context panics). It is unsafe when several
    are, when a context is merely visible (the goroutine may be meant to outlive the call
    that started it) or when the goroutine redeclares the name. It is display-only when
    nothing is in scope (a context has to be passed in first), when the goroutine's function
    returns values, and for other loop shapes (a `time.Sleep` loop, a blocking call, a
    range over `time.Tick`), where a non-blocking check at the top of the loop is suggested.
    """

    name = "goroutine-without-exit"
    fix_title = "let looping goroutines return on cancellation"
    triggers = (b"go ", b"go\t", b"go(")
    patterns = (GO_STATEMENT, re.compile(rb"for\s*\{|range"))
    query = "(go_statement (call_expression) @call) @go"

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        go_stmt = match["go"][0]
        root = ctx.tree.root_node
        outer = gosyntax.outermost_function(go_stmt)
        if outer is None or self._lives_with_process(outer, root):
            return
        func = gosyntax.goroutine_function(go_stmt, root)
        body = func.child_by_field_name("body") if func is not None else None
        if func is None or body is None:
            return
        loop = self._forever_loop(ctx, body, func, outer)
        if loop is None or self._watches_stop(loop.node):
            return
        candidates = self._candidates(ctx, go_stmt, func, outer)
        if loop.ticker is not None:
            why = f"ranges over {gosyntax.text(loop.ticker)}, which is never closed,"
        else:
            why = "has no return or break"
        message = (f"goroutine never exits: its loop on line {ctx.line_of(loop.node.start_byte)} "
                   f"{why} and it does not watch ctx.Done() or a stop channel (goroutine leak)")
        yield self.finding(ctx, go_stmt, message, self._fix(ctx, func, loop, candidates))

    # -- which goroutines loop forever ------------------------------------------------

    @staticmethod
    def _lives_with_process(outer: Node, root: Node) -> bool:
        if outer.type != "function_declaration":
            return False
        name = gosyntax.declaration_name(outer)
        package = next((c for c in root.named_children if c.type == "package_clause"), None)
        in_main = package is not None and gosyntax.text(package).split()[-1] == "main"
        return name == "init" or (name == "main" and in_main)

    def _forever_loop(self, ctx: FileContext, body: Node, func: Node,
                      outer: Node) -> _Loop | None:
        """The first top-level loop of the goroutine that is reached and never ends."""
        for stmt in gosyntax.statements(body):
            loop = stmt.named_children[-1] if stmt.type == "labeled_statement" else stmt
            if loop.type == "for_statement":
                found = self._never_ends(ctx, loop, func, outer)
                if found is not None:
                    return found
            try:
                exits = flow.exits_of(stmt, lambda _node: False)
            except flow.GiveUp:
                return None
            if not any(e.kind == flow.NORMAL for e in exits):
                return None
        return None

    def _never_ends(self, ctx: FileContext, loop: Node, func: Node,
                    outer: Node) -> _Loop | None:
        body = loop.child_by_field_name("body")
        if body is None:
            return None
        header = [c for c in loop.named_children if c != body and c.type != "comment"]
        ticker = None
        for part in header:
            if part.type == "for_clause":
                if part.child_by_field_name("condition") is not None:
                    return None
            elif part.type == "range_clause":
                right = part.child_by_field_name("right")
                if right is None or not self._is_timer_channel(ctx, right, func, outer):
                    return None  # ranging over a channel ends when it is closed
                ticker = right
            elif part.type != "true":
                return None
        if flow.has_way_out(loop) is not False:
            return None
        return _Loop(loop, ticker)

    def _is_timer_channel(self, ctx: FileContext, expr: Node, func: Node, outer: Node) -> bool:
        """``time.Tick(d)``, or ``t.C`` for a ticker or timer made in this function or held
        in a receiver field: channels nobody ever closes."""
        time_pkg = ctx.package_name("time")
        if time_pkg is None:
            return False
        if expr.type == "call_expression":
            function = expr.child_by_field_name("function")
            return function is not None and gosyntax.text(function) == f"{time_pkg}.Tick"
        if expr.type != "selector_expression":
            return False
        operand, field = expr.child_by_field_name("operand"), expr.child_by_field_name("field")
        if operand is None or field is None or gosyntax.text(field) != "C":
            return False
        holder = gosyntax.text(operand)
        makers = tuple(f"{time_pkg}.{m}(" for m in _TIMER_MAKERS)
        types = {f"*{time_pkg}.Ticker", f"*{time_pkg}.Timer"}
        for scope in {func.id: func, outer.id: outer}.values():
            for node in gosyntax.walk(scope):
                if node.type in ("short_var_declaration", "assignment_statement"):
                    left, right = node.child_by_field_name("left"), node.child_by_field_name(
                        "right")
                    if (left is not None and right is not None and gosyntax.text(left) == holder
                            and gosyntax.text(right).startswith(makers)):
                        return True
                elif node.type == "parameter_declaration":
                    names = {gosyntax.text(n) for n in node.children_by_field_name("name")}
                    kind = node.child_by_field_name("type")
                    if holder in names and kind is not None and gosyntax.text(kind) in types:
                        return True
        if operand.type == "selector_expression":
            base, name = operand.child_by_field_name("operand"), operand.child_by_field_name(
                "field")
            for method in (func, outer):
                recv = gosyntax.receiver(method)
                if recv is None or base is None or name is None or gosyntax.text(base) != recv[0]:
                    continue
                kind = gosyntax.struct_fields(ctx.tree.root_node, recv[1]).get(
                    gosyntax.text(name))
                if kind is not None and gosyntax.text(kind) in types:
                    return True
        return False

    @staticmethod
    def _watches_stop(loop: Node) -> bool:
        """Whether the loop already receives from something.Done() or a stop channel."""
        for node in gosyntax.walk(loop, into_functions=False):
            operand = node.child_by_field_name("operand")
            if operand is None or gosyntax.channel_op(operand) != "receive":
                continue
            if operand.type == "call_expression":
                function = operand.child_by_field_name("function")
                if function is not None and gosyntax.text(function).endswith(".Done"):
                    return True
            last = gosyntax.text(operand).rsplit(".", 1)[-1]
            if _STOP_NAME.match(last):
                return True
        return False

    # -- what the goroutine could wait on ---------------------------------------------

    def _candidates(self, ctx: FileContext, go_stmt: Node, func: Node,
                    outer: Node) -> list[_Candidate]:
        found: list[_Candidate] = []
        context_pkg = ctx.package_name("context")
        ctx_type = f"{context_pkg}.Context" if context_pkg else "<no context import>"
        body = func.child_by_field_name("body")
        assert body is not None

        def closed_elsewhere(target: str) -> bool:
            """``close(x.done)`` somewhere in the file, but not in the goroutine itself."""
            return any(
                not (body.start_byte <= n.start_byte < body.end_byte)
                for n in self._closes(ctx.tree.root_node, target)
            )

        for name, kind in _parameters(func):
            if gosyntax.text(kind) == ctx_type:
                found.append(_Candidate(f"{name}.Done()", name, True))
            elif _is_stop_channel(name, kind) and (
                    _receive_only(kind) or not any(self._closes(body, name))):
                found.append(_Candidate(name, name, True))
        if func.type == "func_literal":
            found.extend(self._captured(ctx, go_stmt, func, ctx_type, closed_elsewhere))
        # The receiver: the goroutine's own, or the one a func literal captures.
        method = outer if func.type == "func_literal" else func
        recv = gosyntax.receiver(method)
        if recv is not None and method is outer and goscope.declaration_scope(
                go_stmt, recv[0]) != outer.child_by_field_name("body"):
            recv = None  # the receiver's name means something else at the go statement
        if recv is not None:
            for field, kind in gosyntax.struct_fields(ctx.tree.root_node, recv[1]).items():
                if gosyntax.text(kind) == ctx_type:
                    # A context field nobody sets is nil: calling Done on it would panic.
                    found.append(_Candidate(
                        f"{recv[0]}.{field}.Done()", recv[0],
                        _field_is_set(ctx.tree.root_node, recv[1], field),
                        f"nothing in this file sets `{recv[0]}.{field}`: Done on a nil context "
                        "panics"))
                elif _is_stop_channel(field, kind) and closed_elsewhere(field):
                    found.append(_Candidate(f"{recv[0]}.{field}", recv[0], True))
        unique: dict[str, _Candidate] = {}
        for cand in sorted(found, key=lambda c: not c.strong):
            unique.setdefault(cand.expr, cand)
        return list(unique.values())

    def _captured(self, ctx: FileContext, go_stmt: Node, literal: Node, ctx_type: str,
                  closed_elsewhere: Callable[[str], bool]) -> list[_Candidate]:
        """Contexts and stop channels of the function holding the go statement: its
        parameters, and locals from context.With* or make(chan struct{})."""
        enclosing = gosyntax.enclosing_function(go_stmt)
        body = enclosing.child_by_field_name("body") if enclosing is not None else None
        if enclosing is None or body is None:
            return []
        names: list[tuple[str, bool, Node]] = []  # (name, is a context, its scope)
        for name, kind in _parameters(enclosing):
            if gosyntax.text(kind) == ctx_type:
                names.append((name, True, body))
            elif _is_stop_channel(name, kind):
                names.append((name, False, body))
        context_pkg = ctx.package_name("context")
        for node in gosyntax.walk(body, into_functions=False):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if (node.type != "short_var_declaration" or node.start_byte > go_stmt.start_byte
                    or left is None or right is None or not left.named_children
                    or node.parent is None or node.parent.parent is None):
                continue
            value, first = gosyntax.text(right), gosyntax.text(left.named_children[0])
            if first == "_":
                continue
            if context_pkg and value.startswith(f"{context_pkg}.With") and not value.startswith(
                    f"{context_pkg}.WithoutCancel"):
                names.append((first, True, node.parent.parent))
            elif re.fullmatch(r"make\(chan struct\s*\{\s*\}\)", value) and _STOP_NAME.match(
                    first):
                names.append((first, False, node.parent.parent))
        found: list[_Candidate] = []
        for name, is_context, scope in names:
            if goscope.declaration_scope(go_stmt, name) != scope:
                continue  # shadowed at the go statement
            used = next(goscope.references(literal, name, scope), None) is not None
            doubt = (f"`{name}` is in scope but the goroutine does not use it: it may be meant "
                     "to outlive it")
            if is_context:
                found.append(_Candidate(f"{name}.Done()", name, used, doubt))
            elif closed_elsewhere(name):
                found.append(_Candidate(name, name, used, doubt))
        return found

    @staticmethod
    def _closes(node: Node, target: str) -> Iterator[Node]:
        """``close(target)`` or ``close(x.target)`` calls under ``node``."""
        for call in gosyntax.walk(node):
            if call.type != "call_expression":
                continue
            function = call.child_by_field_name("function")
            args = call.child_by_field_name("arguments")
            if function is None or args is None or gosyntax.text(function) != "close":
                continue
            arg = gosyntax.text(args).strip("()").strip()
            if arg == target or arg.endswith(f".{target}"):
                yield call

    # -- the fix -----------------------------------------------------------------------

    def _fix(self, ctx: FileContext, func: Node, loop: _Loop,
             candidates: list[_Candidate]) -> Fix | None:
        chosen = candidates[0] if candidates else _Candidate("ctx.Done()", "ctx", False)
        strong = [c for c in candidates if c.strong]
        if not candidates:
            safety, note = Safety.DISPLAY_ONLY, " (no context or stop channel in scope: pass one)"
        elif func.child_by_field_name("result") is not None:
            safety, note = Safety.DISPLAY_ONLY, " (and return the function's results there)"
        elif len(strong) > 1:
            others = ", ".join(f"`{c.expr}`" for c in strong[1:])
            safety, note = Safety.UNSAFE, f" (also in scope: {others})"
        elif not strong:
            safety, note = Safety.UNSAFE, f" ({chosen.doubt})"
        elif _declared_in(func, chosen.root):
            safety, note = Safety.UNSAFE, f" (`{chosen.root}` is redeclared in the goroutine)"
        else:
            safety, note = Safety.SAFE, ""
        shaped = self._shaped_edits(ctx, loop, chosen.expr)
        if shaped is None:
            generic = self._check_at_top(ctx, loop, chosen.expr)
            if generic is None:
                return None
            return Fix(f"return when `<-{chosen.expr}` is ready, checked at the top of the "
                       f"loop{note}", generic, Safety.DISPLAY_ONLY)
        message, edits = shaped
        return Fix(message + note, edits, safety)

    def _shaped_edits(self, ctx: FileContext, loop: _Loop,
                      expr: str) -> tuple[str, tuple[TextEdit, ...]] | None:
        body = loop.node.child_by_field_name("body")
        if body is None:
            return None
        stmts = gosyntax.statements(body)
        if loop.ticker is not None:
            return self._wrap_ticker(ctx, loop, body, expr)
        if stmts and _received_channel(stmts[0]) is not None:
            return self._wrap_receive(ctx, loop, body, stmts[0], expr)
        selects = [s for s in stmts if s.type == "select_statement"]
        if len(selects) != 1:
            return None
        cases = [c for c in selects[0].named_children
                 if c.type in ("communication_case", "default_case")]
        unit = insertion.indent_unit(ctx.source, loop.node, selects[0])
        if not cases or unit is None:
            return None
        edit = insertion.insert_lines_before(ctx.source, cases[0],
                                             [f"case <-{expr}:", f"{unit}return"])
        if edit is None:
            return None
        return f"add `case <-{expr}: return` to the loop's select", (edit,)

    def _wrap_receive(self, ctx: FileContext, loop: _Loop, body: Node, stmt: Node,
                      expr: str) -> tuple[str, tuple[TextEdit, ...]] | None:
        unit = insertion.indent_unit(ctx.source, loop.node, stmt)
        if unit is None or stmt.start_point[0] != stmt.end_point[0]:
            return None
        indent = gosyntax.indentation(ctx.source, stmt.start_byte)
        newline = gosyntax.newline_at(ctx.source, stmt.start_byte)
        comm = gosyntax.text(stmt)
        head = newline.join([
            "select {", f"{indent}case <-{expr}:", f"{indent}{unit}return", f"{indent}case {comm}:",
        ])
        _, rest = gosyntax.line_bounds(ctx.source, stmt.end_byte)
        line_start, _ = gosyntax.line_bounds(ctx.source, stmt.start_byte)
        tail = self._wrap_tail(ctx, body, rest, indent, unit, newline)
        if tail is None or ctx.source[line_start:stmt.start_byte].strip():
            return None
        channel = _received_channel(stmt)
        return (f"receive from `{channel}` in a select that also returns on `<-{expr}`",
                (insertion.replace_node(stmt, head), *tail))

    def _wrap_ticker(self, ctx: FileContext, loop: _Loop, body: Node,
                     expr: str) -> tuple[str, tuple[TextEdit, ...]] | None:
        ticker = loop.ticker
        assert ticker is not None
        clause = ticker.parent
        keyword = loop.node.children[0]
        stmts = gosyntax.statements(body)
        if clause is None or ticker.type != "selector_expression" or not stmts:
            return None
        unit = insertion.indent_unit(ctx.source, loop.node, stmts[0])
        if unit is None:
            return None
        left = clause.child_by_field_name("left")
        channel = gosyntax.text(ticker)
        if left is None:
            comm = f"<-{channel}"
        else:
            operator = ":=" if b":=" in (clause.text or b"") else "="
            comm = f"{gosyntax.text(left)} {operator} <-{channel}"
        indent = gosyntax.indentation(ctx.source, loop.node.start_byte) + unit
        newline = gosyntax.newline_at(ctx.source, body.start_byte)
        head = "".join(newline + indent + line for line in [
            "select {", f"case <-{expr}:", f"{unit}return", f"case {comm}:",
        ])
        _, rest = gosyntax.line_bounds(ctx.source, body.start_byte)
        if ctx.source[body.start_byte + 1: rest].strip() not in (b"",):
            return None
        tail = self._wrap_tail(ctx, body, rest, indent, unit, newline)
        if tail is None:
            return None
        return (f"select on `{channel}` and `<-{expr}` instead of ranging over the ticker",
                (TextEdit(keyword.end_byte, body.start_byte, " "),
                 TextEdit(body.start_byte + 1, body.start_byte + 1, head), *tail))

    @staticmethod
    def _wrap_tail(ctx: FileContext, body: Node, start: int, indent: str, unit: str,
                   newline: str) -> list[TextEdit] | None:
        """Indent the loop body's lines from ``start`` one level deeper and close the
        select before the loop's closing brace."""
        closing = body.end_byte - 1
        line_start, _ = gosyntax.line_bounds(ctx.source, closing)
        if ctx.source[line_start:closing].strip() or start > line_start:
            return None
        for node in gosyntax.walk(body):
            if node.type in ("raw_string_literal", "comment") and (
                    node.start_point[0] != node.end_point[0]):
                return None  # re-indenting would change its text
        edits = insertion.indent_lines(ctx.source, start, line_start, unit)
        edits.append(TextEdit(line_start, line_start, f"{indent}}}{newline}"))
        return edits

    def _check_at_top(self, ctx: FileContext, loop: _Loop,
                      expr: str) -> tuple[TextEdit, ...] | None:
        body = loop.node.child_by_field_name("body")
        stmts = gosyntax.statements(body) if body is not None else []
        unit = insertion.indent_unit(ctx.source, loop.node, stmts[0]) if stmts else None
        if not stmts or unit is None:
            return None
        edit = insertion.insert_lines_before(ctx.source, stmts[0], [
            "select {", f"case <-{expr}:", f"{unit}return", "default:", "}",
        ])
        return (edit,) if edit is not None else None


def _parameters(func: Node) -> Iterator[tuple[str, Node]]:
    plist = func.child_by_field_name("parameters")
    for decl in plist.named_children if plist is not None else []:
        kind = decl.child_by_field_name("type")
        if decl.type != "parameter_declaration" or kind is None:
            continue
        for name in decl.children_by_field_name("name"):
            if gosyntax.text(name) != "_":
                yield gosyntax.text(name), kind


def _field_is_set(root: Node, type_name: str, field: str) -> bool:
    """Whether this file sets ``field``: ``T{field: ...}`` or ``x.field = ...``."""
    for node in gosyntax.walk(root):
        if node.type == "composite_literal":
            kind = node.child_by_field_name("type")
            body = node.child_by_field_name("body")
            if kind is None or gosyntax.text(kind) != type_name or body is None:
                continue
            for element in body.named_children:
                key = element.child_by_field_name("key")
                if element.type == "keyed_element" and key is not None and (
                        gosyntax.text(key) == field):
                    return True
        elif node.type == "assignment_statement":
            left = node.child_by_field_name("left")
            if left is not None and any(
                    target.type == "selector_expression"
                    and gosyntax.text(target.child_by_field_name("field") or target) == field
                    for target in left.named_children):
                return True
    return False


def _is_stop_channel(name: str, kind: Node) -> bool:
    compact = "".join(gosyntax.text(kind).split())
    return compact in ("chanstruct{}", "<-chanstruct{}") and bool(_STOP_NAME.match(name))


def _receive_only(kind: Node) -> bool:
    return gosyntax.text(kind).startswith("<-")


def _declared_in(func: Node, name: str) -> bool:
    """Whether ``name`` is declared anywhere inside the goroutine's body (it could shadow
    the variable the fix refers to)."""
    body = func.child_by_field_name("body")
    for node in gosyntax.walk(body) if body is not None else ():
        if node.type in ("short_var_declaration", "var_declaration", "const_declaration"):
            if name in goscope.declared_names(node):
                return True
        elif node.type in ("range_clause", "receive_statement"):
            left = node.child_by_field_name("left")
            if left is not None and b":=" in (node.text or b"") and name in {
                    gosyntax.text(n) for n in left.named_children}:
                return True
        elif node.type in gosyntax.FUNCTION_TYPES and name in goscope.parameter_names(node):
            return True
    return False


def _received_channel(stmt: Node) -> str | None:
    """``v := <-ch``, ``v, ok = <-ch``, ``<-ch``: the channel expression received from."""
    if stmt.type == "expression_statement":
        value = stmt.named_children[0] if stmt.named_children else None
    elif stmt.type in ("short_var_declaration", "assignment_statement"):
        right = stmt.child_by_field_name("right")
        operator = stmt.child_by_field_name("operator")
        if stmt.type == "assignment_statement" and (
                operator is None or gosyntax.text(operator) != "="):
            return None
        value = right.named_children[0] if right is not None and len(
            right.named_children) == 1 else None
    else:
        return None
    if value is None or value.type != "unary_expression":
        return None
    operand = value.child_by_field_name("operand")
    if operand is None or gosyntax.channel_op(operand) != "receive":
        return None
    return gosyntax.text(operand)
