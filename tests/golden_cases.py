"""Discovery and checking of golden fixtures (the go/analysis testdata convention).

``golden/<rule>/<case>.go`` is an input; ``// want "regex"`` marks each line
that must be reported; ``<case>.go.golden`` is the whole file after SAFE fixes.
No want and no .golden means a negative case. ``golden/<rule>/<dir>/`` holding
a ``_test.go`` is a runnable goleak proof; its non-test files are cases too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fixer import engine, gomod, registry
from fixer.codemod import GoVersion
from fixer.model import FileResult

GOLDEN = Path(__file__).resolve().parent.parent / "golden"

_WANT = re.compile(r"//\s*want\s+(.*)$")
_PATTERN = re.compile(r'"((?:[^"\\]|\\.)*)"|`([^`]*)`')


@dataclass(frozen=True)
class Case:
    rule: str
    path: Path

    @property
    def id(self) -> str:
        return self.path.relative_to(GOLDEN).as_posix()

    @property
    def golden_path(self) -> Path:
        return self.path.with_name(self.path.name + ".golden")

    @property
    def positive(self) -> bool:
        return bool(wants(self.path.read_bytes()))

    @property
    def go_version(self) -> GoVersion | None:
        """The ``go`` line of the nearest go.mod under golden/ (None: there is none)."""
        mod = gomod.nearest_gomod(self.path.parent, GOLDEN)
        return mod.go_version if mod is not None else None


def cases() -> list[Case]:
    found = []
    for cls in registry.all_codemods():
        folder = GOLDEN / registry.module_name(cls.name)
        for path in sorted(folder.rglob("*.go")):
            if not path.name.endswith("_test.go"):
                found.append(Case(cls.name, path))
    return found


def proof_dirs(rule: str) -> list[Path]:
    folder = GOLDEN / registry.module_name(rule)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and any(p.glob("*_test.go")))


def wants(source: bytes) -> dict[int, list[re.Pattern[str]]]:
    """Line number -> the regexes expected to match findings on that line."""
    expected: dict[int, list[re.Pattern[str]]] = {}
    for number, line in enumerate(source.decode("utf-8").splitlines(), start=1):
        match = _WANT.search(line)
        if not match:
            continue
        patterns = [
            re.compile(quoted.encode().decode("unicode_escape") if quoted else raw)
            for quoted, raw in _PATTERN.findall(match.group(1))
        ]
        expected[number] = patterns
    return expected


def run_case(rule: str, display: str, source: bytes,
             go_version: GoVersion | None = None) -> FileResult:
    codemods = [registry.get(rule)()]
    return engine.process_source(display, source, go_version, codemods,
                                 engine.Options((rule,), fix=True))


def mismatches(result: FileResult, source: bytes) -> list[str]:
    """'Missing' wants and 'Noisy' findings, go/analysis style."""
    expected = wants(source)
    problems = []
    unmatched = [f for f in result.findings if not f.suppressed]
    for line, patterns in sorted(expected.items()):
        for pattern in patterns:
            hit = next((f for f in unmatched if f.line == line and pattern.search(f.message)),
                       None)
            if hit is None:
                problems.append(f"Missing: line {line}: no finding matching {pattern.pattern!r}")
            else:
                unmatched.remove(hit)
    problems.extend(f"Noisy: line {f.line}: {f.message}" for f in unmatched)
    return problems
