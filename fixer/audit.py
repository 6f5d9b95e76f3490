"""`leakfix report`: gather everything the audit report shows.

The scan runs with fixes computed in memory (nothing is written), so every
finding can show its fix. With ``apply`` settings the fixes are also committed
to a verified branch by ``fixer.apply`` (the user's checkout is untouched), and
the touched packages' benchmarks then compare that branch with its base.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fixer import apply, benchcompare, engine, observability, pipeline, verify
from fixer.edits import apply_edits
from fixer.model import Finding, Safety
from fixer.report.audit import (
    Audit,
    AuditedFinding,
    FixState,
    FixView,
    Performance,
    Snippet,
)

SNIPPET_CONTEXT = 2   # lines shown before and after a finding
DIFF_CONTEXT = 2


@dataclass(frozen=True)
class Settings:
    rules: tuple[str, ...]
    unsafe_fixes: bool = False
    workers: int | None = None
    known: frozenset[str] = frozenset()      # baselined fingerprints: left out
    apply_settings: apply.Settings | None = None   # commit the fixes to a verified branch
    bench_runs: int = 6
    benchtime: str = "1s"
    bench: bool = True


def snippet(source: bytes, line: int, context: int = SNIPPET_CONTEXT) -> Snippet:
    lines = source.decode("utf-8", "replace").splitlines()
    first = max(1, line - context)
    return Snippet(first, tuple(lines[first - 1:line + context]))


def fix_diff(source: bytes, finding: Finding) -> tuple[str, ...]:
    """A unified diff of this finding's fix alone (for reading, not for `git apply`)."""
    if finding.fix is None:
        return ()
    before = source.decode("utf-8", "replace").splitlines()
    after = apply_edits(source, finding.fix.edits).decode("utf-8", "replace").splitlines()
    return tuple(difflib.unified_diff(before, after, f"a/{finding.path}", f"b/{finding.path}",
                                      n=DIFF_CONTEXT, lineterm=""))


def _not_applied(safety: Safety, rule: str) -> tuple[FixState, str]:
    if safety is Safety.UNSAFE:
        return FixState.NOT_APPLIED, ("unsafe: it may change behaviour; "
                                      "`leakfix apply --unsafe-fixes` applies it")
    if safety is Safety.DISPLAY_ONLY:
        return FixState.NOT_APPLIED, ("display-only: a suggestion for review, never applied; "
                                      f"`leakfix explain {rule}` says why")
    return FixState.NOT_APPLIED, "safe, but not applied by this run"


def fix_state(finding: Finding, report: apply.Report | None,
              unsafe_fixes: bool) -> tuple[FixState, str]:
    """What happened, or would happen, to ``finding``'s fix, and why."""
    fix = finding.fix
    if fix is None:
        return FixState.NONE, (f"reported only; `leakfix explain {finding.rule}` says why "
                               "there is no automatic fix")
    safety = fix.safety.value
    if report is not None:
        for outcome in report.rules:
            for withheld in outcome.withheld:
                if withheld.finding.fingerprint == finding.fingerprint:
                    return FixState.WITHHELD, withheld.reason.removeprefix("fix withheld: ")
            if any(f.fingerprint == finding.fingerprint for f in outcome.fixed):
                where = f"branch `{report.branch}`" if report.branch else "the work tree"
                commit = f", commit `{outcome.commit[:10]}`" if outcome.commit else ""
                return FixState.APPLIED, f"{safety}; on {where}{commit}"
        return _not_applied(fix.safety, finding.rule)
    if fix.safety is Safety.SAFE or (unsafe_fixes and fix.safety is Safety.UNSAFE):
        return FixState.PROPOSED, f"{safety}: `leakfix apply` applies it"
    return _not_applied(fix.safety, finding.rule)


def audited(finding: Finding, source: bytes, report: apply.Report | None,
            unsafe_fixes: bool) -> AuditedFinding:
    """``finding`` with its source lines, its fix as a diff, and the fix's fate."""
    state, reason = fix_state(finding, report, unsafe_fixes)
    return AuditedFinding(finding, snippet(source, finding.line),
                          FixView(state, reason, fix_diff(source, finding)))


def collect(targets: Sequence[Path], settings: Settings,
            progress: Callable[[str], None] = lambda _m: None) -> Audit:
    options = engine.Options(settings.rules, fix=True, unsafe_fixes=settings.unsafe_fixes)
    result = pipeline.run(targets, options, settings.workers, known=settings.known)
    files = {s.relative(p): p for s in result.sources for p in s.files}
    report = None
    if settings.apply_settings is not None:
        progress("applying the fixes on a new branch")
        report = apply.run(targets[0], settings.apply_settings, progress=progress)
    source = functools.cache(lambda path: files[path].read_bytes())
    findings = [audited(f, source(f.path), report, settings.unsafe_fixes)
                for f in sorted(result.scan.active, key=lambda f: (f.rule, f.path, f.line,
                                                                   f.column))]
    return Audit(result.scan, findings, observability.scan(files.items()),
                 _performance(targets[0], report, settings, progress), report)


def _performance(target: Path, report: apply.Report | None, settings: Settings,
                 progress: Callable[[str], None]) -> Performance:
    if report is None:
        return Performance(False, "there is no fix branch to compare; `leakfix report "
                                  "--apply` makes one and benchmarks it against its base.")
    if not report.branch:
        return Performance(False, "nothing was committed, so there is nothing to compare.")
    if not settings.bench:
        return Performance(False, "benchmarks were turned off (`--no-bench`).")
    if settings.apply_settings is not None and not settings.apply_settings.verify:
        return Performance(False, "the Go toolchain was not to be used (`--no-verify`).")
    return benchcompare.compare(target, report.base, report.branch, verify.GoTool.find(),
                                runs=settings.bench_runs, benchtime=settings.benchtime,
                                progress=progress)
