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


def requires(content: str, module: str) -> bool:
    return re.search(rf"^\s*(require\s+)?{re.escape(module)}\s+v\S+", content, re.M) is not None


def add_requirement(content: str, module: str, version: str) -> str:
    """go.mod text with ``module version`` required (unchanged if already there).

    Used only when ``go get`` cannot run (offline); go.sum then needs
    ``go mod tidy``, which the caller reports.
    """
    if requires(content, module):
        return content
    newline = "\r\n" if "\r\n" in content else "\n"
    block = re.search(r"^require \($", content, re.M)
    if block is not None:
        insert_at = block.end()
        return f"{content[:insert_at]}{newline}\t{module} {version}{content[insert_at:]}"
    if not content.endswith(("\n", "\r\n")):
        content += newline
    return f"{content}{newline}require {module} {version}{newline}"


def goleak_version_for(go_version: tuple[int, int] | None) -> str:
    """The newest goleak release whose go.mod the module's Go version accepts."""
    if go_version is None or go_version >= (1, 20):
        return "v1.3.0"
    if go_version >= (1, 18):
        return "v1.2.1"
    return "v1.1.12"


def mark_direct(content: str, module: str) -> str:
    """Drop ``// indirect`` from ``module``'s requirement (test files import it directly)."""
    return re.sub(rf"^(\s*(?:require\s+)?{re.escape(module)}\s+v\S+)\s*// indirect[ \t]*$",
                  r"\1", content, flags=re.M)
