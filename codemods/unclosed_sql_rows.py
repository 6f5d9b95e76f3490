"""unclosed-sql-rows: database/sql Rows or Stmt not closed, or rows.Err() not checked."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from fixer import gosyntax, release
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding

# Packages whose types have database/sql's Query/Prepare methods. The receivers' types are
# unknown to a syntax tool, so a file must import one of these for a call to count.
_SQL_PACKAGES = ("database/sql", "github.com/jmoiron/sqlx")
_QUERIES = ("Query", "QueryContext", "Queryx", "QueryxContext")
_PREPARES = ("Prepare", "PrepareContext", "Preparex", "PreparexContext")


class UnclosedSqlRows(Codemod):
    """
    ## What it does
    Reports `*sql.Rows` from `Query`/`QueryContext` and `*sql.Stmt` from
    `Prepare`/`PrepareContext` (on a DB, Tx, Conn or Stmt, and sqlx's `Queryx`/`Preparex`
    forms) that some path after the error check leaves unclosed, and a `for rows.Next()`
    loop whose rows are never asked for `rows.Err()`.

    ## Why is this bad?
    Open rows hold their database connection: until they are closed (or `Next` has
    returned false) the connection cannot serve anyone else. A function that returns early
    from inside the loop leaks one connection per call until the pool is exhausted and
    every query blocks. A prepared statement holds server-side resources on each
    connection it was prepared on. `rows.Next()` returning false does not mean the result
    set was complete: a network error or a cancelled context ends the loop too, and only
    `rows.Err()` tells the two apart.

    ## Example
    ```go
    func names(db *sql.DB) ([]string, error) {
        rows, err := db.Query("SELECT name FROM users")
        if err != nil {
            return nil, err
        }
        var out []string
        for rows.Next() {
            var name string
            if err := rows.Scan(&name); err != nil {
                return nil, err // the connection stays busy
            }
            out = append(out, name)
        }
        return out, nil // an error that ended the loop is lost
    }
    ```

    Use instead:
    ```go
    func names(db *sql.DB) ([]string, error) {
        rows, err := db.Query("SELECT name FROM users")
        if err != nil {
            return nil, err
        }
        defer rows.Close()
        var out []string
        for rows.Next() {
            ...
        }
        return out, rows.Err()
    }
    ```

    ## Fix safety
    The fix inserts `defer rows.Close()` (or `defer stmt.Close()`) right after the
    `if err != nil { ... }` block. Closing rows or a statement twice is harmless, so paths
    that already close keep working, and a deferred close runs before deferred calls
    written earlier (such as `tx.Rollback()`). Only files that import `database/sql` or
    `github.com/jmoiron/sqlx` are checked, and only two-value assignments
    (`rows, err := ...`). Values returned to the caller, stored, or handed to another
    function (which may close them) are not reported; a value that escapes on one path but
    leaks on another is reported without a fix, and so is one acquired inside a loop or
    whose error is discarded. Rows drained by a `for rows.Next() { ... }` loop whose body
    cannot return or break out of it are closed by database/sql itself and count as
    closed. A missing `rows.Err()` check is reported without a fix: what to do with the
    error is the author's decision.
    """

    name = "unclosed-sql-rows"
    fix_title = "close sql rows and statements on every path"
    triggers = tuple(f'"{p}"'.encode() for p in _SQL_PACKAGES)
    anchors = (b"Query", b"Prepare")
    query = f"""
    (call_expression
      function: (selector_expression operand: (_) @recv field: (field_identifier) @fn
                  (#any-of? @fn {" ".join(f'"{n}"' for n in _QUERIES + _PREPARES)}))) @call
    """

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        if not any(p in ctx.imports for p in _SQL_PACKAGES):
            return
        receiver = match["recv"][0]
        if receiver.type == "identifier" and gosyntax.text(receiver) in ctx.imports.values():
            return  # a package's function, not a method of a DB, Tx, Conn or Stmt
        call, method = match["call"][0], gosyntax.text(match["fn"][0])
        acq = release.acquisition_of(call)
        if acq is None or acq.err is None:
            return
        rows = method in _QUERIES
        verdict = (release.analyze_draining(acq, ("Close",), "Next") if rows
                   else release.analyze_owned(acq, ("Close",)))
        if verdict is None:
            return
        loops, err_checked = _next_loops(acq) if rows else ([], True)
        if verdict.exits:
            if loops:  # the loop closes them when Next returns false: some paths do
                verdict = dataclasses.replace(verdict, released_somewhere=True)
            subject = f"{acq.name} from {gosyntax.text(receiver)}.{method}"
            message = release.leak_message(subject, verdict, ctx.line_of) + (
                ": its database connection stays busy" if rows
                else ": the prepared statement stays open on the database")
            fix = release.release_fix(ctx.source, acq, verdict, f"defer {acq.name}.Close()")
            yield self.finding(ctx, acq.target, message, fix)
        if err_checked or verdict.escapes:
            return
        for loop in loops:
            yield self.finding(
                ctx, loop,
                f"{acq.name}.Err() is never checked after the {acq.name}.Next() loop: an "
                "error that ended the iteration early is taken for the end of the rows",
            )


def _next_loops(acq: release.Acquisition) -> tuple[list[Node], bool]:
    """The ``for rows.Next()`` loops over the rows, and whether ``rows.Err`` is referenced."""
    scope = release.variable_scope(acq)
    if scope is None:
        return [], True
    loops: list[Node] = []
    err_checked = False
    for ref in release.references_after(acq, scope):
        member = ref.parent
        if member is None or member.type != "selector_expression":
            continue
        field = member.child_by_field_name("field")
        name = gosyntax.text(field) if field is not None else ""
        err_checked = err_checked or name == "Err"
        call = member.parent
        loop = call.parent if call is not None else None
        if (name == "Next" and call is not None and call.type == "call_expression"
                and loop is not None and loop.type == "for_statement"):
            loops.append(loop)
    return loops, err_checked
