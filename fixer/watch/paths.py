"""Map file paths from stack traces to repository-relative paths.

A binary records the path its files had at build time: an absolute path on the build
machine (``/build/src/svc/cmd/api/main.go``, ``$GOPATH/src/...``) or, with
``-trimpath``, the module path plus the package directory
(``example.com/svc/cmd/api/main.go``). Neither says where the repository starts, so
the longest tail of the path that is the path of a repository file wins
(``cmd/api/main.go``).
"""

from __future__ import annotations

from collections.abc import Iterable


class RepoIndex:
    def __init__(self, files: Iterable[str]) -> None:
        self.files = frozenset(files)  # repository-relative, '/'-separated
        self._depth = max((f.count("/") + 1 for f in self.files), default=0)

    def resolve(self, stack_path: str) -> str | None:
        parts = stack_path.replace("\\", "/").split("/")
        for size in range(min(len(parts), self._depth), 0, -1):
            tail = "/".join(parts[-size:])
            if tail in self.files:
                return tail
        return None
