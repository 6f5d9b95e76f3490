"""Git-style patches, produced by git itself (no difflib).

The old and new contents are stored as blobs in a throw-away bare repository,
two trees are written from them and ``git diff-tree -p`` renders the patch.
Nothing is written to the user's repository, and ``git apply`` accepts the
result from the repository root because paths are repository-relative.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import git
from git.index.typ import BaseIndexEntry
from gitdb import IStream


@dataclass(frozen=True)
class Change:
    path: str          # repository-relative, '/'-separated
    old: bytes
    new: bytes
    mode: int = 0o100644


def _store(repo: git.Repo, data: bytes) -> bytes:
    return bytes(repo.odb.store(IStream(git.Blob.type, len(data), io.BytesIO(data))).binsha)


def _tree(repo: git.Repo, entries: Sequence[tuple[str, int, bytes]], name: str) -> str:
    index = git.IndexFile(repo, str(Path(repo.git_dir) / name))
    index.add([BaseIndexEntry((mode, sha, 0, path)) for path, mode, sha in entries], write=False)
    return str(index.write_tree().hexsha)


def make_patch(changes: Sequence[Change]) -> str:
    """A git-style unified diff turning every ``old`` into its ``new``."""
    changed = [c for c in changes if c.old != c.new]
    if not changed:
        return ""
    with tempfile.TemporaryDirectory(prefix="leakfix-patch-") as tmp:
        # GitDB writes the blobs in-process; the default object database runs one git
        # process per blob (0.38 s against 0.11 s for 48 changed files).
        repo = git.Repo.init(tmp, bare=True, odbt=git.GitDB)
        try:
            before = _tree(repo, [(c.path, c.mode, _store(repo, c.old)) for c in changed], "a")
            after = _tree(repo, [(c.path, c.mode, _store(repo, c.new)) for c in changed], "b")
            out: str = repo.git.diff_tree(
                "-p", "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/",
                "--dst-prefix=b/", before, after, strip_newline_in_stdout=False,
            )
        finally:
            repo.close()
    return out
