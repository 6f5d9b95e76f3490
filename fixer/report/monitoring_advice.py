"""Monitoring recommendations, tailored to what the scan saw.

Fixing the leaks found today does not stop the next one. The advice says what
the code already exposes (pprof, goroutine counts, metrics exporters), which
components start goroutines and whether a stop path is visible, and which alerts
to set for the kinds of leaks found, with Prometheus expressions over the metric
names of the Go client's default collectors.
"""

from __future__ import annotations

from collections import defaultdict

from fixer.report.audit import Audit, Observability, SignalKind
from fixer.report.document import Block, Bullets, Heading, Paragraph, Table, Text, inline

GOROUTINES, TIMERS, DESCRIPTORS, MEMORY, DATABASE = (
    "goroutines", "timers", "file descriptors and connections", "memory",
    "database connections")
RESOURCE = {
    "goroutine-without-exit": GOROUTINES, "blocked-send": GOROUTINES,
    "unclosed-channel": GOROUTINES, "lost-cancel": GOROUTINES,
    "unstopped-ticker": TIMERS, "unstopped-timer": TIMERS, "time-tick-leak": TIMERS,
    "time-after-in-loop": TIMERS,
    "unclosed-file": DESCRIPTORS, "unclosed-response-body": DESCRIPTORS,
    "unclosed-resource": DESCRIPTORS, "defer-in-loop": DESCRIPTORS,
    "unclosed-sql-rows": DATABASE,
    "reslice-retains-array": MEMORY, "unbounded-map": MEMORY, "pool-put-without-reset": MEMORY,
}


def _growth(metric: str) -> str:
    """The hourly minimum (the floor between bursts) well above the floor 6 h earlier."""
    return f"min_over_time({metric}[1h]) > 1.5 * min_over_time({metric}[1h] offset 6h)"


_ALERTS: dict[str, list[tuple[str, str, str]]] = {
    GOROUTINES: [
        ("goroutine leak", _growth("go_goroutines"),
         "for 1h: the hourly minimum of the goroutine count is 50% above the same minimum "
         "6 hours earlier"),
        ("goroutine ceiling", "go_goroutines > 10000",
         "for 10m: more than 10x the count seen after start-up (adjust to your baseline)"),
    ],
    DESCRIPTORS: [
        ("descriptor leak", _growth("process_open_fds"),
         "for 1h: the hourly minimum of open file descriptors is 50% above the minimum "
         "6 hours earlier"),
        ("descriptors near limit", "process_open_fds / process_max_fds > 0.8",
         "for 10m: more than 80% of the descriptor limit (`ulimit -n`) in use"),
    ],
    MEMORY: [
        ("retained heap", _growth("go_memstats_heap_inuse_bytes"),
         "for 1h: the heap's hourly low point (what survives garbage collection) is 50% "
         "above the low point 6 hours earlier"),
    ],
    DATABASE: [
        ("connection pool exhausted",
         "go_sql_in_use_connections / go_sql_max_open_connections > 0.9",
         "for 10m: more than 90% of `db.SetMaxOpenConns` in use (export `db.Stats()`, e.g. "
         "with `collectors.NewDBStatsCollector`)"),
    ],
}


def _where(obs: Observability, kind: SignalKind) -> str:
    places = [f"`{s.path}:{s.line}`" for s in obs.of(kind)]
    more = f" and {len(places) - 3} more" if len(places) > 3 else ""
    return ", ".join(places[:3]) + more


def _exposed(obs: Observability) -> list[Block]:
    found = [inline(f"`{kind.value}`: {_where(obs, kind)}") for kind in SignalKind
             if obs.of(kind)]
    if not found:
        return [Paragraph(inline(
            "Already exposed: nothing. No pprof endpoint, goroutine count, runtime/metrics, "
            "expvar, Prometheus or OpenTelemetry export and no goleak test was found."))]
    return [Paragraph(inline("Already exposed (found in the code):")), Bullets(tuple(found))]


def _pprof(obs: Observability) -> Text:
    if obs.of(SignalKind.PPROF_HTTP):
        return inline("Goroutine dumps: `net/http/pprof` is imported. Keep its listener "
                      "internal and compare `/debug/pprof/goroutine?debug=1` dumps taken an "
                      "hour apart: a stack whose count keeps growing is a leak.")
    extra = (" `runtime/pprof` is already used: `pprof.Lookup(\"goroutine\").WriteTo(w, 1)` "
             "writes the same dump without an endpoint.") if obs.of(SignalKind.PPROF_RUNTIME) \
        else ""
    return inline("Goroutine dumps: no `net/http/pprof` import was found. Add "
                  "`import _ \"net/http/pprof\"` to the main package and serve "
                  "`http.DefaultServeMux` on an internal address only (`127.0.0.1:6060`); "
                  "`/debug/pprof/goroutine?debug=1` groups the live goroutines by stack, so a "
                  "leak shows as one stack with a growing count." + extra)


