"""Shared analysis for "acquired, must be released on every path" rules.

An *acquisition* is ``v, err := call(...)`` (or ``v := call(...)``) whose
result must be released with a method reached through a selector path
(``v.Close()``, ``v.Body.Close()``, ``v.Stop()``). The analysis starts after
the error check that follows the acquisition (``if err != nil { return ... }``:
on that path ``v`` is not valid) and asks flow.unused_exits whether a way out
of the function or iteration is reached with ``v`` neither released nor handed
elsewhere.

Every reference to ``v`` is classified:

* **release** -- the release method is called or passed (``v.Close()``,
  ``defer v.Close()``, ``t.Cleanup(v.Close)``, inside a deferred closure);
* **escape** -- ``v`` leaves the function's hands: returned, stored, sent,
  aliased, captured by a goroutine or closure, or passed to a function that is
  not known to merely borrow it (precision first: an unknown callee may close
  it or keep it);
* **neutral** -- anything else (``v.Read(buf)``, ``io.Copy(dst, v)``).

Rules whose handle is reassigned, or whose error is not checked right away,
are not analysed at all: those are the places where a syntax-only tool would
guess.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from fixer import flow, goscope, gosyntax
from fixer.gosyntax import Node

# Calls that read from or write to a value without taking ownership of it.
BORROWING_CALLS = frozenset({
    "io.Copy", "io.CopyN", "io.CopyBuffer", "io.ReadAll", "io.ReadFull", "io.ReadAtLeast",
    "io.WriteString", "io.LimitReader", "io.TeeReader", "io.MultiReader", "io.MultiWriter",
    "io.NewSectionReader", "ioutil.ReadAll", "bufio.NewReader", "bufio.NewReaderSize",
    "bufio.NewScanner", "bufio.NewWriter", "bufio.NewWriterSize", "bufio.NewReadWriter",
    "json.NewDecoder", "json.NewEncoder", "xml.NewDecoder", "xml.NewEncoder", "csv.NewReader",
    "csv.NewWriter", "gob.NewDecoder", "gob.NewEncoder", "binary.Read", "binary.Write",
    "fmt.Fprint", "fmt.Fprintf", "fmt.Fprintln", "fmt.Fscan", "fmt.Fscanf", "fmt.Fscanln",
    "tar.NewReader", "tar.NewWriter", "httputil.DumpResponse", "log.New", "slog.NewTextHandler",
    "slog.NewJSONHandler", "hex.NewEncoder", "hex.NewDecoder", "base64.NewEncoder",
    "base64.NewDecoder", "signal.Notify", "signal.Stop",
})


class Use(enum.Enum):
    RELEASE = "release"
    ESCAPE = "escape"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class Acquisition:
    """``target[, err] (:= | =) call`` as one statement of a block."""

    stmt: Node
    call: Node
    target: Node
    err: Node | None
    declares: bool

    @property
    def name(self) -> str:
        return gosyntax.text(self.target)


def acquisition_of(call: Node) -> Acquisition | None:
    """The acquisition whose only right-hand side is ``call``, if it is one."""
    right = call.parent
    if right is None or right.type != "expression_list" or len(right.named_children) != 1:
        return None
    holder = right.parent
    if holder is None:
        return None
    if holder.type == "var_spec":
        names = holder.children_by_field_name("name")
        decl = holder.parent
        if decl is None or decl.type != "var_declaration" or not 1 <= len(names) <= 2:
            return None
        return Acquisition(decl, call, names[0], names[1] if len(names) == 2 else None, True)
    if holder.type not in ("short_var_declaration", "assignment_statement"):
        return None
    if holder.type == "assignment_statement":
        operator = holder.child_by_field_name("operator")
        if operator is None or gosyntax.text(operator) != "=":
            return None
    left = holder.child_by_field_name("left")
    targets = left.named_children if left is not None else []
    if not 1 <= len(targets) <= 2:
        return None
    return Acquisition(holder, call, targets[0], targets[1] if len(targets) == 2 else None,
                       holder.type == "short_var_declaration")


def is_nil_check(stmt: Node, err_name: str) -> bool:
    """``if err != nil { ... }`` with no initializer and no else."""
    if stmt.type != "if_statement" or stmt.child_by_field_name("initializer") is not None:
        return False
    if stmt.child_by_field_name("alternative") is not None:
        return False
    cond = stmt.child_by_field_name("condition")
    if cond is None or cond.type != "binary_expression":
        return False
    operator = cond.child_by_field_name("operator")
    left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    return (
        operator is not None and gosyntax.text(operator) == "!="
        and left is not None and gosyntax.text(left) == err_name
        and right is not None and gosyntax.text(right) == "nil"
    )


def _next_statement(stmt: Node) -> Node | None:
    parent = stmt.parent
    if parent is None or parent.type != "statement_list":
        return None
    siblings = [s for s in parent.named_children if s.type != "comment"]
    index = siblings.index(stmt)
    return siblings[index + 1] if index + 1 < len(siblings) else None


def anchor(acq: Acquisition) -> Node | None:
    """The statement after which the handle is valid: the error check, or the
    acquisition itself when there is no error. None when the error is not checked
    right away by an ``if err != nil`` that always leaves."""
    if acq.stmt.parent is None or acq.stmt.parent.type != "statement_list":
        return None
    if acq.err is None or gosyntax.text(acq.err) == "_":
        return acq.stmt
    check = _next_statement(acq.stmt)
    if check is None or not is_nil_check(check, gosyntax.text(acq.err)):
        return None
    body = check.child_by_field_name("consequence")
    if body is None:
        return None
    try:
        exits = flow.exits_of(body, lambda _node: False)
    except flow.GiveUp:
        return None
    return check if not any(e.kind == flow.NORMAL for e in exits) else None


def variable_scope(acq: Acquisition) -> Node | None:
    if acq.declares:
        parent = acq.stmt.parent
        return parent.parent if parent is not None else None
    return goscope.declaration_scope(acq.stmt, acq.name)


def _selector_path(ref: Node) -> tuple[list[str], Node]:
    """Fields selected from ``ref`` (``v.Body.Close``: Body, Close) and the outermost selector."""
    fields: list[str] = []
    node = ref
    while node.parent is not None and node.parent.type == "selector_expression" and (
        node.parent.child_by_field_name("operand") == node
    ):
        field = node.parent.child_by_field_name("field")
        fields.append(gosyntax.text(field) if field is not None else "")
        node = node.parent
    return fields, node


def call_name(call: Node) -> str:
    function = call.child_by_field_name("function")
    return gosyntax.text(function) if function is not None else ""


def _is_deferred_closure(func_literal: Node) -> bool:
    call = func_literal.parent
    return (call is not None and call.type == "call_expression" and call.parent is not None
            and call.parent.type == "defer_statement")


def classify(ref: Node, release_path: Sequence[str], function: Node,
             borrowing: frozenset[str] = BORROWING_CALLS) -> Use:
    """What one reference does with the tracked value."""
    fields, outer = _selector_path(ref)
    if fields[: len(release_path)] == list(release_path):
        return Use.RELEASE
    current = ref.parent
    while current is not None and current != function:
        if current.type == "go_statement" or (
            current.type == "func_literal" and not _is_deferred_closure(current)
        ):
            return Use.ESCAPE
        current = current.parent
    if fields:
        # v.Read(...), v.Body.Read(...): using it in place. v.Body handed on is handled below.
        parent = outer.parent
        if parent is not None and parent.type == "call_expression":
            return Use.NEUTRAL
    parent = outer.parent
    while parent is not None:
        kind = parent.type
        if kind == "argument_list":
            call = parent.parent
            name = call_name(call) if call is not None else ""
            return Use.NEUTRAL if name in borrowing else Use.ESCAPE
        if kind in ("return_statement", "send_statement", "literal_value", "keyed_element",
                    "go_statement"):
            return Use.ESCAPE
        if kind in ("assignment_statement", "short_var_declaration"):
            return Use.ESCAPE  # aliased, stored, or reassigned: stop tracking
        if kind in ("expression_statement", "if_statement", "expression_switch_statement",
                    "for_statement", "range_clause", "defer_statement", "block",
                    "binary_expression", "unary_expression", "parenthesized_expression",
                    "index_expression", "slice_expression"):
            if kind == "unary_expression" and gosyntax.text(parent).startswith("&"):
                return Use.ESCAPE
            return Use.NEUTRAL
        parent = parent.parent
    return Use.NEUTRAL


@dataclass(frozen=True)
class Verdict:
    exits: list[flow.Exit]      # leaking ways out; empty: released on every path
    anchor: Node                # insert the release after this statement
    escapes: bool               # some reference hands the value elsewhere
    released_somewhere: bool    # some path already releases it
    in_loop: bool


def references_after(acq: Acquisition, scope: Node) -> Iterator[Node]:
    """References to the tracked variable in the statements after the acquisition."""
    node: Node | None = acq.stmt
    while node is not None and node != scope:
        parent = node.parent
        if parent is not None and parent.type == "statement_list":
            siblings = parent.named_children
            for stmt in siblings[siblings.index(node) + 1 :]:
                yield from goscope.references(stmt, acq.name, scope)
        node = parent


def analyze(acq: Acquisition, release_path: Sequence[str],
            borrowing: frozenset[str] = BORROWING_CALLS) -> Verdict | None:
    """Whether the value from ``acq`` is released on every path; None when unsure."""
    if acq.target.type != "identifier" or acq.name == "_":
        return None
    function = gosyntax.enclosing_function(acq.stmt)
    start = anchor(acq)
    scope = variable_scope(acq)
    if function is None or start is None or scope is None:
        return None
    uses = [classify(ref, release_path, function, borrowing)
            for ref in references_after(acq, scope)]

    def is_use(node: Node) -> bool:
        return any(classify(ref, release_path, function, borrowing) is not Use.NEUTRAL
                   for ref in goscope.references(node, acq.name, scope))

    exits = flow.unused_exits(start, scope, is_use)
    if exits is None:
        return None
    loop = gosyntax.enclosing(acq.stmt, gosyntax.LOOP_TYPES | gosyntax.FUNCTION_TYPES)
    return Verdict(
        exits=exits,
        anchor=start,
        escapes=Use.ESCAPE in uses,
        released_somewhere=Use.RELEASE in uses,
        in_loop=loop is not None and loop.type in gosyntax.LOOP_TYPES,
    )
