"""Report formats: snapshots over a fixed result model, schema validation, escaping.

The model below is fixed data (no scan, no Go): each renderer's output is compared
with its snapshot in tests/snapshots/ (`pytest --update-golden` rewrites them for
review), and each format is checked for what it must guarantee on its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

from fixer import __version__, apply, audit, engine, pipeline
from fixer.edits import apply_edits
from fixer.model import Finding, Fix, Position, Safety, TextEdit
from fixer.report import ScanResult, github, html, json_report, markdown, sarif
from fixer.report.audit import (
    Audit,
    FixState,
    GoroutineSite,
    MetricComparison,
    Observability,
    Performance,
    Signal,
    SignalKind,
)
from fixer.report.document import Code, Paragraph, Table, inline, to_html, to_markdown
from fixer.verify import Check

SNAPSHOTS = Path(__file__).parent / "snapshots"

RUN_GO = b"""package worker

import "context"

func Run(parent context.Context) error {
\tctx, cancel := context.WithCancel(parent)
\tif err := step(ctx); err != nil {
\t\treturn err
\t}
\tcancel()
\treturn nil
}

func Again(parent context.Context) error {
\tctx, cancel := context.WithCancel(parent)
\treturn step(ctx)
}
"""

OPEN_GO = b"""package store

import "os"

