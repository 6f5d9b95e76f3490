"""blocked-send: a goroutine's send on an unbuffered channel that nobody may receive."""

from __future__ import annotations

from collections.abc import Iterator

from fixer import flow, goscope, gosyntax
from fixer.codemod import GO_STATEMENT, Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety, TextEdit


class BlockedSend(Codemod):
    """
    ## What it does
    Reports a goroutine that sends its result on an unbuffered channel
    (`ch := make(chan T)`) when the function that made the channel can return without
    receiving from it: a `select` that gives up on a timeout or `ctx.Done()`, or an early
    error return before the receive.

    ## Why is this bad?
    A send on an unbuffered channel waits until someone receives. Once the receiving
    function has returned, nobody ever will: the goroutine blocks forever, keeping its
    stack and everything it references. Timeouts are exactly the paths taken under load,
    so a service leaks a goroutine per slow request when it can least afford it.

    ## Example
    ```go
    func lookup(ctx context.Context, key string) (string, error) {
        ch := make(chan string)
        go func() {
            ch <- slowLookup(key)
        }()
        select {
        case v := <-ch:
            return v, nil
        case <-ctx.Done():
            return "", ctx.Err() // the goroutine's send now blocks forever
        }
    }
    ```

    Use instead:
    ```go
    func lookup(ctx context.Context, key string) (string, error) {
        ch := make(chan string, 1)
        ...
    }
    ```

    ## Fix safety
    This is GFix's first strategy (ASPLOS 2021): give the channel a buffer of one so the
    single send completes whether or not anyone receives. The fix is safe when the channel
    is made in the same function and stays there (only received from, never returned,
    stored or passed on), exactly one goroutine sends on it, and that goroutine sends at
    most once and then ends (so nothing it does after the send relied on the receiver
    having taken the value). Otherwise -- several senders, a send in a loop, a channel
    that escapes -- the finding is reported with a display-only suggestion: a buffer of
    one is not enough there, and the senders should select on cancellation instead.
    """

    name = "blocked-send"
    fix_title = "buffer result channels so senders never block"
    triggers = (b"chan",)
    requires = (b"make", b"<-")
    patterns = (GO_STATEMENT,)
    query = goscope.MAKE_CHAN_QUERY

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        chan = goscope.made_channel(match)
        if chan is None or (chan.capacity is not None and gosyntax.text(chan.capacity) != "0"):
            return  # buffered: a blocked send is a different (capacity) question
        uses = goscope.channel_uses(chan.stmt, chan.name, chan.scope)
        if any(u.in_closure for u in uses):
            return  # a closure or nested goroutine uses it: beyond a syntax-only view
        in_goroutines = [u for u in uses if u.goroutine is not None]
        if any(u.op not in ("send", "close") for u in in_goroutines):
            return  # goroutines also receive from it: not a one-way result channel
        blocking = [u for u in in_goroutines if u.op == "send" and not _has_alternatives(u.ref)]
        if not blocking:
            return
        # Nodes holding a use outside the goroutines: one climb per use, so asking about
        # each of n nested loops is not n walks of their bodies (quadratic).
        root = ctx.tree.root_node
        holding = {n.id for u in uses if u.goroutine is None
                   for n in [u.ref, *gosyntax.ancestors(u.ref, root), root]}

        def is_use(node: Node) -> bool:
            if node.id in holding:
                return True
            # A loop that receives in its body is taken to run: counted fan-in loops
            # (`for i := 0; i < n; i++ { <-done }`) receive once per sender.
            loop = _loop_of_header(node)
            body = loop.child_by_field_name("body") if loop is not None else None
            return body is not None and is_use(body)

        sender = blocking[0].goroutine
        assert sender is not None
        exits = flow.unused_exits(sender, chan.scope, is_use)
        loop = _outermost_loop(sender, chan.scope)
        if exits and loop is not None and any(e.kind == flow.ITERATION for e in exits):
            # Started in a loop and not received in the same iteration: the receive may
            # come after the loop (fan-in), so ask what happens from there instead.
            after = flow.unused_exits(loop, chan.scope, is_use)
            exits = None if after is None else [
                e for e in exits if e.kind != flow.ITERATION] + after
        if not exits:
            return
        exit_ = exits[0]
        where = {
            flow.RETURN: f"the return on line {ctx.line_of(exit_.offset)} leaves without "
                         "receiving",
            flow.END: "the function can end without receiving",
            flow.ITERATION: "a loop iteration can end without receiving",
            flow.SCOPE: "the function can end without receiving"
            if chan.scope.parent is not None and chan.scope.parent.type in gosyntax.FUNCTION_TYPES
            else "the end of the block is reached without receiving",
        }.get(exit_.kind, "some path leaves without receiving")
        message = (f"send on unbuffered channel {chan.name} blocks forever once its receiver has "
                   f"gone: {where} (goroutine leak)")
        send = blocking[0].ref.parent
        assert send is not None
        yield self.finding(ctx, send, message, self._fix(chan, uses))

    @staticmethod
    def _fix(chan: goscope.MadeChannel, uses: list[goscope.ChannelUse]) -> Fix:
        if chan.capacity is not None:
            edit = TextEdit(chan.capacity.start_byte, chan.capacity.end_byte, "1")
        else:
            edit = TextEdit(chan.channel_type.end_byte, chan.channel_type.end_byte, ", 1")
        message = f"make {chan.name} buffered (capacity 1) so the single send never blocks"
        senders = {u.goroutine.id: u.goroutine for u in uses if u.goroutine is not None}
        sends = [u for u in uses if u.op == "send"]
        problem = None
        if len(senders) != 1 or any(gosyntax.inside_loop(g, chan.scope) for g in senders.values()):
            problem = "several goroutines send on it"
        elif any(u.goroutine is None for u in sends) or not all(_ends_after(u.ref) for u in sends):
            problem = "it is sent on more than once"
        elif any(u.op == "close" for u in uses):
            problem = "the sender also closes it"
        elif any(u.goroutine is None and u.op != "receive" for u in uses):
            problem = "it is handed on or ranged over, not just received from"
        if problem is None:
            return Fix(message, (edit,))
        return Fix(f"let each send select on cancellation, or give {chan.name} room for every "
                   f"send ({problem}: a buffer of one is not enough)", (), Safety.DISPLAY_ONLY)


