"""The engine end to end on one file: edits, fixpoint rounds, byte preservation,
suppression directives, syntax errors, skipped files and go.mod reading.

Everything runs the real lost-cancel codemod on real Go text; nothing is mocked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixer import directives, engine, gomod, gosyntax, pipeline, registry, repo
from fixer.edits import EditConflict, apply_edits, choose_compatible, touches_ranges
from fixer.model import FileResult, Fix, Safety, TextEdit
from samples import BROKEN_AND_HEALTHY

RULE = "lost-cancel"


def run(source: bytes, *, fix: bool = True, unsafe: bool = False) -> FileResult:
    codemods = [registry.get(RULE)()]
    options = engine.Options((RULE,), fix=fix, unsafe_fixes=unsafe)
    return engine.process_source("x.go", source, None, codemods, options)


def output_of(result: FileResult, source: bytes) -> bytes:
    return result.fixed if result.fixed is not None else source


def line_end(source: bytes, needle: bytes) -> int:
    """Offset just past the newline of the (unique) line holding ``needle``."""
    assert source.count(needle) == 1, needle
    return source.index(b"\n", source.index(needle)) + 1


# A leak whose fix is one SAFE insertion right after the acquisition line.
EARLY_RETURN = """package p

import "context"

// a cancels at the end, but the early return skips it.
func a(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent) // keep this comment
	/* a block
\t   comment */
	if ctx == nil {
		return nil // early
	}
	cancel()
	return nil
}
"""
ACQUISITION = b"ctx, cancel := context.WithCancel(parent)"


# -- edits ---------------------------------------------------------------------------


def test_apply_edits_sorts_edits_by_offset() -> None:
    source = b"0123456789"
    edits = [TextEdit(8, 9, "h"), TextEdit(0, 0, "<"), TextEdit(3, 5, "cd"), TextEdit(10, 10, ">")]
    assert apply_edits(source, edits) == b"<012cd567h9>"
    assert apply_edits(source, reversed(edits)) == b"<012cd567h9>"


def test_apply_edits_without_edits_returns_source() -> None:
    assert apply_edits(b"package p\n", []) == b"package p\n"


def test_apply_edits_encodes_new_text_as_utf8() -> None:
    assert apply_edits(b"ab", [TextEdit(1, 1, "\u00e9")]) == "a\u00e9b".encode()


def test_identical_edits_merge() -> None:
    imp = TextEdit(3, 3, 'import "time"\n')
    assert apply_edits(b"p\n\nx\n", [imp, imp, TextEdit(3, 3, 'import "time"\n')]) == (
        b'p\n\nimport "time"\nx\n'
    )


def test_adjacent_edits_do_not_conflict() -> None:
    assert apply_edits(b"abcdef", [TextEdit(0, 2, "X"), TextEdit(2, 4, "Y")]) == b"XYef"


@pytest.mark.parametrize(
    "edits",
    [
        [TextEdit(0, 4, "x"), TextEdit(2, 6, "y")],   # overlapping replacements
        [TextEdit(1, 5, "x"), TextEdit(2, 3, "y")],   # one inside the other
        [TextEdit(3, 3, "a"), TextEdit(3, 3, "b")],   # two different insertions, same offset
        [TextEdit(3, 3, "a"), TextEdit(3, 5, "b")],   # insertion at a replacement's start
    ],
    ids=["overlap", "nested", "same-offset-inserts", "insert-at-replace-start"],
)
def test_overlapping_edits_raise(edits: list[TextEdit]) -> None:
    with pytest.raises(EditConflict):
        apply_edits(b"0123456789", edits)


def test_edit_past_end_raises() -> None:
    with pytest.raises(EditConflict, match="past the end"):
        apply_edits(b"abc", [TextEdit(2, 4, "x")])


def test_text_edit_rejects_backwards_range() -> None:
    with pytest.raises(ValueError):
        TextEdit(5, 4, "x")
    with pytest.raises(ValueError):
        TextEdit(-1, 0, "x")


def test_choose_compatible_defers_the_later_conflicting_fix() -> None:
    first = Fix("first", (TextEdit(10, 10, "a\n"),))
    loser = Fix("loser", (TextEdit(4, 5, "y"), TextEdit(10, 10, "b\n")))
    independent = Fix("independent", (TextEdit(20, 22, "z"),))
    accepted, deferred = choose_compatible([first, loser, independent])
    assert accepted == [first, independent]
    assert deferred == [loser]
    # Order decides: the earlier fix wins.
    accepted, deferred = choose_compatible([loser, first])
    assert accepted == [loser]
    assert deferred == [first]


def test_choose_compatible_merges_identical_edits_across_fixes() -> None:
    shared = TextEdit(3, 3, 'import "context"\n')
    one = Fix("one", (shared, TextEdit(30, 30, "defer a()\n")))
    two = Fix("two", (shared, TextEdit(50, 50, "defer b()\n")))
    accepted, deferred = choose_compatible([one, two])
    assert accepted == [one, two]
    assert deferred == []
    merged = apply_edits(b"x" * 60, (e for f in accepted for e in f.edits))
    assert merged.count(b'import "context"') == 1


def test_choose_compatible_rejects_a_fix_that_overlaps_itself() -> None:
    broken = Fix("broken", (TextEdit(0, 4, "x"), TextEdit(2, 6, "y")))
    with pytest.raises(EditConflict, match="broken"):
        choose_compatible([broken])


def test_touches_ranges_includes_the_boundaries() -> None:
    fix = Fix("f", (TextEdit(10, 10, "x"),))
    assert touches_ranges(fix, [(10, 12)])
    assert touches_ranges(fix, [(5, 10)])
    assert not touches_ranges(fix, [(11, 20)])
    assert not touches_ranges(fix, [])


# Two findings whose fixes both insert at the same offset: the end of the first
# acquisition's line (its `defer cancel()`) is the start of the second's line (the
# `var cancel2` declaration needed because `=` cannot declare the fresh name).
CONFLICT_IN_ROUND_ONE = b"""package p

