"""GitHub (and GitHub Enterprise) pull requests through the REST API v3."""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from typing import Any

from fixer.forge import PullRequest
from fixer.forge.httpjson import Client, ForgeError

API_URL = "https://api.github.com"
TOKEN_VARIABLE = "GITHUB_TOKEN"


class GitHub:
    service = "GitHub"
    kind = "pull request"
    push_user = "x-access-token"   # any non-empty user works with a token; this is GitHub's
    duplicate_status = 422         # "A pull request already exists for owner:branch"

    def __init__(self, client: Client, repo: str) -> None:
        owner, sep, name = repo.partition("/")
        if not sep or not owner or not name or "/" in name:
            raise ForgeError(f"{repo!r}: a GitHub repository is OWNER/NAME")
        self.client, self.owner = client, owner
        self.base = f"/repos/{_quote(owner)}/{_quote(name)}"

    @property
    def token(self) -> str:
        return self.client.token

    def find(self, branch: str) -> PullRequest | None:
        found = self.client.call("GET", f"{self.base}/pulls", query={
            "head": f"{self.owner}:{branch}", "state": "open", "per_page": "10"})
        if not isinstance(found, list) or not found:
            return None
        return _pull(found[0])

    def create(self, branch: str, base: str, title: str, body: str, draft: bool,
               labels: Sequence[str]) -> PullRequest:
        created = _pull(self.client.call("POST", f"{self.base}/pulls", {
            "title": title, "head": branch, "base": base, "body": body, "draft": draft,
            "maintainer_can_modify": True}))
        return self._label(created, labels)

    def update(self, pr: PullRequest, title: str, body: str,
               labels: Sequence[str]) -> PullRequest:
        if (pr.title, pr.body) != (title, body):
            pr = _pull(self.client.call("PATCH", f"{self.base}/pulls/{pr.number}",
                                        {"title": title, "body": body}))
        return self._label(pr, labels)

    def _label(self, pr: PullRequest, labels: Sequence[str]) -> PullRequest:
        missing = [label for label in labels if label not in pr.labels]
        if not missing:
            return pr
        self.client.call("POST", f"{self.base}/issues/{pr.number}/labels", {"labels": missing})
        return PullRequest(pr.number, pr.url, pr.title, pr.body, pr.labels | set(missing))

    def comments(self, pr: PullRequest) -> list[str]:
        found = self.client.call("GET", f"{self.base}/issues/{pr.number}/comments",
                                 query={"per_page": "100"})
        return [str(c.get("body") or "") for c in found or [] if isinstance(c, dict)]

    def comment(self, pr: PullRequest, body: str) -> None:
        self.client.call("POST", f"{self.base}/issues/{pr.number}/comments", {"body": body})


def _pull(data: Any) -> PullRequest:
    if not isinstance(data, dict) or not isinstance(data.get("number"), int):
        raise ForgeError("GitHub: the answer has no pull request number")
    return PullRequest(
        number=data["number"],
        url=str(data.get("html_url") or ""),
        title=str(data.get("title") or ""),
        body=str(data.get("body") or ""),
        labels=frozenset(str(label.get("name")) for label in data.get("labels") or []
                         if isinstance(label, dict)))


def _quote(part: str) -> str:
    return urllib.parse.quote(part, safe="")
