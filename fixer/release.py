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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from fixer import flow, goscope, gosyntax, insertion
from fixer.gosyntax import Node
from fixer.model import Fix, Safety

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


def selected_fields(ref: Node) -> list[str]:
    """The fields selected from ``ref`` (``v.Body.Close``: Body, Close)."""
    return _selector_path(ref)[0]


def call_name(call: Node) -> str:
    function = call.child_by_field_name("function")
    return gosyntax.text(function) if function is not None else ""


def classify(ref: Node, release_path: Sequence[str], function: Node,
             borrowing: frozenset[str] = BORROWING_CALLS) -> Use:
    """What one reference does with the tracked value."""
    fields, outer = _selector_path(ref)
    if fields[: len(release_path)] == list(release_path):
        return Use.RELEASE
    if gosyntax.held_beyond_the_call(ref, function):
        return Use.ESCAPE
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
    node = acq.stmt
    for parent in [*gosyntax.ancestors(acq.stmt, scope), scope]:
        if parent.type == "statement_list":
            siblings = parent.named_children
            for stmt in siblings[siblings.index(node) + 1 :]:
                yield from goscope.references(stmt, acq.name, scope)
        node = parent


def analyze(acq: Acquisition, release_path: Sequence[str],
            borrowing: frozenset[str] = BORROWING_CALLS) -> Verdict | None:
    """Whether the value from ``acq`` is released on every path; None when unsure."""
    return _analyze(acq, lambda ref, function: classify(ref, release_path, function, borrowing))


def _analyze(acq: Acquisition, classifier: Callable[[Node, Node], Use],
             endless: Callable[[Node], bool] | None = None) -> Verdict | None:
    """analyze with ``classifier(reference, function)`` deciding what each reference does
    (``endless``: see analyze_endless)."""
    if acq.target.type != "identifier" or acq.name == "_":
        return None
    function = gosyntax.enclosing_function(acq.stmt)
    start = anchor(acq)
    scope = variable_scope(acq)
    if function is None or start is None or scope is None:
        return None
    uses = [classifier(ref, function) for ref in references_after(acq, scope)]

    def is_use(node: Node) -> bool:
        return any(classifier(ref, function) is not Use.NEUTRAL
                   for ref in goscope.references(node, acq.name, scope))

    predicate: flow.UsePredicate = is_use
    leaving: set[flow.Exit] = set()
    if endless is not None:
        predicate, leaving = flow.endless_ranges(is_use, endless)
    exits = flow.unused_exits(start, scope, predicate)
    if exits is None:
        return None
    if leaving:
        exits = sorted(set(exits) | leaving, key=lambda e: (e.offset, e.kind))
    loop = gosyntax.enclosing(acq.stmt, gosyntax.LOOP_TYPES | gosyntax.FUNCTION_TYPES)
    return Verdict(
        exits=exits,
        anchor=start,
        escapes=Use.ESCAPE in uses,
        released_somewhere=Use.RELEASE in uses,
        in_loop=loop is not None and loop.type in gosyntax.LOOP_TYPES,
    )


def analyze_endless(acq: Acquisition, classifier: Callable[[Node, Node], Use],
                    endless: Callable[[Node], bool]) -> Verdict | None:
    """analyze with a custom ``classifier(reference, function)``, where a ``for range X``
    loop with ``endless(X)`` (a channel nobody closes, like a Ticker's ``C``) ends only
    through a ``break`` or ``return`` in its body (flow.endless_ranges)."""
    return _analyze(acq, classifier, endless)


def leak_message(subject: str, verdict: Verdict, line_of: Callable[[int], int],
                 released: str = "closed") -> str:
    """'<subject> is never closed' or '<subject> is not closed on every path (<why>)'."""
    if verdict.released_somewhere or verdict.escapes:
        where = flow.describe(verdict.exits[0], line_of)
        return f"{subject} is not {released} on every path ({where})"
    return f"{subject} is never {released}"