import "context"

func a(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	ctx, _ = context.WithTimeout(ctx, 1)
	if ctx == nil {
		return nil
	}
	cancel()
	return nil
}
"""


def test_conflicting_fixes_both_land_through_later_rounds() -> None:
    report = run(CONFLICT_IN_ROUND_ONE, fix=False)
    fixes = [f.fix for f in report.findings]
    assert len(fixes) == 2 and all(f is not None and f.safety is Safety.SAFE for f in fixes)
    accepted, deferred = choose_compatible([f for f in fixes if f is not None])
    assert len(accepted) == 1 and len(deferred) == 1, "the case must conflict in round one"

    result = run(CONFLICT_IN_ROUND_ONE)
    assert result.applied_fixes == 2
    assert result.fixed == CONFLICT_IN_ROUND_ONE.replace(
        b"\tctx, _ = context.WithTimeout(ctx, 1)\n",
        b"\tdefer cancel()\n"
        b"\tvar cancel2 context.CancelFunc\n"
        b"\tctx, cancel2 = context.WithTimeout(ctx, 1)\n"
        b"\tdefer cancel2()\n",
    )
    assert result.notes == ()
    # Fixpoint: nothing left to do.
    again = run(result.fixed)
    assert again.fixed is None
    assert again.findings == ()


def test_findings_are_reported_without_fix_option_and_nothing_changes() -> None:
    result = run(EARLY_RETURN.encode(), fix=False)
    assert [(f.rule, f.line, f.column) for f in result.findings] == [(RULE, 7, 7)]
    assert result.fixed is None
    assert result.applied_fixes == 0


# -- byte preservation ---------------------------------------------------------------


def _single_insertion(source: bytes, inserted: bytes, after: bytes) -> None:
    """Run the engine and check the output is the input plus one inserted line."""
    result = run(source)
    assert result.fixed is not None
    at = line_end(source, after)
    assert result.fixed == source[:at] + inserted + source[at:]
    assert result.applied_fixes == 1


def test_lf_file_changes_only_at_the_insertion() -> None:
    source = EARLY_RETURN.encode()
    _single_insertion(source, b"\tdefer cancel()\n", ACQUISITION)


def test_crlf_file_stays_crlf() -> None:
    source = EARLY_RETURN.replace("\n", "\r\n").encode()
    result = run(source)
    assert result.fixed is not None
    lines = result.fixed.split(b"\n")
    assert lines[-1] == b""
    assert all(line.endswith(b"\r") for line in lines[:-1])
    assert b"\tdefer cancel()\r\n" in result.fixed
    _single_insertion(source, b"\tdefer cancel()\r\n", ACQUISITION)


def test_utf8_bom_is_kept() -> None:
    source = b"\xef\xbb\xbf" + EARLY_RETURN.encode()
    result = run(source)
    assert result.fixed is not None
    assert result.fixed.startswith(b"\xef\xbb\xbfpackage p\n")
    assert result.fixed.count(b"\xef\xbb\xbf") == 1
    assert [(f.line, f.column) for f in result.findings] == [(7, 7)]
    _single_insertion(source, b"\tdefer cancel()\n", ACQUISITION)


def test_space_indented_code_keeps_spaces() -> None:
    source = EARLY_RETURN.replace("\t", "    ").encode()
    result = run(source)
    assert result.fixed is not None
    assert b"\t" not in result.fixed
    _single_insertion(source, b"    defer cancel()\n", ACQUISITION)


def test_tab_indented_nested_code_keeps_tabs() -> None:
    source = b"""package p

