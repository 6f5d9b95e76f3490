"""Git operations for `leakfix apply`: state checks, a private worktree, commits.

The user's checkout is never touched: fixes are written, verified and committed
in a temporary worktree detached at HEAD, and the branch ref is created only
once every commit exists. An interrupted run therefore leaves the repository as
it was (plus, when killed outright, a locked worktree that the next run removes).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import git

from fixer import interrupts
from fixer.repo import InputError

DEFAULT_AUTHOR = "leakfix <leakfix@localhost>"
_IN_PROGRESS = {
    "MERGE_HEAD": "a merge",
    "rebase-merge": "a rebase",
    "rebase-apply": "a rebase or am",
    "CHERRY_PICK_HEAD": "a cherry-pick",
    "REVERT_HEAD": "a revert",
    "BISECT_LOG": "a bisect",
}


@dataclass(frozen=True)
class Identity:
    name: str
    email: str

    @classmethod
    def parse(cls, text: str) -> Identity:
        name, sep, rest = text.partition("<")
        if not sep or not rest.endswith(">") or not name.strip():
            raise InputError(f"--author {text!r}: expected 'Name <email>'")
        return cls(name.strip(), rest[:-1].strip())

    def actor(self) -> git.Actor:
        return git.Actor(self.name, self.email)


def open_repo(path: Path) -> git.Repo:
    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise InputError(f"{path}: not inside a git repository (use --dry-run or "
                         "--no-commit outside git)") from exc
    if repo.bare:
        raise InputError(f"{path}: is a bare repository")
    # Reading the state must not refresh (rewrite) the user's index: that takes the
    # index lock, and a `git commit` of theirs running at the same time would fail.
    repo.git.update_environment(GIT_OPTIONAL_LOCKS="0")
    return repo


def check_clean(repo: git.Repo) -> None:
    """Refuse a dirty work tree or an operation in progress (nothing is changed)."""
    git_dir = Path(repo.git_dir)
    for marker, what in _IN_PROGRESS.items():
        if (git_dir / marker).exists():
            raise InputError(f"{repo.working_tree_dir}: {what} is in progress; finish or abort "
                             "it first")
    if not repo.head.is_valid():
        raise InputError(f"{repo.working_tree_dir}: the repository has no commits yet")
    if repo.is_dirty(index=True, working_tree=True, untracked_files=False):
        raise InputError(f"{repo.working_tree_dir}: work tree has uncommitted changes; commit "
                         "or stash them first")


def default_identity(repo: git.Repo) -> Identity:
    """git's own ``user.name``/``user.email`` (as git resolves them), else DEFAULT_AUTHOR."""
    values = []
    for key in ("user.name", "user.email"):
        try:
            values.append(repo.git.config("--get", key).strip())
        except git.GitCommandError:
            values.append("")
    name, email = values
    if name and email:
        return Identity(name, email)
    return Identity.parse(DEFAULT_AUTHOR)


def branch_name(repo: git.Repo, today: dt.date | None = None) -> str:
    day = (today or dt.date.today()).isoformat()
    return f"leakfix/{day}-{repo.head.commit.hexsha[:7]}"


def branch_exists(repo: git.Repo, name: str) -> bool:
    return any(head.name == name for head in repo.heads)


_LOCK = "leakfix run, pid "


def _run_alive(reason: str) -> bool:
    """Whether the leakfix run that locked a worktree (``_LOCK``) still runs."""
    pid, _, host = reason.removeprefix(_LOCK).partition(" on ")
    if host != socket.gethostname() or not pid.isdigit():
        return True  # another machine's run (a shared disk): not ours to judge
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def remove_stale_worktrees(repo: git.Repo) -> list[str]:
    """Unregister and delete the worktrees of leakfix runs that were killed (SIGKILL,
    power loss); returns their paths. ``git worktree prune`` alone keeps an entry whose
    directory still exists, so each run locks its worktree with its pid."""
    repo.git.worktree("prune")
    removed = []
    for entry in repo.git.worktree("list", "--porcelain").split("\n\n"):
        fields = dict(line.partition(" ")[::2] for line in entry.splitlines())
        path, reason = fields.get("worktree"), fields.get("locked", "")
        if path is None or not reason.startswith(_LOCK) or _run_alive(reason):
            continue
        # Unlocked first: a run killed inside `git worktree add` leaves a locked entry that
        # `remove` refuses (no checkout yet) and `prune` keeps while locked.
        with contextlib.suppress(git.GitCommandError):
            repo.git.worktree("unlock", path)
        with contextlib.suppress(git.GitCommandError):
            repo.git.worktree("remove", "--force", "--force", path)
        if Path(path).parent.name.startswith("leakfix-worktree-"):
            shutil.rmtree(Path(path).parent, ignore_errors=True)
        removed.append(path)
    repo.git.worktree("prune")
    return removed


@contextlib.contextmanager
def private_worktree(repo: git.Repo, commit: str) -> Iterator[git.Repo]:
    """A detached worktree at ``commit`` in a temporary directory, removed afterwards
    (and by the next run, should this one be killed)."""
    remove_stale_worktrees(repo)
    with interrupts.deferred():
        parent = Path(tempfile.mkdtemp(prefix="leakfix-worktree-"))
    path = parent / "tree"
    try:
        repo.git.worktree("add", "--detach", "--quiet", "--lock", "--reason",
                          f"{_LOCK}{os.getpid()} on {socket.gethostname()}", str(path), commit)
        yield git.Repo(path)
    finally:
        with interrupts.deferred():
            with contextlib.suppress(git.GitCommandError):
                repo.git.worktree("remove", "--force", "--force", str(path))
            shutil.rmtree(parent, ignore_errors=True)
            repo.git.worktree("prune")


def commit_all(tree: git.Repo, paths: Sequence[str], message: str, author: Identity) -> str:
    """Stage ``paths`` (relative to the worktree) and commit them; returns the sha."""
    tree.git.add("--", *paths)
    env = {
        "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
        "GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email,
    }
    tree.git.commit("--quiet", "--no-verify", "-m", message, env={**os.environ, **env})
    return str(tree.head.commit.hexsha)


def create_branch(repo: git.Repo, name: str, commit: str, force: bool = False) -> None:
    """Create ``name`` at ``commit``; ``force`` moves it if it exists."""
    try:
        repo.git.check_ref_format("--branch", name)
    except git.GitCommandError as exc:
        raise InputError(f"--branch {name!r}: not a valid branch name") from exc
    repo.git.branch(*(["--force"] if force else []), name, commit)
