"""One run over the user's files: discover -> engine -> results (no printing)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from fixer import cache, config, engine, gomod, interrupts, repo
from fixer.codemod import GoVersion
from fixer.edits import apply_edits
from fixer.model import FileResult, Finding
from fixer.report import ScanResult


@dataclass
class RunResult:
    scan: ScanResult
    sources: list[repo.SourceSet]
    changed: list[tuple[Path, FileResult]] = field(default_factory=list)


def jobs_for(sources: repo.SourceSet) -> list[engine.Job]:
    versions: dict[str, GoVersion | None] = {}  # by directory: files come sorted, dirs repeat
    jobs = []
    for path in sources.files:
        directory = os.path.dirname(path)
        if directory not in versions:
            mod = gomod.nearest_gomod(path.parent, sources.root)
            versions[directory] = mod.go_version if mod else None
        jobs.append(engine.Job(path, sources.relative(path), versions[directory]))
    return jobs


def run(
    targets: Sequence[Path],
    options: engine.Options | None = None,
    workers: int | None = None,
    progress: Callable[[int, int, int], None] | None = None,
    *,
    settings: config.Config | None = None,
    known: frozenset[str] = frozenset(),
    cache_dir: Path | None = None,
    only: Collection[Path] | None = None,
) -> RunResult:
    """Discover files under ``targets`` and run the engine over them (with ``only``, over
    those of them it holds).

    ``settings`` (default: the configuration file at the targets' root) excludes paths
    and, when ``options`` is None, chooses the rules and their options. Options passed
    explicitly are used as given, except that empty ``rule_options`` take the file's.
    ``known`` holds baselined fingerprints: those findings are neither reported nor fixed.
    With ``cache_dir``, a scan (not a fix run) reuses results of unchanged files.
    """
    source_sets = [repo.discover(t) for t in targets]
    if settings is None:
        settings = config.for_targets(targets)
    if options is None:
        options = settings.options()
    elif not options.rule_options and settings.rule_options:
        options = replace(options, rule_options=settings.rule_options)
    if known:
        options = replace(options, skip_fixes=options.skip_fixes | known)
    jobs: list[tuple[repo.SourceSet, engine.Job]] = []
    seen: set[Path] = set()  # overlapping targets (`. sub`): each file once
    for sources in source_sets:
        for job in jobs_for(sources):
            if job.path not in seen and not settings.excludes(job.path) and (
                    only is None or job.path in only):
                seen.add(job.path)
                jobs.append((sources, job))
    if not jobs:
        raise repo.InputError(f"{', '.join(map(str, targets))}: no Go files found")
    result = RunResult(ScanResult(root=source_sets[0].root.as_uri(), rules=list(options.rules)),
                       source_sets)
    results = _results(jobs, options, workers, cache_dir, source_sets[0].root)
    for done, ((sources, job), file_result) in enumerate(zip(jobs, results, strict=True), 1):
        if known:
            file_result = replace(file_result, findings=tuple(
                f for f in file_result.findings if f.fingerprint not in known))
        result.scan.add(file_result)
        if file_result.changed:
            result.changed.append((sources.root / job.display, file_result))
        if progress is not None:
            progress(done, len(jobs), len(result.scan.active))
    return result


def _results(
    jobs: Sequence[tuple[repo.SourceSet, engine.Job]],
    options: engine.Options,
    workers: int | None,
    cache_dir: Path | None,
    root: Path,
) -> Iterator[FileResult]:
    """Engine results in job order, served from the scan cache where still valid."""
    plain = [job for _, job in jobs]
    if cache_dir is None or options.fix:
        yield from engine.run(plain, options, workers)
        return
    key = repr((options.rules, sorted((k, sorted(v.items())) for k, v in
                                      options.rule_options.items()),
                options.report_unused_ignores, options.prefilter))
    store = cache.ScanCache.open(cache_dir, root, key)
    cached: list[tuple[FileResult | None, str | None]] = [
        store.lookup(job.path, f"{job.display}\0{job.go_version}") for job in plain]
    misses = [job for job, (hit, _) in zip(plain, cached, strict=True) if hit is None]
    computed = engine.run(misses, options, workers)
    for job, (hit, digest) in zip(plain, cached, strict=True):
        if hit is None:
            hit = next(computed)
            store.store(job.path, f"{job.display}\0{job.go_version}", digest, hit)
        yield hit
    store.save({f"{job.display}\0{job.go_version}" for job in plain})


def patch_of(result: RunResult) -> str:
    from fixer import patch  # GitPython, which a plain scan does not need to import

    changes = []
    for path, file_result in result.changed:
        assert file_result.original is not None and file_result.fixed is not None
        root = next(s.root for s in result.sources if path.is_relative_to(s.root))
        mode = 0o100755 if os.access(path, os.X_OK) else 0o100644
        changes.append(patch.Change(path.relative_to(root).as_posix(), file_result.original,
                                    file_result.fixed, mode))
    return patch.make_patch(changes)


def write_atomically(path: Path, data: bytes, mode: int | None = None,
                     create: bool = False) -> None:
    """Temp file in the same directory + rename, keeping the file's permission bits.

    ``create``: a new file (``mode``, default 0644) that must not exist yet; the temp
    file is linked into place, which fails rather than replace anything at ``path``
    (a symbolic link there is not followed either).
    """
    if mode is None:
        mode = 0o644 if create else path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".leakfix", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if create:
            os.link(tmp, path)
        else:
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def write_all(changed: Mapping[Path, bytes],
              created: Mapping[Path, tuple[bytes, int]] | None = None) -> None:
    """Write several files of the user's: all of them or none.

    Checked before anything is written: every changed file is a regular file (not a
    symbolic link) that the user may write, no created file exists yet (an untracked
    file in the way is never overwritten) and every directory is writable. Then each
    file is written atomically, with Ctrl-C and SIGTERM held back until the set is
    complete; when one write fails, the files already written are put back.
    """
    created = created or {}
    for path in changed:
        if path.is_symlink() or not path.is_file():
            raise repo.InputError(f"{path}: not a regular file; nothing was written")
        if not os.access(path, os.W_OK):
            raise repo.InputError(f"{path}: no write permission; nothing was written")
    for path in created:
        if os.path.lexists(path):
            raise repo.InputError(f"{path}: already exists (untracked?); nothing was written")
    for directory in {p.parent for p in [*changed, *created]}:
        existing = next(d for d in [directory, *directory.parents] if d.exists())
        if not os.access(existing, os.W_OK | os.X_OK):
            raise repo.InputError(f"{directory}: no write permission; nothing was written")
    originals = {path: path.read_bytes() for path in changed}
    done: list[Path] = []
    with interrupts.deferred():  # Ctrl-C waits: the set is written, or put back
        try:
            for path, data in changed.items():
                write_atomically(path, data)
                done.append(path)
            for path, (data, mode) in created.items():
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(path, data, mode, create=True)
                done.append(path)
        except OSError:
            for path in reversed(done):
                with contextlib.suppress(OSError):
                    if path in originals:
                        write_atomically(path, originals[path])
                    else:
                        path.unlink()
            raise


def single_fix_patch(result: RunResult, path: Path, finding: Finding) -> str:
    """The patch of one finding's fix alone (what an interactive review shows)."""
    from fixer import patch

    file_result = next(fr for p, fr in result.changed if p == path)
    assert file_result.original is not None and finding.fix is not None
    root = next(s.root for s in result.sources if path.is_relative_to(s.root))
    single = apply_edits(file_result.original, finding.fix.edits)
    return patch.make_patch([patch.Change(path.relative_to(root).as_posix(),
                                          file_result.original, single)])