import "context"

func a(parent context.Context, ok bool) error {
	if ok {
		ctx, cancel := context.WithCancel(parent)
		if ctx == nil {
			return nil
		}
		cancel()
	}
	return nil
}
"""
    _single_insertion(source, b"\t\tdefer cancel()\n", ACQUISITION)


def test_comments_are_untouched() -> None:
    source = EARLY_RETURN.encode()
    result = run(source)
    assert result.fixed is not None
    for comment in (b"// a cancels at the end, but the early return skips it.",
                    b"// keep this comment", b"/* a block\n\t   comment */", b"// early"):
        assert source.count(comment) == result.fixed.count(comment) == 1
    # The trailing comment stays on the acquisition's line; the new line goes after it.
    assert ACQUISITION + b" // keep this comment\n\tdefer cancel()\n" in result.fixed


def test_file_without_trailing_newline_is_fixed_and_keeps_no_newline() -> None:
    source = EARLY_RETURN.rstrip("\n").encode()
    assert not source.endswith(b"\n")
    result = run(source)
    assert result.fixed is not None
    assert result.fixed.endswith(b"return nil\n}")
    _single_insertion(source, b"\tdefer cancel()\n", ACQUISITION)


def test_discarded_cancel_gets_a_name_and_only_that_token_changes() -> None:
    source = b"""package p

import "context"

func a(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	use(ctx)
}

func use(context.Context) {}
"""
    result = run(source)
    assert result.fixed == source.replace(
        b"\tctx, _ := context.WithCancel(parent)\n",
        b"\tctx, cancel := context.WithCancel(parent)\n\tdefer cancel()\n",
    )


# -- suppression ---------------------------------------------------------------------

SUPPRESSIBLE = """package p

import "context"

func a(parent context.Context) {{
	use(parent){previous}
{above}	ctx, _ := context.WithCancel(parent){inline}
	use(ctx)
}}

