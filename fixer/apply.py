"""`leakfix apply`: fixes committed to a new branch, one commit per rule, proven.

Everything happens in a private worktree detached at HEAD (fixer.gitrepo):
per rule, the engine's fixes are written and, when Go is available, the touched
modules must still build and vet; a fix that breaks them is found by bisection
(files, then single fixes) and withheld with the compiler's message. Then
goleak checks are added to the touched packages that start goroutines, and the
branch is created from the last commit. With ``commit=False`` the same result
is applied to the user's clean work tree instead of a branch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import git

from fixer import config, engine, gitrepo, goleak, gomod, pipeline, registry, review, verify
from fixer.model import Finding
from fixer.repo import InputError
from fixer.repo import discover as repo_discover

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Settings:
    rules: tuple[str, ...]
    unsafe_fixes: bool = False
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    branch: str | None = None
    reuse_branch: bool = False         # move an existing branch (`leakfix pr`), don't refuse
    author: gitrepo.Identity | None = None
    commit: bool = True
    verify: bool = True
    race: bool = False
    goleak: str = "touched"            # touched | all | none
    goleak_version: str | None = None
    workers: int | None = None
    skip_fixes: frozenset[str] = frozenset()
    patch: Path | None = None          # a reviewed `apply --dry-run` patch to apply instead
    # The user's `exclude` patterns: read from their checkout, where the configuration
    # may be untracked and so missing from the private worktree the fixes are made in.
    exclude: tuple[str, ...] = ()


@dataclass
class Withheld:
    finding: Finding
    reason: str


@dataclass
class RuleOutcome:
    rule: str
    fixed: list[Finding]
    files: list[str]
    withheld: list[Withheld] = field(default_factory=list)
    commit: str | None = None


@dataclass
class Report:
    base: str
    branch: str | None = None
    rules: list[RuleOutcome] = field(default_factory=list)
    test_files: list[str] = field(default_factory=list)
    test_commit: str | None = None
    checks_before: list[verify.Check] = field(default_factory=list)
    checks_after: list[verify.Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def commits(self) -> list[str]:
        own = [r.commit for r in self.rules if r.commit]
        return own + ([self.test_commit] if self.test_commit else [])


def _subject(rule: str) -> str:
    return f"fix(leak): {registry.get(rule).fix_title} ({rule})"


def _body(findings: Sequence[Finding], withheld: Sequence[Withheld]) -> str:
    lines = [f"- {f.path}:{f.line}: {f.message}" for f in findings]
    if withheld:
        lines += ["", "Withheld (broke the build or vet):"]
        lines += [f"- {w.finding.path}:{w.finding.line}: {w.reason}" for w in withheld]
    return "\n".join(lines)


class _Run:
    def __init__(self, repo: git.Repo, tree: git.Repo, scope: Path, settings: Settings,
                 progress: Progress) -> None:
        self.repo, self.tree, self.settings, self.progress = repo, tree, settings, progress
        self.root = Path(str(tree.working_tree_dir))
        self.scope = scope
        # The files the preview (every rule, to a fixpoint) changes: no rule has a fix
        # anywhere else, so the per-rule runs read only these (None: the whole scope).
        self.candidates: frozenset[Path] | None = None
        self.go = verify.GoTool.find() if settings.verify else None
        self.before: dict[Path, verify.Diagnosis] = {}

    # -- engine ---------------------------------------------------------------------

    def fixes_for(self, rule: str, skip: frozenset[str],
                  target: Path | None = None) -> pipeline.RunResult:
        """``rule``'s fixes over the scope's candidates (or over one ``target`` file)."""
        options = engine.Options((rule,), fix=True, unsafe_fixes=self.settings.unsafe_fixes,
                                 rule_options=self.settings.rule_options,
                                 skip_fixes=self.settings.skip_fixes | skip)
        if target is not None:
            return scan(self.tree, [target], options, self.settings)
        return scan(self.tree, [self.scope], options, self.settings, self.candidates)

    def write(self, result: pipeline.RunResult, which: str = "fixed") -> list[str]:
        paths = []
        for path, file_result in result.changed:
            data = file_result.fixed if which == "fixed" else file_result.original
            assert data is not None
            pipeline.write_atomically(path, data)
            paths.append(path.relative_to(self.root).as_posix())
        return paths

    # -- verification ---------------------------------------------------------------

    def modules_of(self, paths: Sequence[str]) -> list[Path]:
        found = set()
        for rel in paths:
            mod = gomod.nearest_gomod((self.root / rel).parent, self.root)
            if mod is not None:
                found.add(mod.path.parent)
        return sorted(found)

    def packages_in(self, module: Path, files: Sequence[str]) -> list[str]:
        """``./dir`` patterns, relative to ``module``, of the packages holding ``files``."""
        inside = module.relative_to(self.root)
        return sorted({"./" + Path(f).parent.relative_to(inside).as_posix() for f in files
                       if (self.root / f).is_relative_to(module)})

    def baseline(self, modules: Sequence[Path], report: Report,
                 touched: Sequence[str] = ()) -> None:
        if self.go is None:
            reason = "--no-verify" if not self.settings.verify else "Go toolchain not found"
            report.checks_before.append(verify.Check("build+vet", None, reason))
            return
        for module in modules:
            diagnosis = self.go.diagnose(module)
            name = module.relative_to(self.root).as_posix() or "."
            if not diagnosis.builds:
                error = verify.first_error(diagnosis.build_error)
                report.checks_before.append(verify.Check(
                    f"build {name}", False,
                    "the base commit does not build (dependencies missing?); build, vet and "
                    f"test are skipped for this module: {error}"))
                continue
            self.before[module] = diagnosis
            report.checks_before.append(verify.Check(f"build {name}", True))
            report.checks_before.append(verify.Check(
                f"vet {name}", not diagnosis.vet,
                "; ".join(f"{p}: {m}" for p, m in sorted(diagnosis.vet))))
            packages = self.packages_in(module, touched)
            if packages:
                report.checks_before.append(self.go.test(module, packages, self.settings.race))

    def broken(self, paths: Sequence[str]) -> str | None:
        """The first build/vet error in modules that built before, or None."""
        if self.go is None:
            return None
        for module in self.modules_of(paths):
            before = self.before.get(module)
            if before is None:
                continue
            problem = self.go.diagnose(module).regressions(before)
            if problem is not None:
                return problem
        return None

    def withhold(self, rule: str, result: pipeline.RunResult) -> list[Withheld]:
        """Bisect by file, then by fix; returns the fixes to withhold."""
        by_path = {path.relative_to(self.root).as_posix(): fr for path, fr in result.changed}

        def write_subset(files: Sequence[str]) -> None:
            for rel, fr in by_path.items():
                data = fr.fixed if rel in files else fr.original
                assert data is not None
                pipeline.write_atomically(self.root / rel, data)

        def bad_files(files: list[str]) -> list[str]:
            write_subset(files)
            if self.broken(files) is None:
                return []
            if len(files) == 1:
                return files
            half = len(files) // 2
            return bad_files(files[:half]) + bad_files(files[half:])

        culprits = bad_files(sorted(by_path))
        write_subset([])
        withheld: list[Withheld] = []
        for rel in culprits:
            findings = [f for f in by_path[rel].findings
                        if f.fix is not None and not f.suppressed]
            for finding in findings:
                others = frozenset(f.fingerprint for f in findings if f is not finding)
                single = self.fixes_for_file(rule, rel, others)
                if single is None:
                    continue
                pipeline.write_atomically(self.root / rel, single)
                error = self.broken([rel])
                if error is not None:
                    withheld.append(Withheld(finding, f"fix withheld: broke the build: {error}"))
                original = by_path[rel].original
                assert original is not None
                pipeline.write_atomically(self.root / rel, original)
        return withheld

    def fixes_for_file(self, rule: str, rel: str, skip: frozenset[str]) -> bytes | None:
        result = self.fixes_for(rule, skip, self.root / rel)
        for path, fr in result.changed:
            if path.relative_to(self.root).as_posix() == rel:
                return fr.fixed
        return None

    # -- steps ----------------------------------------------------------------------

    def apply_rule(self, rule: str, report: Report, author: gitrepo.Identity) -> None:
        result = self.fixes_for(rule, frozenset())
        if not result.changed:
            return
        paths = self.write(result)
        withheld: list[Withheld] = []
        if self.broken(paths) is not None:
            self.progress(f"{rule}: a fix broke the build; bisecting")
            withheld = self.withhold(rule, result)
            skip = frozenset(w.finding.fingerprint for w in withheld)
            self.write(result, which="original")
            result = self.fixes_for(rule, skip)
            paths = self.write(result)
            error = self.broken(paths)
            if error is not None:  # interacting fixes: withhold the whole rule
                self.write(result, which="original")
                withheld += [Withheld(f, f"fix withheld: broke the build: {error}")
                             for _, fr in result.changed for f in fr.findings if f.fix]
                report.rules.append(RuleOutcome(rule, [], [], withheld))
                return
        fixed = [f for _, fr in result.changed for f in fr.findings
                 if f.fix is not None and not f.suppressed
                 and f.fingerprint not in {w.finding.fingerprint for w in withheld}]
        outcome = RuleOutcome(rule, fixed, paths, withheld)
        if paths:
            message = f"{_subject(rule)}\n\n{_body(fixed, withheld)}\n"
            outcome.commit = gitrepo.commit_all(self.tree, paths, message, author)
        report.rules.append(outcome)

    def apply_reviewed(self, hunks: Sequence[review.ReviewedHunk], report: Report,
                       author: gitrepo.Identity) -> None:
        """Apply a reviewed patch: its hunks grouped into one commit per rule."""
        review.git_apply(self.root, review.as_patch(hunks), check_only=True)
        added_by_rule: dict[str, Counter[tuple[str, str]]] = {}
        findings_by_rule: dict[str, list[Finding]] = {}
        # No candidates: no rule fixes anything now, and every hunk is the reviewer's own.
        for rule in self.settings.rules if self.candidates else ():
            result = self.fixes_for(rule, frozenset())
            added: Counter[tuple[str, str]] = Counter()
            for path, fr in result.changed:
                assert fr.original is not None and fr.fixed is not None
                rel = path.relative_to(self.root).as_posix()
                for line, count in review.added_lines(fr.original, fr.fixed).items():
                    added[(rel, line)] += count
            added_by_rule[rule] = added
            findings_by_rule[rule] = [f for _, fr in result.changed for f in fr.findings
                                      if f.fix is not None and not f.suppressed]
        groups: dict[str | None, list[review.ReviewedHunk]] = {}
        for hunk in hunks:
            groups.setdefault(review.owner(hunk, added_by_rule), []).append(hunk)
        order: list[str | None] = [*self.settings.rules, None]
        for group in order:
            selected = groups.get(group)
            if not selected:
                continue
            review.git_apply(self.root, review.as_patch(selected))
            paths = sorted({h.path for h in selected})
            fixed = [f for f in findings_by_rule.get(group or "", []) if f.path in paths]
            subject = _subject(group) if group else "fix(leak): apply reviewed changes"
            message = f"{subject}\n\n{_body(fixed, [])}\n" if fixed else f"{subject}\n"
            commit = gitrepo.commit_all(self.tree, paths, message, author)
            report.rules.append(RuleOutcome(group or "reviewed", fixed, paths, commit=commit))

    def add_goleak(self, report: Report, author: gitrepo.Identity) -> None:
        if self.settings.goleak == "none":
            return
        if self.settings.goleak == "all":
            dirs = {p.parent for p in self.scope.rglob("*.go") if ".git" not in p.parts}
        else:
            dirs = {(self.root / f).parent for r in report.rules for f in r.files
                    if not f.endswith("_test.go")}
        changed: list[Path] = []
        for directory in sorted(dirs):
            if not goleak.starts_goroutines(directory):
                continue
            planned = goleak.plan(directory)
            if isinstance(planned, goleak.Skipped):
                report.notes.append(f"goleak: {planned.directory.relative_to(self.root)}: "
                                    f"{planned.reason}")
            elif planned is not None:
                planned.path.write_bytes(planned.content)
                changed.append(planned.path)
        if not changed:
            return
        if self.go is not None:
            self.go.format_files(changed)
        rels = [p.relative_to(self.root).as_posix() for p in changed]
        mods = self.require_goleak(self.modules_of(rels), report)
        report.test_files = rels
        message = ("test(leak): check for goroutine leaks with goleak\n\n"
                   + "\n".join(f"- {r}" for r in rels) + "\n")
        report.test_commit = gitrepo.commit_all(self.tree, rels + mods, message, author)

    def require_goleak(self, modules: Sequence[Path], report: Report) -> list[str]:
        touched: list[str] = []
        for module in modules:
            gomod_path = module / "go.mod"
            parsed = gomod.parse_gomod(gomod_path, gomod_path.read_text())
            version = self.settings.goleak_version or gomod.goleak_version_for(
                parsed.go_version)
            done = False
            if self.go is not None:
                got = self.go.run(["get", f"{goleak.GOLEAK}@{version}"], module)
                done = got.returncode == 0
                if done:
                    gomod_path.write_text(gomod.mark_direct(gomod_path.read_text(),
                                                            goleak.GOLEAK))
                if not done:
                    report.notes.append(f"goleak: `go get` failed in {module.name}: "
                                        f"{verify.first_error(got.stderr, 1)}")
            if not done:
                content = gomod_path.read_text()
                gomod_path.write_text(gomod.add_requirement(content, goleak.GOLEAK, version))
                report.notes.append(f"goleak: added {goleak.GOLEAK} {version} to "
                                    f"{gomod_path.relative_to(self.root)}; run `go mod tidy` "
                                    "to complete go.sum")
            for name in ("go.mod", "go.sum"):
                if (module / name).exists():
                    touched.append((module / name).relative_to(self.root).as_posix())
        return touched

    def final_checks(self, report: Report) -> None:
        files = [f for r in report.rules for f in r.files] + report.test_files
        if self.go is None or not files:
            return
        report.checks_after.append(self.go.gofmt([self.root / f for f in files]))
        for module in self.modules_of(files):
            name = module.relative_to(self.root).as_posix() or "."
            before = self.before.get(module)
            if before is None:
                report.checks_after.append(verify.Check(f"build {name}", None,
                                                        "the base commit did not build"))
                continue
            after = self.go.diagnose(module)
            report.checks_after.append(verify.Check(f"build {name}", after.builds,
                                                    after.build_error))
            fixed = len(before.vet - after.vet)
            regression = after.regressions(before)
            report.checks_after.append(verify.Check(
                f"vet {name}", regression is None,
                regression or f"no new vet findings; {fixed} fewer than before"))
            report.checks_after.append(
                self.go.test(module, self.packages_in(module, files), self.settings.race))


def user_config(settings: Settings, root: Path) -> config.Config:
    """The user's configuration (read from their checkout) as it applies under ``root``:
    their own work tree, or the private worktree, which lacks an untracked file."""
    return config.Config(root=root, exclude=settings.exclude,
                         rule_options=settings.rule_options)


def scan(tree: git.Repo, targets: list[Path], options: engine.Options, settings: Settings,
         only: frozenset[Path] | None = None) -> pipeline.RunResult:
    """A fix run inside the private worktree ``tree``, with the user's configuration."""
    user = user_config(settings, Path(str(tree.working_tree_dir)))
    return pipeline.run(targets, options, settings.workers, settings=user, only=only)