func Size(path string) (int64, error) {
\tf, err := os.Open(path)
\tif err != nil {
\t\treturn 0, err
\t}
\tinfo, err := f.Stat()
\treturn info.Size(), err
}
"""


def _after_line(source: bytes, line: int) -> int:
    offset = 0
    for _ in range(line):
        offset = source.index(b"\n", offset) + 1
    return offset


def _finding(rule: str, path: str, line: int, column: int, message: str, fix: Fix | None,
             fingerprint: str, suppressed: bool = False) -> Finding:
    return Finding(rule, path, Position(line, column), message, fix=fix, suppressed=suppressed,
                   fingerprint=fingerprint)


APPLIED = _finding(
    "lost-cancel", "worker/run.go", 6, 7, "the cancel function returned by "
    "context.WithCancel is not called on every path: context leak (the return on line 8 "
    "skips it)", Fix("defer cancel()", (TextEdit(_after_line(RUN_GO, 6), _after_line(RUN_GO, 6),
                                                 "\tdefer cancel()\n"),)), "f-applied")
WITHHELD = _finding(
    "lost-cancel", "worker/run.go", 15, 7, "the cancel function returned by "
    "context.WithCancel is never called: context leak",
    Fix("defer cancel()", (TextEdit(_after_line(RUN_GO, 15), _after_line(RUN_GO, 15),
                                    "\tdefer cancel()\n"),)), "f-withheld")
UNSAFE = _finding(
    "unclosed-file", "store/open.go", 6, 2, "file f from os.Open is never closed",
    Fix("defer f.Close() (f is used by a goroutine or closure)",
        (TextEdit(_after_line(OPEN_GO, 9), _after_line(OPEN_GO, 9), "\tdefer f.Close()\n"),),
        Safety.UNSAFE), "f-unsafe")
SUPPRESSED = _finding("unclosed-file", "store/open.go", 10, 2, "ignored on purpose", None,
                      "f-suppressed", suppressed=True)
SOURCES = {"worker/run.go": RUN_GO, "store/open.go": OPEN_GO}


def _report() -> apply.Report:
    return apply.Report(
        base="0123456789abcdef0123",
        branch="leakfix/fixes",
        rules=[apply.RuleOutcome(
            "lost-cancel", [APPLIED], ["worker/run.go"],
            [apply.Withheld(WITHHELD, "fix withheld: broke the build: worker/run.go:15:2: "
                                      "declared and not used: ctx")],
            commit="abcdef0123456789")],
        test_files=["worker/leak_test.go"],
        test_commit="fedcba9876543210",
        checks_before=[Check("build .", True), Check("vet .", False, "worker/run.go: the "
                             "cancel function is not used on all paths (possible context leak)"),
                       Check("test", True, "ok  \texample.com/svc/worker\t0.011s")],
        checks_after=[Check("gofmt", True), Check("build .", True),
                      Check("vet .", True, "no new vet findings; 1 fewer than before"),
                      Check("test", True, "ok  \texample.com/svc/worker\t0.012s")],
        notes=["goleak: added go.uber.org/goleak v1.2.0 to go.mod; run `go mod tidy` to "
               "complete go.sum"],
    )


def _scan() -> ScanResult:
    return ScanResult(root="file:///home/dev/svc", findings=[APPLIED, WITHHELD, UNSAFE,
                                                              SUPPRESSED],
                      files_scanned=3, rules=["lost-cancel", "unclosed-file"])


def fixed_audit() -> Audit:
    report = _report()
    items = [audit.audited(f, SOURCES[f.path], report, unsafe_fixes=False)
             for f in (APPLIED, WITHHELD, UNSAFE)]
    observed = Observability(
        signals=(Signal(SignalKind.PPROF_HTTP, "cmd/svc/main.go", 9),
                 Signal(SignalKind.GOROUTINE_COUNT, "cmd/svc/main.go", 31)),
        goroutines=(GoroutineSite("worker/pool.go", 12, "Pool.Start", ""),
                    GoroutineSite("worker/run.go", 30, "Run", "watches `ctx.Done()`")))
    performance = Performance(
        True, base="0123456789abcdef0123", head="leakfix/fixes", runs=5, benchtime="1s",
        comparisons=(
            MetricComparison("worker", "BenchmarkRun", "ns/op", (100, 101, 99, 102, 100),
                             (130, 131, 129, 132, 130), 0.0079),
            MetricComparison("worker", "BenchmarkRun", "B/op", (64,) * 5, (64,) * 5, 1.0),
            MetricComparison("worker", "BenchmarkRun", "allocs/op", (1,) * 5, (1,) * 5, 1.0)),
        unmeasured=("`store`: no benchmarks (no `func BenchmarkXxx` in its tests)",))
    return Audit(_scan(), items, observed, performance, report)


def _check_snapshot(name: str, text: str, update: bool) -> None:
    path = SNAPSHOTS / name
    text = text.replace(__version__, "{VERSION}")
    if update:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no snapshot {path}: run pytest --update-golden -k {name}"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; review, then rerun " \
                                                    "with --update-golden"


def test_fix_states_follow_the_apply_report() -> None:
    states = {item.finding.fingerprint: item.fix for item in fixed_audit().findings}
    assert states["f-applied"].state is FixState.APPLIED
    assert "leakfix/fixes" in states["f-applied"].reason
    assert "abcdef0123" in states["f-applied"].reason
    assert states["f-withheld"].state is FixState.WITHHELD
    assert "declared and not used" in states["f-withheld"].reason
    assert states["f-unsafe"].state is FixState.NOT_APPLIED
    assert "--unsafe-fixes" in states["f-unsafe"].reason
    assert "+\tdefer f.Close()" in states["f-unsafe"].diff
    # Without an apply run the safe fix is proposed, the unsafe one still is not.
    assert audit.fix_state(APPLIED, None, False)[0] is FixState.PROPOSED
    assert audit.fix_state(UNSAFE, None, False)[0] is FixState.NOT_APPLIED
    assert audit.fix_state(UNSAFE, None, True)[0] is FixState.PROPOSED
    assert audit.fix_state(SUPPRESSED, None, False)[0] is FixState.NONE


def test_markdown_snapshot(update_golden: bool) -> None:
    text = markdown.render(fixed_audit())
    for section in ("## Summary", "## Findings", "## Verification", "### goleak tests",
                    "## Monitoring recommendations", "## Performance impact"):
        assert f"\n{section}\n" in text
    assert "| `worker` | `BenchmarkRun` | ns/op | 100 | 130 | +30.0% | 0.008 | worse |" in text
    assert "ignored on purpose" not in text  # suppressed: counted, not shown
    _check_snapshot("audit.md", text, update_golden)


def test_html_snapshot_is_self_contained_and_escaped(update_golden: bool) -> None:
    text = html.render(fixed_audit())
    assert text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n")
    assert "<script" not in text and "src=" not in text and "href=" not in text
    assert "<h2>Performance impact</h2>" in text
    _check_snapshot("audit.html", text, update_golden)


def test_json_snapshot_keeps_the_contract(update_golden: bool) -> None:
    text = json_report.render(_scan())
    data = json.loads(text)
    assert set(data) == {"findings", "summary"}
    assert [set(f) for f in data["findings"]] == [
        {"rule", "path", "line", "column", "message", "severity", "fix"}] * 3
    assert data["summary"]["suppressed"] == 1
    _check_snapshot("scan.json", text, update_golden)


def test_sarif_snapshot_validates(update_golden: bool,
                                  schemastore: Callable[[str], dict[str, Any]]) -> None:
    text = sarif.render(_scan())
    log = json.loads(text)
    jsonschema.Draft7Validator(schemastore("sarif-2.1.0")).validate(log)
    results = log["runs"][0]["results"]
    assert [r.get("suppressions") for r in results].count([{"kind": "inSource"}]) == 1
    with_fixes = [r for r in results if "fixes" in r]
    assert len(with_fixes) == 3
    assert {r["fixes"][0]["properties"]["safety"] for r in with_fixes} == {"safe", "unsafe"}
    _check_snapshot("scan.sarif", text, update_golden)


def test_github_snapshot(update_golden: bool) -> None:
    text = github.render(_scan())
    lines = text.splitlines()
    assert len(lines) == 3  # the suppressed finding is not annotated
    assert lines[0].startswith("::warning file=store/open.go,line=6,col=2,"
                               "title=leakfix unclosed-file::")
    _check_snapshot("scan.github.txt", text, update_golden)


def test_github_escaping() -> None:
    hostile = Finding("lost-cancel", "a,b:c/x.go", Position(3, 1),
                      "100% sure\r\nsecond line: a, b")
    line = github.render(ScanResult(root="file:///r", findings=[hostile]))
    assert line == ("::warning file=a%2Cb%3Ac/x.go,line=3,col=1,title=leakfix lost-cancel::"
                    "100%25 sure%0D%0Asecond line: a, b\n")


def test_untrusted_text_is_escaped_in_markdown_and_html() -> None:
    hostile = "<script>alert(1)</script> a|b *x* [l](http://e) # h"
    blocks = [Paragraph(inline(hostile, " ", Code("a|b`c"))),
              Table(("col",), ((inline(hostile, Code("x|y")),),))]
    page = to_html(blocks, "<t>")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>&lt;t&gt;</title>" in page
    text = to_markdown(blocks)
    assert "\\<script\\>" in text and "a\\|b" in text and "\\*x\\*" in text
    assert "\\[l\\](http://e)" in text
    assert "`` a|b`c ``" in text          # a code span holding a backtick
    assert "`x\\|y`" in text              # in a table even code escapes the pipe


def test_sarif_fixes_reproduce_the_engines_edits(tmp_path: Path,
                                                 schemastore: Callable[[str], Any]) -> None:
    """Applying each SARIF fix's replacements to the original file gives the fix's output."""
    (tmp_path / "run.go").write_bytes(RUN_GO)
    (tmp_path / "open.go").write_bytes(OPEN_GO.replace(b"package store", b"package worker"))
    result = pipeline.run([tmp_path], engine.Options(("lost-cancel", "unclosed-file")), 1)
    log = json.loads(sarif.render(result.scan))
    jsonschema.Draft7Validator(schemastore("sarif-2.1.0")).validate(log)
    by_key = {(f.path, f.line): f for f in result.scan.findings}
    checked = 0
    for item in log["runs"][0]["results"]:
        if "fixes" not in item:
            continue
        region = item["locations"][0]["physicalLocation"]
        finding = by_key[(region["artifactLocation"]["uri"], region["region"]["startLine"])]
        assert finding.fix is not None
        original = (tmp_path / finding.path).read_bytes()
        patched = original
        replacements = item["fixes"][0]["artifactChanges"][0]["replacements"]
        for rep in sorted(replacements, key=lambda r: -r["deletedRegion"]["byteOffset"]):
            start = rep["deletedRegion"]["byteOffset"]
            end = start + rep["deletedRegion"]["byteLength"]
            patched = (patched[:start] + rep.get("insertedContent", {}).get("text", "").encode()
                       + patched[end:])
        assert patched == apply_edits(original, finding.fix.edits)
        assert patched != original
        checked += 1
    assert checked >= 3, log