func use(context.Context) {{}}
"""


def suppressible(inline: str = "", above: str = "", previous: str = "") -> bytes:
    return SUPPRESSIBLE.format(inline=inline, above=above, previous=previous).encode()


SUPPRESSING = {
    "nolint-leakfix": suppressible(inline=" //nolint:leakfix"),
    "nolint": suppressible(inline=" //nolint"),
    "nolint-rule": suppressible(inline=" //nolint:lost-cancel"),
    "nolint-list": suppressible(inline=" //nolint:errcheck,leakfix"),
    "nolint-reason": suppressible(inline=" //nolint:leakfix // lives as long as the process"),
    "ignore-reason": suppressible(inline=" //leakfix:ignore lost-cancel the worker owns it"),
    "above-nolint-leakfix": suppressible(above="\t//nolint:leakfix\n"),
    "above-nolint": suppressible(above="\t//nolint\n"),
    "above-nolint-rule": suppressible(above="\t//nolint:lost-cancel\n"),
    "above-nolint-reason": suppressible(above="\t//nolint:leakfix // process-wide\n"),
    "above-ignore-reason": suppressible(above="\t//leakfix:ignore lost-cancel it's owned\n"),
}

NOT_SUPPRESSING = {
    "previous-code-line-nolint": suppressible(previous=" //nolint"),
    "previous-code-line-nolint-leakfix": suppressible(previous=" //nolint:leakfix"),
    "previous-code-line-ignore": suppressible(previous=" //leakfix:ignore lost-cancel reason"),
    "other-linter": suppressible(inline=" //nolint:errcheck"),
    "other-rule": suppressible(inline=" //leakfix:ignore unclosed-file reason"),
    "rule-prefix-only": suppressible(inline=" //nolint:lost-cancelx"),
    "not-a-directive": suppressible(inline=" //nolintx"),
    "ignore-without-rule": suppressible(inline=" //leakfix:ignore"),
    "blank-line-between": suppressible(above="\t//nolint:leakfix\n\n"),
    "block-comment": suppressible(above="\t/* nolint */\n"),
}


@pytest.mark.parametrize("source", SUPPRESSING.values(), ids=SUPPRESSING.keys())
def test_suppressed_finding_is_marked_and_not_fixed(source: bytes) -> None:
    result = run(source)
    assert len(result.findings) == 1
    assert result.findings[0].suppressed
    assert result.fixed is None
    assert result.applied_fixes == 0


@pytest.mark.parametrize("source", NOT_SUPPRESSING.values(), ids=NOT_SUPPRESSING.keys())
def test_directive_elsewhere_does_not_suppress(source: bytes) -> None:
    result = run(source)
    assert len(result.findings) == 1
    assert not result.findings[0].suppressed
    assert result.fixed is not None
    assert b"defer cancel()" in result.fixed


def test_only_the_suppressed_one_of_two_findings_is_left_alone() -> None:
    source = b"""package p

import "context"

func a(parent context.Context) {
	ctx, _ := context.WithCancel(parent) //nolint:lost-cancel // process-wide
	use(ctx)
}

func b(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	use(ctx)
}