def _metrics(obs: Observability) -> Text:
    if obs.of(SignalKind.PROMETHEUS):
        return inline("Metrics: the Prometheus client is used. Its default registry's Go and "
                      "process collectors export `go_goroutines`, `process_open_fds` and "
                      "`process_max_fds` (Linux): serve them with `promhttp.Handler()` and "
                      "alert as below.")
    if obs.of(SignalKind.OPENTELEMETRY):
        return inline("Metrics: OpenTelemetry is used. Start its runtime instrumentation "
                      "(`go.opentelemetry.io/contrib/instrumentation/runtime`) to export the "
                      "goroutine count, and export the process's open descriptors; the "
                      "alerts below use the Prometheus names, map them to yours.")
    readers = [k.value for k in (SignalKind.GOROUTINE_COUNT, SignalKind.RUNTIME_METRICS,
                                 SignalKind.EXPVAR) if obs.of(k)]
    seen = (f" The code already reads or publishes runtime state ({', '.join(readers)}): "
            "publish the goroutine count as a gauge next to it.") if readers else ""
    return inline("Metrics: no metrics exporter was found. Export the goroutine count "
                  "(`runtime.NumGoroutine()`, or `/sched/goroutines:goroutines` from "
                  "runtime/metrics) and the number of open file descriptors (the entries of "
                  "/proc/self/fd). With the Prometheus client, `promhttp.Handler()` on the "
                  "default registry exports both as `go_goroutines` and `process_open_fds`, "
                  "the names the alerts below use." + seen)


def _components(audit: Audit) -> list[Block]:
    obs = audit.observability
    if not obs.goroutines:
        return [Paragraph(inline("Components that start goroutines: none (no `go` statement "
                                 "outside tests)."))]
    stuck = {(f.path, f.line) for f in audit.scan.active if f.rule == "goroutine-without-exit"}
    rows = []
    for site in obs.goroutines:
        stop = site.stop or "none found"
        if (site.path, site.line) in stuck:
            stop += " (leakfix: `goroutine-without-exit`)"
        rows.append((inline(f"`{site.path}:{site.line}`"), inline(f"`{site.function}`"),
                     inline(stop)))
    missing = sum(1 for s in obs.goroutines if not s.stop)
    return [
        Paragraph(inline(
            f"Components that start goroutines ({len(obs.goroutines)} `go` statements; "
            f"{missing} without a visible stop path). Each should stop what it starts: take "
            "a context, or have a `Stop`/`Close` that closes a done channel and waits for "
            "the goroutines (`sync.WaitGroup`); a goleak test in each of their packages keeps "
            "it that way.")),
        Table(("location", "function", "stop path"), tuple(rows)),
    ]


def _alerts(audit: Audit) -> list[Block]:
    by_kind: dict[str, set[str]] = defaultdict(set)
    for f in audit.scan.active:
        kind = RESOURCE.get(f.rule)
        if kind is not None:
            by_kind[kind].add(f.rule)
    found = [f"{kind}: " + ", ".join(f"`{r}`" for r in sorted(rules))
             for kind, rules in sorted(by_kind.items())]
    kinds = [GOROUTINES, DESCRIPTORS]
    if MEMORY in by_kind or TIMERS in by_kind:  # a timer never stopped holds memory too
        kinds.append(MEMORY)
    if DATABASE in by_kind:
        kinds.append(DATABASE)
    rows = tuple((inline(name), inline(f"`{expr}`"), inline(generic))
                 for kind in kinds for name, expr, generic in _ALERTS[kind])
    intro = ("Suggested alerts (Prometheus expressions; the threshold column says the same "
             "for any monitoring system). Leaks found, by kind: "
             + ("; ".join(found) if found else "none") + ".")
    return [Paragraph(inline(intro)), Table(("alert", "expression", "threshold"), rows)]


def section(audit: Audit) -> list[Block]:
    obs = audit.observability
    return [Heading(2, inline("Monitoring recommendations")), *_exposed(obs),
            Paragraph(_pprof(obs)), Paragraph(_metrics(obs)), *_components(audit),
            *_alerts(audit)]
