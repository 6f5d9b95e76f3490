"""time-tick-leak: time.Tick in a function that can return (its ticker can never be stopped)."""

from __future__ import annotations

from collections.abc import Iterator

from fixer import goscope, gosyntax, insertion, release, timers
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety

_BASE_NAME = "ticker"


class TimeTickLeak(Codemod):
    """
    ## What it does
    Reports `time.Tick` in a function that can return or move on (to its next loop
    iteration) after calling it, when the module's go.mod says `go 1.22` or older.
    `main`, `init`, test files and functions that never return (their only way out is an
    endless loop) are left alone: there the ticker lives as long as it is needed anyway.

    ## Why is this bad?
    `time.Tick` wraps a `time.NewTicker` whose `Stop` nobody can call. Before Go 1.23 such
    a ticker is never garbage-collected: it keeps firing for the rest of the process, and
    a function that calls `time.Tick` and returns leaks one ticker per call. Since Go 1.23
    an unreferenced ticker is collected and `time.Tick` is fine (so these are not reported
    unless the rule option `report-style = true` asks for notes without a fix).

    ## Example
    ```go
    func waitReady(ctx context.Context, ready func() bool) error {
        for range time.Tick(100 * time.Millisecond) {
            if ready() {
                return nil // the ticker is never stopped
            }
            if ctx.Err() != nil {
                return ctx.Err()
            }
        }
        return nil
    }
    ```

    Use instead:
    ```go
    func waitReady(ctx context.Context, ready func() bool) error {
        ticker := time.NewTicker(100 * time.Millisecond)
        defer ticker.Stop()
        for range ticker.C {
            ...
        }
        return nil
    }
    ```

    ## Fix safety
    `for range time.Tick(d)` and `c := time.Tick(d)` (or `c = ...`, `var c = ...`) become
    `ticker := time.NewTicker(d)` and `defer ticker.Stop()` before the statement, with
    `ticker.C` in place of the call (a fresh name when `ticker` is taken).
    `case <-time.Tick(d):` in a `select` becomes a ticker made just before the select and
    stopped first thing in every case. The rewrite keeps the channel type
    (`<-chan time.Time`). It is safe when `d` is an obviously positive constant
    (`time.Tick` returns nil for `d <= 0`, where `time.NewTicker` panics; otherwise it is
    unsafe), when the channel stays in the function (passed to a function it is unsafe;
    returned, stored, sent or captured by a goroutine, stopping it at return would starve
    whoever keeps it: display-only), and outside loops (a defer in a loop waits for the
    function's return: display-only). Any other use, like `return time.Tick(d)`, is
    reported without a fix.
    """

    name = "time-tick-leak"
    fix_title = "replace time.Tick with a ticker that is stopped"
    triggers = (b"Tick(",)
    query = timers.call_query("Tick")

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        call = match["call"][0]
        if not timers.is_time(ctx, match["pkg"][0]) or ctx.path.endswith("_test.go"):
            return
        old = timers.old_timers(ctx.go_version)
        if not old and not self.options.get("report-style"):
            return
        function = gosyntax.enclosing_function(call)
        body = function.child_by_field_name("body") if function is not None else None
        stmt = timers.statement_of(call)
        if function is None or body is None or stmt is None or _lives_for_ever(ctx, function):
            return
        acq = release.acquisition_of(call)
        variable = acq if acq is not None and acq.target.type == "identifier" and (
            acq.stmt == stmt) else None
        scope = release.variable_scope(variable) if variable is not None else None

        def endless(node: Node) -> bool:
            if node == call:
                return True
            return variable is not None and scope is not None and node.type == "identifier" \
                and next(goscope.references(node, variable.name, scope), None) is not None

        if not timers.can_leave(stmt, body, endless):
            return
        if not old:
            yield timers.style_note(self, ctx, call, "time.Tick in a function that can return: "
                                    "since Go 1.23 its ticker is collected once unreferenced")
            return
        message = (f"{gosyntax.text(call.child_by_field_name('function') or call)} leaks its "
                   "ticker: this function can return, and before Go 1.23 a ticker that is "
                   "not stopped is never collected")
        yield self.finding(ctx, call, message, self._fix(ctx, call, stmt, function))

    def _fix(self, ctx: FileContext, call: Node, stmt: Node, function: Node) -> Fix | None:
        duration = timers.argument(call)
        fn = call.child_by_field_name("function")
        qualifier = fn.child_by_field_name("operand") if fn is not None else None
        if duration is None or qualifier is None:
            return None
        time_name = gosyntax.text(qualifier)
        name = goscope.fresh_name(_BASE_NAME, function, ctx.tree.root_node)
        concerns: list[timers.Concern] = []
        if timers.has_goto(function):
            concerns.append((Safety.DISPLAY_ONLY, "a goto may jump over the new declaration"))
        if not timers.is_positive_constant(duration, time_name):
            concerns.append((Safety.UNSAFE, "time.NewTicker panics where time.Tick returns "
                                            "nil, for a duration <= 0"))
        sc = timers.receiving_case(call)
        if sc is not None:
            edits = timers.per_select_timer(ctx, sc, call, name, "NewTicker", stop_own_case=True)
            if edits is None:
                return None
            if sum(1 for _ in timers.calls_in_headers(sc.select, time_name, "Tick")) > 1:
                concerns.append((Safety.DISPLAY_ONLY, "one ticker per time.Tick of the select"))
            if timers.has_effects(duration, time_name) and timers.evaluated_before(sc, time_name):
                concerns.append((Safety.UNSAFE, "the duration is now evaluated before the "
                                                "cases above it"))
            return timers.fix_with_concerns(
                f"use a {name} made before the select and stopped in every case", edits,
                concerns)
        if not _plain_use(call, stmt):
            return None
        if timers.loop_around(stmt) is not None:
            concerns.append((Safety.DISPLAY_ONLY, "inside a loop: stop the ticker before the "
                                                  "end of each iteration instead"))
        concerns += _escapes(call, stmt, function)
        before = insertion.insert_lines_before(ctx.source, stmt, [
            f"{name} := {time_name}.NewTicker({gosyntax.text(duration)})",
            f"defer {name}.Stop()",
        ])
        if before is None:
            return None
        if stmt.type == "labeled_statement":
            concerns.append((Safety.DISPLAY_ONLY, "move the new lines above the label"))
        return timers.fix_with_concerns(
            f"use {name} := {time_name}.NewTicker(...) and defer {name}.Stop()",
            [before, insertion.replace_node(call, f"{name}.C")], concerns)


