"""Baselines and unused-suppression reports through the real CLI and git."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import git
import pytest

LEAKY = """package p

import "context"

func a(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	use(ctx)
}

func b(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	use(ctx)
}

func use(context.Context) {}
"""


def _leakfix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fixer", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "p.go").write_text(LEAKY)
    repository = git.Repo.init(tmp_path)
    repository.git.add(A=True)
    repository.git.commit("-qm", "leaky", env={
        "GIT_AUTHOR_NAME": "d", "GIT_AUTHOR_EMAIL": "d@x", "GIT_COMMITTER_NAME": "d",
        "GIT_COMMITTER_EMAIL": "d@x"})
    return tmp_path


def _findings(result: subprocess.CompletedProcess[str]) -> list[tuple[str, int]]:
    return [(f["rule"], f["line"]) for f in json.loads(result.stdout)["findings"]]


def test_baselined_findings_stay_quiet_when_lines_move(repo: Path) -> None:
    made = _leakfix("baseline", "--select", "lost-cancel", ".", cwd=repo)
    assert made.returncode == 0, made.stderr
    recorded = json.loads((repo / ".leakfix-baseline.json").read_text())
    assert recorded["version"] == 1 and len(recorded["findings"]) == 2

    quiet = _leakfix("scan", "--select", "lost-cancel", ".", cwd=repo)
    assert quiet.returncode == 0 and "No leaks found" in quiet.stdout

    # Unrelated lines moved: still quiet. A new leak: reported alone.
    (repo / "p.go").write_text("// header\n\n" + LEAKY + """
func c(parent context.Context) {
	ctx, _ := context.WithTimeout(parent, 1)
	use(ctx)
}
""")
    moved = _leakfix("scan", "--format", "json", "--select", "lost-cancel", ".", cwd=repo)
    assert moved.returncode == 1
    assert _findings(moved) == [("lost-cancel", 20)]

    everything = _leakfix("scan", "--format", "json", "--no-baseline", ".", cwd=repo)
    assert len(_findings(everything)) == 3

    # apply leaves baselined findings alone too.
    patch = _leakfix("apply", "--dry-run", "--select", "lost-cancel", ".", cwd=repo)
    assert patch.stdout.count("defer cancel()") == 1 and "WithTimeout" in patch.stdout


def test_broken_baseline_file_is_one_line(repo: Path) -> None:
    (repo / ".leakfix-baseline.json").write_text("{not json")
    result = _leakfix("scan", ".", cwd=repo)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "not a leakfix baseline" in result.stderr


def test_unused_suppressions_are_reported(repo: Path) -> None:
    source = LEAKY.replace("ctx, _ := context.WithCancel(parent)\n\tuse(ctx)\n}\n\nfunc b",
                           "ctx, _ := context.WithCancel(parent) //nolint:leakfix\n\tuse(ctx)\n}"
                           "\n\nfunc b", 1)
    source = source.replace("func use(context.Context) {}",
                            "//leakfix:ignore lost-cancel nothing leaks here\n"
                            "func use(context.Context) {}\n\n"
                            "func other() {} //nolint // for another linter")
    (repo / "p.go").write_text(source)
    plain = _leakfix("scan", "--select", "lost-cancel", ".", cwd=repo)
    assert plain.returncode == 1 and "unused suppression" not in plain.stderr
    result = _leakfix("scan", "--report-unused-ignores", "--select", "lost-cancel",
                      "--format", "json", ".", cwd=repo)
    unused = [line for line in result.stderr.splitlines() if "unused suppression" in line]
    assert unused == [
        "leakfix: p.go: line 15: unused suppression (lost-cancel): no leakfix finding here"]
    assert _findings(result) == [("lost-cancel", 11)]
