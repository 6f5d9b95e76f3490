"""time-after-in-loop: time.After in a loop's select leaves a live timer per iteration."""

from __future__ import annotations

from collections.abc import Iterator

from fixer import goscope, gosyntax, release, timers
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety


class TimeAfterInLoop(Codemod):
    """
    ## What it does
    Reports `time.After(d)` evaluated on every iteration of a loop and received from in a
    `select` that has other cases (or a `default`), when the module's go.mod says
    `go 1.22` or older. A `select` that can only wait for the timer, and `<-time.After(d)`
    on its own, wait for the timer to fire and leave nothing behind: they are not reported.

    ## Why is this bad?
    Before Go 1.23 the timer behind `time.After` stays in the runtime's timer heap, with
    its channel, until it fires, even when another case won and nobody will ever receive
    from it. A loop that handles many messages with a long timeout piles up one live timer
    per message: with a one-minute timeout and ten thousand messages a second, six hundred
    thousand timers. Since Go 1.23 unreferenced timers are collected, so nothing is
    reported for newer modules, or when there is no go.mod, unless the rule option
    `report-style = true` asks for notes (without a fix).

    ## Example
    ```go
    func consume(ctx context.Context, in <-chan Msg) error {
        for {
            select {
            case m := <-in:
                handle(m)
            case <-time.After(time.Minute): // a new timer per message
                return errIdle
            case <-ctx.Done():
                return ctx.Err()
            }
        }
    }
    ```

    Use instead:
    ```go
    func consume(ctx context.Context, in <-chan Msg) error {
        for {
            timer := time.NewTimer(time.Minute)
            select {
            case m := <-in:
                timer.Stop()
                handle(m)
            case <-timer.C:
                return errIdle
            case <-ctx.Done():
                timer.Stop()
                return ctx.Err()
            }
        }
    }
    ```

    ## Fix safety
    The fix makes the timer just before the `select` (where `time.After` was evaluated)
    and stops it first thing in every other case, so each execution of the select still
    gets a fresh timer and channel, firing at the same moment as before, and no timer
    outlives its iteration. It does not hoist one timer out of the loop and `Reset` it:
    before Go 1.23 even `if !t.Stop() { <-t.C }` (or its non-blocking variant) can leave a
    stale value for the next iteration when the timer fires during the Stop, the race Go
    1.23's unbuffered timer channels removed. The fix is safe when the select has one
    `time.After`; it is unsafe when the duration has effects (a call, a receive) and a case
    above it has effects too (the duration is now evaluated first), and display-only with
    several `time.After` cases or a `goto` in the function (it might jump over the new
    declaration). `time.After` assigned to a variable in the loop and received from later
    is reported without a fix.
    """

    name = "time-after-in-loop"
    fix_title = "stop per-iteration timers in select loops"
    triggers = (b"After(",)
    requires = (b"for",)
    query = timers.call_query("After")

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        call = match["call"][0]
        if not timers.is_time(ctx, match["pkg"][0]) or timers.loop_around(call) is None:
            return
        sc = timers.receiving_case(call)
        if sc is not None:
            if len(timers.cases(sc.select)) < 2:
                return  # waits for the timer: it fires and is gone
        elif not _received_in_select_later(call):
            return
        after = f"{gosyntax.text(match['pkg'][0])}.After"
        if not timers.old_timers(ctx.go_version):
            if self.options.get("report-style"):
                yield timers.style_note(self, ctx, call, f"{after} in a loop makes a timer per "
                                        "iteration (collected once unreferenced since Go 1.23)")
            return
        message = (f"{after} in a loop: before Go 1.23 each iteration's timer stays alive "
                   "until it fires, even when another case won")
        fix = self._fix(ctx, call, sc) if sc is not None else None
        yield self.finding(ctx, call, message, fix)

    def _fix(self, ctx: FileContext, call: Node, sc: timers.SelectCase) -> Fix | None:
        function = gosyntax.enclosing_function(call)
        duration = timers.argument(call)
        fn = call.child_by_field_name("function")
        qualifier = fn.child_by_field_name("operand") if fn is not None else None
        if function is None or duration is None or qualifier is None:
            return None
        time_name = gosyntax.text(qualifier)
        name = goscope.fresh_name("timer", function, ctx.tree.root_node)
        edits = timers.per_select_timer(ctx, sc, call, name, "NewTimer", stop_own_case=False)
        if edits is None:
            return None
        concerns: list[timers.Concern] = []
        if sum(1 for _ in timers.calls_in_headers(sc.select, time_name, "After")) > 1:
            concerns.append((Safety.DISPLAY_ONLY, "one timer per time.After of the select"))
        if timers.has_goto(function):
            concerns.append((Safety.DISPLAY_ONLY, "a goto may jump over the new declaration"))
        if timers.has_effects(duration, time_name) and timers.evaluated_before(sc, time_name):
            concerns.append((Safety.UNSAFE, "the duration is now evaluated before the cases "
                                            "above it"))
        return timers.fix_with_concerns(
            f"make {name} before the select and stop it when another case wins", edits, concerns)


def _received_in_select_later(call: Node) -> bool:
    """``timeout := time.After(d)`` whose variable a select with other cases receives from."""
    acq = release.acquisition_of(call)
    scope = release.variable_scope(acq) if acq is not None else None
    if acq is None or scope is None or acq.err is not None or acq.target.type != "identifier":
        return False
    for ref in release.references_after(acq, scope):
        sc = timers.receiving_case(ref)
        if sc is not None and len(timers.cases(sc.select)) > 1:
            return True
    return False
