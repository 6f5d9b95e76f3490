"""Which Go files a run looks at.

Inside a git work tree the candidates come from ``git ls-files`` (tracked plus
untracked-but-not-ignored); elsewhere from a plain walk. Go's own rules are
followed: ``vendor/``, ``testdata/`` and directories starting with ``.`` or
``_`` are not part of any package. Symbolic links are never followed, so
nothing outside the tree is read or written through one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import git

SKIPPED_DIRS = frozenset({"vendor", "testdata", "node_modules"})


class InputError(Exception):
    """Bad input from the user: reported as one line on stderr, exit code 2."""


@dataclass
class SourceSet:
    root: Path
    files: list[Path] = field(default_factory=list)
    git_root: Path | None = None

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def git_toplevel(path: Path) -> Path | None:
    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    if repo.bare or repo.working_tree_dir is None:
        return None
    return Path(repo.working_tree_dir).resolve()


def _skipped_component(part: str) -> bool:
    return part in SKIPPED_DIRS or part.startswith((".", "_"))


def _wanted(relative_parts: tuple[str, ...]) -> bool:
    *dirs, name = relative_parts
    return name.endswith(".go") and not any(_skipped_component(d) for d in dirs)


def discover(target: Path) -> SourceSet:
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
    root = top or _plain_root(resolved)
    files = _git_files(top, resolved) if top else _walk_files(resolved)
    return SourceSet(root=root, files=sorted(files), git_root=top)


def _ignored(top: Path, path: Path) -> bool:
    """Whether git ignores ``path`` (a virtualenv's site-packages, a build directory)."""
    if path == top:
        return False
    try:
        git.Repo(top).git.check_ignore("-q", "--", str(path))
    except git.GitCommandError:
        return False  # exit 1: not ignored
    return True


def _plain_root(directory: Path) -> Path:
    """Outside git, paths are shown relative to the working directory when the target is
    below it (so a patch applies from there), else relative to the target itself."""
    cwd = Path.cwd().resolve()
    return cwd if directory.is_relative_to(cwd) else directory


def _git_files(top: Path, directory: Path) -> list[Path]:
    repo = git.Repo(top)
    listing = repo.git.ls_files(
        "-z", "--cached", "--others", "--exclude-standard", "--", str(directory)
    )
    found: set[Path] = set()
    for rel in filter(None, listing.split("\0")):
        path = top / rel
        try:
            inner = path.relative_to(directory).parts
        except ValueError:
            continue
        if _wanted(inner) and not path.is_symlink() and path.is_file():
            found.add(path)
    return list(found)


def _walk_files(directory: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(directory, followlinks=False):
        dirnames[:] = [d for d in dirnames if not _skipped_component(d)]
        base = Path(dirpath)
        for name in filenames:
            path = base / name
            if name.endswith(".go") and not path.is_symlink():
                found.append(path)
    return found


def refuse_dirty(target: Path) -> None:
    """Refuse to write into a git work tree that has uncommitted changes."""
    top = git_toplevel(target.resolve() if target.is_dir() else target.resolve().parent)
    if top is None:
        return
    repository = git.Repo(top)
    repository.git.update_environment(GIT_OPTIONAL_LOCKS="0")  # no index refresh: gitrepo
    if repository.is_dirty(index=True, working_tree=True, untracked_files=False):
        raise InputError(f"{top}: work tree has uncommitted changes; commit or stash them first")