func use(context.Context) {}
"""
    result = run(source)
    assert [(f.line, f.suppressed) for f in result.findings] == [(6, True), (11, False)]
    assert result.fixed == source.replace(
        b"\tctx, _ := context.WithCancel(parent)\n\tuse(ctx)\n}\n\nfunc use",
        b"\tctx, cancel := context.WithCancel(parent)\n\tdefer cancel()\n\tuse(ctx)\n}\n\n"
        b"func use",
    )


def test_suppression_directives_parse() -> None:
    source = suppressible(inline=" //nolint:leakfix,errcheck // why", above="\t//nolint\n")
    marks = directives.suppressions(source, gosyntax.parse(source))
    assert [(m.line, m.own_line) for m in marks] == [(7, True), (8, False)]
    assert directives.is_suppressed(RULE, 8, marks)
    assert directives.is_suppressed("any-rule", 8, marks)  # the own-line //nolint above
    assert not directives.is_suppressed(RULE, 10, marks)


# -- syntax errors -------------------------------------------------------------------



def test_healthy_function_is_reported_and_fixed_next_to_a_syntax_error() -> None:
    source = BROKEN_AND_HEALTHY
    assert gosyntax.error_count(gosyntax.parse(source)) > 0
    result = run(source)
    assert 16 in [f.line for f in result.findings]
    assert result.fixed is not None
    healthy_at = source.index(b"func healthy")
    assert result.fixed[: len(source[:healthy_at])] == source[:healthy_at], (
        "a fix landed inside the broken function"
    )
    assert result.fixed[healthy_at:] == source[healthy_at:].replace(
        b"WithCancel(parent)\n", b"WithCancel(parent)\n\tdefer cancel()\n", 1
    )
    assert result.applied_fixes == 1
    assert [n.message for n in result.notes] == [
        "syntax error near line 10: scanned around it, no fixes there"
    ]
    assert all(not n.is_error for n in result.notes)


def test_output_has_no_more_error_nodes_than_input() -> None:
    before = gosyntax.error_count(gosyntax.parse(BROKEN_AND_HEALTHY))
    result = run(BROKEN_AND_HEALTHY)
    assert result.fixed is not None
    assert gosyntax.error_count(gosyntax.parse(result.fixed)) <= before


def test_only_broken_function_leaves_the_file_unchanged() -> None:
    source = BROKEN_AND_HEALTHY[: BROKEN_AND_HEALTHY.index(b"func healthy")]
    result = run(source)
    assert result.fixed is None
    assert result.applied_fixes == 0
    assert len(result.notes) == 1 and "syntax error" in result.notes[0].message


def test_acquisition_inside_the_error_is_not_reported() -> None:
    source = b"""package p

import "context"

func a(parent context.Context) {
	ctx, _ := context.WithCancel(parent))
	use(ctx)
}

func use(context.Context) {}
"""
    result = run(source)
    assert result.findings == ()
    assert result.fixed is None
    assert "syntax error near line 6" in result.notes[0].message


# -- skipped files (read_job) --------------------------------------------------------


def read(path: Path, go_version: tuple[int, int] | None = None) -> FileResult:
    codemods = [registry.get(RULE)()]
    job = engine.Job(path, path.name, go_version)
    return engine.read_job(job, codemods, engine.Options((RULE,), fix=True))


LEAKY = suppressible()


@pytest.mark.parametrize(
    "header",
    [
        b"// Code generated by x. DO NOT EDIT.\n\n",
        b"// Code generated by protoc-gen-go. DO NOT EDIT.\r\n\r\n",
        b"// Copyright 2024 someone.\n\n// Code generated by x. DO NOT EDIT.\n\n",
    ],
    ids=["lf", "crlf", "after-copyright"],
)
def test_generated_file_is_skipped_with_a_note(tmp_path: Path, header: bytes) -> None:
    path = tmp_path / "gen.go"
    path.write_bytes(header + LEAKY)
    result = read(path)
    assert result.findings == ()
    assert result.fixed is None
    assert [(n.message, n.is_error) for n in result.notes] == [("skipped: generated file", False)]


def test_generated_marker_after_the_package_clause_does_not_count(tmp_path: Path) -> None:
    path = tmp_path / "notgen.go"
    source = LEAKY + b"\n// Code generated by x. DO NOT EDIT.\n"
    path.write_bytes(source)
    result = read(path)
    assert len(result.findings) == 1
    assert result.fixed is not None
    assert not directives.is_generated(source)


def test_generated_file_with_a_bom_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "gen.go"
    path.write_bytes(b"\xef\xbb\xbf// Code generated by x. DO NOT EDIT.\n\n" + LEAKY)
    result = read(path)
    assert result.fixed is None
    assert [n.message for n in result.notes] == ["skipped: generated file"]


def test_bom_file_with_a_marker_after_the_package_clause_is_not_generated() -> None:
    source = b"\xef\xbb\xbf" + LEAKY + b"\n// Code generated by x. DO NOT EDIT.\n"
    assert not directives.is_generated(source)


def test_binary_file_is_skipped_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "x.go"
    path.write_bytes(LEAKY + b"\0\x01\x02")
    result = read(path)
    assert result.findings == ()
    assert result.fixed is None
    assert [(n.message, n.is_error) for n in result.notes] == [("skipped: binary file", False)]


def test_non_utf8_file_is_skipped_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "latin1.go"
    path.write_bytes(LEAKY.replace(b"func use", "// caf\u00e9\nfunc use".encode("latin-1")))
    result = read(path)
    assert result.findings == ()
    assert result.fixed is None
    assert [(n.message, n.is_error) for n in result.notes] == [
        ("skipped: not UTF-8 (line 11)", False)
    ]


def test_missing_file_is_an_error_note(tmp_path: Path) -> None:
    result = read(tmp_path / "gone.go")
    assert result.findings == ()
    assert len(result.notes) == 1
    assert result.notes[0].is_error
    assert result.notes[0].message.startswith("cannot read: ")


def test_read_job_processes_a_normal_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.go"
    path.write_bytes(LEAKY)
    result = read(path)
    assert result.original == LEAKY
    assert result.fixed is not None and b"defer cancel()" in result.fixed
    assert path.read_bytes() == LEAKY, "the engine never writes"


# -- go.mod --------------------------------------------------------------------------


def test_parse_gomod_reads_module_and_go_version() -> None:
    content = """// go 1.99 in a comment is ignored