def _has_alternatives(ref: Node) -> bool:
    """A send that is one case of a select with other cases (or a default) does not block
    forever on its own."""
    send = ref.parent
    case = send.parent if send is not None else None
    select = case.parent if case is not None and case.type == "communication_case" else None
    if select is None or select.type != "select_statement":
        return False
    return len([c for c in select.named_children
                if c.type in ("communication_case", "default_case")]) > 1


def _loop_of_header(node: Node) -> Node | None:
    """The for statement whose header (condition, init, range operand) ``node`` is."""
    parent = node.parent
    if parent is not None and parent.type in ("for_clause", "range_clause"):
        parent = parent.parent
    if parent is None or parent.type != "for_statement" or parent.child_by_field_name(
            "body") == node:
        return None
    return parent


def _outermost_loop(node: Node, scope: Node) -> Node | None:
    """The outermost loop between ``node`` and ``scope`` (the statement to analyse from
    when goroutines are started in a loop), or None."""
    found = None
    for current in gosyntax.ancestors(node, scope):
        if current.type in gosyntax.LOOP_TYPES:
            found = current
    if found is not None and found.parent is not None and found.parent.type == "labeled_statement":
        return found.parent
    return found


def _ends_after(ref: Node) -> bool:
    """Whether the goroutine ends right after this send: no loop around it and only a
    ``return`` (or nothing) after it, up to the goroutine's function body."""
    node = ref.parent
    while node is not None:
        parent = node.parent
        if parent is None or parent.type == "for_statement":
            return False
        if parent.type == "func_literal":
            return True
        if parent.type == "statement_list":
            rest = [s for s in parent.named_children
                    if s.start_byte >= node.end_byte and s.type != "comment"]
            if rest:
                return rest[0].type == "return_statement"
        node = parent
    return False
