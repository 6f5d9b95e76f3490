"""Which Go files a run looks at.

Inside a git work tree the candidates come from ``git ls-files`` (tracked plus
untracked-but-not-ignored); elsewhere from a plain walk. Go's own rules are
followed: ``vendor/``, ``testdata/`` and directories starting with ``.`` or
``_`` are not part of any package. Symbolic links are never followed, so
nothing outside the tree is read or written through one.
"""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

SKIPPED_DIRS = frozenset({"vendor", "testdata", "node_modules"})


class InputError(Exception):
    """Bad input from the user: reported as one line on stderr, exit code 2."""


@dataclass
class SourceSet:
    root: Path
    files: list[Path] = field(default_factory=list)
    git_root: Path | None = None

    def relative(self, path: Path) -> str:
        text = str(path)
        if text.startswith(self._prefix):  # the common case, without pathlib's cost
            return text[len(self._prefix):]
        return path.relative_to(self.root).as_posix()

    @cached_property
    def _prefix(self) -> str:
        return os.path.join(self.root, "")


# Variables that point git at another repository than the directory's own (git sets
# some of them for hooks, where leakfix may run as a pre-commit hook).
_REDIRECTS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR")


def _git(directory: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """Run a git plumbing command about ``directory`` (None: git is not installed).

    Discovery runs git directly: importing GitPython costs more than a scan of a
    cached tree does otherwise (about 40 ms of a 0.4 s warm run)."""
    env = {k: v for k, v in os.environ.items() if k not in _REDIRECTS}
    try:
        return subprocess.run(["git", *args], cwd=directory, env=env, capture_output=True,
                              text=True, errors="surrogateescape", check=False)
    except (FileNotFoundError, NotADirectoryError):
        return None


def git_toplevel(path: Path) -> Path | None:
    """The top of the git work tree holding ``path`` (None: not in one, or a bare repo)."""
    found = _git(path, "rev-parse", "--show-toplevel")
    if found is None or found.returncode != 0 or not found.stdout.strip():
        return None
    return Path(found.stdout.rstrip("\n")).resolve()


def _skipped_component(part: str) -> bool:
    return part in SKIPPED_DIRS or part.startswith((".", "_"))


def discover(target: Path) -> SourceSet:
    sources = locate(target)
    if sources.files:
        return sources
    resolved = target.resolve()
    top = sources.git_root
    files = _git_files(top, resolved) if top else _walk_files(resolved)
    # Sorted as strings split at '/', which is pathlib's order, before Paths are made:
    # comparing Paths cost more than finding the files.
    files.sort(key=lambda path: path.split("/"))
    return SourceSet(root=sources.root, files=[Path(path) for path in files], git_root=top)


def locate(target: Path) -> SourceSet:
    """``target``'s root and git top-level, checked as ``discover`` does, without listing
    a directory's files (a file target comes back as its one file)."""
    if not target.exists() and not target.is_symlink():
        raise InputError(f"{target}: no such file or directory")
    resolved = target.resolve()
    top = git_toplevel(resolved if resolved.is_dir() else resolved.parent)
    if top is not None and _ignored(top, resolved):
        top = None  # asked for explicitly, but git ignores it: walk it like a plain tree
    if target.is_symlink():
        raise InputError(f"{target}: is a symbolic link; give the path it points to")
    if resolved.is_file():
        if resolved.suffix != ".go":
            raise InputError(f"{target}: not a Go source file")
        return SourceSet(root=top or _plain_root(resolved.parent), files=[resolved], git_root=top)
    if not resolved.is_dir():
        raise InputError(f"{target}: not a regular file or directory")
    return SourceSet(root=top or _plain_root(resolved), git_root=top)


def _ignored(top: Path, path: Path) -> bool:
    """Whether git ignores ``path`` (a virtualenv's site-packages, a build directory)."""
    if path == top:
        return False
    checked = _git(top, "check-ignore", "-q", "--", str(path))
    return checked is not None and checked.returncode == 0  # exit 1: not ignored


def _plain_root(directory: Path) -> Path:
    """Outside git, paths are shown relative to the working directory when the target is
    below it (so a patch applies from there), else relative to the target itself."""
    cwd = Path.cwd().resolve()
    return cwd if directory.is_relative_to(cwd) else directory


def _git_files(top: Path, directory: Path) -> list[str]:
    listed = _git(top, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
                  str(directory))
    if listed is None or listed.returncode != 0:
        message = listed.stderr.strip().splitlines()[-1] if listed and listed.stderr else ""
        raise InputError(f"{directory}: git cannot list the files: {message or 'no git'}")
    inside = directory.relative_to(top).as_posix()
    prefix = "" if inside == "." else inside + "/"
    found: set[str] = set()  # a conflicted file is listed once per stage
    for rel in listed.stdout.split("\0"):
        if not rel.endswith(".go") or not rel.startswith(prefix) or rel in found:
            continue
        if any(_skipped_component(d) for d in rel[len(prefix):].split("/")[:-1]):
            continue
        try:
            mode = os.lstat(os.path.join(top, rel)).st_mode
        except OSError:
            continue  # in the index, deleted from the work tree
        if stat.S_ISREG(mode):  # not a symbolic link
            found.add(rel)
    return [os.path.join(top, rel) for rel in found]


def _walk_files(directory: Path) -> list[str]:
    """The .go files under ``directory``, from directory entries alone (no stat per file)."""
    found: list[str] = []
    pending = [str(directory)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue  # unreadable or vanished, as os.walk skips it
        for entry in entries:
            try:
                if entry.is_symlink():
                    continue
                if entry.is_dir():
                    if not _skipped_component(entry.name):
                        pending.append(entry.path)
                    continue
            except OSError:
                continue
            if entry.name.endswith(".go"):
                found.append(entry.path)
    return found


def refuse_dirty(target: Path) -> None:
    """Refuse to write into a git work tree that has uncommitted changes."""
    top = git_toplevel(target.resolve() if target.is_dir() else target.resolve().parent)
    if top is None:
        return
    import git  # GitPython: only runs that write pay for its import

    repository = git.Repo(top)
    repository.git.update_environment(GIT_OPTIONAL_LOCKS="0")  # no index refresh: gitrepo
    if repository.is_dirty(index=True, working_tree=True, untracked_files=False):
        raise InputError(f"{top}: work tree has uncommitted changes; commit or stash them first")
