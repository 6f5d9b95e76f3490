"""Command line: argument parsing, progress, exit codes. The only module that prints.

Exit codes: 0 nothing found, 1 findings (or a non-empty patch), 2 usage or
runtime error. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fixer import __version__
from fixer.model import Note

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"leakfix: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_ERROR)


def _rule_list(value: str) -> list[str]:
    return [r.strip() for r in value.split(",") if r.strip()]


def _formats(value: str) -> list[str]:
    from fixer.report import outputs

    try:
        return outputs.parse_formats(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="leakfix", description="Find, fix and prove resource leaks in Go.")
    parser.add_argument("--version", action="version", version=f"leakfix {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="*", default=[Path(".")], type=Path, metavar="PATH")
        p.add_argument("--select", type=_rule_list, default=None, metavar="RULES",
                       help="comma-separated rules to run (default: all)")
        p.add_argument("--ignore", type=_rule_list, default=None, metavar="RULES",
                       help="comma-separated rules not to run")
        p.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                       help="worker processes (default: one per core)")
        p.add_argument("--baseline", type=Path, default=None, metavar="FILE",
                       help="ignore the findings recorded in FILE (default: "
                            ".leakfix-baseline.json at the root, when present)")
        p.add_argument("--no-baseline", action="store_true",
                       help="report baselined findings too")
        p.add_argument("-v", "--verbose", action="store_true",
                       help="also list routine notes (generated files skipped)")
        p.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                       help="write the report or patch to FILE instead of stdout")

    scan = sub.add_parser("scan", help="report leaks")
    common(scan)
    scan.add_argument("--format", choices=["text", "json", "sarif", "github"], default="text",
                      help="github: GitHub Actions annotations (::warning file=...::)")
    scan.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                      help="where unchanged files' results are kept (default: "
                           "$XDG_CACHE_HOME/leakfix or ~/.cache/leakfix)")
    scan.add_argument("--no-cache", action="store_true",
                      help="analyse every file afresh and keep no results")
    scan.add_argument("--report-unused-ignores", action="store_true",
                      help="report leakfix suppressions that suppress nothing (exit 1)")

    baseline = sub.add_parser("baseline", help="record the current findings as known")
    common(baseline)

    apply = sub.add_parser("apply", help="fix leaks")
    common(apply)
    mode = apply.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true",
                      help="print a git-style patch; write nothing")
    mode.add_argument("--no-commit", action="store_true",
                      help="write the fixes into the (clean) work tree, do not commit")
    mode.add_argument("--patch", type=Path, default=None, metavar="FILE",
                      help="apply a reviewed patch (from --dry-run) and commit it per rule")
    def fix_options(p: argparse.ArgumentParser, author: str) -> None:
        p.add_argument("--unsafe-fixes", action=argparse.BooleanOptionalAction, default=None,
                       help="also apply fixes marked unsafe (default: unsafe-fixes in the "
                            "config, else no)")
        p.add_argument("--author", default=None, metavar="'NAME <EMAIL>'",
                       help=f"author and committer (default: {author})")
        p.add_argument("--no-verify", action="store_true",
                       help="skip gofmt/build/vet/test with the Go toolchain")
        p.add_argument("--race", action="store_true", help="run the tests with -race")
        p.add_argument("--goleak", choices=["touched", "all", "none"], default="touched",
                       help="which packages that start goroutines get goleak checks")
        p.add_argument("--goleak-version", default=None, metavar="VERSION",
                       help="goleak version to require (default: newest for the go.mod)")

    fix_options(apply, "git's user, else 'leakfix <leakfix@localhost>'")
    apply.add_argument("--branch", default=None, metavar="NAME",
                       help="branch to create (default: leakfix/<date>-<short-sha>)")
    apply.add_argument("--interactive", action="store_true",
                       help="ask for each fix (y: apply, n: skip, a: apply the rest, q: quit)")

    pr = sub.add_parser("pr", help="fix leaks and open or update a pull request",
                        description="Run `apply`, push the branch and open (or update) a "
                        "GitHub pull request or GitLab merge request. The token comes from "
                        "GITHUB_TOKEN or GITLAB_TOKEN. Exit 1 when the pull request has "
                        "fixes, 0 when there is nothing to fix (nothing is pushed then).")
    common(pr)
    fix_options(pr, "'leakfix <leakfix@localhost>': its commits mark the branch as leakfix's")
    pr.set_defaults(no_commit=False, patch=None)
    pr.add_argument("--remote", default="origin", help="git remote to push to")
    pr.add_argument("--base", default="main", help="branch the pull request targets")
    pr.add_argument("--branch", default=None, metavar="NAME",
                    help="branch that identifies the pull request (default: leakfix/fixes)")
    pr.add_argument("--title", default=None, help="pull request title")
    pr.add_argument("--draft", action="store_true", help="open it as a draft")
    pr.add_argument("--label", dest="labels", action="append", default=None, metavar="NAME",
                    help="label to add, repeatable (default: leaks; --label '' for none)")
    pr.add_argument("--forge", choices=["github", "gitlab"], default=None,
                    help="default: from the remote's host")
    pr.add_argument("--api-url", default=None, metavar="URL",
                    help="API address (GitHub Enterprise, self-managed GitLab)")
    pr.add_argument("--repo", default=None, metavar="OWNER/NAME",
                    help="GitHub repository, when the remote URL does not name it")
    pr.add_argument("--project", default=None, metavar="GROUP/NAME",
                    help="GitLab project, when the remote URL does not name it")
    pr.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                    help="timeout of each API request")

    report = sub.add_parser(
        "report", help="write an audit report: markdown, html, json, sarif",
        description="Scan with the fixes computed in memory (nothing is written) and report "
        "each finding with its code, why it leaks and its fix, plus monitoring advice. With "
        "--apply the fixes are also committed to a verified branch (as `leakfix apply` does) "
        "and the touched packages' benchmarks compare it with its base. Exit 1 when there "
        "are findings.")
    common(report)
    fix_options(report, "git's user, else 'leakfix <leakfix@localhost>'")
    report.set_defaults(no_commit=False, patch=None)
    report.add_argument("--format", type=_formats, default=["markdown"], metavar="FORMATS",
                        help="comma-separated: markdown (default), html, json, sarif; with "
                             "several, -o BASE writes BASE.md, BASE.html, ...")
    report.add_argument("--apply", action="store_true",
                        help="also commit the fixes to a new verified branch and benchmark it")
    report.add_argument("--branch", default=None, metavar="NAME",
                        help="with --apply: branch to create (default: leakfix/<date>-<sha>)")
    report.add_argument("--bench-count", type=int, default=6, metavar="N",
                        help="with --apply: benchmark runs per side (default: 6)")
    report.add_argument("--bench-time", default="1s", metavar="DURATION",
                        help="with --apply: -benchtime of each run (default: 1s)")
    report.add_argument("--no-bench", action="store_true", help="with --apply: no benchmarks")

    watch = sub.add_parser("watch", help="sample a live Go process and report what grows",
                           description="Sample a running service's net/http/pprof endpoint "
                           "(goroutines, heap) and, with --pid, its open file descriptors; "
                           "report the series that keep growing and the findings in PATH "
                           "that explain them. Exit 1 when something grows.")
    watch.add_argument("path", nargs="?", default=Path("."), type=Path, metavar="PATH",
                       help="the service's source, to match findings (default: .)")
    watch.add_argument("--pprof", default="http://127.0.0.1:6060", metavar="URL",
                       help="the server address, or its pprof prefix (default: %(default)s)")
    watch.add_argument("--pid", type=int, default=None, help="also count its open fds (Linux)")
    watch.add_argument("--interval", default="5s", help="time between samples (default: 5s)")
    length = watch.add_mutually_exclusive_group()
    length.add_argument("--samples", type=int, default=None, help="how many (default: 12)")
    length.add_argument("--duration", default=None, help="or how long (like 1m)")
    watch.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    watch.add_argument("--plot", type=Path, default=None, metavar="FILE.svg",
                       help="also draw the counts over time as SVG")
    watch.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                       help="write the report to FILE instead of stdout")
    watch.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                       help="timeout of each request (default: 10)")
    watch.add_argument("--no-leak-profile", action="store_true",
                       help="do not fetch the goroutineleak profile at the end (it runs a GC)")

    listing = sub.add_parser("list", help="list the rules")
    listing.add_argument("--format", choices=["text", "markdown"], default="text")
    explain = sub.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("rule")
    return parser


def _interrupt(_signum: int, _frame: object) -> None:
    """SIGTERM (``kill``, CI timeouts) unwinds like Ctrl-C: the private worktree is
    removed and files already written by ``--no-commit`` are put back."""
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _dispatch(build_parser().parse_args(argv))
    except KeyboardInterrupt:
        print("leakfix: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the contract: one line on stderr, exit 2
        from fixer.repo import InputError

        kind = "error" if isinstance(exc, InputError | ValueError | OSError) else "internal error"
        print(f"leakfix: {kind}: {_one_line(exc)}", file=sys.stderr)
        return EXIT_ERROR


def _one_line(exc: Exception) -> str:
    """The contract is one line: git failures say git's own first complaint."""
    stderr = getattr(exc, "stderr", None)  # git.GitCommandError: "\n  stderr: 'fatal: ..."
    text = str(exc)
    if isinstance(stderr, str) and stderr.strip().startswith("stderr: '"):
        text = stderr.strip().removeprefix("stderr: '").removesuffix("'")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else exc.__class__.__name__


