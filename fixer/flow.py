"""Must-use path analysis over Go's structured statements.

The question every "not released on every path" rule asks: starting right
after an acquisition statement, is there a way out -- a ``return``, falling off
the end of the function, the end of a loop iteration, leaving the variable's
scope -- on which the resource was never *used*?  Like go vet's lostcancel,
"used" is decided by a predicate over subtrees (any reference counts, so a
value that is returned, stored or captured is not reported).

Go has no irreducible control flow except ``goto``; with the statement forms
below the analysis is exact over the syntax tree without building a CFG.
``goto`` makes it give up (``None``): precision matters more than recall.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from fixer import gosyntax
from fixer.gosyntax import Node

UsePredicate = Callable[[Node], bool]

NORMAL = "normal"
RETURN = "return"
END = "end of function"
ITERATION = "end of loop iteration"
SCOPE = "end of scope"
BREAK = "break"
CONTINUE = "continue"
FALLTHROUGH = "fallthrough"

_SIMPLE = frozenset({
    "expression_statement", "assignment_statement", "short_var_declaration",
    "inc_statement", "dec_statement", "send_statement", "var_declaration",
    "const_declaration", "type_declaration", "defer_statement", "go_statement",
    "empty_statement",
})
_SWITCHES = frozenset({"expression_switch_statement", "type_switch_statement"})
_CASES = frozenset({"expression_case", "type_case", "default_case", "communication_case"})
_TERMINATING_QUALIFIED = {("os", "Exit"), ("runtime", "Goexit")}
_TERMINATING_METHODS = frozenset({
    "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln", "FailNow", "SkipNow",
    "Skip", "Skipf",
})


class GiveUp(Exception):
    """The analysis cannot be exact here (goto, an unexpected construct)."""


@dataclass(frozen=True)
class Exit:
    kind: str
    offset: int
    label: str | None = None


def _label_of(node: Node) -> str | None:
    label = next((c for c in node.named_children if c.type == "label_name"), None)
    return gosyntax.text(label) if label is not None else None


def is_terminating_call(stmt: Node) -> bool:
    """panic(...), os.Exit, runtime.Goexit, log.Fatal*, t.Fatal*, t.FailNow, ..."""
    if stmt.type != "expression_statement" or not stmt.named_children:
        return False
    call = stmt.named_children[0]
    if call.type != "call_expression":
        return False
    func = call.child_by_field_name("function")
    if func is None:
        return False
    if func.type == "identifier":
        return gosyntax.text(func) == "panic"
    if func.type != "selector_expression":
        return False
    operand = func.child_by_field_name("operand")
    field = func.child_by_field_name("field")
    name = gosyntax.text(field) if field is not None else ""
    qualifier = gosyntax.text(operand) if operand is not None else ""
    return (qualifier, name) in _TERMINATING_QUALIFIED or name in _TERMINATING_METHODS


# A step of the analysis of one statement: it yields the (statement, label) pairs whose
# exits it needs and receives each one's exits back; its return value is its own exits.
_Step = Generator[tuple[Node, str | None], set[Exit], set[Exit]]
_T = TypeVar("_T")


class _Analysis:
    """Exits of statements, computed without recursion in Python.

    Each nested statement is a step on an explicit stack (``_drive``), so the nesting
    depth of the input (2000 nested ifs are valid Go) never reaches Python's recursion
    limit. ``yield from`` only delegates within one statement (a block to its sequence,
    a switch to its cases), never across nesting levels.
    """

    def __init__(self, is_use: UsePredicate) -> None:
        self.is_use = is_use

    def _drive(self, step: Generator[tuple[Node, str | None], set[Exit], _T]) -> _T:
        stack: list[Generator[tuple[Node, str | None], set[Exit], Any]] = [step]
        value: Any = None  # None starts a fresh step
        while True:
            try:
                node, label = stack[-1].send(value)
            except StopIteration as done:
                stack.pop()
                if not stack:
                    result: _T = done.value
                    return result
                value = done.value
                continue
            except RecursionError as exc:
                # Predicates may analyse nested code in turn (loops over endless
                # channels, one analysis per level): deep enough, that is unsure.
                raise GiveUp("nested too deeply") from exc
            stack.append(self._stmt(node, label))
            value = None

    def seq(self, stmts: Iterable[Node]) -> set[Exit]:
        return self._drive(self._seq(stmts))

    def stmt(self, node: Node, label: str | None = None) -> set[Exit]:
        return self._drive(self._stmt(node, label))

    def if_stmt(self, node: Node, skip_init: bool) -> set[Exit]:
        return self._drive(self._if(node, skip_init))

    def case_exits(self, cases: list[Node]) -> list[set[Exit]]:
        return self._drive(self._cases(cases))

    def switch_stmt(self, node: Node, label: str | None, skip_init: bool) -> set[Exit]:
        return self._drive(self._switch(node, label, skip_init))

    def _seq(self, stmts: Iterable[Node]) -> _Step:
        out: set[Exit] = set()
        for stmt in stmts:
            exits = yield stmt, None
            out |= {e for e in exits if e.kind != NORMAL}
            if not any(e.kind == NORMAL for e in exits):
                return out
        out.add(Exit(NORMAL, 0))
        return out

    def _stmt(self, node: Node, label: str | None) -> _Step:
        kind = node.type
        if kind in _SIMPLE:
            if self.is_use(node) or is_terminating_call(node):
                return set()
            return {Exit(NORMAL, 0)}
        if kind == "return_statement":
            return set() if self.is_use(node) else {Exit(RETURN, node.start_byte)}
        if kind == "block":
            return (yield from self._seq(gosyntax.statements(node)))
        if kind == "if_statement":
            return (yield from self._if(node, skip_init=False))
        if kind == "for_statement":
            return (yield from self._for(node, label))
        if kind in _SWITCHES or kind == "select_statement":
            return (yield from self._switch(node, label, skip_init=False))
        if kind == "labeled_statement":
            inner = node.named_children[-1]
            own = _label_of(node)
            exits = yield inner, own
            return {Exit(NORMAL, 0) if e.kind == BREAK and e.label == own else e for e in exits}
        if kind == "break_statement":
            return {Exit(BREAK, node.start_byte, _label_of(node))}
        if kind == "continue_statement":
            return {Exit(CONTINUE, node.start_byte, _label_of(node))}
        if kind == "fallthrough_statement":
            return {Exit(FALLTHROUGH, node.start_byte)}
        if kind == "goto_statement":
            raise GiveUp("goto")
        if kind == "comment":
            return {Exit(NORMAL, 0)}
        return set() if self.is_use(node) else {Exit(NORMAL, 0)}

    def _if(self, node: Node, skip_init: bool) -> _Step:
        init = node.child_by_field_name("initializer")
        cond = node.child_by_field_name("condition")
        if (not skip_init and init is not None and self.is_use(init)) or (
            cond is not None and self.is_use(cond)
        ):
            return set()
        consequence = node.child_by_field_name("consequence")
        alternative = node.child_by_field_name("alternative")
        exits = (yield consequence, None) if consequence is not None else {Exit(NORMAL, 0)}
        exits |= (yield alternative, None) if alternative is not None else {Exit(NORMAL, 0)}
        return exits

    def _for(self, node: Node, label: str | None) -> _Step:
        body = node.child_by_field_name("body")
        header = [c for c in node.named_children if c != body and c.type != "comment"]
        has_exit_condition = False
        for part in header:
            if part.type == "for_clause":
                init = part.child_by_field_name("initializer")
                cond = part.child_by_field_name("condition")
                if (init is not None and self.is_use(init)) or (
                    cond is not None and self.is_use(cond)
                ):
                    return set()
                has_exit_condition = cond is not None
            elif part.type == "range_clause":
                right = part.child_by_field_name("right")
                if right is not None and self.is_use(right):
                    return set()
                has_exit_condition = True
            else:  # a bare condition: `for cond {`
                if self.is_use(part):
                    return set()
                has_exit_condition = True
        out = {Exit(NORMAL, 0)} if has_exit_condition else set()
        for exit_ in (yield body, None) if body is not None else set():
            targets_this = exit_.label is None or exit_.label == label
            if exit_.kind == BREAK and targets_this:
                out.add(Exit(NORMAL, 0))
            elif (exit_.kind == CONTINUE and targets_this) or exit_.kind == NORMAL:
                continue
            else:
                out.add(exit_)
        return out

    def _cases(self, cases: list[Node]) -> Generator[tuple[Node, str | None], set[Exit],
                                                     list[set[Exit]]]:
        """Exits of each case body, with ``fallthrough`` continued into the next case."""
        results: list[set[Exit]] = [set() for _ in cases]
        for i in range(len(cases) - 1, -1, -1):
            case = cases[i]
            comm = case.child_by_field_name("communication")
            if comm is not None and self.is_use(comm):
                continue
            exits = yield from self._seq(gosyntax.statements(case))
            if any(e.kind == FALLTHROUGH for e in exits):
                exits = {e for e in exits if e.kind != FALLTHROUGH}
                exits |= results[i + 1] if i + 1 < len(cases) else {Exit(NORMAL, 0)}
            results[i] = exits
        return results

    def _switch(self, node: Node, label: str | None, skip_init: bool) -> _Step:
        cases = [c for c in node.named_children if c.type in _CASES]
        header = [c for c in node.named_children if c.type not in _CASES and c.type != "comment"]
        init = node.child_by_field_name("initializer")
        for part in header:
            if part == init and skip_init:
                continue
            if self.is_use(part):
                return set()
        has_default = any(c.type == "default_case" for c in cases)
        out: set[Exit] = set()
        if not has_default and node.type != "select_statement":
            out.add(Exit(NORMAL, 0))
        for exits in (yield from self._cases(cases)):
            for exit_ in exits:
                if exit_.kind == BREAK and (exit_.label is None or exit_.label == label):
                    out.add(Exit(NORMAL, 0))
                else:
                    out.add(exit_)
        return out


def describe(exit_: Exit, line_of: Callable[[int], int]) -> str:
    """'the return on line 12 skips it' and friends, for finding messages."""
    return {
        RETURN: f"the return on line {line_of(exit_.offset)} skips it",
        END: "the end of the function is reached without it",
        ITERATION: "a loop iteration can end without it",
        SCOPE: "it goes out of scope without it",
        BREAK: f"the break on line {line_of(exit_.offset)} skips it",
        CONTINUE: f"the continue on line {line_of(exit_.offset)} skips it",
    }.get(exit_.kind, "some path skips it")


def exits_of(node: Node, is_use: UsePredicate) -> set[Exit]:
    """The ways control leaves one statement (``NORMAL``: falls through) with no use."""
    return _Analysis(is_use).stmt(node)


def _enclosing_label(node: Node) -> str | None:
    parent = node.parent
    return _label_of(parent) if parent is not None and parent.type == "labeled_statement" else None


def unused_exits(start: Node, scope: Node, is_use: UsePredicate) -> list[Exit] | None:
    """Ways out reached after ``start`` with no use; ``None`` when unsure.

    ``scope`` is the block (or function body) in which the tracked variable
    lives: leaving it without a use is a leak too, and references beyond it
    are other variables.
    """
    analysis = _Analysis(is_use)
    try:
        flows, node = _after_start(analysis, start)
        while True:
            parent = node.parent
            if parent is None:
                raise GiveUp("ran off the tree")
            if parent.type == "statement_list":
                siblings = parent.named_children
                rest = siblings[siblings.index(node) + 1 :]
                if any(e.kind == NORMAL for e in flows):
                    flows = {e for e in flows if e.kind != NORMAL} | analysis.seq(
                        s for s in rest if s.type != "comment"
                    )
                node = parent
                continue
            if parent.type == "block":
                if parent == scope or parent.parent is None:
                    return _close(flows, parent, SCOPE)
                owner = parent.parent
                if owner.type in gosyntax.FUNCTION_TYPES:
                    return _close(flows, owner, END)
                if owner.type == "for_statement":
                    flows = _leave_loop_body(flows, owner, _enclosing_label(owner))
                    node = owner
                    continue
                node = parent
                continue
            if parent.type in _CASES:
                switch = parent.parent
                if switch is None:
                    raise GiveUp("case outside switch")
                cases = [c for c in switch.named_children if c.type in _CASES]
                index = cases.index(parent)
                if any(e.kind == FALLTHROUGH for e in flows):
                    # Only the cases below matter (a fallthrough chain runs downwards);
                    # analysing the whole switch again at every level up made nested
                    # switches cubic.
                    later = analysis.case_exits(cases[index + 1 :])
                    flows = {e for e in flows if e.kind != FALLTHROUGH} | (
                        later[0] if later else {Exit(NORMAL, 0)}
                    )
                label = _enclosing_label(switch)
                flows = {
                    Exit(NORMAL, 0)
                    if e.kind == BREAK and (e.label is None or e.label == label)
                    else e
                    for e in flows
                }
                node = switch
                continue
            if parent.type in ("if_statement", "labeled_statement") or parent.type in _SWITCHES:
                node = parent
                continue
            if parent.type == "select_statement":
                node = parent
                continue
            raise GiveUp(f"unexpected container {parent.type}")
    except GiveUp:
        return None


def _after_start(analysis: _Analysis, start: Node) -> tuple[set[Exit], Node]:
    """Flows right after ``start``; handles ``start`` being an if/switch initializer."""
    parent = start.parent
    if parent is not None and parent.child_by_field_name("initializer") == start:
        if parent.type == "if_statement":
            return analysis.if_stmt(parent, skip_init=True), parent
        if parent.type in _SWITCHES:
            return analysis.switch_stmt(parent, _enclosing_label(parent), skip_init=True), parent
        raise GiveUp(f"initializer of {parent.type}")
    if parent is None or parent.type != "statement_list":
        raise GiveUp("start is not a statement in a block")
    return {Exit(NORMAL, 0)}, start


def _leave_loop_body(flows: set[Exit], loop: Node, label: str | None) -> set[Exit]:
    out: set[Exit] = set()
    for exit_ in flows:
        targets_this = exit_.label is None or exit_.label == label
        if exit_.kind == NORMAL or (exit_.kind == CONTINUE and targets_this):
            out.add(Exit(ITERATION, loop.start_byte))
        elif exit_.kind == BREAK and targets_this:
            out.add(Exit(NORMAL, 0))
        else:
            out.add(exit_)
    return out


def _close(flows: set[Exit], where: Node, kind: str) -> list[Exit]:
    closed = {Exit(kind, where.end_byte - 1) if e.kind == NORMAL else e for e in flows}
    return sorted(closed, key=lambda e: (e.offset, e.kind))


def endless_ranges(is_use: UsePredicate, endless: Callable[[Node], bool],
                   ) -> tuple[UsePredicate, set[Exit]]:
    """``is_use`` for code that ranges over a channel nobody closes (a Ticker's ``C``).

    The analysis assumes ``for ... range ch`` may end when ``ch`` is closed. Where
    ``endless(ch)`` says it never is, the loop ends only through its body. The returned
    predicate treats such a loop as a dead end and collects, in the returned set, the
    exits that leave its body without a use (its returns); a loop with a ``break`` of its
    own is left to the ordinary analysis (after the break, control goes on past the loop
    exactly as if the range had ended). Jumps from its body to an outer loop's label
    give up (``GiveUp``, so ``unused_exits`` returns None).
    """
    leaving: set[Exit] = set()

    def wrapped(node: Node) -> bool:
        clause = node.parent
        loop = clause.parent if clause is not None else None
        body = loop.child_by_field_name("body") if loop is not None else None
        if clause is None or clause.type != "range_clause" or body is None or (
            clause.child_by_field_name("right") != node or not endless(node)
        ):
            return is_use(node)
        assert loop is not None
        label = _enclosing_label(loop)
        exits = exits_of(body, wrapped)
        for exit_ in exits:
            own = exit_.label is None or exit_.label == label
            if exit_.kind == BREAK and own:
                return is_use(node)
            if exit_.kind in (BREAK, CONTINUE) and not own:
                raise GiveUp("jump out of a loop over an endless channel")
        leaving.update(e for e in exits if e.kind not in (NORMAL, CONTINUE))
        return True

    return wrapped, leaving


def _is_panic(stmt: Node) -> bool:
    call = stmt.named_children[0] if stmt.named_children else None
    function = call.child_by_field_name("function") if call is not None else None
    return function is not None and gosyntax.text(function) == "panic"


def has_way_out(loop: Node) -> bool | None:
    """Whether a loop's body can leave it: a ``return``, a ``break`` of it or of an outer
    statement, a ``continue`` of an outer loop, or a call that ends the goroutine or the
    process (``runtime.Goexit``, ``t.FailNow``, ``os.Exit``, ``log.Fatal``; ``panic`` is an
    error path, not a way out). The loop's own condition is not considered. ``None`` when
    unsure (``goto``)."""
    body = loop.child_by_field_name("body")
    if body is None:
        return None
    label = _enclosing_label(loop)
    try:
        exits = _Analysis(lambda _node: False).stmt(body)
    except GiveUp:
        return None
    if any(e.kind in (RETURN, BREAK) or (e.kind == CONTINUE and e.label not in (None, label))
           for e in exits):
        return True
    return any(is_terminating_call(n) and not _is_panic(n)
               for n in gosyntax.walk(body, into_functions=False))
