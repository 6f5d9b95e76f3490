"""Benchmark comparison of a base commit and a fix branch, with the real Go toolchain."""

from __future__ import annotations

from pathlib import Path

import git
import pytest

from fixer import benchcompare, verify
from gotools import GoEnv

pytestmark = pytest.mark.go

SUM = """package calc

// Sum adds 0..n-1, {rounds} time(s) over.
func Sum(n int) int {{
	total := 0
	for r := 0; r < {rounds}; r++ {{
		total = 0
		for i := 0; i < n; i++ {{
			total += i
		}}
	}}
	return total
}}

var shared [64]byte

// Buffer returns a scratch buffer.
func Buffer() []byte {{
	{buffer}
}}
"""

BENCH = """package calc

import "testing"

var sink int
var bytesSink []byte

func BenchmarkSum(b *testing.B) {
	for i := 0; i < b.N; i++ {
		sink = Sum(1000)
	}
}

func BenchmarkBuffer(b *testing.B) {
	for i := 0; i < b.N; i++ {
		bytesSink = Buffer()
	}
}
"""

OTHER = "package other\n\n// Name names it.\nfunc Name() string {{ return {value} }}\n"
SHARED = "return shared[:]"


def _commit(repo: git.Repo, message: str) -> str:
    repo.git.add(A=True)
    repo.git.commit("-q", "-m", message, env={
        "GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "dev@localhost",
        "GIT_COMMITTER_NAME": "dev", "GIT_COMMITTER_EMAIL": "dev@localhost"})
    return str(repo.head.commit.hexsha)


@pytest.fixture
def two_commits(tmp_path: Path) -> tuple[Path, str, str]:
    """calc gets 40x slower and starts allocating on branch `fix`; other has no benchmarks."""
    root = tmp_path / "mod"
    (root / "calc").mkdir(parents=True)
    (root / "other").mkdir()
    (root / "go.mod").write_text("module example.com/mod\n\ngo 1.22\n")
    (root / "calc" / "calc.go").write_text(SUM.format(rounds=1, buffer=SHARED))
    (root / "calc" / "calc_test.go").write_text(BENCH)
    (root / "other" / "other.go").write_text(OTHER.format(value='"a"'))
    repo = git.Repo.init(root, initial_branch="main")
    base = _commit(repo, "base")
    repo.git.checkout("-q", "-b", "fix")
    (root / "calc" / "calc.go").write_text(SUM.format(rounds=40,
                                                      buffer="return make([]byte, 64)"))
    (root / "other" / "other.go").write_text(OTHER.format(value='"b"'))
    _commit(repo, "fix")
    repo.git.checkout("-q", "main")
    return root, base, "fix"


def test_parse_output() -> None:
    output = ("goos: linux\nBenchmarkSum-2   \t  123456\t      9.75 ns/op\t  0 B/op\t"
              "       0 allocs/op\nBenchmarkSplit/size-10-2 \t 10\t 1.5e+03 ns/op\t 12.5 MB/s\n"
              "BenchmarkOne \t 5\t 7 ns/op\nPASS\n")
    assert benchcompare.parse_output(output) == {
        ("BenchmarkSum", "ns/op"): [9.75], ("BenchmarkSum", "B/op"): [0.0],
        ("BenchmarkSum", "allocs/op"): [0.0],
        ("BenchmarkSplit/size-10", "ns/op"): [1500.0],
        ("BenchmarkSplit/size-10", "MB/s"): [12.5],
        ("BenchmarkOne", "ns/op"): [7.0],
    }


def test_slower_fix_is_detected(two_commits: tuple[Path, str, str], go: GoEnv) -> None:
    root, base, head = two_commits
    repo = git.Repo(root)
    status_before = repo.git.status("--porcelain")
    perf = benchcompare.compare(root, base, head, verify.GoTool(go.go, dict(go.env)),
                                runs=5, benchtime="20ms")
    assert perf.measured, perf.reason
    found = {(c.benchmark, c.unit): c for c in perf.comparisons}
    slow = found[("BenchmarkSum", "ns/op")]
    assert len(slow.base) == len(slow.head) == 5
    assert slow.significant and slow.p_value == pytest.approx(2 / 252)
    assert slow.change is not None and slow.change > 5  # 40 rounds instead of 1
    allocs = found[("BenchmarkBuffer", "allocs/op")]
    assert allocs.base_median == 0 and allocs.head_median == 1 and allocs.significant
    assert not found[("BenchmarkSum", "allocs/op")].significant
    assert perf.unmeasured == ("`other`: no benchmarks (no `func BenchmarkXxx` in its tests)",)
    # The user's checkout and worktree list are as they were.
    assert repo.active_branch.name == "main"
    assert repo.git.status("--porcelain") == status_before
    assert len(repo.git.worktree("list").splitlines()) == 1


def test_without_benchmarks_or_go_nothing_is_measured(two_commits: tuple[Path, str, str],
                                                      go: GoEnv) -> None:
    root, base, head = two_commits
    perf = benchcompare.compare(root, base, head, None)
    assert not perf.measured and "no Go toolchain" in perf.reason
    repo = git.Repo(root)
    (root / "calc" / "calc_test.go").unlink()
    base = _commit(repo, "no benchmarks")
    repo.git.checkout("-q", "-b", "fix2")
    (root / "other" / "other.go").write_text(OTHER.format(value='"c"'))
    (root / "calc" / "calc.go").write_text(SUM.format(rounds=2, buffer=SHARED))
    _commit(repo, "fix2")
    perf = benchcompare.compare(root, base, "fix2", verify.GoTool(go.go, dict(go.env)))
    assert not perf.measured
    assert "no touched package has benchmarks" in perf.reason
    assert "`calc`: no benchmarks" in perf.reason and "`other`: no benchmarks" in perf.reason
    assert benchcompare.compare(root, base, base, verify.GoTool(go.go, dict(go.env))).reason \
        == "the fixes change no Go file."
