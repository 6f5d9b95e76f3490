"""Whose code a stack frame is: Go symbols, the Go root, and user code versus library code.

A leak report should point at the service's own code, not at ``runtime.gopark`` or
``net/http``. A frame is library code when its file is under the Go root (found from
the dump itself: the ``runtime`` frames' files), in the module cache or a vendor
directory, or (for ``-trimpath`` builds, whose standard library files are relative) when
its package path looks like the standard library's: no dot in the first element and not
``main``. Everything else is user code.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from fixer.watch.goroutines import Frame, Goroutine

_CLOSURE = re.compile(r"^(func|gowrap|deferwrap)\d+$|^\d+$")
_DEPENDENCY = re.compile(r"/pkg/mod/|(^|/)vendor/|@v\d")


@dataclass(frozen=True)
class Symbol:
    """``example.com/svc/store.(*Cache).Get.func1`` -> package, receiver ``Cache``, name ``Get``
    (the declaration a closure or ``go`` wrapper belongs to)."""

    package: str
    receiver: str
    name: str

    @property
    def qualified(self) -> str:
        return f"{self.receiver}.{self.name}" if self.receiver else self.name


def symbol(function: str) -> Symbol:
    slash = function.rfind("/")
    dot = function.find(".", slash + 1)
    if dot < 0:
        return Symbol("", "", function)
    package, rest = function[:dot], function[dot + 1 :]
    parts = [re.sub(r"\[.*?\]", "", p).strip("()*") for p in _split_symbol(rest)]
    if len(parts) >= 2 and not _CLOSURE.match(parts[1]):
        return Symbol(package, parts[0], parts[1])
    return Symbol(package, "", parts[0])


def _split_symbol(rest: str) -> list[str]:
    """Split on dots outside ``(*T)`` and ``[...]`` (generic instantiations hold dots)."""
    parts, depth, current = [], 0, ""
    for char in rest:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "." and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def go_root(goroutines: Iterable[Goroutine]) -> str | None:
    """The ``.../src/`` prefix of the standard library's files, from the runtime's frames;
    None when the binary was built with -trimpath (its library files are relative)."""
    prefixes: Counter[str] = Counter()
    for goroutine in goroutines:
        for frame in goroutine.frames:
            package = symbol(frame.function).package
            if package != "runtime" and not package.startswith("runtime/"):
                continue
            tail = f"{package}/{frame.file.rsplit('/', 1)[-1]}"
            if frame.file.startswith("/") and frame.file.endswith("/" + tail):
                prefixes[frame.file[: -len(tail)]] += 1
    return prefixes.most_common(1)[0][0] if prefixes else None


class Classifier:
    """Decides, for the frames of one process, which are user code."""

    def __init__(self, root: str | None) -> None:
        self.root = root

    def is_user(self, frame: Frame) -> bool:
        if self.root is not None and frame.file.startswith(self.root):
            return False
        if _DEPENDENCY.search(frame.file):
            return False
        package = symbol(frame.function).package
        if package == "main" or "." in package.split("/", 1)[0]:
            return True
        # A dot-less package outside the Go root is a module named without a dot; with
        # -trimpath (root unknown, relative files) it is indistinguishable from the
        # standard library, which is the likelier reading.
        return self.root is not None and frame.file.startswith("/")

    def display(self, frame: Frame) -> str:
        """The file as a reader wants it: Go root stripped from library files."""
        if self.root is not None and frame.file.startswith(self.root):
            return frame.file[len(self.root) :]
        return frame.file