def _dispatch(args: argparse.Namespace) -> int:
    from fixer import registry

    if args.command == "watch":
        return _watch(args)
    if args.command == "list":
        from fixer.report import rules_table

        if args.format == "markdown":
            sys.stdout.write(rules_table.render())
        else:
            for cls in registry.all_codemods():
                print(f"{cls.name:<24} {cls.summary()}")
        return EXIT_CLEAN
    if args.command == "explain":
        print(registry.get(args.rule).documentation())
        return EXIT_CLEAN
    if args.jobs is not None and args.jobs < 1:
        raise ValueError("--jobs must be at least 1")
    from fixer import config

    settings = config.for_targets(args.paths)  # .leakfix.toml / [tool.leakfix]; flags win
    rules = settings.rules(args.select, args.ignore)
    if args.command in ("apply", "pr", "report") and args.unsafe_fixes is None:
        args.unsafe_fixes = settings.unsafe_fixes
    if args.command == "baseline":
        return _write_baseline(args, rules)
    args.known = _known_findings(args)
    if args.command == "scan":
        return _scan(args, rules)
    if args.command == "pr":
        return _pr(args, rules)
    if args.command == "report":
        return _report(args, rules)
    return _apply(args, rules)


def _baseline_path(args: argparse.Namespace) -> Path:
    from fixer import baseline, repo

    return repo.locate(args.paths[0]).root / baseline.FILENAME


