"""Steps that must not stop halfway: Ctrl-C and SIGTERM wait until they are done."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

_STOPS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Block SIGINT and SIGTERM in this thread (and in processes it starts) for the
    duration; one that arrives meanwhile is delivered, and raises, on the way out.

    For short steps whose interruption would leave a mess: removing the private worktree,
    writing a set of files that belong together.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
