"""Shared analysis for the rules about package time's timers and tickers.

Go 1.23 changed timers (go.dev/doc/go1.23#timer-changes): a Timer or Ticker nobody
refers to any more is garbage-collected even if it was never stopped, and timer channels
became unbuffered, so Stop and Reset can no longer leave a stale value behind. Which
behaviour a program gets depends on the ``go`` line of its main module (through the
``asynctimerchan`` GODEBUG) for toolchains 1.23 to 1.26; Go 1.27 removed the old
behaviour. Codemods see the nearest go.mod's version: ``old_timers`` says whether that
module asks for the old behaviour. An unknown version counts as new.

Before Go 1.23 a timer stays in the runtime's timer heap until it fires or is stopped,
with its channel and everything its channel's buffer holds: ``time.After`` in a loop
leaves one timer per iteration behind until each fires, and a ticker that is not stopped
(``time.Tick``'s can never be) is never collected at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from fixer import flow, goscope, gosyntax, insertion, release
from fixer.codemod import Codemod, FileContext, GoVersion
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety, Severity, TextEdit

NEW_TIMERS = (1, 23)
_UNITS = frozenset({"Nanosecond", "Microsecond", "Millisecond", "Second", "Minute", "Hour"})
_ARITHMETIC = frozenset({"+", "*"})


def old_timers(go_version: GoVersion | None) -> bool:
    """Whether the module's go.mod asks for the timers of Go 1.22 and older."""
    return go_version is not None and go_version < NEW_TIMERS


def graded(finding: Finding, go_version: GoVersion | None) -> Finding:
    """``finding`` as it is under old timers, a note (with a word on why) under new ones."""
    if old_timers(go_version):
        return finding
    return replace(finding, severity=Severity.NOTE,
                   message=f"{finding.message} (since Go 1.23 it is collected once "
                           "unreferenced, stopped or not)")


def call_query(*functions: str) -> str:
    """A query for ``<pkg>.<function>(...)`` calls: captures @pkg, @fn, @call."""
    names = " ".join(f'"{f}"' for f in functions)
    return f"""
    (call_expression
      function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn
                  (#any-of? @fn {names}))) @call
    """


def is_time(ctx: FileContext, pkg: Node) -> bool:
    """Whether the qualifier ``pkg`` names package time in this file (aliases included)
    and is not shadowed by a local variable of that name."""
    name = gosyntax.text(pkg)
    return name == ctx.package_name("time") and goscope.declaration_scope(pkg, name) is None


def argument(call: Node) -> Node | None:
    args = call.child_by_field_name("arguments")
    named = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    return named[0] if len(named) == 1 else None


def loop_around(node: Node) -> Node | None:
    """The innermost ``for`` of the same function whose body holds ``node``."""
    child, current = node, node.parent
    while current is not None and current.type not in gosyntax.FUNCTION_TYPES:
        if current.type == "for_statement" and current.child_by_field_name("body") == child:
            return current
        child, current = current, current.parent
    return None


def statement_of(node: Node) -> Node | None:
    """The statement of a block that holds ``node`` (None past a function boundary)."""
    current: Node | None = node
    while current is not None and current.type not in gosyntax.FUNCTION_TYPES:
        parent = current.parent
        if parent is not None and parent.type == "statement_list":
            return current
        current = parent
    return None


def style_note(rule: Codemod, ctx: FileContext, node: Node, message: str) -> Finding:
    """A note without a fix (the rules' ``report-style`` option under new timers)."""
    return replace(rule.finding(ctx, node, message), severity=Severity.NOTE)


Concern = tuple[Safety, str]


def fix_with_concerns(message: str, edits: list[TextEdit], concerns: list[Concern]) -> Fix:
    """A fix as safe as its gravest concern, whose reasons the message names."""
    for safety in (Safety.DISPLAY_ONLY, Safety.UNSAFE):
        reasons = [why for level, why in concerns if level is safety]
        if reasons:
            return Fix(f"{message} ({'; '.join(reasons)})", tuple(edits), safety)
    return Fix(message, tuple(edits))


def has_goto(function: Node) -> bool:
    """A goto may jump over a declaration a fix adds (a compile error)."""
    return any(n.type == "goto_statement" for n in gosyntax.walk(function))


# -- durations ----------------------------------------------------------------------------

