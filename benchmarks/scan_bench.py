"""Scan benchmark: leakfix against the cost of parsing every file.

Usage:
    python benchmarks/scan_bench.py DIR [--runs 5] [--jobs 2]

Runs, in alternation and ``--runs`` times each: a parse-only baseline (every
discovered .go file parsed with tree-sitter-go by ``--jobs`` processes), a cold
``leakfix scan`` with every rule (``--no-cache``), a warm re-scan of the same
unchanged tree (result cache filled once beforehand, in a temporary directory),
``leakfix apply --dry-run``, ``leakfix --version`` and ``leakfix scan`` on an
empty directory. Prints medians, the ratios the performance targets are stated
in, throughput in lines/s, and the peak RSS of the largest process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARSE_ONLY = r"""
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
import tree_sitter, tree_sitter_go

PARSER = None

def parse(path):
    global PARSER
    if PARSER is None:
        PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_go.language()))
    return PARSER.parse(Path(path).read_bytes()).root_node.child_count

files = sys.stdin.read().split("\0")[:-1]
with ProcessPoolExecutor(int(sys.argv[1])) as pool:
    sum(pool.map(parse, files, chunksize=64))
"""


def discover(directory: Path) -> list[str]:
    from fixer import repo

    return [str(p) for p in repo.discover(directory).files]


def timed(argv: list[str], stdin: str | None = None) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (KiB) of the largest process in the tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    if stdin is not None:
        assert proc.stdin is not None
        proc.stdin.write(stdin)
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    files = discover(args.directory)
    lines = sum(Path(f).read_bytes().count(b"\n") for f in files)
    size = sum(Path(f).stat().st_size for f in files)
    print(f"corpus: {args.directory} — {len(files)} files, {lines:,} lines, "
          f"{size / 1e6:.1f} MB; {args.runs} runs, {args.jobs} jobs")
    leakfix = [sys.executable, "-m", "fixer"]
    cache_dir = tempfile.mkdtemp(prefix="leakfix-bench-cache-")
    empty = tempfile.mkdtemp(prefix="leakfix-bench-empty-")
    scan_argv = [*leakfix, "scan", "--format", "json", "-j", str(args.jobs)]
    warm = [*scan_argv, "--cache-dir", cache_dir, str(args.directory)]
    timed(warm)  # fill the cache once
    commands = {
        "parse-only": ([sys.executable, "-c", PARSE_ONLY, str(args.jobs)],
                       "\0".join(files) + "\0"),
        "scan (all rules)": ([*scan_argv, "--no-cache", str(args.directory)], None),
        "scan warm (cache)": (warm, None),
        "apply --dry-run": ([*leakfix, "apply", "--dry-run", "-j", str(args.jobs),
                             str(args.directory)], None),
        "leakfix --version": ([*leakfix, "--version"], None),
        "scan (empty dir)": ([*leakfix, "scan", empty], None),
    }
    samples: dict[str, list[tuple[float, int, int]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, (argv, stdin) in commands.items():
            samples[name].append(timed(argv, stdin))
    medians = {name: statistics.median(s[0] for s in runs) for name, runs in samples.items()}
    for name, runs in samples.items():
        rss = max(s[2] for s in runs) / 1024
        codes = sorted({s[1] for s in runs})
        print(f"{name:<20} median {medians[name]:7.2f} s   min {min(s[0] for s in runs):7.2f} s"
              f"   peak RSS {rss:6.0f} MB   exit {codes}")
    parse = medians["parse-only"]
    scan = medians["scan (all rules)"]

    def spread(numerator: str, denominator: str) -> str:
        """The ratio within each round (the two ran back to back): min and max."""
        paired = [a[0] / b[0] for a, b in zip(samples[numerator], samples[denominator],
                                               strict=True)]
        return f"per round {min(paired):.2f}x..{max(paired):.2f}x"

    print(f"scan / parse-only      = {scan / parse:.2f}x   (target <= 1.0x; "
          f"{spread('scan (all rules)', 'parse-only')})")
    print(f"warm / cold scan       = {medians['scan warm (cache)'] / scan:.2f}x   "
          f"(target <= 0.1x; {spread('scan warm (cache)', 'scan (all rules)')})")
    print(f"dry-run / scan         = {medians['apply --dry-run'] / scan:.2f}x   "
          f"(target <= 1.5x; {spread('apply --dry-run', 'scan (all rules)')})")
    print(f"scan throughput        = {lines / scan:,.0f} lines/s "
          f"({len(files) / scan:,.0f} files/s)")
    print(f"parse-only throughput  = {lines / parse:,.0f} lines/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
