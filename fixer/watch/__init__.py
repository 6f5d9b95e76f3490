"""Runtime leak watch: sample a live Go process, find what grows, point at the code.

``leakfix watch`` fetches goroutine dumps and heap profiles from a service's
``net/http/pprof`` endpoint (and, with ``--pid`` on Linux, counts its open file
descriptors) at a fixed interval, then reports the series that keep growing.

Modules, one job each: ``fetch`` (HTTP to the one address the user gave),
``goroutines`` (dump parser), ``frames`` (whose code a stack frame is),
``grouping`` (goroutines by creation site and blocking frame), ``trend``
(least-squares growth verdicts), ``fds`` and ``heap`` (the other two resources),
``sampler`` (the bounded sampling loop), ``analysis`` (samples to a report),
``correlate`` (growing groups to static findings), ``render`` and ``plot``
(text/JSON/markdown and SVG), ``session`` (the whole run, for the CLI).
"""

from __future__ import annotations


class WatchError(ValueError):
    """A bad endpoint, an unreachable server, a garbage response, a vanished process:
    one line for the user (a ValueError, so the CLI reports it as an error, exit 2)."""