def is_positive_constant(expr: Node, time_name: str, depth: int = 0) -> bool:
    """``5 * time.Second``, ``time.Minute``, ``(2 * time.Hour)``, a package-level constant
    of this file holding one of those: obviously > 0."""
    kind = expr.type
    if depth > 8:
        return False
    if kind == "parenthesized_expression" and expr.named_children:
        return is_positive_constant(expr.named_children[0], time_name, depth + 1)
    if kind in ("int_literal", "float_literal"):
        literal = gosyntax.text(expr).replace("_", "")
        try:
            return (int(literal, 0) if kind == "int_literal" else float(literal)) > 0
        except ValueError:
            return False  # 0755-style octal, hex floats: not worth guessing
    if kind == "identifier":
        value = _package_constant(expr)
        return value is not None and is_positive_constant(value, time_name, depth + 1)
    if kind == "selector_expression":
        operand, field = expr.child_by_field_name("operand"), expr.child_by_field_name("field")
        return operand is not None and field is not None and (
            gosyntax.text(operand) == time_name and gosyntax.text(field) in _UNITS
        )
    if kind == "binary_expression":
        operator = expr.child_by_field_name("operator")
        left, right = expr.child_by_field_name("left"), expr.child_by_field_name("right")
        return (operator is not None and gosyntax.text(operator) in _ARITHMETIC
                and left is not None and right is not None
                and is_positive_constant(left, time_name, depth + 1)
                and is_positive_constant(right, time_name, depth + 1))
    if kind == "call_expression":  # time.Duration(5) * time.Second
        function = expr.child_by_field_name("function")
        arg = argument(expr)
        return function is not None and gosyntax.text(function) == f"{time_name}.Duration" and (
            arg is not None and is_positive_constant(arg, time_name, depth + 1)
        )
    return False


def _package_constant(ident: Node) -> Node | None:
    """The value of the package-level ``const name = value`` of this file that ``ident``
    refers to (one name, one value; not shadowed inside the function)."""
    name = gosyntax.text(ident)
    if goscope.declaration_scope(ident, name) is not None:
        return None
    root = ident
    while root.parent is not None:
        root = root.parent
    for decl in root.named_children:
        if decl.type != "const_declaration":
            continue
        for spec in (s for s in gosyntax.walk(decl) if s.type == "const_spec"):
            names = spec.children_by_field_name("name")
            values = spec.child_by_field_name("value")
            if [gosyntax.text(n) for n in names] == [name]:
                items = values.named_children if values is not None else []
                return items[0] if len(items) == 1 else None
    return None


def has_effects(expr: Node, time_name: str) -> bool:
    """Whether evaluating ``expr`` may do something (a call other than a Duration
    conversion, a receive): moving its evaluation then may change the program."""
    for node in gosyntax.walk(expr):
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            if function is None or gosyntax.text(function) != f"{time_name}.Duration":
                return True
        if node.type == "unary_expression" and gosyntax.text(node).startswith("<-"):
            return True
    return False


# -- select statements --------------------------------------------------------------------

@dataclass(frozen=True)
class SelectCase:
    select: Node
    case: Node      # the communication_case receiving from the call


def receiving_case(call: Node) -> SelectCase | None:
    """``case <-call:`` / ``case v := <-call:``: the select and the case."""
    unary = call.parent
    if unary is None or unary.type != "unary_expression" or (
        unary.child_by_field_name("operand") != call
    ):
        return None
    comm = unary.parent
    if comm is None or comm.type != "receive_statement":
        return None
    case = comm.parent
    select = case.parent if case is not None else None
    if case is None or case.type != "communication_case" or select is None or (
        case.child_by_field_name("communication") != comm
    ):
        return None
    return SelectCase(select, case)


def cases(select: Node) -> list[Node]:
    return [c for c in select.named_children if c.type in ("communication_case", "default_case")]


def calls_in_headers(select: Node, pkg_name: str, function: str) -> Iterator[Node]:
    """``<pkg>.<function>(...)`` calls in the case headers of ``select``."""
    for case in cases(select):
        comm = case.child_by_field_name("communication")
        for node in gosyntax.walk(comm) if comm is not None else ():
            fn = node.child_by_field_name("function") if node.type == "call_expression" else None
            if fn is not None and gosyntax.text(fn) == f"{pkg_name}.{function}":
                yield node


def evaluated_before(sc: SelectCase, time_name: str) -> bool:
    """Whether a case header before ``sc.case`` has effects: its channel and values are
    evaluated, in source order, before this case's on entering the select."""
    for case in cases(sc.select):
        if case == sc.case:
            return False
        comm = case.child_by_field_name("communication")
        if comm is not None and has_effects(comm, time_name):
            return True
    return False


def per_select_timer(ctx: FileContext, sc: SelectCase, call: Node, name: str, constructor: str,
                     stop_own_case: bool) -> list[TextEdit] | None:
    """Edits turning ``case <-time.After(d):`` (or ``time.Tick``) into a timer made just
    before the select, ``case <-name.C:``, and ``name.Stop()`` first thing in every other
    case (``stop_own_case``: in this one too). Each execution of the select gets a fresh
    timer, as before, and it is stopped whichever case wins. None when the layout leaves
    no place for a line."""
    fn = call.child_by_field_name("function")
    operand = fn.child_by_field_name("operand") if fn is not None else None
    arg = argument(call)
    if operand is None or arg is None or sc.select.parent is None or (
        sc.select.parent.type != "statement_list"
    ):
        return None
    create = f"{name} := {gosyntax.text(operand)}.{constructor}({gosyntax.text(arg)})"
    edits = [insertion.insert_lines_before(ctx.source, sc.select, [create]),
             insertion.replace_node(call, f"{name}.C")]
    edits += [insertion.insert_lines_first_in_clause(ctx.source, case, [f"{name}.Stop()"])
              for case in cases(sc.select) if stop_own_case or case != sc.case]
    present = [e for e in edits if e is not None]
    return present if len(present) == len(edits) else None


