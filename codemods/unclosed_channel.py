"""unclosed-channel: a channel ranged over by a consumer that its sole producer never closes."""

from __future__ import annotations

from collections.abc import Iterator

from fixer import flow, goscope, gosyntax, insertion
from fixer.codemod import GO_STATEMENT, Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety

_KNOWN_OPS = frozenset({"send", "receive", "range", "inspect"})


class UnclosedChannel(Codemod):
    """
    ## What it does
    Reports a `for v := range ch` over a channel made in the same function when the
    goroutines that fill it (`go func() { for ... { ch <- v } }()`) never close it and
    nothing else does: the range has no other way out.

    ## Why is this bad?
    A range over a channel ends only when the channel is closed. Once the producer has
    sent its last value the consumer waits forever, and with it the goroutine or request
    that runs it, plus everything it holds. In a test this shows up as a hang; in a
    service as goroutines that pile up one per call.

    ## Example
    ```go
    func collect(items []string) []string {
        ch := make(chan string)
        go func() {
            for _, it := range items {
                ch <- strings.ToUpper(it)
            }
        }()
        var out []string
        for v := range ch { // never ends
            out = append(out, v)
        }
        return out
    }
    ```

    Use instead:
    ```go
    func collect(items []string) []string {
        ch := make(chan string)
        go func() {
            defer close(ch)
            for _, it := range items {
                ch <- strings.ToUpper(it)
            }
        }()
        ...
    }
    ```

    ## Fix safety
    This is GFix's second strategy (ASPLOS 2021): move the unblocking operation into a
    defer, so the producer closes the channel however it ends. The fix inserts
    `defer close(ch)` at the top of the producer goroutine and is safe when exactly one
    goroutine, started once, sends on the channel, nothing else sends on it and nothing
    closes it anywhere (closing twice, or sending after the close, would panic). With
    several producers, or other send sites, the finding is reported with a display-only
    suggestion (close after a `sync.WaitGroup` wait). Channels that are passed to other
    functions, returned or stored are not reported: someone else may close them, and so
    are ranges that have a `break` or `return` of their own.
    """

    name = "unclosed-channel"
    fix_title = "close channels when their producer is done"
    triggers = (b"chan",)
    requires = (b"make", b"range")
    patterns = (GO_STATEMENT,)
    query = goscope.MAKE_CHAN_QUERY

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        chan = goscope.made_channel(match)
        if chan is None:
            return
        uses = goscope.channel_uses(chan.stmt, chan.name, chan.scope)
        if any(u.in_closure or u.op not in _KNOWN_OPS for u in uses):
            return  # closed somewhere, or handed to code that may close it
        hanging = [u for u in uses if u.op == "range" and _never_ends(u.ref)]
        producers = {u.goroutine.id: u.goroutine for u in uses
                     if u.op == "send" and u.goroutine is not None}
        if not hanging or not producers:
            return
        consumer = hanging[0]
        if consumer.goroutine is not None and consumer.goroutine.id in producers:
            return  # a goroutine feeding itself: not the producer/consumer shape
        go_stmt = next(iter(producers.values()))
        loop = consumer.ref.parent.parent if consumer.ref.parent is not None else None
        if loop is None or loop.type != "for_statement":
            return
        if len(producers) == 1 and gosyntax.inside_loop(go_stmt, chan.scope):
            who = (f"the goroutines started in a loop on line {ctx.line_of(go_stmt.start_byte)} "
                   "send on it")
        elif len(producers) == 1:
            who = f"the goroutine started on line {ctx.line_of(go_stmt.start_byte)} sends on it"
        else:
            who = f"{len(producers)} goroutines send on it"
        message = (f"range over {chan.name} never ends: {who} but nothing closes it "
                   "(goroutine leak)")
        yield self.finding(ctx, loop, message, self._fix(ctx, chan, uses, producers))

    @staticmethod
    def _fix(ctx: FileContext, chan: goscope.MadeChannel, uses: list[goscope.ChannelUse],
             producers: dict[int, Node]) -> Fix | None:
        problem = None
        go_stmt = next(iter(producers.values()))
        if len(producers) > 1 or gosyntax.inside_loop(go_stmt, chan.scope):
            problem = "several goroutines send on it"
        elif any(u.op == "send" and u.goroutine is None for u in uses):
            problem = "it is also sent on outside the producer"
        elif any(u.goroutine == go_stmt and u.op != "send" for u in uses):
            problem = "the producer also receives from it"
        if problem is not None:
            return Fix(f"close {chan.name} once every send is done, e.g. after a "
                       f"sync.WaitGroup's Wait ({problem})", (), Safety.DISPLAY_ONLY)
        literal = next(c.child_by_field_name("function") for c in go_stmt.named_children
                       if c.type == "call_expression")
        body = literal.child_by_field_name("body") if literal is not None else None
        stmts = gosyntax.statements(body) if body is not None else []
        alias = next(u.name for u in uses if u.goroutine == go_stmt)
        edit = insertion.insert_lines_before(ctx.source, stmts[0],
                                             [f"defer close({alias})"]) if stmts else None
        if edit is None:
            return None
        return Fix(f"defer close({alias}) at the top of the producer goroutine", (edit,))


def _never_ends(ref: Node) -> bool:
    """Whether the range loop over ``ref`` has no way out of its own."""
    clause = ref.parent
    loop = clause.parent if clause is not None else None
    return loop is not None and loop.type == "for_statement" and flow.has_way_out(loop) is False