def release_fix(source: bytes, acq: Acquisition, verdict: Verdict, statement: str,
                safety: Safety = Safety.SAFE, message: str | None = None) -> Fix | None:
    """``statement`` (``defer v.Close()``) on the line after the anchor, with ``safety``.

    Display-only when the value escapes on some path (the release belongs to whoever
    gets it), when it is acquired inside a loop (a defer there waits for the function's
    return), or when its error is discarded with ``_`` (the value may be nil).
    """
    edit = insertion.insert_lines_after(source, verdict.anchor, [statement])
    if edit is None:
        return None
    if verdict.escapes:
        return Fix(f"{statement} on the paths where {acq.name} is not handed on", (edit,),
                   Safety.DISPLAY_ONLY)
    if verdict.in_loop:
        return Fix(f"release {acq.name} before the end of each iteration", (edit,),
                   Safety.DISPLAY_ONLY)
    if acq.err is not None and gosyntax.text(acq.err) == "_":
        return Fix(f"check the error, then {statement}", (edit,), Safety.DISPLAY_ONLY)
    return Fix(message or statement, (edit,), safety)



# Borrowing calls whose result keeps using its argument (a reader, writer or logger over
# it): the value has to stay open for as long as that result lives.
WRAPPING_CALLS = frozenset({
    "io.LimitReader", "io.TeeReader", "io.MultiReader", "io.MultiWriter",
    "io.NewSectionReader", "bufio.NewReader", "bufio.NewReaderSize", "bufio.NewScanner",
    "bufio.NewWriter", "bufio.NewWriterSize", "bufio.NewReadWriter", "json.NewDecoder",
    "json.NewEncoder", "xml.NewDecoder", "xml.NewEncoder", "csv.NewReader", "csv.NewWriter",
    "gob.NewDecoder", "gob.NewEncoder", "tar.NewReader", "tar.NewWriter", "log.New",
    "slog.NewTextHandler", "slog.NewJSONHandler", "hex.NewEncoder", "hex.NewDecoder",
    "base64.NewEncoder", "base64.NewDecoder",
})
_MAX_WRAPPING_DEPTH = 3
_NO_RELEASE = ("",)  # a release path no reference matches: selected names are never empty


def _is_var_value(node: Node) -> bool:
    """``var c io.Closer = v``: ``node`` is the value of a var spec (an alias)."""
    parent = node.parent
    return parent is not None and parent.type == "expression_list" and (
        parent.parent is not None and parent.parent.type == "var_spec"
    )


def _wrapping_call(node: Node, wrapping: frozenset[str]) -> Node | None:
    """The call in ``wrapping`` that takes ``node`` as an argument, if any."""
    args = node.parent
    call = args.parent if args is not None and args.type == "argument_list" else None
    return call if call is not None and call_name(call) in wrapping else None


def _wrapper_use(wrapper: Node, function: Node, borrowing: frozenset[str],
                 wrapping: frozenset[str], depth: int = 1) -> Use:
    """ESCAPE when the result of ``wrapper`` (``bufio.NewReader(v)``) outlives the function.

    A wrapper declared with ``w := ...`` is followed through its references (closing the
    wrapper does not release what it wraps); any other assignment stores it: escape.
    """
    if depth > _MAX_WRAPPING_DEPTH:
        return Use.ESCAPE
    nodes = [wrapper]
    alias = acquisition_of(wrapper)
    if alias is not None:
        scope = variable_scope(alias)
        if (alias.stmt.type != "short_var_declaration" or alias.err is not None
                or alias.target.type != "identifier" or scope is None):
            return Use.ESCAPE
        nodes = list(references_after(alias, scope))
    for node in nodes:
        use = classify(node, _NO_RELEASE, function, borrowing)
        _, outer = _selector_path(node)
        if use is Use.NEUTRAL and _is_var_value(outer):
            use = Use.ESCAPE
        if use is Use.NEUTRAL and (inner := _wrapping_call(outer, wrapping)) is not None:
            use = _wrapper_use(inner, function, borrowing, wrapping, depth + 1)
        if use is not Use.NEUTRAL:
            return Use.ESCAPE
    return Use.NEUTRAL


def classify_owned(ref: Node, release_path: Sequence[str], function: Node,
                   borrowing: frozenset[str] = BORROWING_CALLS,
                   wrapping: frozenset[str] = WRAPPING_CALLS,
                   value_fields: frozenset[str] = frozenset()) -> Use:
    """classify, tightened for rules whose fix inserts a release.

    * ``v.F`` with ``F`` in ``value_fields`` (``resp.StatusCode``) reads a plain value:
      neutral, wherever it goes;
    * ``var c io.Closer = v`` aliases ``v``: escape;
    * ``v`` handed to a wrapping call (``bufio.NewScanner(v)``, ``log.New(v, ...)``)
      escapes when the wrapper does (returned, stored, sent, captured, passed on); a
      wrapper kept in a local variable is followed through its references.
    """
    fields, outer = _selector_path(ref)
    if fields and fields[0] in value_fields:
        return Use.NEUTRAL
    use = classify(ref, release_path, function, borrowing)
    if use is not Use.NEUTRAL:
        return use
    if _is_var_value(outer):
        return Use.ESCAPE
    wrapper = _wrapping_call(outer, wrapping)
    return Use.NEUTRAL if wrapper is None else _wrapper_use(wrapper, function, borrowing,
                                                            wrapping)