def _known_findings(args: argparse.Namespace) -> frozenset[str]:
    from fixer import baseline

    if args.no_baseline:
        return frozenset()
    if args.baseline is not None:
        return baseline.load(args.baseline)
    default = _baseline_path(args)
    return baseline.load(default) if default.is_file() else frozenset()


def _write_baseline(args: argparse.Namespace, rules: tuple[str, ...]) -> int:
    from fixer import baseline, engine, pipeline

    result = pipeline.run(args.paths, engine.Options(rules), args.jobs)
    _print_notes(result.scan.notes, args.verbose)
    target = args.output or args.baseline or _baseline_path(args)
    target.write_text(baseline.render(result.scan.findings), encoding="utf-8")
    print(f"leakfix: recorded {len(result.scan.active)} findings in {target}", file=sys.stderr)
    return EXIT_CLEAN


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")


def _print_notes(notes: Sequence[Note], verbose: bool) -> None:
    quiet = 0
    for note in notes:
        if note.quiet and not verbose:
            quiet += 1
            continue
        print(f"leakfix: {note.path}: {note.message}", file=sys.stderr)
    if quiet:
        print(f"leakfix: skipped {quiet} generated files (--verbose lists them)", file=sys.stderr)


def _scan(args: argparse.Namespace, rules: tuple[str, ...]) -> int:
    from fixer import cache, engine, pipeline
    from fixer.report import github, json_report, sarif, text

    options = engine.Options(rules, report_unused_ignores=args.report_unused_ignores)
    cache_dir = None if args.no_cache else (args.cache_dir or cache.default_dir())
    meter = _ProgressLine() if sys.stderr.isatty() else None
    result = pipeline.run(args.paths, options, args.jobs, known=args.known,
                          cache_dir=cache_dir, progress=meter)
    if meter is not None:
        meter.clear()
    _print_notes(result.scan.notes, args.verbose)
    renderer = {"text": text.render, "json": json_report.render, "sarif": sarif.render,
                "github": github.render}
    _emit(args, renderer[args.format](result.scan))
    if any(n.is_error for n in result.scan.notes):
        return EXIT_ERROR
    unused = any(n.kind == "unused-ignore" for n in result.scan.notes)
    return EXIT_FINDINGS if result.scan.active or unused else EXIT_CLEAN


