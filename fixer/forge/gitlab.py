"""GitLab merge requests through the REST API v4 (gitlab.com or self-managed)."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from typing import Any

from fixer.forge import PullRequest
from fixer.forge.httpjson import Client, ForgeError

API_PATH = "/api/v4"
TOKEN_VARIABLE = "GITLAB_TOKEN"
DRAFT = "Draft: "
_DRAFT_PREFIX = re.compile(r"^(?:\[draft\]|\(draft\)|draft:|draft\s+-|wip:)\s*", re.IGNORECASE)


class GitLab:
    service = "GitLab"
    kind = "merge request"
    push_user = "oauth2"     # GitLab's user name for pushing with an access token
    duplicate_status = 409   # "Another open merge request already exists for this source branch"

    def __init__(self, client: Client, project: str) -> None:
        if "/" not in project.strip("/"):
            raise ForgeError(f"{project!r}: a GitLab project is GROUP/.../NAME")
        self.client = client
        self.base = "/projects/" + urllib.parse.quote(project.strip("/"), safe="")

    @property
    def token(self) -> str:
        return self.client.token

    def find(self, branch: str) -> PullRequest | None:
        found = self.client.call("GET", f"{self.base}/merge_requests", query={
            "source_branch": branch, "state": "opened", "per_page": "10"})
        if not isinstance(found, list) or not found:
            return None
        return _merge_request(found[0])

    def create(self, branch: str, base: str, title: str, body: str, draft: bool,
               labels: Sequence[str]) -> PullRequest:
        return _merge_request(self.client.call("POST", f"{self.base}/merge_requests", {
            "source_branch": branch, "target_branch": base,
            "title": (DRAFT if draft else "") + title, "description": body,
            "labels": ",".join(labels), "remove_source_branch": True}))

    def update(self, pr: PullRequest, title: str, body: str,
               labels: Sequence[str]) -> PullRequest:
        draft = _DRAFT_PREFIX.match(pr.title)   # a draft stays a draft: keep its marker
        title = (draft.group(0) if draft else "") + title
        missing = [label for label in labels if label not in pr.labels]
        if (pr.title, pr.body) == (title, body) and not missing:
            return pr
        change: dict[str, str] = {"title": title, "description": body}
        if missing:
            change["add_labels"] = ",".join(missing)
        return _merge_request(self.client.call(
            "PUT", f"{self.base}/merge_requests/{pr.number}", change))

    def comments(self, pr: PullRequest) -> list[str]:
        found = self.client.call("GET", f"{self.base}/merge_requests/{pr.number}/notes",
                                 query={"per_page": "100"})
        return [str(n.get("body") or "") for n in found or [] if isinstance(n, dict)]

    def comment(self, pr: PullRequest, body: str) -> None:
        self.client.call("POST", f"{self.base}/merge_requests/{pr.number}/notes",
                         {"body": body})


def _merge_request(data: Any) -> PullRequest:
    if not isinstance(data, dict) or not isinstance(data.get("iid"), int):
        raise ForgeError("GitLab: the answer has no merge request iid")
    return PullRequest(
        number=data["iid"],
        url=str(data.get("web_url") or ""),
        title=str(data.get("title") or ""),
        body=str(data.get("description") or ""),
        labels=frozenset(str(label) for label in data.get("labels") or []))
