"""Watch reports as text, JSON and markdown: pure functions, report in, str out."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fixer.watch import trend
from fixer.watch.analysis import MIN_GC_CYCLES, FdSeries, GroupSeries, Match, Site, WatchReport
from fixer.watch.goroutines import Frame

STEADY_SHOWN = 3  # largest steady groups named in the text report


def _size(value: float) -> str:
    return f"{value / (1 << 20):.1f} MiB"


def _signed_size(value: float) -> str:
    return f"{value / (1 << 20):+.1f} MiB"


def _rate(t: trend.Trend, unit: Callable[[float], str] = "{:+.2f}".format) -> str:
    return f"{unit(t.fit.slope)}/s, {unit(t.per_sample)}/sample, R² {t.fit.r2:.2f}"


def _span(report: WatchReport) -> str:
    span = report.times[-1] - report.times[0] if report.times else 0.0
    pid = f", pid {report.pid}" if report.pid is not None else ""
    return (f"{len(report.times)} samples of {report.endpoint} every {report.interval:g}s "
            f"over {span:.1f}s{pid}")


def _state(group: GroupSeries) -> str:
    leaked = f", {group.leaked} leaked per goroutineleak" if group.leaked else ""
    waited = f", waiting up to {group.wait_minutes} min" if group.wait_minutes else ""
    return f"{group.state}{leaked}{waited}"


def _finding(match: Match) -> str:
    f = match.finding
    return f"{f.rule} {f.path}:{f.line}:{f.column}: {f.message} ({match.how})"


def _heap_line(report: WatchReport) -> str | None:
    heap = report.heap
    if heap is None:
        return None
    live = f"live heap {_size(heap.live[0])} → {_size(heap.live[-1])}"
    if heap.trend is None:
        return (f"{live}: undetermined (the live heap is measured at GC; the watch saw "
                f"{heap.gc_cycles} measurement(s), a verdict needs {MIN_GC_CYCLES})")
    verdict = "GROWING" if heap.trend.growing else "steady"
    return f"{live}: {verdict} ({_rate(heap.trend, _signed_size)})"


# -- text ------------------------------------------------------------------------------

def text(report: WatchReport) -> str:
    lines = [f"leakfix watch: {_span(report)}"]
    if report.totals:
        lines.append(f"goroutines: {report.totals[0]} → {report.totals[-1]}")
    for group in report.growing_groups:
        lines.append(f"GROWING goroutines: {_growth(group.trend)} [{_state(group)}]")
        lines += _group_sites(report, group)
        lines += [f"  = {_finding(m)}" for m in group.findings]
    for series in report.growing_fds:
        lines.append(f"GROWING file descriptors ({series.kind}): {_fd_summary(series)}")
        lines += [f"  candidate: {_finding(m)}" for m in series.findings]
    heap = _heap_line(report)
    if heap:
        lines.append(heap)
        if report.heap is not None:
            lines += [f"  candidate: {_finding(m)}" for m in report.heap.findings]
    lines += _steady_text(report)
    leaked = [g for g in report.groups if g.leaked and not g.trend.growing]
    lines += [f"leaked but not growing: {g.leaked} x {_where(report, g.key.blocking)}"
              for g in leaked]
    lines += [f"note: {n}" for n in report.notes]
    if report.aborted:
        lines.append(f"stopped early: {report.aborted}")
    if not report.growing:
        lines.append("Nothing grew.")
    return "\n".join(lines) + "\n"


def _where(report: WatchReport, frame: Frame | None) -> str:
    return str(report.site(frame)) if frame is not None else "?"


def _group_sites(report: WatchReport, group: GroupSeries) -> list[str]:
    lines = [f"  blocked in {_where(report, group.key.blocking)}"]
    if group.key.created_by is not None:
        lines.append(f"  created by {_where(report, group.key.created_by)}")
    return lines


def _growth(t: trend.Trend) -> str:
    return f"{t.rise:+.0f} ({t.first:.0f} → {t.last:.0f}), {_rate(t)}"


def _fd_summary(series: FdSeries) -> str:
    most = ", ".join(f"{path} ({count})" for path, count in series.top_files)
    return _growth(series.trend) + (f"; most open: {most}" if most else "")


def _steady_text(report: WatchReport) -> list[str]:
    steady = [g for g in report.groups if not g.trend.growing]
    lines = []
    if steady:
        largest = sorted(steady, key=lambda g: -g.counts[-1])[:STEADY_SHOWN]
        named = "; ".join(f"{g.counts[-1]} x {_where(report, g.key.blocking)}" for g in largest)
        lines.append(f"steady: {len(steady)} goroutine groups (largest: {named})")
    if report.fds:
        counts = ", ".join(f"{s.kind} {s.counts[-1]}" for s in report.fds
                           if not s.trend.growing and s.counts[-1])
        lines.append(f"steady file descriptors: {counts or 'none open'}")
    return lines


# -- JSON ------------------------------------------------------------------------------

def as_json(report: WatchReport) -> str:
    return json.dumps(_document(report), indent=2, ensure_ascii=False) + "\n"


def _document(report: WatchReport) -> dict[str, Any]:
    return {
        "endpoint": report.endpoint,
        "pid": report.pid,
        "interval_seconds": report.interval,
        "times": [round(t, 3) for t in report.times],
        "goroutines": report.totals,
        "groups": [_group_json(report, g) for g in report.groups],
        "fds": [{"kind": s.kind, "counts": s.counts, "trend": _trend_json(s.trend),
                 "top_files": [list(p) for p in s.top_files],
                 "findings": [_match_json(m) for m in s.findings]} for s in report.fds],
        "heap": None if report.heap is None else {
            "live_bytes": report.heap.live, "heap_inuse": report.heap.heap_inuse,
            "gc_cycles": report.heap.gc_cycles,
            "trend": None if report.heap.trend is None else _trend_json(report.heap.trend),
            "findings": [_match_json(m) for m in report.heap.findings]},
        "growing": report.growing,
        "thresholds": {"min_samples": trend.MIN_SAMPLES, "min_r2": trend.MIN_R2,
                       "min_relative_rise": trend.MIN_RELATIVE_RISE,
                       "min_rise": {"goroutines": trend.GOROUTINES.min_rise,
                                    "fds": trend.FDS.min_rise,
                                    "heap_bytes": trend.HEAP.min_rise}},
        "notes": report.notes,
        "aborted": report.aborted,
    }


def _site_json(report: WatchReport, frame: Frame | None) -> dict[str, Any] | None:
    if frame is None:
        return None
    site: Site = report.site(frame)
    return {"function": site.function, "path": site.path, "line": site.line,
            "in_repo": site.in_repo}


def _group_json(report: WatchReport, group: GroupSeries) -> dict[str, Any]:
    return {"blocking": _site_json(report, group.key.blocking),
            "created_by": _site_json(report, group.key.created_by),
            "state": group.state, "wait_minutes": group.wait_minutes, "leaked": group.leaked,
            "counts": group.counts, "trend": _trend_json(group.trend),
            "findings": [_match_json(m) for m in group.findings]}


def _trend_json(t: trend.Trend) -> dict[str, Any]:
    return {"first": t.first, "last": t.last, "slope_per_second": round(t.fit.slope, 4),
            "slope_per_sample": round(t.per_sample, 4), "r2": round(t.fit.r2, 4),
            "growing": t.growing}


def _match_json(match: Match) -> dict[str, Any]:
    f = match.finding
    return {"rule": f.rule, "path": f.path, "line": f.line, "column": f.column,
            "message": f.message, "how": match.how}


# -- markdown --------------------------------------------------------------------------

def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown(report: WatchReport) -> str:
    out = ["## Runtime leak watch", "",
           f"{_span(report).replace(report.endpoint, f'`{report.endpoint}`')}. A series "
           f"is growing when, over at least {trend.MIN_SAMPLES} samples, its least-squares fit "
           f"has R² ≥ {trend.MIN_R2} and it rose by {trend.MIN_RELATIVE_RISE:.0%} and by at "
           f"least {trend.GOROUTINES.min_rise:.0f} goroutines, {trend.FDS.min_rise:.0f} "
           f"descriptors or {_size(trend.HEAP.min_rise)} of live heap.", ""]
    out += ["### Goroutine groups that grow", ""]
    if report.growing_groups:
        out += ["| count | rate | R² | blocked in | created by | state | finding |",
                "| --- | --- | --- | --- | --- | --- | --- |"]
        for g in report.growing_groups:
            findings = "<br>".join(f"`{m.finding.rule}` {m.finding.path}:{m.finding.line} "
                                   f"({m.how})" for m in g.findings) or "none"
            out.append("| " + " | ".join(_cell(c) for c in (
                f"{g.trend.first:.0f} → {g.trend.last:.0f}", f"{g.trend.fit.slope:+.2f}/s",
                f"{g.trend.fit.r2:.2f}", _md_site(report, g.key.blocking),
                _md_site(report, g.key.created_by), _state(g), findings)) + " |")
    else:
        out.append("None.")
    if report.fds:
        out += ["", "### File descriptors", "", "| kind | count | rate | R² | verdict | "
                "candidate findings |", "| --- | --- | --- | --- | --- | --- |"]
        for s in report.fds:
            found = "<br>".join(f"`{m.finding.rule}` {m.finding.path}:{m.finding.line}"
                                for m in s.findings)
            out.append("| " + " | ".join(_cell(c) for c in (
                s.kind, f"{s.trend.first:.0f} → {s.trend.last:.0f}",
                f"{s.trend.fit.slope:+.2f}/s", f"{s.trend.fit.r2:.2f}",
                "**growing**" if s.trend.growing else "steady", found)) + " |")
    heap = _heap_line(report)
    if heap:
        out += ["", "### Heap", "", heap[0].upper() + heap[1:] + "."]
    extra = report.notes + ([f"Stopped early: {report.aborted}"] if report.aborted else [])
    if extra:
        out += ["", "### Notes", ""] + [f"- {n}" for n in extra]
    return "\n".join(out) + "\n"


def _md_site(report: WatchReport, frame: Frame | None) -> str:
    if frame is None:
        return ""
    site = report.site(frame)
    return f"`{site.function}` {site.path}:{site.line}"


RENDERERS: dict[str, Callable[[WatchReport], str]] = {
    "text": text, "json": as_json, "markdown": markdown,
}