def _apply(args: argparse.Namespace, rules: tuple[str, ...]) -> int:
    from fixer import engine, gitrepo, pipeline, repo

    if args.dry_run or (args.no_commit and not _in_git(args.paths)):
        if args.no_commit:
            for target in args.paths:
                repo.refuse_dirty(target)
        options = engine.Options(rules, fix=True, unsafe_fixes=args.unsafe_fixes)
        result = pipeline.run(args.paths, options, args.jobs, known=args.known)
        _print_notes(result.scan.notes, args.verbose)
        if any(n.is_error for n in result.scan.notes):
            return EXIT_ERROR
        if args.dry_run:
            patch_text = pipeline.patch_of(result)
            _emit(args, patch_text)
            return EXIT_FINDINGS if patch_text else EXIT_CLEAN
        pipeline.write_all({path: file_result.fixed for path, file_result in result.changed
                            if file_result.fixed is not None})
        fixes = sum(r.applied_fixes for _, r in result.changed)
        print(f"leakfix: applied {fixes} fixes in {len(result.changed)} files", file=sys.stderr)
        return EXIT_FINDINGS if result.changed else EXIT_CLEAN
    if len(args.paths) != 1:
        raise ValueError("apply takes one PATH (a directory inside a git repository)")
    return _apply_git(args, rules, gitrepo)


def _in_git(paths: Sequence[Path]) -> bool:
    from fixer import repo

    for path in paths:
        if not path.exists():
            raise repo.InputError(f"{path}: no such file or directory")
    return all(repo.git_toplevel(p.resolve() if p.is_dir() else p.resolve().parent)
               for p in paths)


def _apply_git(args: argparse.Namespace, rules: tuple[str, ...], gitrepo: Any) -> int:
    from fixer import apply

    declined = _ask_per_fix(args, rules) if args.interactive else frozenset()
    settings = _fix_settings(args, rules, declined, gitrepo)
    report = apply.run(args.paths[0], settings, progress=_progress)
    _emit(args, _apply_summary(report))
    return EXIT_FINDINGS if report.commits else EXIT_CLEAN


