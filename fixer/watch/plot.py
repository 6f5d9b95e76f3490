"""An SVG plot of the watch: counts over time per goroutine group and per fd kind.

Hand-written SVG (no plotting library): one panel per resource, a polyline per series,
growing series drawn thick and listed first in the legend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from fixer.watch.analysis import WatchReport

WIDTH, PANEL_HEIGHT = 840, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 330, 34, 36
MAX_SERIES = 8
MAX_LABEL = 38
MAX_MARKED = 60  # samples up to which each point gets a dot
PALETTE = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#17becf")


@dataclass(frozen=True)
class Line:
    label: str
    values: list[int]
    growing: bool


def render(report: WatchReport) -> str:
    panels = [("Goroutines per group", _group_lines(report))]
    if report.fds:
        panels.append(("Open file descriptors by kind",
                       [Line(s.kind, s.counts, s.trend.growing) for s in report.fds
                        if any(s.counts)]))
    height = PANEL_HEIGHT * len(panels)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="11">',
             f'<rect width="{WIDTH}" height="{height}" fill="white"/>']
    for index, (title, lines) in enumerate(panels):
        parts += _panel(index * PANEL_HEIGHT, title, report.times, lines)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _group_lines(report: WatchReport) -> list[Line]:
    chosen = report.growing_groups[:MAX_SERIES]
    steady = sorted((g for g in report.groups if not g.trend.growing),
                    key=lambda g: -max(g.counts))
    chosen += steady[: MAX_SERIES - len(chosen)]
    lines = []
    for group in chosen:
        frame = group.key.blocking
        site = report.site(frame) if frame is not None else None
        name = (f"{site.function.rsplit('/', 1)[-1]} {site.path.rsplit('/', 1)[-1]}:"
                f"{site.line}" if site is not None else "?")
        lines.append(Line(name, group.counts, group.trend.growing))
    return lines


def _scale(value: float) -> tuple[float, float]:
    """A round top for the y axis and the tick step (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return step * math.ceil(value / step), step


def _panel(y0: int, title: str, times: list[float], lines: list[Line]) -> list[str]:
    plot_w, plot_h = WIDTH - LEFT - RIGHT, PANEL_HEIGHT - TOP - BOTTOM
    x_max = max(times[-1] if times else 0.0, 1e-9)
    y_max, step = _scale(max((max(line.values) for line in lines), default=0))

    def x(t: float) -> float:
        return LEFT + plot_w * t / x_max

    def y(v: float) -> float:
        return y0 + TOP + plot_h * (1 - v / y_max)

    out = [f'<text x="{LEFT}" y="{y0 + 20}" font-size="13" font-weight="bold">'
           f'{escape(title)}</text>',
           f'<rect x="{LEFT}" y="{y0 + TOP}" width="{plot_w}" height="{plot_h}" '
           'fill="none" stroke="#999"/>']
    for tick in range(round(y_max / step) + 1):
        value = tick * step
        out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(value):.1f}" '
                   f'y2="{y(value):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">'
                   f'{value:g}</text>')
    for tick in range(5 + 1):
        t = x_max * tick / 5
        out.append(f'<text x="{x(t):.1f}" y="{y0 + TOP + plot_h + 16}" '
                   f'text-anchor="middle">{t:.1f}s</text>')
    ordered = sorted(lines, key=lambda line: not line.growing)
    for index, line in enumerate(ordered):
        color = PALETTE[index % len(PALETTE)]
        points = " ".join(f"{x(t):.1f},{y(v):.1f}" for t, v in zip(times, line.values,
                                                                      strict=True))
        width = 2.5 if line.growing else 1.2
        out.append(f'<polyline points="{points}" fill="none" stroke="{color}" '
                   f'stroke-width="{width}"/>')
        if len(times) <= MAX_MARKED:
            out += [f'<circle cx="{x(t):.1f}" cy="{y(v):.1f}" r="{width}" fill="{color}"/>'
                    for t, v in zip(times, line.values, strict=True)]
        ly = y0 + TOP + 8 + 16 * index
        lx = LEFT + plot_w + 12
        out.append(f'<line x1="{lx}" x2="{lx + 18}" y1="{ly}" y2="{ly}" stroke="{color}" '
                   f'stroke-width="{width}"/>')
        label = line.label if len(line.label) <= MAX_LABEL else line.label[:MAX_LABEL - 1] + "…"
        mark = " (growing)" if line.growing else ""
        out.append(f'<text x="{lx + 24}" y="{ly + 4}">{escape(label + mark)}</text>')
    return out
