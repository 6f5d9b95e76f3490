"""What the scanned code already exposes for monitoring, and where it starts goroutines.

Feeds the audit report's monitoring recommendations: imports of pprof, expvar,
runtime/metrics, Prometheus, OpenTelemetry and goleak, calls of
``runtime.NumGoroutine``, and every ``go`` statement outside tests with the stop
path its goroutine visibly has (a ``Done()`` channel, a receive from a stop
channel). It reads source text only; what it cannot see it reports as not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from fixer import gosyntax
from fixer.gosyntax import Node
from fixer.report.audit import GoroutineSite, Observability, Signal, SignalKind

_IMPORTS = {
    "net/http/pprof": SignalKind.PPROF_HTTP,
    "runtime/pprof": SignalKind.PPROF_RUNTIME,
    "runtime/metrics": SignalKind.RUNTIME_METRICS,
    "expvar": SignalKind.EXPVAR,
    "go.uber.org/goleak": SignalKind.GOLEAK,
}
_IMPORT_PREFIXES = {
    "github.com/prometheus/client_golang/": SignalKind.PROMETHEUS,
    "go.opentelemetry.io/otel/metric": SignalKind.OPENTELEMETRY,
    "go.opentelemetry.io/otel/sdk/metric": SignalKind.OPENTELEMETRY,
    "go.opentelemetry.io/contrib/instrumentation/runtime": SignalKind.OPENTELEMETRY,
}
_QUERY = """
(import_spec path: (_) @path)
(go_statement) @go
(call_expression function: (selector_expression
  operand: (identifier) @pkg field: (field_identifier) @field (#eq? @field "NumGoroutine")))
"""
# A file without any of these has nothing to report: it is not parsed.
_NEEDLES = (b"go ", b"NumGoroutine", *(p.encode() for p in [*_IMPORTS, *_IMPORT_PREFIXES]))
_DONE = re.compile(r"<-\s*([\w.]+(?:\(\))?)\.Done\(\)")
_STOP_RECEIVE = re.compile(
    r"<-\s*([\w.]*\b\w*(?:done|stop|quit|closing|closed|shutdown|exit|die)\w*)\b", re.I)
_CONTEXT_ARG = re.compile(r"\bctx\b|context\.", re.I)


def _import_kind(path: str) -> SignalKind | None:
    if path in _IMPORTS:
        return _IMPORTS[path]
    return next((k for p, k in _IMPORT_PREFIXES.items() if path.startswith(p)), None)


def function_label(node: Node) -> str:
    """``Type.Method``, ``Func`` or ``(package level)`` for the code holding ``node``."""
    outer = gosyntax.outermost_function(node)
    if outer is None or outer.type == "func_literal":
        return "(package level)"
    found = gosyntax.receiver(outer)
    name = gosyntax.declaration_name(outer)
    return f"{found[1]}.{name}" if found else name


def stop_path(go_stmt: Node, root: Node) -> str:
    """How the goroutine can end, as far as its source shows; "" when nothing is seen."""
    started = gosyntax.goroutine_function(go_stmt, root)
    body = started.child_by_field_name("body") if started is not None else None
    if body is None:  # declared elsewhere: all we see is what it is given
        call = next((c for c in go_stmt.named_children if c.type == "call_expression"), None)
        args = call.child_by_field_name("arguments") if call is not None else None
        if args is not None and _CONTEXT_ARG.search(gosyntax.text(args)):
            return "is passed a context"
        return ""
    code = gosyntax.text(body)
    done = _DONE.search(code)
    if done:
        return f"watches `{done.group(1)}.Done()`"
    receive = _STOP_RECEIVE.search(code)
    if receive:
        return f"receives from `{receive.group(1)}`"
    if not any(n.type == "for_statement" for n in gosyntax.walk(body)):
        return "runs once (no loop)"
    return ""


def _scan_file(display: str, source: bytes) -> tuple[list[Signal], list[GoroutineSite]]:
    tree = gosyntax.parse(source)
    root = tree.root_node
    runtime_name = gosyntax.import_names(root).get("runtime")
    is_test = display.endswith("_test.go")
    signals: list[Signal] = []
    sites: list[GoroutineSite] = []
    for _, captures in gosyntax.matches(gosyntax.compile_query(_QUERY), root):
        if "path" in captures:
            node = captures["path"][0]
            kind = _import_kind(gosyntax.text(node).strip('"`'))
            if kind is not None and (kind is SignalKind.GOLEAK) == is_test:
                signals.append(Signal(kind, display, node.start_point[0] + 1))
        elif "go" in captures and not is_test:
            go = captures["go"][0]
            sites.append(GoroutineSite(display, go.start_point[0] + 1, function_label(go),
                                       stop_path(go, root)))
        elif "pkg" in captures and not is_test and runtime_name is not None \
                and gosyntax.text(captures["pkg"][0]) == runtime_name:
            signals.append(Signal(SignalKind.GOROUTINE_COUNT, display,
                                  captures["pkg"][0].start_point[0] + 1))
    return signals, sites


def scan(files: Iterable[tuple[str, Path]]) -> Observability:
    """``files``: (display path, path on disk); unreadable files are skipped."""
    signals: list[Signal] = []
    sites: list[GoroutineSite] = []
    for display, path in sorted(files):
        try:
            source = path.read_bytes()
        except OSError:
            continue
        if not any(needle in source for needle in _NEEDLES):
            continue
        found, started = _scan_file(display, source)
        signals += found
        sites += started
    return Observability(tuple(signals), tuple(sites))
