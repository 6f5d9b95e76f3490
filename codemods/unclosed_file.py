"""unclosed-file: an os.Open/Create/OpenFile handle not closed on every path."""

from __future__ import annotations

from collections.abc import Iterator

from fixer import goscope, gosyntax, insertion, release
from fixer.codemod import Codemod, FileContext, after_blanks
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety

_OPENERS = ("Open", "Create", "OpenFile", "CreateTemp", "OpenInRoot", "OpenRoot")
_WRITERS = ("Create", "CreateTemp")
_WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREATE", "O_APPEND", "O_TRUNC")


class UnclosedFile(Codemod):
    """
    ## What it does
    Reports a file opened with `os.Open`, `os.Create`, `os.OpenFile`, `os.CreateTemp`,
    `os.OpenInRoot` or `os.OpenRoot` that some path out of the function leaves open,
    counting only paths after the error check (on the error path there is no file).

    ## Why is this bad?
    Every open file holds a descriptor until it is closed or the garbage collector happens
    to run its finalizer. A long-running daemon that leaks one descriptor per request or per
    rotated log file eventually hits the process limit and fails with "too many open files".

    ## Example
    ```go
    func firstLine(path string) (string, error) {
        f, err := os.Open(path)
        if err != nil {
            return "", err
        }
        s := bufio.NewScanner(f)
        if !s.Scan() {
            return "", s.Err() // f stays open
        }
        return s.Text(), nil
    }
    ```

    Use instead:
    ```go
    func firstLine(path string) (string, error) {
        f, err := os.Open(path)
        if err != nil {
            return "", err
        }
        defer f.Close()
        ...
    }
    ```

    ## Fix safety
    The fix inserts `defer f.Close()` right after the `if err != nil { ... }` block. It is
    safe for files opened for reading. For files opened for writing the error from Close
    matters (it reports data that never reached the disk): when the function returns a named
    `error`, the fix uses a deferred closure that returns Close's error if nothing else
    failed; when the code already closes the file explicitly on some path a plain defer
    only covers the other paths and stays safe; otherwise the plain defer is unsafe.
    Handles that escape (returned, stored in a struct or a named result, aliased, passed to
    a function that may keep them, captured by a goroutine, or wrapped by a reader, writer
    or logger that itself escapes, like `return bufio.NewScanner(f)`) are not reported; a
    handle that escapes on one path but leaks on another is reported without a fix, and so
    is a handle opened inside a loop or with its error discarded. A handle assigned with
    `=` to a variable that a deferred function, a closure or an earlier loop iteration also
    uses is not analysed.
    """

    name = "unclosed-file"
    fix_title = "close files on every path"
    triggers = (b"Open", b"Create")
    requires = (b'"os"',)
    query = f"""
    (call_expression
      function: (selector_expression operand: (identifier) @pkg field: (field_identifier) @fn
                  (#any-of? @fn {" ".join(f'"{n}"' for n in _OPENERS)}))) @call
    """

    def trigger(self, source: bytes) -> bool:
        # `os.Open(` (or `os./* why */Open(`), not `Open` in prose or `func Open(`.
        return any(after_blanks(source, t, b"./".__contains__) for t in self.triggers)

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        if gosyntax.text(match["pkg"][0]) != ctx.package_name("os"):
            return
        call = match["call"][0]
        acq = release.acquisition_of(call)
        if acq is None:
            return
        verdict = release.analyze_owned(acq, ("Close",))
        if verdict is None or not verdict.exits:
            return
        opener = f"{gosyntax.text(match['pkg'][0])}.{gosyntax.text(match['fn'][0])}"
        message = release.leak_message(f"file {acq.name} from {opener}", verdict, ctx.line_of)
        yield self.finding(ctx, acq.target, message,
                           self._fix(ctx, acq, verdict, gosyntax.text(match["fn"][0])))

    def _fix(self, ctx: FileContext, acq: release.Acquisition, verdict: release.Verdict,
             opener: str) -> Fix | None:
        plain = f"defer {acq.name}.Close()"
        fix = release.release_fix(ctx.source, acq, verdict, plain)
        if fix is None or fix.safety is not Safety.SAFE or verdict.released_somewhere or (
            not self._writes(acq.call, opener)
        ):
            return fix
        function = gosyntax.enclosing_function(acq.stmt)
        assert function is not None
        if not _returns_error(function):
            return fix
        err = _named_error_result(function)
        if err is not None and goscope.declaration_scope(verdict.anchor, err) == (
            function.child_by_field_name("body")
        ):
            cerr = goscope.fresh_name("cerr", function, ctx.tree.root_node)
            lines = [
                "defer func() {",
                f"\tif {cerr} := {acq.name}.Close(); {cerr} != nil && {err} == nil {{",
                f"\t\t{err} = {cerr}",
                "\t}",
                "}()",
            ]
            closure = insertion.insert_lines_after(ctx.source, verdict.anchor, lines)
            if closure is not None:
                return Fix(f"close {acq.name} and return its error", (closure,))
        return release.release_fix(
            ctx.source, acq, verdict, plain, Safety.UNSAFE,
            f"{plain} (its error is dropped: name the error result to keep it)")

    @staticmethod
    def _writes(call: Node, opener: str) -> bool:
        if opener in _WRITERS:
            return True
        if opener != "OpenFile":
            return False
        args = call.child_by_field_name("arguments")
        flags = args.named_children[1] if args is not None and len(args.named_children) > 1 \
            else None
        if flags is None:
            return True
        text = gosyntax.text(flags)
        if text.strip() in ("os.O_RDONLY", "O_RDONLY"):
            return False
        return any(f in text for f in _WRITE_FLAGS) or "O_" not in text


def _result_types(function: Node) -> list[Node]:
    result = function.child_by_field_name("result")
    if result is None:
        return []
    if result.type != "parameter_list":
        return [result]
    return [t for d in result.named_children
            if (t := d.child_by_field_name("type")) is not None]


def _returns_error(function: Node) -> bool:
    return any(gosyntax.text(t) == "error" for t in _result_types(function))


def _named_error_result(function: Node) -> str | None:
    result = function.child_by_field_name("result")
    if result is None or result.type != "parameter_list":
        return None
    for decl in result.named_children:
        kind = decl.child_by_field_name("type")
        names = decl.children_by_field_name("name")
        if kind is not None and gosyntax.text(kind) == "error" and names:
            name = gosyntax.text(names[-1])
            return None if name == "_" else name
    return None
