"""A real HTTP server on 127.0.0.1 that answers like GitHub's and GitLab's REST APIs.

It implements exactly the endpoints `leakfix pr` calls, keeps pull requests in
memory, records every request (method, path, JSON body, Authorization header)
and checks what the real services check: the token, the repository, that the
source branch exists in the (real, bare) git remote, one open pull request per
branch. ``GitHttp`` serves a bare repository over git's smart HTTP protocol
(``git http-backend``) and accepts only a given token, to prove the push path.
Not a mock of leakfix: the client under test speaks real HTTP to it.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    authorization: str
    status: int = 0


@dataclass
class Pull:
    number: int
    branch: str
    base: str
    title: str
    body: str
    draft: bool
    labels: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    state: str = "open"


@dataclass
class ForgeState:
    token: str
    bare: Path                       # the remote: a source branch must exist there
    github_repo: str = "acme/svc"
    gitlab_project: str = "acme/svc"
    requests: list[Request] = field(default_factory=list)
    pulls: list[Pull] = field(default_factory=list)
    fail_status: int | None = None   # answer every request with this status
    hide_next_list: bool = False     # the next list misses open pulls (a lagging index)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def writes(self) -> list[Request]:
        return [r for r in self.requests if r.method != "GET"]

    def branch_exists(self, branch: str) -> bool:
        found = subprocess.run(["git", "--git-dir", str(self.bare), "rev-parse", "--verify",
                                "--quiet", f"refs/heads/{branch}"], capture_output=True)
        return found.returncode == 0

    def open_pull(self, branch: str) -> Pull | None:
        return next((p for p in self.pulls if p.branch == branch and p.state == "open"), None)


class _Api(BaseHTTPRequestHandler):
    state: ForgeState

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def _serve(self, method: str) -> None:
        parts = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else None
        query = dict(urllib.parse.parse_qsl(parts.query))
        state = self.state
        with state.lock:
            status, answer = self._answer(method, parts.path, query, body)
            state.requests.append(Request(method, parts.path, query, body,
                                          self.headers.get("Authorization", ""), status))
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _answer(self, method: str, path: str, query: dict[str, str],
                body: Any) -> tuple[int, Any]:
        state = self.state
        if state.fail_status is not None:
            return state.fail_status, {"message": f"failing with {state.fail_status}"}
        if self.headers.get("Authorization") != f"Bearer {state.token}":
            if path.startswith("/api/v4/"):
                return 401, {"message": "401 Unauthorized"}
            return 401, {"message": "Bad credentials",
                         "documentation_url": "https://docs.github.com/rest"}
        if path.startswith("/api/v4/"):
            return _gitlab(state, method, path.removeprefix("/api/v4"), query, body)
        return _github(state, method, path, query, body)


def _github(state: ForgeState, method: str, path: str, query: dict[str, str],
            body: Any) -> tuple[int, Any]:
    prefix = f"/repos/{state.github_repo}/"
    if not path.startswith(prefix):
        return 404, {"message": "Not Found", "documentation_url": "https://docs.github.com"}
    rest = path.removeprefix(prefix)
    owner = state.github_repo.split("/")[0]
    if rest == "pulls" and method == "GET":
        if state.hide_next_list:
            state.hide_next_list = False
            return 200, []
        head = query.get("head", "")
        return 200, [_gh_pull(state, p) for p in state.pulls
                     if f"{owner}:{p.branch}" == head and p.state == query.get("state")]
    if rest == "pulls" and method == "POST":
        if not state.branch_exists(body["head"]):
            return 422, {"message": "Validation Failed", "errors": [
                {"resource": "PullRequest", "field": "head", "code": "invalid"}]}
        if state.open_pull(body["head"]):
            return 422, {"message": "Validation Failed", "errors": [
                {"resource": "PullRequest", "code": "custom",
                 "message": f"A pull request already exists for {owner}:{body['head']}."}]}
        if body["base"] != "main":
            return 422, {"message": "Validation Failed", "errors": [
                {"resource": "PullRequest", "field": "base", "code": "invalid"}]}
        pull = Pull(len(state.pulls) + 1, body["head"], body["base"], body["title"],
                    body["body"], bool(body.get("draft")))
        state.pulls.append(pull)
        return 201, _gh_pull(state, pull)
    match = re.fullmatch(r"(pulls|issues)/(\d+)(?:/(labels|comments))?", rest)
    if match is None or int(match.group(2)) > len(state.pulls):
        return 404, {"message": "Not Found"}
    pull = state.pulls[int(match.group(2)) - 1]
    what = (match.group(1), match.group(3), method)
    if what == ("pulls", None, "PATCH"):
        pull.title, pull.body = body.get("title", pull.title), body.get("body", pull.body)
        return 200, _gh_pull(state, pull)
    if what == ("issues", "labels", "POST"):
        pull.labels += [x for x in body["labels"] if x not in pull.labels]
        return 200, [{"name": x} for x in pull.labels]
    if what == ("issues", "comments", "GET"):
        return 200, [{"id": i, "body": c} for i, c in enumerate(pull.comments)]
    if what == ("issues", "comments", "POST"):
        pull.comments.append(body["body"])
        return 201, {"id": len(pull.comments), "body": body["body"]}
    return 404, {"message": "Not Found"}


def _gh_pull(state: ForgeState, pull: Pull) -> dict[str, Any]:
    return {"number": pull.number, "state": pull.state, "title": pull.title, "body": pull.body,
            "draft": pull.draft, "labels": [{"name": x} for x in pull.labels],
            "html_url": f"https://github.example/{state.github_repo}/pull/{pull.number}",
            "head": {"ref": pull.branch}, "base": {"ref": pull.base}}


def _gitlab(state: ForgeState, method: str, path: str, query: dict[str, str],
            body: Any) -> tuple[int, Any]:
    prefix = "/projects/" + urllib.parse.quote(state.gitlab_project, safe="") + "/"
    if not path.startswith(prefix):
        return 404, {"message": "404 Project Not Found"}
    rest = path.removeprefix(prefix)
    if rest == "merge_requests" and method == "GET":
        return 200, [_gl_mr(state, p) for p in state.pulls
                     if p.branch == query.get("source_branch") and query.get("state") == "opened"
                     and p.state == "open"]
    if rest == "merge_requests" and method == "POST":
        if not state.branch_exists(body["source_branch"]):
            return 400, {"message": {"source_branch": ["does not exist"]}}
        existing = state.open_pull(body["source_branch"])
        if existing:
            return 409, {"message": ["Another open merge request already exists for this "
                                     f"source branch: !{existing.number}"]}
        pull = Pull(len(state.pulls) + 1, body["source_branch"], body["target_branch"],
                    body["title"], body["description"], body["title"].startswith("Draft:"),
                    [x for x in body.get("labels", "").split(",") if x])
        state.pulls.append(pull)
        return 201, _gl_mr(state, pull)
    match = re.fullmatch(r"merge_requests/(\d+)(/notes)?", rest)
    if match is None or int(match.group(1)) > len(state.pulls):
        return 404, {"message": "404 Not found"}
    pull = state.pulls[int(match.group(1)) - 1]
    if match.group(2) is None and method == "PUT":
        pull.title = body.get("title", pull.title)
        pull.body = body.get("description", pull.body)
        pull.labels += [x for x in body.get("add_labels", "").split(",")
                        if x and x not in pull.labels]
        return 200, _gl_mr(state, pull)
    if match.group(2) and method == "GET":
        return 200, [{"id": i, "body": c} for i, c in enumerate(pull.comments)]
    if match.group(2) and method == "POST":
        pull.comments.append(body["body"])
        return 201, {"id": len(pull.comments), "body": body["body"]}
    return 404, {"message": "404 Not found"}


def _gl_mr(state: ForgeState, pull: Pull) -> dict[str, Any]:
    return {"iid": pull.number, "state": "opened" if pull.state == "open" else pull.state,
            "title": pull.title, "description": pull.body, "labels": list(pull.labels),
            "draft": pull.draft, "source_branch": pull.branch, "target_branch": pull.base,
            "web_url": f"https://gitlab.example/{state.gitlab_project}/-/merge_requests/"
                       f"{pull.number}"}


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run ``handler`` on an ephemeral loopback port; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def forge(state: ForgeState) -> Iterator[str]:
    handler = type("Api", (_Api,), {"state": state})
    with serve(handler) as url:
        yield url


class _GitHttp(BaseHTTPRequestHandler):
    """git's smart HTTP through `git http-backend`, behind a token check."""

    root: Path
    user: str
    token: str
    authorizations: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        headers = self.headers.get_all("Authorization") or []
        self.authorizations.extend(headers)
        expected = base64.b64encode(f"{self.user}:{self.token}".encode()).decode()
        if headers != [f"Basic {expected}"]:   # exactly one, and the right one
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        parts = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else b""
        env = {"GIT_PROJECT_ROOT": str(self.root), "GIT_HTTP_EXPORT_ALL": "1",
               "REQUEST_METHOD": self.command, "PATH_INFO": parts.path,
               "QUERY_STRING": parts.query, "REMOTE_USER": self.user,
               "REMOTE_ADDR": "127.0.0.1", "CONTENT_LENGTH": str(length),
               "CONTENT_TYPE": self.headers.get("Content-Type", ""), "PATH": "/usr/bin:/bin"}
        for key, value in self.headers.items():
            env["HTTP_" + key.upper().replace("-", "_")] = value
        result = subprocess.run(["git", "http-backend"], input=data, env=env,
                                capture_output=True, timeout=60)
        head, _, payload = result.stdout.partition(b"\r\n\r\n")
        status = 200
        headers = []
        for line in head.decode().split("\r\n"):
            name, _, value = line.partition(": ")
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name:
                headers.append((name, value))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@contextmanager
def git_http(root: Path, user: str, token: str, seen: list[str]) -> Iterator[str]:
    """Serve the bare repositories under ``root``; ``seen`` gets each Authorization."""
    handler = type("GitHttp", (_GitHttp,), {"root": root, "user": user, "token": token,
                                            "authorizations": seen})
    with serve(handler) as url:
        yield url
