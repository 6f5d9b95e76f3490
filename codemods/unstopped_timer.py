"""unstopped-timer: a time.NewTimer that some way out of the function leaves armed."""

from __future__ import annotations

from collections.abc import Iterator

from fixer import timers
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding


class UnstoppedTimer(Codemod):
    """
    ## What it does
    Reports a timer from `time.NewTimer` that some way out of the function -- a return,
    the end of the function, the end of a loop iteration -- leaves without `Stop` and
    without having received from its channel, when the timer stays inside the function
    (not returned, stored, sent or handed to a goroutine).

    ## Why is this bad?
    Before Go 1.23 a timer that has not fired stays in the runtime's timer heap, with its
    channel, until it fires: a function that waits on a long timeout but usually returns
    early through another `select` case leaves one live timer behind per call, and a busy
    server piles up thousands of them. Go 1.23 collects unreferenced timers, stopped or not.

    ## Example
    ```go
    func await(ctx context.Context, done <-chan struct{}) error {
        t := time.NewTimer(time.Minute)
        select {
        case <-done:
            return nil // t stays armed for a minute
        case <-ctx.Done():
            return ctx.Err()
        case <-t.C:
            return errors.New("timed out")
        }
    }
    ```

    Use instead:
    ```go
    func await(ctx context.Context, done <-chan struct{}) error {
        t := time.NewTimer(time.Minute)
        defer t.Stop()
        ...
    }
    ```

    ## Fix safety
    The fix inserts `defer t.Stop()` right after `time.NewTimer`; Stop returns nothing
    useful here and stopping a fired or stopped timer is harmless, so the fix is safe when
    the timer stays inside the function. A path that has received from `t.C` counts as
    stopped (the timer has fired). A timer that is handed on on some path but not on
    another, or that is made inside a loop (a deferred Stop would wait for the function's
    return), is reported with a display-only fix.

    Go version: with `go 1.22` or older in the nearest go.mod every such timer is reported
    as a warning. With `go 1.23` or later, or no go.mod, an unstopped timer is garbage once
    the function is done with it, so only timers made inside a loop are reported, as notes
    (one timer per iteration that nobody stops is the pattern that leaked before, and the
    main module's go.mod, not a library's, decides which timers a program gets).
    """

    name = "unstopped-timer"
    fix_title = "stop timers on every path"
    triggers = (b"NewTimer",)
    query = timers.call_query("NewTimer")

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        return timers.unstopped_findings(self, ctx, match, "timer",
                                         new_timers_in_loops_only=True)