# -- unstopped timers and tickers ---------------------------------------------------------

def _receives(ref: Node, function: Node) -> bool:
    """``<-t.C`` run by ``function`` itself (not a goroutine or a closure it starts)."""
    selector = ref.parent
    if selector is None or selector.type != "selector_expression" or (
        selector.child_by_field_name("operand") != ref
    ):
        return False
    field = selector.child_by_field_name("field")
    unary = selector.parent
    if field is None or gosyntax.text(field) != "C" or unary is None or (
        unary.type != "unary_expression" or not gosyntax.text(unary).startswith("<-")
    ):
        return False
    return not in_goroutine_or_closure(unary, function)


def in_goroutine_or_closure(node: Node, function: Node) -> bool:
    """Whether ``node`` runs in a goroutine or func literal that ``function`` starts or makes."""
    current = node.parent
    while current is not None and current != function:
        if current.type in ("go_statement", "func_literal"):
            return True
        current = current.parent
    return False


@dataclass(frozen=True)
class Unstopped:
    acq: release.Acquisition
    verdict: release.Verdict
    subject: str    # "ticker t from time.NewTicker"


def unstopped(ctx: FileContext, call: Node, kind: str) -> Unstopped | None:
    """A ``time.NewTicker``/``time.NewTimer`` (``kind`` "ticker"/"timer") some way out of
    the function leaves unstopped; None when it is stopped, handed on on every path, or
    the analysis is unsure.

    ``t.Stop()`` (called, deferred or passed) releases it; for a timer, so does receiving
    from ``t.C`` in the function itself (it has fired: nothing is left to stop). A
    ``for range t.C`` loop never ends by itself: only its ``break``s and ``return``s leave.
    """
    acq = release.acquisition_of(call)
    if acq is None or acq.target.type != "identifier":
        return None
    owned = release.analyze_owned(acq, ("Stop",))   # also rules out named results, reuse
    scope = release.variable_scope(acq)
    if owned is None or not owned.exits or scope is None:
        return None

    def classifier(ref: Node, function: Node) -> release.Use:
        if kind == "timer" and _receives(ref, function):
            return release.Use.RELEASE
        return release.classify_owned(ref, ("Stop",), function)

    def endless(node: Node) -> bool:
        """``t.C``: a timer's or ticker's channel is never closed."""
        operand = node.child_by_field_name("operand")
        field = node.child_by_field_name("field")
        return node.type == "selector_expression" and operand is not None and (
            operand.type == "identifier" and field is not None and gosyntax.text(field) == "C"
        ) and next(goscope.references(operand, acq.name, scope), None) is not None

    verdict = release.analyze_endless(acq, classifier, endless)
    if verdict is None or not verdict.exits:
        return None
    fn = call.child_by_field_name("function")
    return Unstopped(acq, verdict, f"{kind} {acq.name} from {gosyntax.text(fn) if fn else '?'}")


def unstopped_findings(rule: Codemod, ctx: FileContext, match: dict[str, list[Node]],
                       kind: str, new_timers_in_loops_only: bool) -> Iterator[Finding]:
    """The check of unstopped-ticker and unstopped-timer (``kind``: "ticker", "timer").

    Under new timers (see graded) findings are notes, and with
    ``new_timers_in_loops_only`` only values made inside a loop are reported at all.
    """
    if not is_time(ctx, match["pkg"][0]):
        return
    found = unstopped(ctx, match["call"][0], kind)
    if found is None or (new_timers_in_loops_only and not old_timers(ctx.go_version)
                         and not found.verdict.in_loop):
        return
    message = release.leak_message(found.subject, found.verdict, ctx.line_of, "stopped")
    if found.verdict.in_loop:
        message = f"{found.subject} is made in a loop and not stopped before the iteration ends"
    fix = release.release_fix(ctx.source, found.acq, found.verdict,
                              f"defer {found.acq.name}.Stop()")
    yield graded(rule.finding(ctx, found.acq.target, message, fix), ctx.go_version)


# -- functions that never return ----------------------------------------------------------

def can_leave(stmt: Node, body: Node, endless: flow.UsePredicate) -> bool | None:
    """Whether control, once in ``stmt``, can ever leave it and go on (to a return, the
    end of the function, the next loop iteration); None when unsure. ``for range X`` with
    ``endless(X)`` never ends by itself."""
    wrapped, leaving = flow.endless_ranges(lambda _node: False, endless)
    try:
        own = flow.exits_of(stmt, wrapped)
    except flow.GiveUp:
        return None
    if leaving or any(e.kind != flow.NORMAL for e in own):
        return True
    if not own:
        return False
    after = flow.unused_exits(stmt, body, wrapped)
    return None if after is None else bool(after or leaving)