def _plain_use(call: Node, stmt: Node) -> bool:
    """``for ... range time.Tick(d) {``, ``c := time.Tick(d)``, ``c = ...``, ``var c = ...``."""
    inner = stmt.named_children[-1] if stmt.type == "labeled_statement" else stmt
    if inner.type == "for_statement":
        clause = next((c for c in inner.named_children if c.type == "range_clause"), None)
        return clause is not None and clause.child_by_field_name("right") == call
    acq = release.acquisition_of(call)
    return acq is not None and acq.stmt == stmt and acq.err is None and (
        acq.target.type == "identifier"
    )


def _escapes(call: Node, stmt: Node, function: Node) -> list[timers.Concern]:
    """How far the tick channel held in a variable leaves the function."""
    acq = release.acquisition_of(call)
    scope = release.variable_scope(acq) if acq is not None and acq.stmt == stmt else None
    if acq is None or scope is None:
        return []
    concerns: list[timers.Concern] = []
    for ref in release.references_after(acq, scope):
        # A channel has no methods: with ("Stop",) no reference counts as a release.
        if release.classify_owned(ref, ("Stop",), function) is not release.Use.ESCAPE:
            continue
        parent = ref.parent
        if parent is not None and parent.type == "argument_list" and not (
            timers.in_goroutine_or_closure(ref, function)
        ):
            concerns.append((Safety.UNSAFE, f"{acq.name} is passed to a function that may keep "
                                            "it"))
        else:
            concerns.append((Safety.DISPLAY_ONLY, f"{acq.name} is handed on: stop the ticker "
                                                  "when its last user is done"))
    return concerns


def _lives_for_ever(ctx: FileContext, function: Node) -> bool:
    """``func init()`` and ``main`` in package main run once and never hand control back."""
    if function.type != "function_declaration":
        return False
    name = function.child_by_field_name("name")
    text = gosyntax.text(name) if name is not None else ""
    if text == "init":
        return True
    package = next((c for c in ctx.tree.root_node.named_children
                    if c.type == "package_clause"), None)
    return text == "main" and package is not None and gosyntax.text(package).split()[-1] == "main"