def _fix_settings(args: argparse.Namespace, rules: tuple[str, ...], declined: frozenset[str],
                  gitrepo: Any) -> Any:
    """apply.Settings from the options `apply` and `pr` share."""
    from fixer import apply, config

    user = config.for_targets(args.paths)
    return apply.Settings(
        rules=rules,
        unsafe_fixes=args.unsafe_fixes,
        rule_options=user.rule_options,
        exclude=user.exclude,
        branch=args.branch,
        author=gitrepo.Identity.parse(args.author) if args.author else None,
        commit=not args.no_commit,
        verify=not args.no_verify,
        race=args.race,
        goleak=args.goleak,
        goleak_version=args.goleak_version,
        workers=args.jobs,
        patch=args.patch,
        skip_fixes=declined | args.known,
    )


def _pr(args: argparse.Namespace, rules: tuple[str, ...]) -> int:
    from fixer import gitrepo, pr
    from fixer.forge.connect import Target

    if len(args.paths) != 1:
        raise ValueError("pr takes one PATH (a directory inside a git repository)")
    if args.timeout <= 0:
        raise ValueError("--timeout must be more than 0 seconds")
    target = Target(args.forge, args.repo, args.project, args.api_url, args.timeout)
    labels = pr.LABELS if args.labels is None else tuple(x for x in args.labels if x)
    settings = pr.Settings(args.remote, args.base, args.branch or pr.BRANCH,
                           args.title or pr.TITLE, args.draft, labels, target)
    fix = _fix_settings(args, rules, frozenset(), gitrepo)
    outcome = pr.run(args.paths[0], fix, settings, progress=_progress)
    lines = _apply_summary(outcome.report)
    if outcome.pushed:
        lines += f"pushed {settings.branch} to {settings.remote}\n"
    if outcome.pull is not None:
        lines += f"{outcome.action} {outcome.kind} #{outcome.pull.number}: {outcome.pull.url}\n"
    _emit(args, lines)
    return EXIT_FINDINGS if outcome.report.commits else EXIT_CLEAN


def _report(args: argparse.Namespace, rules: tuple[str, ...]) -> int:
    from fixer import audit, gitrepo
    from fixer.report import outputs

    targets = outputs.destinations(args.format, args.output)
    if args.apply and len(args.paths) != 1:
        raise ValueError("report --apply takes one PATH (a directory inside a git repository)")
    if not 1 <= args.bench_count <= 100:
        raise ValueError("--bench-count must be between 1 and 100")
    settings = audit.Settings(
        rules, unsafe_fixes=bool(args.unsafe_fixes), workers=args.jobs, known=args.known,
        apply_settings=_fix_settings(args, rules, frozenset(), gitrepo) if args.apply else None,
        bench_runs=args.bench_count, benchtime=args.bench_time, bench=not args.no_bench)
    result = audit.collect(args.paths, settings, progress=_progress)
    _print_notes(result.scan.notes, args.verbose)
    for fmt, path in targets.items():
        text = outputs.RENDERERS[fmt](result)
        if path is None:
            sys.stdout.write(text)
        else:
            path.write_text(text, encoding="utf-8")
    if result.applied is not None:
        print(_apply_summary(result.applied), end="", file=sys.stderr)
    if any(n.is_error for n in result.scan.notes):
        return EXIT_ERROR
    return EXIT_FINDINGS if result.scan.active else EXIT_CLEAN