def run(target: Path, settings: Settings, progress: Progress = lambda _m: None) -> Report:
    repo = gitrepo.open_repo(target)
    gitrepo.check_clean(repo)
    top = Path(str(repo.working_tree_dir)).resolve()
    scope_rel = target.resolve().relative_to(top)
    base = str(repo.head.commit.hexsha)
    author = settings.author or gitrepo.default_identity(repo)
    branch = settings.branch or gitrepo.branch_name(repo)
    if settings.commit and not settings.reuse_branch and gitrepo.branch_exists(repo, branch):
        raise InputError(f"branch {branch} already exists; delete it or pass --branch")
    user = user_config(settings, top)
    if all(user.excludes(path) for path in repo_discover(target).files):
        raise InputError(f"{target}: no Go files found")  # the user's path, not the worktree's
    reviewed = review.read(settings.patch, top) if settings.patch is not None else None
    report = Report(base=base)
    with gitrepo.private_worktree(repo, base) as tree:
        root = Path(str(tree.working_tree_dir))
        job = _Run(repo, tree, root / scope_rel, settings, progress)
        preview = scan(tree, [job.scope], engine.Options(
            settings.rules, fix=True, unsafe_fixes=settings.unsafe_fixes,
            rule_options=settings.rule_options, skip_fixes=settings.skip_fixes), settings)
        touched = [p.relative_to(root).as_posix() for p, _ in preview.changed]
        job.candidates = frozenset(p for p, _ in preview.changed)
        if reviewed is not None:
            touched = sorted({h.path for h in reviewed})
        job.baseline(job.modules_of(touched), report, touched)
        if reviewed is not None:
            job.apply_reviewed(reviewed, report, author)
        elif job.candidates:
            for rule in settings.rules:
                progress(f"applying {rule}")
                job.apply_rule(rule, report, author)
        job.add_goleak(report, author)
        job.final_checks(report)
        head = str(tree.head.commit.hexsha)
        if head == base:
            return report
        if settings.commit:
            gitrepo.create_branch(repo, branch, head, force=settings.reuse_branch)
            report.branch = branch
        else:
            _copy_changes(tree, base, head, top)
    return report


def _copy_changes(tree: git.Repo, base: str, head: str, top: Path) -> None:
    """Bring the worktree's changes into the user's work tree, keeping file modes: all
    files or none (pipeline.write_all), never over an untracked file."""
    root = Path(str(tree.working_tree_dir))
    listing = tree.git.diff("--name-status", "--no-renames", "-z", base, head).split("\0")
    changed: dict[Path, bytes] = {}
    created: dict[Path, tuple[bytes, int]] = {}
    for status, rel in zip(listing[0::2], listing[1::2], strict=False):  # -z: names as is
        source, target = root / rel, top / rel
        if status == "M":
            changed[target] = source.read_bytes()
        elif status == "A":
            created[target] = (source.read_bytes(), source.stat().st_mode & 0o777)
        else:
            raise InputError(f"{rel}: unexpected change {status!r} in the fix branch")
    pipeline.write_all(changed, created)
