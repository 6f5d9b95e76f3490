"""unclosed-resource: a closer from the catalog (connections, listeners, writers) not closed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from codemods.unclosed_file import _OPENERS as _FILE_OPENERS
from fixer import goscope, gosyntax, release
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, Safety


class Closer(NamedTuple):
    """A constructor whose result must be released.

    ``call`` is the import path and the function (``compress/gzip.NewWriter``), or for a
    method the import path, the receiver type in parentheses and the method
    (``github.com/docker/docker/client.(*Client).ContainerLogs``: any ``x.ContainerLogs``
    call in a file importing that package; receiver types are not checked). ``close`` is
    the release method, or a field path to it (``Body.Close``). ``writes``: Close flushes
    buffered output, so dropping its error loses data (the fix is unsafe) and paths that
    give up on the output need no Close (only a value never closed is reported).
    """

    call: str
    close: str = "Close"
    writes: bool = False


_DOCKER = "github.com/docker/docker/client.(*Client)"

# The built-in catalog. Files from os.Open & co. belong to unclosed-file and response bodies
# to unclosed-response-body. compress/{gzip,zlib,flate} readers are left out: their Close
# releases nothing (it only reports a pending decompression error).
CATALOG: tuple[Closer, ...] = (
    *(Closer(f"net.{name}") for name in (
        "Dial", "DialTimeout", "DialTCP", "DialUDP", "DialUnix", "DialIP", "Listen",
        "ListenPacket", "ListenTCP", "ListenUDP", "ListenUnix", "ListenUnixgram", "ListenIP",
        "ListenMulticastUDP")),
    Closer("crypto/tls.Dial"), Closer("crypto/tls.DialWithDialer"), Closer("crypto/tls.Listen"),
    Closer("net/http/httptest.NewServer"), Closer("net/http/httptest.NewTLSServer"),
    Closer("net/http/httptest.NewUnstartedServer"),
    Closer("net/rpc.Dial"), Closer("net/rpc.DialHTTP"), Closer("net/smtp.Dial"),
    Closer("net/textproto.Dial"), Closer("log/syslog.Dial"), Closer("log/syslog.New"),
    Closer("archive/zip.OpenReader"), Closer("debug/elf.Open"), Closer("debug/macho.Open"),
    Closer("debug/pe.Open"), Closer("debug/plan9obj.Open"),
    *(Closer(call, writes=True) for call in (
        "compress/gzip.NewWriter", "compress/gzip.NewWriterLevel", "compress/zlib.NewWriter",
        "compress/zlib.NewWriterLevel", "compress/zlib.NewWriterLevelDict",
        "compress/flate.NewWriter", "compress/flate.NewWriterDict", "archive/zip.NewWriter",
        "archive/tar.NewWriter")),
    *(Closer(f"{_DOCKER}.{name}") for name in (
        "ContainerLogs", "ContainerExport", "ContainerAttach", "ContainerExecAttach",
        "ImagePull", "ImagePush", "ImageSave", "ImageCreate", "ImageImport")),
    *(Closer(f"{_DOCKER}.{name}", "Body.Close") for name in (
        "ContainerStats", "ContainerStatsOneShot", "ImageBuild", "ImageLoad")),
)

# Constructors other rules own: a user entry for one of them would report the leak twice.
_COVERED = {
    **{f"os.{name}": "unclosed-file" for name in _FILE_OPENERS},
    "net/http": "unclosed-response-body",
}

# Fields that are plain values: handing them to a function does not hand on the closer.
_VALUE_FIELDS = frozenset({"URL"})  # httptest.Server.URL
# Where a server or listener is reached: httptest.Server.URL and .Listener, Listener.Addr().
_ADDRESS_FIELDS = ("URL", "Listener", "Addr")

_CALL = re.compile(r"^(?P<path>[\w.~/-]+?)\.(?:\((?P<ptr>\*?)(?P<type>\w+)\)\.)?(?P<name>\w+)$")
_CLOSE = re.compile(r"^\w+(\.\w+)*$")


class _Entry(NamedTuple):
    path: str            # import path
    method: bool         # matches x.Name(...) on any receiver, not pkg.Name(...)
    name: str
    release: tuple[str, ...]
    writes: bool


def _entry(closer: Closer) -> _Entry:
    match = _CALL.match(closer.call)
    if match is None:
        raise ValueError(f"closers: call {closer.call!r} is not 'import/path.Func' or "
                         "'import/path.(*Type).Method'")
    if not _CLOSE.match(closer.close):
        raise ValueError(f"closers: close {closer.close!r} for {closer.call} is not a method "
                         "name or a field path like 'Body.Close'")
    path, name = match.group("path"), match.group("name")
    covered = _COVERED.get(f"{path}.{name}") or _COVERED.get(path)
    if covered is not None:
        raise ValueError(f"closers: {closer.call} is covered by rule {covered}")
    return _Entry(path, match.group("type") is not None, name, tuple(closer.close.split(".")),
                  closer.writes)


def _user_closers(value: Any) -> Iterator[Closer]:
    if not isinstance(value, list | tuple):
        raise ValueError("closers: expected a list of tables with 'call' and 'close'")
    for item in value:
        if not isinstance(item, Mapping) or not isinstance(item.get("call"), str) or (
            not isinstance(item.get("close", "Close"), str)
            or not isinstance(item.get("writes", False), bool)
            or set(item) - {"call", "close", "writes"}
        ):
            raise ValueError(f"closers: {item!r} is not a table with 'call' (string), "
                             "'close' (string) and optionally 'writes' (boolean)")
        yield Closer(item["call"], item.get("close", "Close"), item.get("writes", False))


def _read_from(ref: Node) -> Node:
    """The whole expression reading from ``ref``: ``srv.Listener.Addr().String()``."""
    node = ref
    while (parent := node.parent) is not None and (
        (parent.type == "selector_expression" and parent.child_by_field_name("operand") == node)
        or (parent.type == "call_expression" and parent.child_by_field_name("function") == node)
    ):
        node = parent
    return node


def _outlives_function(value: Node) -> bool:
    """Whether ``value`` is returned, sent, or assigned to something that is not a local
    variable (a package variable, a field, a map or slice element)."""
    holder = value.parent
    statement = holder.parent if holder is not None and holder.type == "expression_list" else None
    if statement is None or holder is None:
        return False
    if statement.type in ("return_statement", "send_statement"):
        return True
    if statement.type != "assignment_statement" or statement.child_by_field_name(
            "right") != holder:
        return False
    left = statement.child_by_field_name("left")
    targets = left.named_children if left is not None else []
    values = holder.named_children
    if len(targets) != len(values):
        return False
    target = targets[values.index(value)]
    if target.type != "identifier":
        return True
    name = gosyntax.text(target)
    return name != "_" and goscope.declaration_scope(target, name) is None


def _published(acq: release.Acquisition) -> bool:
    """The resource's address (``srv.URL``, ``ln.Addr().String()``) outlives the function:
    where it is reached is published, so it is kept open on purpose (a shared test server
    started once, a fake whose URL is returned to the caller)."""
    scope = release.variable_scope(acq)
    return scope is not None and any(
        release.selected_fields(ref)[:1] in ([f] for f in _ADDRESS_FIELDS)
        and _outlives_function(_read_from(ref))
        for ref in release.references_after(acq, scope))


def _query(names: Iterable[str]) -> str:
    listed = " ".join(f'"{name}"' for name in sorted(set(names)))
    return f"""
    (expression_list . (call_expression
      function: (selector_expression operand: (_) @recv field: (field_identifier) @fn
                  (#any-of? @fn {listed}))) @call .)
    """


class UnclosedResource(Codemod):
    """
    ## What it does
    Reports a value from a catalog of constructors that return closers -- network
    connections and listeners (`net.Dial`, `net.Listen`, `tls.Dial`, ...), `httptest`
    servers, RPC/SMTP/syslog clients, `zip.OpenReader`, compressing and archive writers
    (`gzip.NewWriter`, `zip.NewWriter`, ...) and Docker client streams (`ContainerLogs`,
    `ImagePull`, ...) -- that some path after the error check leaves unclosed.

    ## Why is this bad?
    A connection or listener holds a file descriptor and often a goroutine on the other
    side until it is closed; a daemon that leaks one per request runs out of descriptors or
    keeps peers waiting forever. An `httptest` server left running keeps its goroutines and
    port. A compressing or archive writer that is never closed never writes its buffered
    data and trailer: the output is silently truncated.

    ## Example
    ```go
    func ping(addr string) error {
        conn, err := net.Dial("tcp", addr)
        if err != nil {
            return err
        }
        if _, err := conn.Write([]byte("PING\\n")); err != nil {
            return err // conn stays open
        }
        return nil
    }
    ```

    Use instead:
    ```go
    func ping(addr string) error {
        conn, err := net.Dial("tcp", addr)
        if err != nil {
            return err
        }
        defer conn.Close()
        ...
    }
    ```

    ## Fix safety
    The fix inserts `defer v.Close()` right after the `if err != nil { ... }` block (or
    after the call when it returns no error); closing twice is harmless for these types.
    For writers whose Close flushes output (`gzip.NewWriter`, `zip.NewWriter`, ...) the fix
    is unsafe: the deferred Close drops its error and runs after any read of the output in
    the same function; such writers are only reported when no path closes them. Values
    returned, stored, or handed to another function are not reported, nor is a server or
    connection whose address (`srv.URL`, `ln.Addr().String()`) is returned or stored outside
    the function: its users reach it there after the function returns. A value that escapes
    on one path but leaks on another is reported without a fix, and so is one acquired
    inside a loop or whose error is discarded. Methods (the Docker client's) are matched by
    name in files that import the package; receiver types are not checked.

    Extend the catalog in `.leakfix.toml` (or `[tool.leakfix]` in `pyproject.toml`):
    `[[closers]]` tables with `call = "github.com/acme/pool.Open"`, `close = "Close"` and
    optionally `writes = true`. Constructors that unclosed-file (`os.Open` & co.) or
    unclosed-response-body (`net/http`) own are refused there.
    """

    name = "unclosed-resource"
    fix_title = "close connections and other closers on every path"
    triggers = tuple(sorted({f'"{_entry(c).path}"'.encode() for c in CATALOG}))
    # A call of a catalog name that is the only value on the right of an assignment (an
    # instance adds the names from the user's config).
    query = _query(_entry(c).name for c in CATALOG)

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        extra = list(_user_closers(self.options.get("closers", [])))
        self._entries: dict[str, list[_Entry]] = {}
        for closer in (*CATALOG, *extra):
            entry = _entry(closer)
            self._entries.setdefault(entry.name, []).append(entry)
        # The catalog plus the user's entries: their import paths, and their names.
        self.triggers = tuple(sorted(
            {f'"{e.path}"'.encode() for entries in self._entries.values() for e in entries}))
        self.anchors = tuple(name.encode() for name in self._entries)
        self.query = _query(self._entries)

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        call, receiver = match["call"][0], match["recv"][0]
        entry = self._match(ctx, receiver, gosyntax.text(match["fn"][0]))
        if entry is None:
            return
        acq = release.acquisition_of(call)
        if acq is None:
            return
        verdict = release.analyze_owned(acq, entry.release, value_fields=_VALUE_FIELDS)
        if verdict is None or not verdict.exits or _published(acq):
            return
        if entry.writes and (verdict.released_somewhere or verdict.escapes):
            return  # paths that give up on the output need no Close
        close = ".".join(entry.release)
        verb = "closed" if close == "Close" else f"released with {close}()"
        subject = f"{acq.name} from {gosyntax.text(receiver)}.{entry.name}"
        message = release.leak_message(subject, verdict, ctx.line_of, verb)
        if entry.writes:
            message += ": the data it buffers and its trailer are never written"
        yield self.finding(ctx, acq.target, message, self._fix(ctx, acq, verdict, entry))

    def _match(self, ctx: FileContext, receiver: Node, name: str) -> _Entry | None:
        qualifier = gosyntax.text(receiver) if receiver.type == "identifier" else None
        is_package = qualifier is not None and qualifier in ctx.imports.values() and (
            goscope.declaration_scope(receiver, qualifier) is None)  # not a shadowing local
        for entry in self._entries.get(name, ()):
            if entry.method:
                if entry.path in ctx.imports and not is_package:
                    return entry
            elif is_package and qualifier == ctx.package_name(entry.path):
                return entry
        return None

    @staticmethod
    def _fix(ctx: FileContext, acq: release.Acquisition, verdict: release.Verdict,
             entry: _Entry) -> Fix | None:
        statement = f"defer {acq.name}.{'.'.join(entry.release)}()"
        if not entry.writes:
            return release.release_fix(ctx.source, acq, verdict, statement)
        return release.release_fix(
            ctx.source, acq, verdict, statement, Safety.UNSAFE,
            f"{statement} (its error is dropped, and output read before the function "
            "returns misses what Close writes)")

