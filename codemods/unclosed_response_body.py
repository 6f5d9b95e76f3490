"""unclosed-response-body: an http response Body not closed on every path."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fixer import gosyntax, release
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Safety

_HTTP = "net/http"
_FUNCTIONS = ("Get", "Post", "Head", "PostForm")  # http.Get(...) and (*http.Client).Get(...)
_METHODS = (*_FUNCTIONS, "Do", "RoundTrip")
# Fields of *http.Response that are plain values: reading them does not hand the body on.
_VALUE_FIELDS = frozenset({
    "Status", "StatusCode", "Proto", "ProtoMajor", "ProtoMinor", "Header", "ContentLength",
    "TransferEncoding", "Close", "Uncompressed", "Trailer", "Request", "TLS",
})
_DECLARATIONS = """
[
  (parameter_declaration name: (identifier) @name type: (_) @type)
  (field_declaration name: (field_identifier) @name type: (_) @type)
  (var_spec) @spec
  (short_var_declaration) @short
]
"""
_TYPE_SPECS = "(type_spec name: (type_identifier) @name type: (interface_type) @type)"


class UnclosedResponseBody(Codemod):
    """
    ## What it does
    Reports the `Body` of an `*http.Response` -- from `http.Get`, `Post`, `Head`,
    `PostForm`, an `*http.Client`'s `Do`/`Get`/`Post`/`Head`/`PostForm` or a transport's
    `RoundTrip` -- that some path after the error check leaves unclosed. Reading the body
    to the end (`io.ReadAll`, `json.NewDecoder`) does not count as closing it; returning the
    response or handing it to another function does (the receiver then owns it).

    ## Why is this bad?
    Until its body is closed a response holds its connection: the transport can neither
    reuse it nor shut it down, and the two goroutines serving it (`persistConn.readLoop`
    and `writeLoop`) stay blocked. A client that skips `Close` on one path leaks a
    connection, a file descriptor and two goroutines every time that path runs, until the
    process runs out of descriptors or memory.

    ## Example
    ```go
    func status(client *http.Client, url string) (int, error) {
        resp, err := client.Get(url)
        if err != nil {
            return 0, err
        }
        return resp.StatusCode, nil // the body is never closed
    }
    ```

    Use instead:
    ```go
    func status(client *http.Client, url string) (int, error) {
        resp, err := client.Get(url)
        if err != nil {
            return 0, err
        }
        defer resp.Body.Close()
        return resp.StatusCode, nil
    }
    ```

    ## Fix safety
    The fix inserts `defer resp.Body.Close()` right after the `if err != nil { ... }` block,
    never before it (on the error path the response is nil). Closing a response body twice
    is harmless, so paths that already close it keep working. Types are not known to a
    syntax tool, so a method call counts only in a file that imports `net/http`, with two
    results checked by `if err != nil`; the fix is safe when the receiver is visibly an
    http client or transport in the same file (`http.DefaultClient`, a parameter, variable
    or struct field of type `*http.Client`, `*http.Transport` or `http.RoundTripper`, or an
    interface whose method returns `*http.Response`). Otherwise the response is reported
    only when its `Body` is read or closed somewhere, and the fix is unsafe. Responses
    that escape (returned, stored, passed to a helper such as `drainAndClose(resp)`) are
    not reported; one that escapes on one path but leaks on another is reported without a
    fix, and so is one received inside a loop or with its error discarded.
    """

    name = "unclosed-response-body"
    fix_title = "close http response bodies on every path"
    triggers = (b"Get", b"Post", b"Head", b"Do", b"RoundTrip")
    requires = (b'"net/http"',)
    query = f"""
    (call_expression
      function: (selector_expression
                  operand: [(identifier) (selector_expression)] @recv
                  field: (field_identifier) @fn
                  (#any-of? @fn {" ".join(f'"{n}"' for n in _METHODS)}))) @call
    """

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        http = ctx.package_name(_HTTP)
        if http is None:
            return
        recv, fn = match["recv"][0], gosyntax.text(match["fn"][0])
        package_call = recv.type == "identifier" and gosyntax.text(recv) == http
        if package_call and fn not in _FUNCTIONS:
            return
        acq = release.acquisition_of(match["call"][0])
        if acq is None or acq.err is None or acq.target.type != "identifier":
            return
        verdict = release.analyze_owned(acq, ("Body", "Close"), value_fields=_VALUE_FIELDS)
        if verdict is None or not verdict.exits:
            return
        known = package_call or _is_http_client(ctx, recv, fn, http)
        if not known and not _body_is_read_or_closed(acq):
            return  # a Get/Do of some other type: nothing says this is a response
        callee = f"{gosyntax.text(recv)}.{fn}"
        message = release.leak_message(f"response body of {acq.name} from {callee}", verdict,
                                       ctx.line_of)
        statement = f"defer {acq.name}.Body.Close()"
        if known:
            fix = release.release_fix(ctx.source, acq, verdict, statement)
        else:
            fix = release.release_fix(
                ctx.source, acq, verdict, statement, Safety.UNSAFE,
                f"{statement} (the type of {gosyntax.text(recv)} is not known to be an "
                "http client)")
        yield self.finding(ctx, acq.target, message, fix)


def _is_http_client(ctx: FileContext, recv: Node, fn: str, http: str) -> bool:
    """Whether the receiver is visibly an http client or transport in this file.

    ``http.DefaultClient`` / ``http.DefaultTransport``; otherwise every declaration in the
    file of the receiver's name (a variable or parameter for ``c``, a struct field for
    ``x.c``) must have an http client type or be initialised with an http client.
    """
    text = gosyntax.text(recv)
    if text in (f"{http}.DefaultClient", f"{http}.DefaultTransport"):
        return True
    if recv.type == "identifier":
        name, fields = text, False
    else:
        field = recv.child_by_field_name("field")
        if field is None:
            return False
        name, fields = gosyntax.text(field), True
    evidence = list(_declared(ctx.tree.root_node, name, fields))
    return bool(evidence) and all(
        (type_ is not None and _is_client_type(ctx, type_, fn, http))
        or (value is not None and _is_client_value(value, http))
        for type_, value in evidence
    )


def _declared(root: Node, name: str, fields: bool) -> Iterator[tuple[Node | None, Node | None]]:
    """(type, value) of each declaration of ``name``: struct fields or variables."""
    compiled = gosyntax.compile_query(_DECLARATIONS)
    for _, captures in gosyntax.matches(compiled, root):
        if "name" in captures:
            node = captures["name"][0]
            if (node.type == "field_identifier") == fields and gosyntax.text(node) == name:
                yield captures["type"][0], None
        elif not fields and "spec" in captures:
            spec = captures["spec"][0]
            names = spec.children_by_field_name("name")
            value = spec.child_by_field_name("value")
            values = value.named_children if value is not None else []
            for i, ident in enumerate(names):
                if gosyntax.text(ident) == name:
                    yield (spec.child_by_field_name("type"),
                           values[i] if len(values) == len(names) else None)
        elif not fields and "short" in captures:
            stmt = captures["short"][0]
            left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
            targets = left.named_children if left is not None else []
            values = right.named_children if right is not None else []
            for i, ident in enumerate(targets):
                if gosyntax.text(ident) == name:
                    yield None, values[i] if len(values) == len(targets) else None


def _is_client_type(ctx: FileContext, type_: Node, fn: str, http: str) -> bool:
    text = gosyntax.text(type_)
    if re.fullmatch(rf"\*?{re.escape(http)}\.(Client|Transport)|{re.escape(http)}\."
                    r"RoundTripper", text):
        return True
    if type_.type == "interface_type":
        return _declares_response_method(type_, fn, http)
    if type_.type == "type_identifier":
        compiled = gosyntax.compile_query(_TYPE_SPECS)
        return any(
            gosyntax.text(c["name"][0]) == text and _declares_response_method(c["type"][0], fn,
                                                                               http)
            for _, c in gosyntax.matches(compiled, ctx.tree.root_node)
        )
    return False


def _declares_response_method(interface: Node, fn: str, http: str) -> bool:
    """An interface with a method ``fn`` whose results include ``*http.Response``."""
    for elem in interface.named_children:
        name, result = elem.child_by_field_name("name"), elem.child_by_field_name("result")
        if elem.type == "method_elem" and name is not None and result is not None and (
            gosyntax.text(name) == fn and f"*{http}.Response" in gosyntax.text(result)
        ):
            return True
    return False


def _is_client_value(value: Node, http: str) -> bool:
    h = re.escape(http)
    return re.fullmatch(
        rf"&?{h}\.(Client|Transport)\s*\{{.*|{h}\.Default(Client|Transport)"
        rf"|new\({h}\.(Client|Transport)\)", gosyntax.text(value), re.S) is not None


def _body_is_read_or_closed(acq: release.Acquisition) -> bool:
    """Some later ``v.Body`` is closed or read by a borrowing call (``io.ReadAll(v.Body)``)."""
    scope = release.variable_scope(acq)
    if scope is None:
        return False
    for ref in release.references_after(acq, scope):
        body = ref.parent
        if body is None or body.type != "selector_expression" or gosyntax.text(body) != (
            f"{acq.name}.Body"
        ):
            continue
        outer = body.parent
        if outer is None:
            continue
        if outer.type == "selector_expression" and gosyntax.text(outer).endswith(".Close"):
            return True
        call = outer.parent
        if outer.type == "argument_list" and call is not None and (
            release.call_name(call) in release.BORROWING_CALLS
        ):
            return True
    return False
