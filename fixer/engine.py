"""parse -> run codemods -> suppress -> merge fixes -> apply -> re-parse guard -> repeat.

``process_source`` is the whole pipeline for one file and is pure (bytes in,
FileResult out). ``run`` fans files out over worker processes and streams
results back in input order.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fixer import directives, gosyntax, interrupts, matching, registry
from fixer.codemod import Codemod, FileContext, GoVersion
from fixer.edits import apply_edits, choose_compatible, touches_ranges
from fixer.model import FileResult, Finding, Fix, Note, Safety

MAX_ROUNDS = 8
# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64


@dataclass(frozen=True)
class Options:
    rules: tuple[str, ...]
    fix: bool = False
    unsafe_fixes: bool = False
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Fingerprints of findings whose fixes must not be applied (withheld after
    # breaking the build, or declined in review).
    skip_fixes: frozenset[str] = frozenset()
    report_unused_ignores: bool = False
    prefilter: bool = True

    def applicable(self, fix: Fix | None) -> bool:
        if fix is None:
            return False
        return fix.safety is Safety.SAFE or (self.unsafe_fixes and fix.safety is Safety.UNSAFE)


@dataclass(frozen=True)
class Job:
    path: Path
    display: str
    go_version: GoVersion | None


def instances(options: Options) -> list[Codemod]:
    return [registry.get(rule)(options.rule_options.get(rule)) for rule in options.rules]


def analyze(
    display: str,
    source: bytes,
    go_version: GoVersion | None,
    codemods: Sequence[Codemod],
    prefilter: bool = True,
) -> tuple[list[Finding], gosyntax.Tree | None]:
    """Findings (suppressed ones marked) for one version of a file's text.

    With ``prefilter`` (the default) a rule whose trigger bytes are absent is not run,
    a file no rule applies to is not parsed, and only the statements around a rule's
    anchor are searched; without it every rule runs on the whole tree (tests use that
    to show the prefilter never changes a result).
    """
    active = [c for c in codemods if not prefilter or c.applies_to(source)]
    if not active:
        return [], None
    tree = gosyntax.parse(source)
    ctx = FileContext(display, source, tree, go_version)
    findings = list(matching.run_codemods(ctx, codemods, active, anchored=prefilter))
    if findings:
        marks = directives.suppressions(source, tree)
        findings = [
            replace(f, suppressed=directives.is_suppressed(f.rule, f.line, marks))
            for f in findings
        ]
    findings.sort(key=lambda f: (f.byte_offset, f.rule, f.message))
    return fingerprint(findings, source), tree


def fingerprint(findings: list[Finding], source: bytes) -> list[Finding]:
    """Give each finding a key that survives edits elsewhere in the file."""
    lines = source.splitlines()
    seen: dict[tuple[str, bytes], int] = {}
    out = []
    for f in findings:
        text = b" ".join(lines[f.line - 1].split()) if 0 < f.line <= len(lines) else b""
        occurrence = seen.get((f.rule, text), 0)
        seen[(f.rule, text)] = occurrence + 1
        digest = hashlib.sha1(
            b"\0".join([f.rule.encode(), f.path.encode(), text, str(occurrence).encode()])
        ).hexdigest()[:20]
        out.append(replace(f, fingerprint=digest))
    return out


def process_source(
    display: str,
    source: bytes,
    go_version: GoVersion | None,
    codemods: Sequence[Codemod],
    options: Options,
) -> FileResult:
    try:
        return _process(display, source, go_version, codemods, options)
    except RecursionError:  # the analyses are iterative where nesting is unbounded; a net
        return FileResult(display, notes=(
            Note(display, "skipped: nested too deeply to analyse"),))


def _process(
    display: str,
    source: bytes,
    go_version: GoVersion | None,
    codemods: Sequence[Codemod],
    options: Options,
) -> FileResult:
    findings, tree = analyze(display, source, go_version, codemods, options.prefilter)
    notes: list[Note] = []
    if options.report_unused_ignores:
        notes += _unused_ignores(display, source, tree, findings, options.rules)
    # has_error alone is not enough: a hidden MISSING token (tree-sitter-go's
    # ``source_file_token1``) sets it on valid Go with no visible error node.
    errors = gosyntax.error_nodes(tree) if tree is not None else []
    if errors:
        line = errors[0].start_point[0] + 1
        notes.append(
            Note(display, f"syntax error near line {line}: scanned around it, no fixes there")
        )
    if not options.fix or tree is None:
        return FileResult(display, tuple(findings), notes=tuple(notes))
    fixed, applied, fix_notes = _fix_rounds(display, source, go_version, codemods, options,
                                           findings, tree)
    return FileResult(
        display,
        tuple(findings),
        original=source,
        fixed=fixed if fixed != source else None,
        notes=tuple(notes + fix_notes),
        applied_fixes=applied,
    )


def _unused_ignores(display: str, source: bytes, tree: gosyntax.Tree | None,
                    findings: Sequence[Finding], rules: Sequence[str]) -> list[Note]:
    """leakfix suppressions that suppress nothing (``//nolint`` alone may be for others)."""
    if b"nolint" not in source and b"leakfix:ignore" not in source:
        return []
    marks = directives.suppressions(source, tree or gosyntax.parse(source))
    notes = []
    for mark in marks:
        ours = mark.rules & {"leakfix", *rules}
        if not ours or directives.ALL in mark.rules:
            continue
        used = any(f.suppressed and mark.covers(f.rule) and
                   (f.line == mark.line or (mark.own_line and f.line == mark.line + 1))
                   for f in findings)
        if not used:
            names = ",".join(sorted(ours))
            notes.append(Note(display, f"line {mark.line}: unused suppression ({names}): no "
                                       "leakfix finding here", kind="unused-ignore"))
    return notes


def _broken_regions(tree: gosyntax.Tree) -> list[tuple[int, int]]:
    """Each syntax error widened to its top-level declaration: no fix lands in a broken
    function, where the analysis saw a damaged tree."""
    regions: set[tuple[int, int]] = set()
    for node in gosyntax.error_nodes(tree):
        while node.parent is not None and node.parent.parent is not None:
            node = node.parent
        regions.add((node.start_byte, node.end_byte))
    return sorted(regions)


def _fix_rounds(
    display: str,
    source: bytes,
    go_version: GoVersion | None,
    codemods: Sequence[Codemod],
    options: Options,
    findings: list[Finding],
    tree: gosyntax.Tree,
) -> tuple[bytes, int, list[Note]]:
    """Apply fixes round by round until nothing changes (bounded)."""
    notes: list[Note] = []
    applied = 0
    current, current_tree = source, tree
    for round_ in range(MAX_ROUNDS + 1):
        errors = gosyntax.error_ranges(current_tree)
        broken = _broken_regions(current_tree)
        fixes = [
            f.fix
            for f in findings
            if f.fix is not None
            and not f.suppressed
            and options.applicable(f.fix)
            and f.fingerprint not in options.skip_fixes
            and not touches_ranges(f.fix, broken)
        ]
        accepted, _ = choose_compatible(fixes)
        if not accepted:
            break
        if round_ == MAX_ROUNDS:  # a fix that keeps coming back: a second run would add more
            return source, 0, [Note(display, f"fixes withheld: they did not settle in "
                                             f"{MAX_ROUNDS} rounds (please report this as a "
                                             "leakfix bug)")]
        candidate = apply_edits(current, (e for fix in accepted for e in fix.edits))
        candidate_tree = gosyntax.parse(candidate)
        if gosyntax.error_count(candidate_tree) > len(errors):
            notes.append(Note(display, "fixes withheld: they would have introduced a syntax "
                                       "error (please report this as a leakfix bug)"))
            break
        applied += len(accepted)
        current = candidate
        findings, new_tree = analyze(display, current, go_version, codemods, options.prefilter)
        current_tree = new_tree if new_tree is not None else candidate_tree
    return current, applied, notes


def read_job(job: Job, codemods: Sequence[Codemod], options: Options) -> FileResult:
    """Read one file and process it; unreadable or unsuitable files become notes."""
    try:
        source = job.path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return FileResult(job.display, notes=(Note(job.display, f"cannot read: {reason}", True),))
    if b"\0" in source:
        return FileResult(job.display, notes=(Note(job.display, "skipped: binary file"),))
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = source.count(b"\n", 0, exc.start) + 1
        return FileResult(
            job.display, notes=(Note(job.display, f"skipped: not UTF-8 (line {line})"),)
        )
    if directives.is_generated(source):
        return FileResult(
            job.display, notes=(Note(job.display, "skipped: generated file", quiet=True),)
        )
    return process_source(job.display, source, job.go_version, codemods, options)


_worker_state: tuple[list[Codemod], Options] | None = None


def _init_worker(options: Options) -> None:
    global _worker_state
    # Ctrl-C and SIGTERM are the main process's: a worker they stop while it holds the
    # task queue's lock leaves the others waiting for it forever, and the main process
    # joining them at exit. Workers start with both blocked (run) and ignore them.
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    _worker_state = (instances(options), options)


def _work(job: Job) -> FileResult:
    assert _worker_state is not None
    codemods, options = _worker_state
    return read_job(job, codemods, options)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def run(jobs: Sequence[Job], options: Options, workers: int | None = None) -> Iterator[FileResult]:
    """Process ``jobs``, yielding results in input order."""
    workers = workers or default_workers()
    codemods = instances(options)  # imports the rules, here: forked workers inherit them
    if workers == 1 or len(jobs) < PARALLEL_THRESHOLD:
        for job in jobs:
            yield read_job(job, codemods, options)
        return
    from concurrent.futures import ProcessPoolExecutor  # not needed by cached or small runs

    matching.combined_query(tuple(c.query for c in codemods))  # compiled once, inherited
    chunk = max(1, min(64, len(jobs) // (workers * 8)))
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(options,)) as pool:
        with interrupts.deferred():  # the workers are forked here: see _init_worker
            results = pool.map(_work, jobs, chunksize=chunk)
        try:
            yield from results
        except BaseException:  # interrupted: drop the queued work, don't wait for it
            pool.shutdown(wait=False, cancel_futures=True)
            raise