def _reuses_variable(acq: Acquisition, scope: Node) -> bool:
    """``v, err = open()`` into a variable that deferred code, a closure or an earlier
    iteration of an enclosing loop also refers to: the paths after the assignment do not
    tell the whole story."""
    if acq.declares:
        return False
    loops = []
    node = acq.stmt.parent
    while node is not None and node != scope:
        if node.type in gosyntax.LOOP_TYPES:
            loops.append(node)
        node = node.parent
    for ref in goscope.references(scope, acq.name, scope):
        if ref.start_byte >= acq.stmt.start_byte:
            continue
        if any(loop.start_byte <= ref.start_byte for loop in loops):
            return True
        current = ref.parent
        while current is not None and current != scope:
            if current.type in ("defer_statement", "go_statement", "func_literal"):
                return True
            current = current.parent
    return False


def analyze_owned(acq: Acquisition, release_path: Sequence[str],
                  borrowing: frozenset[str] = BORROWING_CALLS,
                  wrapping: frozenset[str] = WRAPPING_CALLS,
                  value_fields: frozenset[str] = frozenset()) -> Verdict | None:
    """analyze for rules that insert a release, with references judged by classify_owned.

    Also None (not analysed) for a value held in a named result (a naked return hands it
    back) and for one assigned with ``=`` to a variable that deferred code, a closure or an
    earlier loop iteration also refers to.
    """
    function = gosyntax.enclosing_function(acq.stmt)
    scope = variable_scope(acq)
    if function is None or scope is None or acq.name in goscope.result_names(function) or (
        _reuses_variable(acq, scope)
    ):
        return None
    return _analyze(acq, lambda ref, func: classify_owned(ref, release_path, func, borrowing,
                                                          wrapping, value_fields))


def analyze_draining(acq: Acquisition, release_path: Sequence[str], drain: str,
                     borrowing: frozenset[str] = BORROWING_CALLS,
                     wrapping: frozenset[str] = WRAPPING_CALLS) -> Verdict | None:
    """analyze_owned, where a ``for v.<drain>() { ... }`` loop whose body can only end the
    loop through its condition also releases ``v`` (database/sql closes Rows once Next has
    returned false); a loop whose body can return or break out of it does not."""
    owned = analyze_owned(acq, release_path, borrowing, wrapping)
    scope = variable_scope(acq)
    if owned is None or not owned.exits or scope is None:
        return owned  # more releases only remove exits

    def classifier(ref: Node, function: Node) -> Use:
        def is_use(node: Node) -> bool:
            return any(classifier(r, function) is not Use.NEUTRAL
                       for r in goscope.references(node, acq.name, scope))

        if _drains(ref, drain, is_use):
            return Use.RELEASE
        return classify_owned(ref, release_path, function, borrowing, wrapping)

    return _analyze(acq, classifier)


def _drains(ref: Node, method: str, is_use: flow.UsePredicate) -> bool:
    """Whether ``ref`` is ``v`` in the condition ``for v.<method>() {`` of a loop that can
    only end through that condition."""
    fields, outer = _selector_path(ref)
    call = outer.parent
    loop = call.parent if call is not None else None
    if fields != [method] or call is None or call.type != "call_expression" or (
        loop is None or loop.type != "for_statement"
    ):
        return False
    body = loop.child_by_field_name("body")
    if body is None or call == body:
        return False
    holder = loop.parent
    label = None
    if holder is not None and holder.type == "labeled_statement":
        name = next((c for c in holder.named_children if c.type == "label_name"), None)
        label = gosyntax.text(name) if name is not None else None
    try:
        exits = flow.exits_of(body, is_use)
    except flow.GiveUp:
        return False
    return all(e.kind == flow.NORMAL or (e.kind == flow.CONTINUE and e.label in (None, label))
               for e in exits)
