"""Performance before and after the fixes, measured with the packages' own benchmarks.

For each package the fixes touch, the test binary is compiled once at the base
commit and once at the fix branch (each in a private worktree, never the user's
checkout), then the two binaries run alternately (base, fix, fix, base, ...) so
that drift of the machine hits both sides alike. Each metric that ``-benchmem``
reports (ns/op, B/op, allocs/op, and custom ones) is compared with the
Mann-Whitney U test. Packages without benchmarks are listed as not measured.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import git

from fixer import gitrepo, gomod, stats, verify
from fixer.report.audit import MetricComparison, Performance

RUN_TIMEOUT = 600.0
_BENCH_FUNC = re.compile(rb"^func\s+Benchmark\w*\s*\(", re.M)
_RESULT = re.compile(r"^(Benchmark\S*?)(?:-\d+)?\s+\d+\s+(.+)$")
_METRIC = re.compile(r"([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s+(\S+)")

Samples = dict[tuple[str, str], list[float]]   # (benchmark, unit) -> values


def parse_output(output: str) -> Samples:
    """``go test -bench`` result lines -> samples per benchmark and unit."""
    samples: Samples = defaultdict(list)
    for line in output.splitlines():
        match = _RESULT.match(line.strip())
        if not match:
            continue
        for value, unit in _METRIC.findall(match.group(2)):
            samples[(match.group(1), unit)].append(float(value))
    return dict(samples)


def has_benchmarks(directory: Path) -> bool:
    return any(_BENCH_FUNC.search(p.read_bytes()) for p in sorted(directory.glob("*_test.go"))
               if p.is_file() and not p.is_symlink())


def touched_packages(repo: git.Repo, base: str, head: str) -> list[str]:
    """Repository-relative directories of the Go files changed between the commits."""
    names = repo.git.diff("--name-only", "--no-renames", base, head, "--", "*.go").splitlines()
    return sorted({PurePosixPath(n).parent.as_posix() for n in names if n})


class _Side:
    """One side of the comparison: a worktree and the test binaries built in it."""

    def __init__(self, label: str, tree: git.Repo, go: verify.GoTool, bin_dir: Path) -> None:
        self.label, self.go, self.bin_dir = label, go, bin_dir
        self.root = Path(str(tree.working_tree_dir))

    def compile(self, package: str) -> Path | str:
        """The test binary of ``package``, or why it could not be built."""
        directory = self.root / package
        module = gomod.nearest_gomod(directory, self.root)
        if module is None:
            return f"no go.mod above {package}"
        module_dir = module.path.parent
        binary = self.bin_dir / f"{self.label}-{package}.test".replace("/", "_").replace(" ", "-")
        relative = directory.relative_to(module_dir).as_posix()
        result = self.go.run(["test", "-c", "-o", str(binary), f"./{relative}"], module_dir)
        if result.returncode != 0 or not binary.is_file():
            return f"`go test -c` failed at the {self.label}: " \
                   f"{verify.first_error(result.stdout + result.stderr, 1)}"
        return binary

    def run(self, package: str, binary: Path, benchtime: str) -> Samples:
        args = [str(binary), "-test.run", "^$", "-test.bench", ".", "-test.benchmem",
                "-test.count", "1", "-test.benchtime", benchtime]
        try:
            done = subprocess.run(args, cwd=self.root / package, env=self.go.env, text=True,
                                  capture_output=True, timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            return {}
        return parse_output(done.stdout)


def _measure(package: str, sides: tuple[_Side, _Side], runs: int,
             benchtime: str) -> list[MetricComparison] | str:
    missing = [side.label for side in sides if not has_benchmarks(side.root / package)]
    if len(missing) == len(sides):
        return "no benchmarks (no `func BenchmarkXxx` in its tests)"
    if missing:
        return f"no benchmarks at the {missing[0]}"
    binaries = []
    for side in sides:
        built = side.compile(package)
        if isinstance(built, str):
            return built
        binaries.append(built)
    collected: tuple[Samples, Samples] = ({}, {})
    for run in range(runs):
        order = (0, 1) if run % 2 == 0 else (1, 0)
        for index in order:
            for key, values in sides[index].run(package, binaries[index], benchtime).items():
                collected[index].setdefault(key, []).extend(values)
    keys = sorted(set(collected[0]) & set(collected[1]))
    if not keys:
        return "the benchmarks reported no results (did they fail?)"
    return [MetricComparison(package, name, unit, tuple(collected[0][(name, unit)]),
                             tuple(collected[1][(name, unit)]),
                             stats.mann_whitney_u(collected[0][(name, unit)],
                                                  collected[1][(name, unit)]).p_value)
            for name, unit in keys]


def compare(repo_path: Path, base: str, head: str, go: verify.GoTool | None, *,
            runs: int = 6, benchtime: str = "1s",
            progress: Callable[[str], None] = lambda _m: None) -> Performance:
    """Benchmarks of the packages changed between ``base`` and ``head`` on both."""
    if go is None:
        return Performance(False, "no Go toolchain was found (`pip install 'leakfix[go]'` or "
                                  "put `go` on PATH).")
    repo = gitrepo.open_repo(repo_path)
    packages = touched_packages(repo, base, head)
    if not packages:
        return Performance(False, "the fixes change no Go file.")
    comparisons: list[MetricComparison] = []
    unmeasured: list[str] = []
    with tempfile.TemporaryDirectory(prefix="leakfix-bench-") as tmp, \
            gitrepo.private_worktree(repo, base) as before, \
            gitrepo.private_worktree(repo, head) as after:
        sides = (_Side("base", before, go, Path(tmp)), _Side("fix branch", after, go, Path(tmp)))
        for package in packages:
            progress(f"benchmarking {package}")
            measured = _measure(package, sides, runs, benchtime)
            if isinstance(measured, str):
                unmeasured.append(f"`{package}`: {measured}")
            else:
                comparisons += measured
    if not comparisons:
        return Performance(False, "no touched package has benchmarks that ran on both sides "
                                  "(" + "; ".join(unmeasured) + ").",
                           base=base, head=head, unmeasured=tuple(unmeasured))
    return Performance(True, base=base, head=head, runs=runs, benchtime=benchtime,
                       comparisons=tuple(comparisons), unmeasured=tuple(unmeasured))
