"""defer-in-loop: a deferred Close/Stop/cancel in a loop body waits for the function to return."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

from fixer import flow, goscope, gosyntax, insertion
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety, TextEdit

_RELEASE_METHODS = frozenset({"Close", "Stop", "Release"})
_CONTEXT_PACKAGES = ("context", "golang.org/x/net/context")
_CONTEXT_CONSTRUCTORS = frozenset({
    "WithCancel", "WithCancelCause", "WithTimeout", "WithTimeoutCause", "WithDeadline",
    "WithDeadlineCause",
})
# Calls whose result keeps a reference to their argument (besides New*/new* constructors).
_WRAPPERS = frozenset({"LimitReader", "TeeReader", "MultiReader", "MultiWriter", "NopCloser"})
_BREAKABLE = frozenset({"for_statement", "expression_switch_statement", "type_switch_statement",
                        "select_statement"})
_JUMPS = frozenset({"return_statement", "break_statement", "continue_statement",
                    "goto_statement"})
_ASSIGNMENTS = frozenset({"assignment_statement", "short_var_declaration"})
_TRANSPARENT = frozenset({"parenthesized_expression", "literal_element", "keyed_element",
                          "literal_value", "composite_literal", "type_conversion_expression",
                          "type_assertion_expression"})


class _Flow(enum.IntEnum):
    """Where a per-iteration value ends up, from harmless to "kept on purpose"."""

    LOCAL = 0       # used within the iteration
    PASSED = 1      # handed to a method of another value, which may keep it
    CAPTURED = 2    # held by a goroutine or a closure that may run later
    STORED = 3      # appended, stored or sent: kept beyond the iteration on purpose
    HELD = 4        # never used, only released: acquired to be held (open N conns at once)


_STATES = {"Close": "open", "Stop": "running", "Release": "held"}
_SAFETY_ORDER = (Safety.SAFE, Safety.UNSAFE, Safety.DISPLAY_ONLY)


@dataclass(frozen=True)
class _Tracked:
    """A variable whose value must not outlive the iteration once its release moves there."""

    name: str
    scope: Node
    context: bool                 # a context or cancel func: passing it to calls is fine
    path: tuple[str, ...] = ()    # fields that lead to the resource (Body of resp.Body)
    after: int = 0                # only references from here on (a derived value)


@dataclass(frozen=True)
class _Resource:
    """A variable a deferred call releases: ``f`` of ``f.Close()``, ``cancel``."""

    name: str
    scope: Node           # the node whose scope declares it
    declared: bool        # declared in the loop body (False: only assigned there)
    tracked: tuple[_Tracked, ...]  # it and the contexts it cancels
    unknown_producer: bool  # a cancel-like func that no context constructor returned
    method: str             # Close, Stop, Release or cancel
    receiver: str           # resp.Body of resp.Body.Close()

    @property
    def held(self) -> tuple[str, str]:
        """('f', 'open'), ('ctx', 'uncancelled'), ... for messages."""
        if self.method == "cancel":
            contexts = [t.name for t in self.tracked[1:]]
            return (contexts[0] if contexts else "the context"), "uncancelled"
        return self.receiver, _STATES.get(self.method, "unreleased")


@dataclass(frozen=True)
class _Deferred:
    stmt: Node
    call: Node
    closure: Node | None  # ``defer func() { ... }()``
    resources: tuple[_Resource, ...]


@dataclass
class _Verdict:
    safety: Safety = Safety.SAFE
    reason: str = ""

    def worsen(self, safety: Safety, reason: str) -> None:
        if _SAFETY_ORDER.index(safety) > _SAFETY_ORDER.index(self.safety):
            self.safety, self.reason = safety, reason


class DeferInLoop(Codemod):
    """
    ## What it does
    Reports `defer x.Close()`, `defer x.Stop()`, `defer x.Release()`, `defer cancel()` (and
    deferred closures that make such calls) placed directly in a loop body, when the value
    they release is acquired in that body and the loop can go round again after the defer.

    ## Why is this bad?
    Deferred calls run when the surrounding *function* returns, not at the end of the
    iteration. Every iteration's file, response body, rows, timer or context stays alive
    until then: a loop over ten thousand files needs ten thousand descriptors and fails with
    "too many open files", and a long-running loop never releases anything at all.

    ## Example
    ```go
    func sizes(paths []string) (total int64) {
        for _, p := range paths {
            f, err := os.Open(p)
            if err != nil {
                continue
            }
            defer f.Close() // runs when sizes returns
            if fi, err := f.Stat(); err == nil {
                total += fi.Size()
            }
        }
        return total
    }
    ```

    Use instead:
    ```go
    func sizes(paths []string) (total int64) {
        for _, p := range paths {
            func() {
                f, err := os.Open(p)
                if err != nil {
                    return
                }
                defer f.Close() // runs at the end of each iteration
                if fi, err := f.Stat(); err == nil {
                    total += fi.Size()
                }
            }()
        }
        return total
    }
    ```

    ## Fix safety
    The fix wraps the loop body in `func() { ... }()` (re-indented; comments, raw strings
    and line endings kept), so the deferred calls run at the end of each iteration. The
    closure is called at once, so the variables it captures -- loop variables included,
    before and after Go 1.22 -- mean the same as before. A `continue` of the loop becomes
    `return` (leaving the closure *is* going on with the next iteration); nothing else is
    rewritten. This is safe unless something in the body cannot live in a closure or
    would change meaning there:

    * a `return`, a `break` of the loop, a `continue`/`break` with a label outside the body
      or a `goto` out of it: when the defer is the body's only one, is a plain call and
      nothing can leave the iteration after it, the fix calls the release at the end of
      the body instead (like any plain call, a panic in between skips it); otherwise the
      wrap is display-only;
    * other defers (`defer wg.Done()` would run early too), a deferred `recover`, a released
      value captured by a goroutine or closure, or one kept past the iteration on purpose:
      display-only;
    * a deferred closure that reads or writes a variable from outside the loop body (a
      named result set from `Close`'s error would be overwritten by the `return`), a value
      handed to a method of another object (which may keep it), a cancel func not known to
      come from `context.With*`: unsafe.

    A released value that is appended, stored or sent on inside the loop, or never used
    at all (acquired only to be held, like N connections opened at once), is kept open on
    purpose and not reported, and neither is a defer after which every path leaves the
    function (it runs once).
    """

    name = "defer-in-loop"
    fix_title = "release resources at the end of each loop iteration"
    triggers = (b"defer",)
    requires = (b"for",)
    patterns = (re.compile(rb"Close|Stop|Release|cancel|WithCancel|WithTimeout|WithDeadline|"
                           rb"NotifyContext"),)
    query = "(defer_statement (call_expression) @call) @defer"

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        stmt = match["defer"][0]
        loop = gosyntax.enclosing(stmt, gosyntax.LOOP_TYPES | gosyntax.FUNCTION_TYPES)
        if loop is None or loop.type not in gosyntax.LOOP_TYPES:
            return
        body = loop.child_by_field_name("body")
        function = gosyntax.enclosing_function(loop)
        if body is None or function is None:
            return
        deferred = _deferred(ctx, stmt, body)
        if deferred is None:
            return
        escape = _escape(ctx, deferred, body, function)
        if escape[0] >= _Flow.STORED or not _can_repeat(stmt, loop, function):
            return
        held = [r.held for r in deferred.resources]
        what = ", ".join(name for name, _ in held)
        call = gosyntax.text(deferred.call) if deferred.closure is None else \
            f"a closure releasing {', '.join(r.name for r in deferred.resources)}"
        message = (f"defer {call} inside a loop runs only when the function returns: "
                   f"{what} from every iteration stays {held[0][1]} until then")
        yield self.finding(ctx, stmt, message, _fix(ctx, deferred, loop, body, function))


# -- which defers count --------------------------------------------------------------------

def _deferred(ctx: FileContext, stmt: Node, body: Node) -> _Deferred | None:
    """``stmt`` as a release of values acquired in ``body``, or None."""
    call = next((c for c in stmt.named_children if c.type == "call_expression"), None)
    if call is None:
        return None
    function = call.child_by_field_name("function")
    closure = function if function is not None and function.type == "func_literal" else None
    calls = [n for n in gosyntax.walk(closure) if n.type == "call_expression"] \
        if closure is not None else [call]
    resources: dict[str, _Resource] = {}
    for inner in calls:
        found = _released_root(inner)
        if found is None or gosyntax.text(found[0]) in resources:
            continue
        resource = _resource(ctx, stmt, *found, body)
        if resource is not None:
            resources[resource.name] = resource
    if not resources:
        return None
    return _Deferred(stmt, call, closure, tuple(resources.values()))


def _released_root(call: Node) -> tuple[Node, str] | None:
    """(``f``, Close) of ``f.Close()`` / ``resp.Body.Close()``, (``cancel``, cancel) of
    ``cancel()``."""
    function = call.child_by_field_name("function")
    if function is None:
        return None
    if function.type == "identifier":
        return function, "cancel"
    if function.type != "selector_expression":
        return None
    field = function.child_by_field_name("field")
    if field is None or gosyntax.text(field) not in _RELEASE_METHODS:
        return None
    operand = function.child_by_field_name("operand")
    while operand is not None and operand.type == "selector_expression":
        operand = operand.child_by_field_name("operand")
    if operand is None or operand.type != "identifier":
        return None
    return operand, gosyntax.text(field)


def _within(node: Node, outer: Node) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _resource(ctx: FileContext, stmt: Node, root: Node, method: str,
              body: Node) -> _Resource | None:
    name = gosyntax.text(root)
    scope = goscope.declaration_scope(stmt, name)
    if scope is None or goscope.is_shadowed(root, scope):
        return None
    declared = _within(scope, body)
    search = scope if declared else body
    producers = [p for ref in goscope.references(search, name, scope)
                 if (p := _assigning_statement(ref)) is not None and _within(p, body)]
    if not declared and not producers:
        return None  # the same value every iteration: nothing piles up
    receiver = root
    while receiver.parent is not None and receiver.parent.type == "selector_expression" and (
        receiver.parent.parent is not None and receiver.parent.parent.type != "call_expression"
    ):
        receiver = receiver.parent
    path = tuple(gosyntax.text(receiver)[len(name) + 1 :].split(".")) if receiver != root else ()
    tracked = [_Tracked(name, scope, False, path)]
    unknown = False
    if method == "cancel":
        contexts = [_context_of(ctx, p, name) for p in producers]
        if not name.startswith("cancel") and (not contexts or None in contexts):
            return None
        unknown = not contexts or None in contexts
        tracked = [_Tracked(name, scope, True)]
        for context in contexts:
            if context is not None and gosyntax.text(context) != "_":
                tracked.extend(_Tracked(n, s, True) for n, s in _targets(context.parent, body)
                               if n == gosyntax.text(context) and s is not None)
    return _Resource(name, scope, declared, tuple(tracked), unknown, method,
                     gosyntax.text(receiver))


def _assigning_statement(ident: Node) -> Node | None:
    """The ``:=``/``=``/``var`` statement that ``ident`` is a left-hand side of."""
    parent = ident.parent
    if parent is None:
        return None
    if parent.type == "var_spec" and ident in parent.children_by_field_name("name"):
        return parent if parent.child_by_field_name("value") is not None else None
    holder = parent.parent
    if parent.type == "expression_list" and holder is not None and (
        holder.type in _ASSIGNMENTS and holder.child_by_field_name("left") == parent
    ):
        return holder
    return None


def _context_of(ctx: FileContext, producer: Node, cancel: str) -> Node | None:
    """``ctx`` of ``ctx, cancel := context.WithTimeout(...)`` (or signal.NotifyContext)."""
    if producer.type == "var_spec":
        left = producer.children_by_field_name("name")
        value = producer.child_by_field_name("value")
    else:
        holder = producer.child_by_field_name("left")
        left = holder.named_children if holder is not None else []
        value = producer.child_by_field_name("right")
    rights = value.named_children if value is not None else []
    if len(left) != 2 or gosyntax.text(left[1]) != cancel or len(rights) != 1:
        return None
    function = rights[0].child_by_field_name("function") if rights[0].type == \
        "call_expression" else None
    if function is None or function.type != "selector_expression":
        return None
    operand = gosyntax.text(function.child_by_field_name("operand") or function)
    field = gosyntax.text(function.child_by_field_name("field") or function)
    context_names = {ctx.package_name(p) for p in _CONTEXT_PACKAGES} - {None}
    if (operand in context_names and field in _CONTEXT_CONSTRUCTORS) or (
        operand == ctx.package_name("os/signal") and field == "NotifyContext"
    ):
        return left[0]
    return None


def _targets(holder: Node | None, body: Node) -> Iterator[tuple[str, Node | None]]:
    """Names assigned by ``holder`` and the scope declaring each (None: outside ``body``
    or not a plain variable)."""
    if holder is None:
        return
    if holder.type == "expression_list":
        holder = holder.parent
    if holder is None:
        return
    if holder.type == "var_spec":
        decl = holder.parent
        while decl is not None and decl.type != "var_declaration":
            decl = decl.parent
        block = decl.parent if decl is not None else None
        scope = block.parent if block is not None and block.type == "statement_list" else None
        for spec_name in holder.children_by_field_name("name"):
            yield gosyntax.text(spec_name), scope if scope is not None and _within(
                scope, body) else None
        return
    left = holder.child_by_field_name("left")
    for target in left.named_children if left is not None else []:
        if target.type != "identifier":
            yield "", None
            continue
        name = gosyntax.text(target)
        if holder.type == "short_var_declaration":
            parent = holder.parent
            scope = parent.parent if parent is not None and parent.type == "statement_list" \
                else parent
        else:
            scope = goscope.declaration_scope(holder, name)
        yield name, scope if scope is not None and _within(scope, body) else None


# -- does the loop go round again after the defer? -----------------------------------------

def _can_repeat(stmt: Node, loop: Node, function: Node) -> bool:
    scope = function.child_by_field_name("body")
    if scope is None:
        return True
    exits = flow.unused_exits(stmt, scope, lambda _node: False)
    if exits is None:
        return True  # goto and the like: assume the worst
    return any(e.kind == flow.ITERATION and e.offset == loop.start_byte for e in exits)


# -- where do the released values go? ------------------------------------------------------

def _escape(ctx: FileContext, deferred: _Deferred, body: Node,
            function: Node) -> tuple[_Flow, Node | None]:
    """The worst place a value released by ``deferred`` (or derived from it) reaches."""
    packages = set(ctx.imports.values())
    skip = [d.stmt for d in _body_defers(ctx, body) if d is not None]
    worst: tuple[_Flow, Node | None] = (_Flow.LOCAL, None)
    used = False
    work = [t for r in deferred.resources for t in r.tracked]
    seen: set[tuple[str, int]] = set()
    while work:
        tracked = work.pop()
        if (tracked.name, tracked.scope.id) in seen:
            continue
        seen.add((tracked.name, tracked.scope.id))
        scope = tracked.scope
        if not _within(scope, body):  # assigned in the body: a use after the loop counts
            used = used or any(_assigning_statement(ref) is None and not any(
                _within(ref, s) for s in skip) for ref in goscope.references(
                    scope, tracked.name, scope))
        for ref in goscope.references(scope if _within(scope, body) else body,
                                      tracked.name, scope):
            if ref.start_byte < tracked.after or any(_within(ref, s) for s in skip):
                continue
            used = used or _assigning_statement(ref) is None
            where, derived = _flow_of(ref, function, tracked, packages)
            if where > worst[0]:
                worst = (where, ref)
            for target, target_scope in _derived_targets(derived, body):
                if target == "_":
                    continue
                if target_scope is None:
                    return _Flow.STORED, ref
                work.append(_Tracked(target, target_scope, tracked.context,
                                     after=ref.end_byte))
    return worst if used else (_Flow.HELD, deferred.stmt)


def _derived_targets(derived: tuple[Node, Node] | None,
                     body: Node) -> list[tuple[str, Node | None]]:
    """The variables that receive ``value`` from the right-hand side ``rights``: its own
    target, or the first one of a multi-valued call (``r, err := gzip.NewReader(f)``)."""
    if derived is None:
        return []
    rights, value = derived
    targets = list(_targets(rights, body))
    values = [v.id for v in rights.named_children]
    if len(values) == len(targets) and value.id in values:
        return [targets[values.index(value.id)]]
    return targets[:1]


def _immediately_called(literal: Node) -> bool:
    call = literal.parent
    return (call is not None and call.type == "call_expression"
            and call.child_by_field_name("function") == literal
            and call.parent is not None
            and call.parent.type not in ("go_statement", "defer_statement"))


def _flow_of(ref: Node, function: Node, tracked: _Tracked,
             packages: set[str]) -> tuple[_Flow, tuple[Node, Node] | None]:
    """Where one reference's value goes, and the right-hand side (and its expression)
    through which it flows into variables, if any."""
    current = ref.parent
    while current is not None and current != function:
        if current.type == "go_statement" or (
            current.type == "func_literal" and not _immediately_called(current)
        ):
            return _Flow.CAPTURED, None
        current = current.parent
    node, path = ref, list(tracked.path)
    while (parent := node.parent) is not None:
        kind = parent.type
        if kind == "selector_expression" and parent.child_by_field_name("operand") == node:
            grand = parent.parent
            field = gosyntax.text(parent.child_by_field_name("field") or parent)
            if grand is not None and grand.type == "call_expression" and (
                grand.child_by_field_name("function") == parent
            ):
                return _Flow.LOCAL, None  # a method call: its result is data
            if node == ref and path[:1] != [field]:
                return _Flow.LOCAL, None  # resp.StatusCode: data, not the resource
            path = path[1:]
            node = parent  # resp.Body still holds the resource
            continue
        if kind in _TRANSPARENT or (
            kind == "unary_expression" and gosyntax.text(parent).startswith(("&", "*"))
        ):
            node = parent
            continue
        if kind == "argument_list" and parent.parent is not None:
            callee = _callee_kind(parent.parent, packages)
            if callee == "append":
                return _Flow.STORED, None
            if callee == "wrapper":
                node = parent.parent
                continue
            if callee == "method" and not tracked.context:
                return _Flow.PASSED, None
            return _Flow.LOCAL, None
        if kind == "send_statement":
            return (_Flow.STORED if parent.child_by_field_name("value") == node
                    else _Flow.LOCAL), None
        if kind == "expression_list" and parent.parent is not None and (
            parent.parent.type in _ASSIGNMENTS
        ):
            holder = parent.parent
            if holder.child_by_field_name("right") == parent:
                return _Flow.LOCAL, (parent, node)
            return _Flow.LOCAL, None
        if kind == "expression_list" and parent.parent is not None and (
            parent.parent.type == "var_spec"
        ):
            return _Flow.LOCAL, (parent, node)
        return _Flow.LOCAL, None
    return _Flow.LOCAL, None


def _callee_kind(call: Node, packages: set[str]) -> str:
    function = call.child_by_field_name("function")
    if function is None:
        return "function"
    if function.type == "identifier":
        name = gosyntax.text(function)
        if name == "append":
            return "append"
        return "wrapper" if name.startswith(("New", "new")) else "function"
    if function.type != "selector_expression":
        return "function"
    field = gosyntax.text(function.child_by_field_name("field") or function)
    if field.startswith(("New", "new")) or field in _WRAPPERS:
        return "wrapper"
    operand = function.child_by_field_name("operand")
    is_package = operand is not None and operand.type == "identifier" and (
        gosyntax.text(operand) in packages
    )
    return "function" if is_package else "method"


# -- the fix -------------------------------------------------------------------------------

def _body_defers(ctx: FileContext, body: Node) -> list[_Deferred | None]:
    """Every defer that moves when ``body`` is wrapped (None: not a release of a value
    acquired in the body)."""
    return [_deferred(ctx, n, body) for n in gosyntax.walk(body, into_functions=False)
            if n.type == "defer_statement"]


def _labels(body: Node) -> set[str]:
    return {gosyntax.text(label) for n in gosyntax.walk(body, into_functions=False)
            if n.type == "labeled_statement" and (label := n.child_by_field_name("label"))}


def _jumps(body: Node) -> tuple[list[Node], list[Node]]:
    """(``continue`` statements of this loop, jumps that cannot leave a closure)."""
    inner_labels = _labels(body)
    continues: list[Node] = []
    blockers: list[Node] = []

    def visit(node: Node, in_loop: bool, in_breakable: bool) -> None:
        for child in node.named_children:
            kind = child.type
            label = next((c for c in child.named_children if c.type == "label_name"), None)
            target = gosyntax.text(label) if label is not None else None
            if kind == "func_literal":
                continue
            if kind == "continue_statement" and target is None and not in_loop:
                continues.append(child)
            elif kind in _JUMPS and (
                kind == "return_statement"
                or (target is None and kind == "break_statement" and not in_breakable)
                or (target is not None and target not in inner_labels)
            ):
                blockers.append(child)
            visit(child, in_loop or kind == "for_statement",
                  in_breakable or kind in _BREAKABLE)

    visit(body, False, False)
    return continues, blockers


def _fix(ctx: FileContext, deferred: _Deferred, loop: Node, body: Node,
         function: Node) -> Fix | None:
    continues, blockers = _jumps(body)
    verdict = _Verdict()
    moved = _body_defers(ctx, body)
    if any(d is None for d in moved):
        verdict.worsen(Safety.DISPLAY_ONLY, "other deferred calls in the body would move too")
    if any(d is not None and d.closure is not None and _calls_recover(d.closure)
           for d in moved):
        verdict.worsen(Safety.DISPLAY_ONLY, "a deferred recover would stop panics in each "
                                            "iteration instead of the function")
    for item in moved:
        if item is not None:
            _judge(ctx, item, body, function, verdict)
    wrap = _wrap_edit(ctx.source, body, continues)
    if blockers or wrap is None:
        explicit = _explicit_close(ctx, deferred, body, function, moved)
        if explicit is not None:
            return explicit
        if wrap is None:
            return None
        first = blockers[0]
        word = first.type.removesuffix("_statement")
        verdict.worsen(Safety.DISPLAY_ONLY,
                       f"rework the {word} on line {ctx.line_of(first.start_byte)}: "
                       "it cannot leave a closure")
    message = "wrap the loop body in func() { ... }() so deferred calls run every iteration"
    if continues:
        message += " (continue becomes return)"
    if verdict.reason:
        message += f"; {verdict.reason}"
    return Fix(message, (wrap,), verdict.safety)


def _calls_recover(node: Node) -> bool:
    return any(n.type == "call_expression" and gosyntax.text(
        n.child_by_field_name("function") or n) == "recover" for n in gosyntax.walk(node))


def _judge(ctx: FileContext, deferred: _Deferred, body: Node, function: Node,
           verdict: _Verdict) -> None:
    """Lower ``verdict`` for what moving ``deferred`` to the end of the iteration risks."""
    for resource in deferred.resources:
        if not resource.declared:
            verdict.worsen(Safety.DISPLAY_ONLY, f"{resource.name} is declared outside the "
                                                "loop and may be used after it")
        if resource.unknown_producer:
            verdict.worsen(Safety.UNSAFE, f"what {resource.name} releases is not known")
    where, ref = _escape(ctx, deferred, body, function)
    line = ctx.line_of(ref.start_byte) if ref is not None else 0
    if where is _Flow.HELD:
        verdict.worsen(Safety.DISPLAY_ONLY, f"the defer on line {line} releases a value "
                                            "that is only held, maybe on purpose")
    elif where is _Flow.STORED:
        verdict.worsen(Safety.DISPLAY_ONLY, f"the value kept on line {line} would be "
                                            "released at the end of its iteration")
    elif where is _Flow.CAPTURED:
        verdict.worsen(Safety.DISPLAY_ONLY, f"a goroutine or closure on line {line} may "
                                            "use the value after the iteration")
    elif where is _Flow.PASSED:
        verdict.worsen(Safety.UNSAFE, f"the call on line {line} may keep the value")
    if deferred.closure is not None:
        outer = _outer_reference(ctx, deferred, body)
        if outer is not None:
            verdict.worsen(Safety.UNSAFE, f"the deferred closure would use "
                                          f"{gosyntax.text(outer)} earlier")


def _outer_reference(ctx: FileContext, deferred: _Deferred, body: Node) -> Node | None:
    """An identifier in the deferred closure naming a local variable from outside the loop
    body whose value may differ between the end of the iteration and the function's
    return: one the closure or the function assigns, or a loop variable shared by all
    iterations (before Go 1.22)."""
    assert deferred.closure is not None
    per_iteration = ctx.go_version is not None and ctx.go_version >= (1, 22)
    for ident in gosyntax.walk(deferred.closure):
        if ident.type != "identifier":
            continue
        name = gosyntax.text(ident)
        scope = goscope.declaration_scope(deferred.stmt, name)
        if scope is None or _within(scope, body) or goscope.is_shadowed(ident, scope):
            continue
        if scope.type == "for_statement":
            inner = scope.child_by_field_name("body")
            if per_iteration and inner is not None and not _mutated(inner, name, scope):
                continue
            return ident
        if _mutated(scope, name, scope):
            return ident
    return None


def _mutated(within: Node, name: str, scope: Node) -> bool:
    """Whether the variable ``name`` of ``scope`` is assigned in ``within`` after its
    declaration."""
    refs = sorted(goscope.references(within, name, scope), key=lambda r: r.start_byte)
    if refs and within == scope and _declares(refs[0]):
        refs = refs[1:]
    return any(_reassigned(r) for r in refs)


def _declares(ident: Node) -> bool:
    parent = ident.parent
    if parent is None:
        return False
    if parent.type == "var_spec":
        return True
    holder = parent.parent
    return parent.type == "expression_list" and holder is not None and (
        holder.type == "short_var_declaration" and holder.child_by_field_name("left") == parent
    )


def _wrap_edit(source: bytes, body: Node, continues: list[Node]) -> TextEdit | None:
    """Replace the lines inside ``body``'s braces by ``func() { <them, indented> }()``."""
    _, start = gosyntax.line_bounds(source, body.start_byte)
    after_brace = source[body.start_byte + 1 : start].strip()
    if after_brace and not after_brace.startswith(b"//"):
        return None
    close = body.end_byte - 1
    end, _ = gosyntax.line_bounds(source, close)
    if source[end:close].strip() or end < start:
        return None
    indent = gosyntax.indentation(source, close)
    newline = gosyntax.newline_at(source, close)
    raw = [(n.start_byte, n.end_byte) for n in gosyntax.walk(body)
           if n.type == "raw_string_literal"]
    edits = sorted((c.start_byte, c.end_byte, "return") for c in continues)
    out = [f"{indent}\tfunc() {{{newline}"]
    offset = start
    for line in source[start:end].splitlines(keepends=True):
        text = _replace(source, offset, offset + len(line), edits)
        in_raw = any(s < offset < e for s, e in raw)
        out.append(text if in_raw or not line.strip() else "\t" + text)
        offset += len(line)
    out.append(f"{indent}\t}}(){newline}")
    return TextEdit(start, end, "".join(out))


def _replace(source: bytes, start: int, end: int, edits: list[tuple[int, int, str]]) -> str:
    parts: list[bytes] = []
    cursor = start
    for s, e, new in edits:
        if start <= s and e <= end:
            parts += [source[cursor:s], new.encode()]
            cursor = e
    parts.append(source[cursor:end])
    return b"".join(parts).decode("utf-8")


def _explicit_close(ctx: FileContext, deferred: _Deferred, body: Node, function: Node,
                    moved: list[_Deferred | None]) -> Fix | None:
    """Call the release at the end of the body instead, when nothing can leave the
    iteration after the defer and it is the body's only defer."""
    stmt = deferred.stmt
    parent = stmt.parent
    arguments = deferred.call.child_by_field_name("arguments")
    if deferred.closure is not None or len(moved) != 1 or parent is None or (
        parent.parent != body
    ) or (arguments is not None and any(  # evaluated at the defer: must not move
        n.type == "call_expression" for n in gosyntax.walk(arguments)
    )):
        return None
    siblings = [s for s in parent.named_children if s.type != "comment"]
    rest = siblings[siblings.index(stmt) + 1 :]
    names = goscope.names_in(deferred.call)
    for node in (n for s in rest for n in gosyntax.walk(s, into_functions=False)):
        if node.type in ("return_statement", "break_statement", "continue_statement",
                         "goto_statement", "go_statement", "func_literal") or (
            node.type == "expression_statement" and flow.is_terminating_call(node)
        ) or (node.type == "identifier" and gosyntax.text(node) in names
              and _reassigned(node)):
            return None
    verdict = _Verdict()
    _judge(ctx, deferred, body, function, verdict)
    call = gosyntax.text(deferred.call)
    if not rest:
        edits: tuple[TextEdit, ...] = (TextEdit(stmt.start_byte, deferred.call.start_byte, ""),)
    else:
        remove = _remove_statement(ctx.source, stmt)
        append = insertion.insert_lines_after(ctx.source, rest[-1], [call])
        if remove is None or append is None:
            return None
        edits = (remove, append)
    message = f"call {call} at the end of the loop body instead of deferring it"
    if verdict.reason:
        message += f"; {verdict.reason}"
    return Fix(message, edits, verdict.safety)


def _remove_statement(source: bytes, stmt: Node) -> TextEdit | None:
    """Delete ``stmt``'s line; a trailing comment stays behind on a line of its own."""
    line_start, line_end = gosyntax.line_bounds(source, stmt.start_byte)
    if source[line_start : stmt.start_byte].strip():
        return None
    tail = source[stmt.end_byte : line_end].strip()
    if not tail:
        return TextEdit(line_start, line_end, "")
    if not tail.startswith(b"//"):
        return None
    comment = stmt.end_byte + source[stmt.end_byte : line_end].index(b"//")
    return TextEdit(stmt.start_byte, comment, "")


def _reassigned(ident: Node) -> bool:
    """``ident`` is assigned to, incremented or has its address taken."""
    if _assigning_statement(ident) is not None:
        return True
    parent = ident.parent
    return parent is not None and (
        parent.type in ("inc_statement", "dec_statement")
        or (parent.type == "unary_expression" and gosyntax.text(parent).startswith("&"))
    )
