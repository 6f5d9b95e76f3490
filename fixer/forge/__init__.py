"""Pull requests on GitHub and merge requests on GitLab, over their REST APIs.

``fixer.forge.connect`` picks the forge and repository from the remote (or the
``--repo``/``--project`` overrides); ``github`` and ``gitlab`` speak the APIs
through ``httpjson``; ``body`` renders what a reviewer reads. The orchestration
(apply, push, open or update) is ``fixer.pr``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PullRequest:
    number: int              # GitHub's number, GitLab's iid
    url: str
    title: str
    body: str
    labels: frozenset[str]


class Forge(Protocol):
    service: str             # "GitHub", "GitLab"
    kind: str                # "pull request", "merge request"
    push_user: str           # user name that goes with the token for an https push
    duplicate_status: int    # how a create says "one is already open for this branch"

    @property
    def token(self) -> str: ...

    def find(self, branch: str) -> PullRequest | None:
        """The open pull request whose source is ``branch``, if any."""

    def create(self, branch: str, base: str, title: str, body: str, draft: bool,
               labels: Sequence[str]) -> PullRequest: ...

    def update(self, pr: PullRequest, title: str, body: str,
               labels: Sequence[str]) -> PullRequest: ...

    def comments(self, pr: PullRequest) -> list[str]:
        """Bodies of the pull request's comments (up to 100: enough to see our own)."""

    def comment(self, pr: PullRequest, body: str) -> None: ...
