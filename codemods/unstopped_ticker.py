"""unstopped-ticker: a time.NewTicker that some way out of the function leaves running."""

from __future__ import annotations

from collections.abc import Iterator

from fixer import timers
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding


class UnstoppedTicker(Codemod):
    """
    ## What it does
    Reports a ticker from `time.NewTicker` that some way out of the function -- a return,
    the end of the function, the end of a loop iteration -- leaves without `Stop`, when the
    ticker stays inside the function (not returned, stored, sent or handed to a goroutine).

    ## Why is this bad?
    Before Go 1.23 a ticker that is not stopped is never garbage-collected: it keeps
    firing, and keeps its channel and timer in the runtime, for the rest of the process.
    A function called once per request or per connection leaks one ticker each time. Since
    Go 1.23 (the `go` line of the main module's go.mod) an unreferenced ticker is
    collected, but one that is still referenced keeps ticking, and `Stop` stays the
    documented way to say the ticker is no longer needed.

    ## Example
    ```go
    func poll(ctx context.Context, check func() bool) error {
        t := time.NewTicker(time.Second)
        for {
            select {
            case <-ctx.Done():
                return ctx.Err() // t keeps ticking
            case <-t.C:
                if check() {
                    return nil
                }
            }
        }
    }
    ```

    Use instead:
    ```go
    func poll(ctx context.Context, check func() bool) error {
        t := time.NewTicker(time.Second)
        defer t.Stop()
        ...
    }
    ```

    ## Fix safety
    The fix inserts `defer t.Stop()` right after `time.NewTicker` (Stop returns nothing,
    so there is no error to keep; stopping twice is harmless). It is safe because the
    ticker is used only inside the function. A ticker that is handed on on some path but
    not on another, or that is made inside a loop (a deferred Stop would wait for the
    function's return), is reported with a display-only fix. A ticker whose channel a
    goroutine ranges over is not reported: `Stop` does not close `C`, so stopping it would
    leave that goroutine blocked for ever. A function that ranges over `t.C` and never
    breaks out of the loop never returns, and is not reported either.

    Severity: a warning when the nearest go.mod says `go 1.22` or older (the ticker is
    never collected), a note otherwise (including when there is no go.mod): Go 1.23 and
    later collect unreferenced tickers, and it is the main module's go.mod that decides, so
    a library cannot tell for sure.
    """

    name = "unstopped-ticker"
    fix_title = "stop tickers on every path"
    triggers = (b"NewTicker",)
    query = timers.call_query("NewTicker")

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        return timers.unstopped_findings(self, ctx, match, "ticker",
                                         new_timers_in_loops_only=False)