def _ask_per_fix(args: argparse.Namespace, rules: tuple[str, ...]) -> frozenset[str]:
    """Show each applicable fix with its hunk; the declined ones' fingerprints."""
    from fixer import engine, pipeline

    if not sys.stdin.isatty():
        raise ValueError("--interactive needs a terminal on standard input")
    options = engine.Options(rules, fix=True, unsafe_fixes=args.unsafe_fixes)
    preview = pipeline.run(args.paths, options, args.jobs, known=args.known)
    declined: set[str] = set()
    mode = "ask"
    for path, file_result in preview.changed:
        for finding in file_result.findings:
            if finding.suppressed or not options.applicable(finding.fix):
                continue
            if mode != "ask":
                if mode == "quit":
                    declined.add(finding.fingerprint)
                continue
            print(f"\n{finding.path}:{finding.line}: {finding.rule}: {finding.message}")
            print(pipeline.single_fix_patch(preview, path, finding), end="")
            answer = ""
            while answer not in ("y", "n", "a", "q"):
                answer = input("Apply this fix? [y]es / [n]o / [a]ll remaining / [q]uit: ")
                answer = answer.strip().lower()[:1]
            if answer == "n":
                declined.add(finding.fingerprint)
            elif answer == "a":
                mode = "all"
            elif answer == "q":
                declined.add(finding.fingerprint)
                mode = "quit"
    return frozenset(declined)


def _watch(args: argparse.Namespace) -> int:
    from fixer.watch import plot, render, sampler, session

    if args.timeout <= 0:
        raise ValueError("--timeout must be positive")
    duration = sampler.parse_duration(args.duration) if args.duration is not None else None
    schedule = sampler.Schedule.of(sampler.parse_duration(args.interval), args.samples, duration)
    live = sys.stderr.isatty()
    report = session.run(session.Request(args.pprof, schedule, args.pid, args.path,
                                         not args.no_leak_profile, args.timeout),
                         _watch_progress if live else None)
    if live:
        print(file=sys.stderr)  # end the progress line
    _emit(args, render.RENDERERS[args.format](report))
    if args.plot is not None:
        args.plot.write_text(plot.render(report), encoding="utf-8")
    if report.aborted:
        print(f"leakfix: error: {report.aborted}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_FINDINGS if report.growing else EXIT_CLEAN


def _watch_progress(done: int, recording: Any) -> None:
    sample = recording.samples[-1]
    fds = f", {sample.fds.total} fds" if sample.fds is not None else ""
    print(f"\rleakfix: sample {done}/{recording.schedule.samples}: {sample.goroutines} "
          f"goroutines{fds}", end="", file=sys.stderr, flush=True)


class _ProgressLine:
    """A one-line 'files done / total, findings so far' display for terminals."""

    def __init__(self, interval: float = 0.1) -> None:
        import time

        self.clock = time.monotonic
        self.interval = interval
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int, findings: int) -> None:
        now = self.clock()
        if done != total and now - self.last < self.interval:
            return
        self.last = now
        self.shown = True
        sys.stderr.write(f"\rleakfix: {done}/{total} files, {findings} findings")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _progress(message: str) -> None:
    if sys.stderr.isatty():
        print(f"leakfix: {message}", file=sys.stderr)


def _apply_summary(report: Any) -> str:
    lines = []
    for outcome in report.rules:
        lines.append(f"{outcome.rule}: fixed {len(outcome.fixed)} in {len(outcome.files)} "
                     f"files" + (f" (commit {outcome.commit[:10]})" if outcome.commit else ""))
        lines += [f"  withheld {w.finding.path}:{w.finding.line}: {w.reason}"
                  for w in outcome.withheld]
    if report.test_files:
        lines.append(f"goleak checks: {', '.join(report.test_files)}"
                     + (f" (commit {report.test_commit[:10]})" if report.test_commit else ""))
    for title, checks in (("before", report.checks_before), ("after", report.checks_after)):
        for check in checks:
            detail = f": {check.detail.splitlines()[0]}" if check.detail and not check.ok else ""
            lines.append(f"verify {title}: {check.name} {check.status}{detail}")
    lines += [f"note: {n}" for n in report.notes]
    if not report.commits:
        lines.append("nothing to fix: no commit made")
    elif report.branch:
        lines.append(f"created branch {report.branch} ({len(report.commits)} commits) from "
                     f"{report.base[:10]}; your checkout is unchanged")
    else:
        lines.append("fixes written to the work tree (not committed)")
    return "\n".join(lines) + "\n"