module example.com/svc // the module

go 1.21

toolchain go1.23.4

godebug default=go1.20

require (
	golang.org/x/sync v0.7.0 // indirect
)
"""
    mod = gomod.parse_gomod(Path("go.mod"), content)
    assert mod.module == "example.com/svc"
    assert mod.go_version == (1, 21)


@pytest.mark.parametrize(
    ("content", "module", "version"),
    [
        ('module "example.com/quoted"\n\ngo 1.22.3\n', "example.com/quoted", (1, 22)),
        ("module m\n", "m", None),
        ("go 1.19\n", None, (1, 19)),
        ("// module commented.out/x\n// go 1.30\nmodule real\ngo 1.20\n", "real", (1, 20)),
        ("module m\r\n\r\ngo 1.21\r\n", "m", (1, 21)),
    ],
    ids=["quoted-patch-version", "no-go-line", "no-module", "commented-lines", "crlf"],
)
def test_parse_gomod_variants(content: str, module: str | None,
                              version: tuple[int, int] | None) -> None:
    mod = gomod.parse_gomod(Path("go.mod"), content)
    assert (mod.module, mod.go_version) == (module, version)


def test_nearest_gomod_walks_up_but_not_past_stop(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module outer\n\ngo 1.18\n")
    root = tmp_path / "root"
    deep = root / "a" / "b"
    deep.mkdir(parents=True)
    (root / "a" / "go.mod").write_text("module example.com/inner // x\n\ngo 1.21\n")
    found = gomod.nearest_gomod(deep, root)
    assert found is not None
    assert found.path == root / "a" / "go.mod"
    assert (found.module, found.go_version) == ("example.com/inner", (1, 21))
    # Above the stop directory nothing is read.
    other = root / "c"
    other.mkdir()
    assert gomod.nearest_gomod(other, root) is None
    # Without a stop, the outer go.mod governs.
    outer = gomod.nearest_gomod(other)
    assert outer is not None and outer.module == "outer"


def test_jobs_carry_the_go_version_of_the_nearest_gomod(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/m\n\ngo 1.21\n")
    (tmp_path / "top.go").write_bytes(LEAKY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "go.mod").write_text("module example.com/m/sub\n\ngo 1.23\n")
    (tmp_path / "sub" / "inner.go").write_bytes(LEAKY)
    jobs = pipeline.jobs_for(repo.discover(tmp_path))
    assert {j.display: j.go_version for j in jobs} == {"top.go": (1, 21),
                                                         "sub/inner.go": (1, 23)}
