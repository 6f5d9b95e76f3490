"""Interruption: `leakfix apply` killed (SIGINT, SIGTERM, SIGKILL) at seeded random
points while it fixes, writes and commits.

Afterwards the user's branch, HEAD, index and work tree are as they were; the new
branch is either absent or complete (the same tree as an uninterrupted run); no
worktree of a killed run stays registered once the next run has started, no
temporary directory is left; and a rerun succeeds. ``--no-commit`` leaves every file
either as it was or fixed, never half-written. Runs use ``--no-verify --goleak none``
so their time is leakfix's own; signals go to the process group, as Ctrl-C does.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_cli import GIT_ENV, git, make_repo, write_tree
from test_hostile import git_state, work_tree

FAST = ("--no-verify", "--goleak", "none")
SEED = int(os.environ.get("LEAKFIX_INTERRUPT_SEED", "1729"))
PACKAGES, FILES = 6, 20


def _source(package: int, index: int) -> bytes:
    return f"""package pkg{package}

import (
\t"context"
\t"os"
)

func Leak{index}(parent context.Context) {{
\tctx, _ := context.WithCancel(parent)
\tuse{index}(ctx)
}}

func use{index}(context.Context) {{}}

func Size{index}(path string) (int64, error) {{
\tfile, err := os.Open(path)
\tif err != nil {{
\t\treturn 0, err
\t}}
\tinfo, err := file.Stat()
\tif err != nil {{
\t\treturn 0, err
\t}}
\treturn info.Size(), nil
}}
""".encode()


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """120 files with two fixable leaks each (two rules: two commits); one executable."""
    files = {f"pkg{p}/f{i}.go": _source(p, i) for p in range(PACKAGES) for i in range(FILES)}
    root = write_tree(tmp_path / "repo", {"go.mod": b"module r\n\ngo 1.22\n", **files})
    (root / "pkg0" / "f0.go").chmod(0o755)
    return make_repo(root)


def _start(root: Path, tmp: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, **GIT_ENV, "TMPDIR": str(tmp)}
    return subprocess.Popen([sys.executable, "-m", "fixer", "apply", *FAST, *args, "."],
                            cwd=root, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def _run(root: Path, tmp: Path, *args: str) -> tuple[int, float]:
    started = time.monotonic()
    process = _start(root, tmp, *args)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode in (0, 1), stderr.decode()
    return process.returncode, time.monotonic() - started


def _interrupt(process: subprocess.Popen[bytes], delay: float, signum: int) -> int:
    time.sleep(delay)
    if process.poll() is None:
        os.killpg(process.pid, signum)
    process.communicate(timeout=120)
    return process.returncode


def _tree(root: Path, rev: str) -> str:
    return git(root, "rev-parse", f"{rev}^{{tree}}").stdout.strip()


def _worktrees(state: dict[str, str]) -> set[str]:
    return {line.removeprefix("worktree ") for line in state["worktrees"].splitlines()
            if line.startswith("worktree ")}


def _leftovers(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("leakfix-"))


def test_apply_interrupted_anywhere_leaves_old_state_or_whole_branch(many: Path,
                                                                    tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    _, full = _run(many, tmp, "--branch", "reference")
    expected = _tree(many, "reference")
    before, files = git_state(many), work_tree(many)
    rnd = random.Random(SEED)
    outcomes = []
    killed: set[str] = set()  # worktrees of SIGKILLed runs: the next run to start removes them
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL] * 3
    for n, signum in enumerate(signals):
        delay = rnd.uniform(0.05, 1.1) * full
        code = _interrupt(_start(many, tmp, "--branch", f"try{n}"), delay, signum)
        branches = git(many, "for-each-ref", "--format=%(refname:short)", "refs/heads").stdout
        finished = f"try{n}" in branches.split()
        outcomes.append((signum.name, round(delay, 2), code, finished))
        if finished:
            assert _tree(many, f"try{n}") == expected, outcomes
        state = git_state(many)
        state["branches"] = before["branches"]  # new branches only: checked above
        extra = _worktrees(state) - _worktrees(before)
        if signum == signal.SIGKILL:
            killed |= extra
        else:  # its own worktree removed on the way out (one started before may remain,
            # if this run was stopped before it got to removing it)
            assert extra <= killed, outcomes
            assert set(_leftovers(tmp)) <= {Path(w).parent.name for w in extra}, outcomes
        state["worktrees"] = before["worktrees"]
        assert state == before and work_tree(many) == files, outcomes
    assert any(not done for *_, done in outcomes), f"no run was interrupted: {outcomes}"
    code, _ = _run(many, tmp, "--branch", "final")
    assert code == 1 and _tree(many, "final") == expected
    assert git_state(many)["worktrees"] == before["worktrees"], "a killed run's worktree stayed"
    assert _leftovers(tmp) == []


def test_run_killed_inside_worktree_add_is_cleaned_up(many: Path, tmp_path: Path) -> None:
    """Killed after `git worktree add --lock` wrote its entry but before the checkout:
    the entry is locked (prune keeps it) and `remove` refuses it (no .git file yet)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    before = git_state(many)
    half = tmp / "leakfix-worktree-killed" / "tree"
    git(many, "worktree", "add", "--detach", "--quiet", "--lock", "--reason",
        f"leakfix run, pid {2**22 + 1} on {socket.gethostname()}", str(half), "HEAD")
    (half / ".git").unlink()
    code, _ = _run(many, tmp, "--branch", "after-kill")
    assert code == 1
    assert git_state(many)["worktrees"] == before["worktrees"]
    assert _leftovers(tmp) == []


def test_no_commit_interrupted_leaves_each_file_old_or_fixed(many: Path, tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    original = work_tree(many)
    _, full = _run(many, tmp, "--no-commit")
    fixed = work_tree(many)
    assert fixed["pkg0/f0.go"][0] == 0o755 and fixed != original
    git(many, "checkout", "-q", "--", ".")
    rnd = random.Random(SEED + 1)
    for signum in [signal.SIGINT, signal.SIGTERM, signal.SIGKILL] * 2:
        _interrupt(_start(many, tmp, "--no-commit"), rnd.uniform(0.3, 1.1) * full, signum)
        now = work_tree(many)
        stray = [name for name in now if name not in original]
        assert all(Path(name).name.startswith(".") and name.endswith(".leakfix")
                   for name in stray), stray  # only a SIGKILL can leave a temp file behind
        for name, content in original.items():
            assert now[name] in (content, fixed[name]), f"{signum.name}: {name} half-written"
        if signum != signal.SIGKILL:  # all or nothing
            assert {n: now[n] for n in original} in (original, fixed), signum.name
        for name in stray:
            (many / name).unlink()
        git(many, "checkout", "-q", "--", ".")
    code, _ = _run(many, tmp, "--no-commit")
    assert code == 1 and work_tree(many) == fixed
