"""`leakfix pr`: the fixes of `leakfix apply`, pushed and opened as a pull request.

It behaves like Renovate: the branch name (``leakfix/fixes`` unless ``--branch``)
identifies the pull request, so a later run rebuilds the branch from the current
HEAD and updates the open pull request instead of opening another. leakfix owns
that branch only while every commit on it is its own (its author identity and a
``fix(leak)``/``test(leak)`` subject): once someone else has pushed to it, it
comments on the pull request and stops, never force-pushing over their work.
When the rebuilt branch has the same tree on the same base as the remote one,
nothing is pushed, so reviewers see no churn. No fixes: nothing is pushed and
the forge is not called. The forge is resolved (and its token found) before any
work, so a missing token costs nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NoReturn

import git

from fixer import apply, gitrepo
from fixer.forge import Forge, PullRequest, body, connect, gitremote
from fixer.forge.httpjson import ForgeError, StatusError
from fixer.repo import InputError

BRANCH = "leakfix/fixes"
TITLE = "fix(leak): fix resource leaks found by leakfix"
LABELS = ("leaks",)
_OWN_SUBJECTS = ("fix(leak):", "test(leak):")
_SCAN_LIMIT = 1000        # commits examined on a branch before calling it foreign


@dataclass(frozen=True)
class Settings:
    remote: str = "origin"
    base: str = "main"
    branch: str = BRANCH
    title: str = TITLE
    draft: bool = False
    labels: tuple[str, ...] = LABELS
    target: connect.Target = field(default_factory=connect.Target)


@dataclass
class Outcome:
    report: apply.Report
    action: str                       # nothing to fix | opened | updated | up to date
    pull: PullRequest | None = None
    pushed: bool = False
    kind: str = "pull request"


def identity(fix: apply.Settings) -> gitrepo.Identity:
    """Who leakfix commits as: ``--author``, else its own bot identity (never the user's)."""
    return fix.author or gitrepo.Identity.parse(gitrepo.DEFAULT_AUTHOR)


def run(target: Path, fix: apply.Settings, settings: Settings,
        environ: Mapping[str, str] = os.environ,
        progress: apply.Progress = lambda _m: None) -> Outcome:
    repo = gitrepo.open_repo(target)
    url = remote_url(repo, settings.remote)
    forge = connect.connect(url, settings.target, environ)
    author = identity(fix)
    _check_local_branch(repo, settings.branch, author)
    report = apply.run(target, replace(fix, branch=settings.branch, reuse_branch=True,
                                       author=author, commit=True), progress)
    if report.branch is None:
        return Outcome(report, "nothing to fix", kind=forge.kind)
    try:
        return _Delivery(repo, forge, url, settings, author, report).run()
    except ForgeError as exc:
        raise ForgeError(f"{exc} (branch {settings.branch} is kept locally)") from None


def remote_url(repo: git.Repo, name: str) -> str:
    try:
        return str(repo.git.remote("get-url", name)).strip()
    except git.GitCommandError:
        raise InputError(f"no git remote named {name!r} (see `git remote -v`; --remote "
                         "chooses another)") from None


def foreign_commits(repo: git.Repo, tip: str, base: str,
                    author: gitrepo.Identity) -> list[git.Commit]:
    """Commits on ``tip`` but not on ``base`` that leakfix did not make."""
    def own(commit: git.Commit) -> bool:
        people = {(commit.author.name, commit.author.email),
                  (commit.committer.name, commit.committer.email)}
        return (people == {(author.name, author.email)}
                and _subject(commit).startswith(_OWN_SUBJECTS))

    commits = repo.iter_commits(f"{base}..{tip}", max_count=_SCAN_LIMIT)
    return [c for c in commits if not own(c)]


def _subject(commit: git.Commit) -> str:
    summary = commit.summary
    return summary.decode("utf-8", "replace") if isinstance(summary, bytes) else summary


def _check_local_branch(repo: git.Repo, branch: str, author: gitrepo.Identity) -> None:
    if not repo.head.is_detached and repo.active_branch.name == branch:
        raise InputError(f"{branch} is checked out; leakfix rebuilds that branch, so run it "
                         "from the base branch")
    if not gitrepo.branch_exists(repo, branch):
        return
    foreign = foreign_commits(repo, branch, "HEAD", author)
    if foreign:
        raise InputError(f"the local branch {branch} has commits leakfix did not make "
                         f"({_describe(foreign)}); rename it or pass --branch")


def _describe(commits: Sequence[git.Commit]) -> str:
    first = commits[0]
    more = f" and {len(commits) - 1} more" if len(commits) > 1 else ""
    return f"{first.hexsha[:10]} by {first.author.name}{more}"


class _Delivery:
    """Push the branch and open or update the pull request, in that order."""

    def __init__(self, repo: git.Repo, forge: Forge, url: str, settings: Settings,
                 author: gitrepo.Identity, report: apply.Report) -> None:
        self.repo, self.forge, self.settings = repo, forge, settings
        self.author, self.report = author, report
        self.branch = settings.branch
        self.env = gitremote.auth_env(url, forge.push_user, forge.token)

    def run(self) -> Outcome:
        pull = self._ours(self.forge.find(self.branch))
        pushed = self.sync(pull)
        text = body.render(self.report)
        if pull is None:
            pull, action = self.open(text)
        else:
            updated = self.forge.update(pull, self.settings.title, text, self.settings.labels)
            action = "updated" if pushed or updated != pull else "up to date"
            pull = updated
        return Outcome(self.report, action, pull, pushed, self.forge.kind)

    def _ours(self, pull: PullRequest | None) -> PullRequest | None:
        if pull is not None and body.read_metadata(pull.body) is None:
            raise ForgeError(f"{self.forge.kind} #{pull.number} from {self.branch} was not "
                             "opened by leakfix; pass --branch to use another branch")
        return pull

    def sync(self, pull: PullRequest | None) -> bool:
        """Make the remote branch what leakfix built; whether anything was pushed."""
        name, local = self.settings.remote, self.repo.commit(f"refs/heads/{self.branch}").hexsha
        remote = gitremote.head(self.repo, name, self.branch, self.env)
        if remote == local:
            return False
        if remote is not None:
            gitremote.fetch(self.repo, name, self.branch, self.env)
            if not self.repo.is_ancestor(self.repo.commit(remote), self.repo.commit(local)):
                foreign = foreign_commits(self.repo, remote, self.report.base, self.author)
                if foreign:
                    self.blocked(pull, remote, foreign)
                if self.same_change(remote, local):
                    gitrepo.create_branch(self.repo, self.branch, remote, force=True)
                    return False
        gitremote.push(self.repo, name, self.branch, self.env, expect=remote)
        return True

    def same_change(self, remote: str, local: str) -> bool:
        """Same tree on the same base: pushing would only churn the shas."""
        return bool(self.repo.commit(remote).tree == self.repo.commit(local).tree
                    and self.repo.is_ancestor(self.repo.commit(self.report.base),
                                             self.repo.commit(remote)))

    def blocked(self, pull: PullRequest | None, remote: str,
                foreign: Sequence[git.Commit]) -> NoReturn:
        marker = f"<!-- leakfix: blocked {remote} -->"
        said = ""
        if pull is not None:
            if not any(marker in c for c in self.forge.comments(pull)):
                self.forge.comment(pull, _blocked_comment(self.branch, foreign, marker))
            said = f"; see the comment on {self.forge.kind} #{pull.number}"
        raise ForgeError(f"the remote branch {self.branch} has commits leakfix did not make "
                         f"({_describe(foreign)}); not force-pushing over them{said}")

    def open(self, text: str) -> tuple[PullRequest, str]:
        s = self.settings
        try:
            return self.forge.create(self.branch, s.base, s.title, text, s.draft,
                                     s.labels), "opened"
        except StatusError as exc:
            if exc.status != self.forge.duplicate_status:
                raise
            existing = self._ours(self.forge.find(self.branch))
            if existing is None:
                raise
            return self.forge.update(existing, s.title, text, s.labels), "updated"


def _blocked_comment(branch: str, foreign: Sequence[git.Commit], marker: str) -> str:
    listed = "\n".join(f"- {c.hexsha[:10]} {_subject(c)} ({c.author.name})" for c in foreign[:20])
    return (f"leakfix did not update `{branch}`: it has commits that leakfix did not make, "
            f"and leakfix never force-pushes over someone else's work.\n\n{listed}\n\n"
            "To let leakfix rebuild this branch, close this pull request and delete the "
            "branch; to keep the changes, finish the pull request by hand.\n\n"
            f"{marker}\n")
