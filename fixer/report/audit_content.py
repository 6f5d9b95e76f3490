"""The audit report's content, as document blocks: one builder, two writers.

Sections: overview, summary by rule and severity, findings (snippet, why it leaks,
the fix and what happened to it), verification and goleak checks, monitoring
recommendations, and the performance comparison.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from fixer import __version__, registry
from fixer.model import Safety
from fixer.report import monitoring_advice
from fixer.report.audit import ALPHA, Audit, AuditedFinding, FixState, MetricComparison
from fixer.report.document import (
    Block,
    Bullets,
    CodeBlock,
    Heading,
    Paragraph,
    Strong,
    Table,
    Text,
    inline,
)

TITLE = "leakfix audit report"
_DETAIL_LIMIT = 300


def build(audit: Audit) -> list[Block]:
    return [
        Heading(1, inline(TITLE)),
        *_overview(audit),
        *_summary(audit),
        *_findings(audit),
        *_verification(audit),
        *monitoring_advice.section(audit),
        *_performance(audit),
    ]


def root_path(audit: Audit) -> str:
    parsed = urlparse(audit.scan.root)
    return unquote(parsed.path) if parsed.scheme == "file" else audit.scan.root


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _overview(audit: Audit) -> list[Block]:
    active = audit.scan.active
    safety = Counter(f.fix.safety if f.fix else None for f in active)
    text = (f"leakfix {__version__} scanned {_count(audit.scan.files_scanned, 'Go file')} under "
            f"`{root_path(audit)}` with {_count(len(audit.scan.rules), 'rule')}: "
            f"{_count(len(active), 'finding')} ({safety[Safety.SAFE]} with a safe fix, "
            f"{safety[Safety.UNSAFE]} with an unsafe fix, {safety[Safety.DISPLAY_ONLY]} with a "
            f"display-only fix, {safety[None]} reported only) and "
            f"{len(audit.scan.findings) - len(active)} suppressed in the source.")
    blocks: list[Block] = [Paragraph(inline(text))]
    report = audit.applied
    if report is not None and report.branch:
        blocks.append(Paragraph(inline(
            f"The fixes are on branch `{report.branch}` ({_count(len(report.commits), 'commit')} "
            f"from `{report.base[:10]}`); the checkout they were made from is unchanged.")))
    return blocks


def _summary(audit: Audit) -> list[Block]:
    rows: list[tuple[Text, ...]] = []
    keys = sorted({(f.rule, f.severity.value) for f in audit.scan.findings})
    for rule, severity in keys:
        found = [f for f in audit.scan.findings if (f.rule, f.severity.value) == (rule, severity)]
        active = [f for f in found if not f.suppressed]
        safety = Counter(f.fix.safety if f.fix else None for f in active)
        rows.append((inline(f"`{rule}`"), inline(severity), inline(str(len(active))),
                     inline(str(safety[Safety.SAFE])), inline(str(safety[Safety.UNSAFE])),
                     inline(str(safety[Safety.DISPLAY_ONLY] + safety[None])),
                     inline(str(len(found) - len(active)))))
    if not rows:
        return [Heading(2, inline("Summary")), Paragraph(inline("No leaks found."))]
    header = ("rule", "severity", "findings", "safe fix", "unsafe fix", "not auto-fixable",
              "suppressed")
    return [Heading(2, inline("Summary")), Table(header, tuple(rows))]


# -- findings ---------------------------------------------------------------------------

def _why(rule: str) -> list[Block]:
    try:
        text = registry.get(rule).doc_section("Why is this bad?")
    except registry.UnknownRuleError:
        return []
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    if not paragraphs:
        return []
    first = Paragraph((Strong("Why it leaks."), " ", *inline(paragraphs[0])))
    return [first, *(Paragraph(inline(p)) for p in paragraphs[1:])]


def _snippet(item: AuditedFinding) -> CodeBlock:
    last = item.snippet.first_line + len(item.snippet.lines) - 1
    width = len(str(last))
    lines = []
    for number, line in enumerate(item.snippet.lines, item.snippet.first_line):
        mark = ">" if number == item.finding.line else " "
        lines.append(f"{mark} {number:>{width}} | {line}".rstrip())
    return CodeBlock("\n".join(lines), "go")


def _fix(item: AuditedFinding) -> list[Block]:
    view, fix = item.fix, item.finding.fix
    label = {FixState.APPLIED: "Fix applied", FixState.PROPOSED: "Fix proposed",
             FixState.NOT_APPLIED: "Fix not applied", FixState.WITHHELD: "Fix withheld",
             FixState.NONE: "No automatic fix"}[view.state]
    text: list[str | Strong] = [Strong(label), f" ({view.reason})" if view.reason else ""]
    if fix is not None:
        text.append(f": {fix.message}")
    blocks: list[Block] = [Paragraph(inline(*text, "."))]
    if view.diff:
        blocks.append(CodeBlock("\n".join(view.diff), "diff"))
    return blocks


def _findings(audit: Audit) -> list[Block]:
    if not audit.findings:
        return []
    blocks: list[Block] = [Heading(2, inline("Findings"))]
    for rule in sorted({item.finding.rule for item in audit.findings}):
        items = [i for i in audit.findings if i.finding.rule == rule]
        blocks += [Heading(3, inline(f"`{rule}` ({_count(len(items), 'finding')})")),
                   *_why(rule)]
        for item in items:
            f = item.finding
            blocks += [Heading(4, inline(f"`{f.path}:{f.line}:{f.column}`")),
                       Paragraph(inline(f.message)), _snippet(item), *_fix(item)]
    return blocks


# -- verification -----------------------------------------------------------------------

def _detail(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _DETAIL_LIMIT else flat[:_DETAIL_LIMIT - 1] + "…"


def _verification(audit: Audit) -> list[Block]:
    report = audit.applied
    blocks: list[Block] = [Heading(2, inline("Verification"))]
    if report is None:
        blocks.append(Paragraph(inline(
            "Not run: `leakfix report --apply` commits the fixes to a new branch and checks "
            "them with gofmt, `go build`, `go vet` and `go test` (with goleak).")))
        return blocks + _goleak_candidates(audit)
    rows: list[tuple[Text, ...]] = []
    for when, checks in (("before", report.checks_before), ("after", report.checks_after)):
        rows += [(inline(when), inline(f"`{c.name}`"), inline(c.status),
                  inline(_detail(c.detail) if c.detail else "")) for c in checks]
    if rows:
        blocks.append(Table(("when", "check", "result", "detail"), tuple(rows)))
    outcomes = [(inline(f"`{o.rule}`"), inline(str(len(o.fixed))), inline(str(len(o.withheld))),
                 inline(f"`{o.commit[:10]}`" if o.commit else "none"))
                for o in report.rules]
    if outcomes:
        blocks.append(Table(("rule", "fixed", "withheld", "commit"), tuple(outcomes)))
    blocks.append(Heading(3, inline("goleak tests")))
    if report.test_files:
        tests = [c for c in report.checks_after if c.name == "test"]
        result = f"`go test` of the touched packages: {tests[0].status}." if tests else \
            "`go test` did not run (no Go toolchain)."
        blocks += [Paragraph(inline(
                       "goleak checks added (`goleak.VerifyTestMain` or merged into the "
                       f"package's TestMain), commit `{(report.test_commit or '')[:10]}`:")),
                   Bullets(tuple(inline(f"`{path}`") for path in report.test_files)),
                   Paragraph(inline(result))]
    else:
        blocks.append(Paragraph(inline("No goleak check added: no touched package starts "
                                       "goroutines, or they already use goleak.")))
    if report.notes:
        blocks += [Paragraph(inline("Notes from the run:")),
                   Bullets(tuple(inline(note) for note in report.notes))]
    return blocks


def _goleak_candidates(audit: Audit) -> list[Block]:
    """Without a fix branch: the packages `--apply` would give goleak checks."""
    fixed_dirs = {str(PurePosixPath(i.finding.path).parent) for i in audit.findings
                  if i.fix.state is FixState.PROPOSED}
    dirs = sorted({str(PurePosixPath(g.path).parent) for g in audit.observability.goroutines}
                  & fixed_dirs)
    heading = Heading(3, inline("goleak tests"))
    if not dirs:
        return [heading, Paragraph(inline("No fixed package starts goroutines: no goleak "
                                          "check would be added."))]
    return [heading, Paragraph(inline("With `--apply`, these packages start goroutines and "
                                      "get a goleak check (`goleak.VerifyTestMain`):")),
            Bullets(tuple(inline(f"`{d}`") for d in dirs))]


# -- performance ------------------------------------------------------------------------

def _number(value: float) -> str:
    return f"{value:.4g}" if value < 1e6 else f"{value:.3e}"


def _change(c: MetricComparison) -> str:
    change = c.change
    if change is None:
        return "from 0"
    return f"{change * 100:+.1f}%"


def _verdict(c: MetricComparison) -> str:
    if not c.significant:
        return "no significant change"
    change = c.change
    worse = change is None or change > 0
    return "worse" if worse else "better"


def _performance(audit: Audit) -> list[Block]:
    perf = audit.performance
    heading = Heading(2, inline("Performance impact"))
    if not perf.measured:
        return [heading, Paragraph(inline(f"Not measured: {perf.reason}"))]
    blocks: list[Block] = [heading, Paragraph(inline(
        f"Benchmarks of the touched packages, base `{perf.base[:10]}` against fixes "
        f"`{perf.head}`: {perf.runs} interleaved runs of each test binary "
        f"(`go test -run '^$' -bench . -benchmem`, benchtime {perf.benchtime}); medians, "
        f"two-sided Mann-Whitney U test; a change is significant when p is below {ALPHA}."))]
    rows = tuple((inline(f"`{c.package}`"), inline(f"`{c.benchmark}`"), inline(c.unit),
                  inline(_number(c.base_median)), inline(_number(c.head_median)),
                  inline(_change(c)), inline(f"{c.p_value:.3f}"), inline(_verdict(c)))
                 for c in perf.comparisons)
    blocks.append(Table(("package", "benchmark", "metric", "base", "fixed", "change", "p",
                         "verdict"), rows))
    if perf.reason:
        blocks.append(Paragraph(inline(perf.reason)))
    if perf.unmeasured:
        blocks += [Paragraph(inline("Touched packages not measured:")),
                   Bullets(tuple(inline(u) for u in perf.unmeasured))]
    return blocks
