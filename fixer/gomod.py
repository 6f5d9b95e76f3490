"""Reading go.mod: the module path and the ``go`` language version.

Codemods whose verdict depends on the language version (time.After before
Go 1.23, range-over-int, ...) receive the version of the nearest go.mod.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

_MODULE = re.compile(r"^module\s+(\S+)", re.M)
_GO = re.compile(r"^go\s+(\d+)\.(\d+)", re.M)


@dataclass(frozen=True)
class GoMod:
    path: Path
    module: str | None
    go_version: tuple[int, int] | None


def parse_gomod(path: Path, content: str) -> GoMod:
    content = re.sub(r"//.*", "", content)
    module = _MODULE.search(content)
    go = _GO.search(content)
    return GoMod(
        path=path,
        module=module.group(1).strip('"') if module else None,
        go_version=(int(go.group(1)), int(go.group(2))) if go else None,
    )


@functools.cache
def nearest_gomod(directory: Path, stop: Path | None = None) -> GoMod | None:
    """The go.mod governing ``directory``: itself or its closest ancestor (not above ``stop``)."""
    candidate = directory / "go.mod"
    if candidate.is_file():
        try:
            return parse_gomod(candidate, candidate.read_text("utf-8", "replace"))
        except OSError:
            return None
    if directory == stop or directory.parent == directory:
        return None
    return nearest_gomod(directory.parent, stop)
