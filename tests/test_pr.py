"""`leakfix pr` against a real bare git remote and a real HTTP server on 127.0.0.1.

The server (tests/forge_server.py) answers like GitHub's and GitLab's REST APIs
and records every request; the remote is a `git init --bare` repository, or the
same served over git's smart HTTP behind a token check. leakfix runs as a
subprocess with the token only in its environment.
"""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import git
import pytest
from forge_server import ForgeState, forge, git_http

from fixer import engine, pipeline
from fixer.forge import body, connect, gitremote, remote
from fixer.forge.httpjson import ForgeError
from gotools import GOLEAK_VERSION, GoEnv

TOKEN = "ghs_SENTINEL0123456789abcdefTOKEN"
BRANCH = "leakfix/fixes"

JOBS = """package jobs

import (
	"context"
	"errors"
	"time"
)

// Start runs a job until its deadline.
func Start(parent context.Context, id int) error {
	ctx, cancel := context.WithDeadline(parent, time.Now().Add(time.Minute))
	if err := step(ctx); err != nil {
		return err
	}
	if id < 0 {
		return errors.New("jobs: negative id")
	}
	cancel()
	return nil
}

func step(ctx context.Context) error { return ctx.Err() }

// Notify sends on done from a goroutine.
func Notify(done chan<- struct{}) {
	go func() { done <- struct{}{} }()
}
"""

JOBS_TEST = """package jobs

import (
	"context"
	"testing"
)

func TestStart(t *testing.T) {
	if err := Start(context.Background(), 1); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	Notify(done)
	<-done
}
"""

FILES = """package files

import (
	"io"
	"os"
)

// Head returns the first bytes of a file.
func Head(name string, n int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(f, n))
}
"""

LINES = """package files

import (
	"bufio"
	"os"
)

// Lines counts the lines of a file.
func Lines(name string) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	count := 0
	for scan := bufio.NewScanner(f); scan.Scan(); {
		count++
	}
	return count, nil
}
"""

CLEAN = """package clean

// Add adds.
func Add(a, b int) int { return a + b }
"""

HUMAN = {"GIT_AUTHOR_NAME": "Dana Reviewer", "GIT_AUTHOR_EMAIL": "dana@example.com",
         "GIT_COMMITTER_NAME": "Dana Reviewer", "GIT_COMMITTER_EMAIL": "dana@example.com"}


@dataclass
class Project:
    work: Path
    bare: Path
    home: Path

    @property
    def repo(self) -> git.Repo:
        return git.Repo(self.work)

    def remote_sha(self, branch: str = BRANCH) -> str | None:
        found = subprocess.run(["git", "--git-dir", str(self.bare), "rev-parse", "--verify",
                                "--quiet", f"refs/heads/{branch}"], capture_output=True,
                               text=True)
        return found.stdout.strip() or None

    def commit(self, files: dict[str, str], message: str) -> None:
        for rel, text in files.items():
            (self.work / rel).parent.mkdir(parents=True, exist_ok=True)
            (self.work / rel).write_text(text)
        repo = self.repo
        repo.git.add(A=True)
        repo.git.commit("-q", "-m", message, env=HUMAN)
        repo.git.push("-q", "origin", "main")


def _make_project(tmp_path: Path, files: dict[str, str]) -> Project:
    bare = tmp_path / "remote" / "acme" / "svc.git"
    git.Repo.init(bare, bare=True, initial_branch="main")
    project = Project(tmp_path / "svc", bare, tmp_path / "home")
    project.home.mkdir()
    repo = git.Repo.init(project.work, initial_branch="main")
    repo.create_remote("origin", str(bare))
    project.commit({"go.mod": "module example.com/svc\n\ngo 1.22\n", **files}, "service")
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return _make_project(tmp_path, {"jobs/jobs.go": JOBS, "jobs/jobs_test.go": JOBS_TEST,
                                    "files/files.go": FILES})


@pytest.fixture
def state(project: Project) -> ForgeState:
    return ForgeState(token=TOKEN, bare=project.bare)


@pytest.fixture
def api(state: ForgeState) -> Iterator[str]:
    with forge(state) as url:
        yield url


def _env(project: Project, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {"PATH": os.environ["PATH"], "HOME": str(project.home), "LANG": "C.UTF-8",
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            "GITHUB_TOKEN": TOKEN, **(extra or {})}


def _pr(project: Project, api: str, *args: str, verify: bool = False,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`leakfix pr` for the GitHub repository acme/svc at ``api``."""
    argv = [sys.executable, "-m", "fixer", "pr", "--select", "lost-cancel,unclosed-file",
            "--goleak-version", GOLEAK_VERSION, *([] if verify else ["--no-verify"]),
            *(["--repo", "acme/svc"] if "--project" not in args else []),
            "--api-url", api, *args, "."]
    result = subprocess.run(argv, cwd=project.work, env=env or _env(project),
                            capture_output=True, text=True, timeout=300)
    for text in (result.stdout, result.stderr):
        assert TOKEN not in text
        assert _basic(TOKEN) not in text
    return result


def _basic(token: str, user: str = "x-access-token") -> str:
    return base64.b64encode(f"{user}:{token}".encode()).decode()


def _error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert result.returncode == 2, result.stdout + result.stderr
    return lines[0]


def _calls(state: ForgeState) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in state.requests]


def _local_sha(project: Project) -> str:
    return str(project.repo.commit(f"refs/heads/{BRANCH}").hexsha)


# -- the first run ------------------------------------------------------------------------

def test_first_run_pushes_and_opens_the_pull_request(project: Project, state: ForgeState,
                                                      api: str) -> None:
    base = str(project.repo.head.commit.hexsha)
    result = _pr(project, api, "--draft", "--label", "leaks", "--label", "bot")
    assert result.returncode == 1, result.stderr
    assert result.stdout.endswith(f"pushed {BRANCH} to origin\n"
                                  "opened pull request #1: https://github.example/acme/svc/pull/1\n")

    # The branch is on the remote, exactly as built locally; the checkout is untouched.
    assert project.remote_sha() == _local_sha(project)
    assert project.repo.active_branch.name == "main"
    assert project.repo.git.status("--porcelain") == ""
    subjects = project.repo.git.log("--format=%s", f"main..{BRANCH}").splitlines()
    assert subjects == ["test(leak): check for goroutine leaks with goleak",
                        "fix(leak): close files on every path (unclosed-file)",
                        "fix(leak): cancel derived contexts on every path (lost-cancel)"]
    assert project.repo.git.log("-1", "--format=%an <%ae>", BRANCH) == (
        "leakfix <leakfix@localhost>")

    assert _calls(state) == [("GET", "/repos/acme/svc/pulls"),
                             ("POST", "/repos/acme/svc/pulls"),
                             ("POST", "/repos/acme/svc/issues/1/labels")]
    assert state.requests[0].query == {"head": f"acme:{BRANCH}", "state": "open",
                                       "per_page": "10"}
    assert {r.authorization for r in state.requests} == {f"Bearer {TOKEN}"}
    create = state.requests[1].body
    assert (create["head"], create["base"], create["draft"]) == (BRANCH, "main", True)
    assert state.requests[2].body == {"labels": ["leaks", "bot"]}

    pull = state.pulls[0]
    assert pull.labels == ["leaks", "bot"]
    text = pull.body
    assert "| `lost-cancel` | 1 | 1 |" in text
    assert "| `unclosed-file` | 1 | 1 |" in text
    assert "`files/files.go:10` file f from os.Open is never closed" in text
    assert "### goleak tests added" in text and "`jobs/leak_test.go`" in text
    assert "| before | build+vet | ⏭️ skipped | --no-verify |" in text
    meta = body.read_metadata(text)
    assert meta is not None
    assert (meta["version"], meta["base"]) == (__import__("fixer").__version__, base)
    assert meta["fingerprints"] == _fingerprints(project)
    assert text.rstrip().endswith("-->")


def _fingerprints(project: Project) -> list[str]:
    options = engine.Options(("lost-cancel", "unclosed-file"), fix=True)
    result = pipeline.run([project.work], options, 1)
    return sorted(f.fingerprint for f in result.scan.findings if f.fix is not None)


def test_no_fixes_pushes_nothing_and_calls_no_api(tmp_path: Path) -> None:
    project = _make_project(tmp_path, {"clean/clean.go": CLEAN})
    state = ForgeState(token=TOKEN, bare=project.bare)
    with forge(state) as url:
        result = _pr(project, url)
    assert result.returncode == 0, result.stderr
    assert "nothing to fix" in result.stdout
    assert state.requests == []
    assert project.remote_sha() is None
    assert BRANCH not in [h.name for h in project.repo.heads]


# -- later runs -----------------------------------------------------------------------------

def test_a_later_run_updates_instead_of_duplicating(project: Project, state: ForgeState,
                                                     api: str) -> None:
    assert _pr(project, api).returncode == 1
    pushed = project.remote_sha()
    state.requests.clear()

    # As in CI: a fresh checkout without the local branch, commits made a minute later
    # (other shas, same change).
    project.repo.git.branch("-D", BRANCH)
    later = {"GIT_AUTHOR_DATE": "2030-01-01T00:00:00Z",
             "GIT_COMMITTER_DATE": "2030-01-01T00:00:00Z"}
    again = _pr(project, api, env=_env(project, later))
    assert again.returncode == 1, again.stderr
    assert "up to date pull request #1" in again.stdout
    assert "pushed" not in again.stdout
    assert state.writes() == []                  # no new pull request, no PATCH, no labels
    assert project.remote_sha() == pushed        # no churn: the same commits stay
    assert _local_sha(project) == pushed         # and the local branch takes them

    # A new leak lands on main: the branch is rebuilt on it and the body follows.
    project.commit({"files/lines.go": LINES}, "lines")
    state.requests.clear()
    third = _pr(project, api)
    assert third.returncode == 1, third.stderr
    assert "updated pull request #1" in third.stdout
    assert [(m, p) for m, p in _calls(state) if m != "GET"] == [
        ("PATCH", "/repos/acme/svc/pulls/1")]
    assert len(state.pulls) == 1
    assert "`files/lines.go:10` file f from os.Open is never closed" in state.pulls[0].body
    assert "| `unclosed-file` | 2 | 2 |" in state.pulls[0].body
    new_head = project.remote_sha()
    assert new_head == _local_sha(project) != pushed
    assert project.repo.is_ancestor(project.repo.commit("main"), project.repo.commit(new_head))


def test_human_commits_are_never_force_pushed_over(project: Project, state: ForgeState,
                                                   api: str, tmp_path: Path) -> None:
    assert _pr(project, api).returncode == 1
    clone = git.Repo.clone_from(str(project.bare), tmp_path / "dana", branch=BRANCH)
    (Path(str(clone.working_tree_dir)) / "NOTES.md").write_text("reviewed\n")
    clone.git.add(A=True)
    clone.git.commit("-q", "-m", "docs: review notes", env=HUMAN)
    clone.git.push("-q", "origin", BRANCH)
    human = str(clone.head.commit.hexsha)
    project.commit({"files/lines.go": LINES}, "lines")  # leakfix now has something new
    state.requests.clear()

    result = _pr(project, api)
    line = _error_line(result)
    assert f"the remote branch {BRANCH} has commits leakfix did not make" in line
    assert f"{human[:10]} by Dana Reviewer" in line
    assert "not force-pushing" in line and "#1" in line
    assert f"branch {BRANCH} is kept locally" in line
    assert project.remote_sha() == human         # Dana's commit is still there
    assert [(m, p) for m, p in _calls(state) if m != "GET"] == [
        ("POST", "/repos/acme/svc/issues/1/comments")]
    comment = state.pulls[0].comments[0]
    assert f"{human[:10]} docs: review notes (Dana Reviewer)" in comment
    assert "never force-pushes" in comment

    # Asked again, it still refuses, without a second comment.
    state.requests.clear()
    assert "not force-pushing" in _error_line(_pr(project, api))
    assert state.writes() == []
    assert project.remote_sha() == human


# -- errors ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("case", "expected"), [
    ("401", "GitHub rejected the token in GITHUB_TOKEN (401 Unauthorized (Bad credentials))"),
    ("404", "GitHub: GET http://127.0.0.1:{port}/repos/acme/nope/pulls?head=acme%3Aleakfix%2F"
            "fixes&state=open&per_page=10: 404 Not Found (Not Found); check the repository "
            "name and that the token can see it"),
    ("422", "GitHub: POST http://127.0.0.1:{port}/repos/acme/svc/pulls: HTTP 422 (Validation "
            "Failed; base invalid)"),
])
def test_api_errors_are_one_clear_line_and_keep_the_branch(
        project: Project, state: ForgeState, api: str, case: str, expected: str) -> None:
    args = {"401": [], "404": ["--repo", "acme/nope"], "422": ["--base", "develop"]}[case]
    env = _env(project, {"GITHUB_TOKEN": "ghs_wrong"}) if case == "401" else None
    result = _pr(project, api, *args, env=env)
    port = api.rsplit(":", 1)[1]
    line = _error_line(result)
    assert line == (f"leakfix: error: {expected.format(port=port)} "
                    f"(branch {BRANCH} is kept locally)")
    assert BRANCH in [h.name for h in project.repo.heads]
    assert state.pulls == []


def test_a_refused_push_is_one_clear_line_and_opens_nothing(
        project: Project, state: ForgeState, api: str) -> None:
    hook = project.bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'leakfix/* is protected' >&2\nexit 1\n")
    hook.chmod(0o755)
    line = _error_line(_pr(project, api))
    assert line == (f"leakfix: error: git push origin: ! [remote rejected] {BRANCH} -> "
                    f"{BRANCH} (pre-receive hook declined) (branch {BRANCH} is kept locally)")
    assert project.remote_sha() is None
    assert state.writes() == []
    assert BRANCH in [h.name for h in project.repo.heads]


def test_existing_pull_request_found_after_422_is_updated(project: Project, state: ForgeState,
                                                          api: str) -> None:
    assert _pr(project, api).returncode == 1
    project.commit({"files/lines.go": LINES}, "lines")
    state.hide_next_list = True   # the list lags: the create is what says it exists
    state.requests.clear()
    result = _pr(project, api)
    assert result.returncode == 1, result.stderr
    assert "updated pull request #1" in result.stdout
    assert [(r.method, r.path, r.status) for r in state.requests] == [
        ("GET", "/repos/acme/svc/pulls", 200),
        ("POST", "/repos/acme/svc/pulls", 422),
        ("GET", "/repos/acme/svc/pulls", 200),
        ("PATCH", "/repos/acme/svc/pulls/1", 200)]
    assert len(state.pulls) == 1
    assert "files/lines.go" in state.pulls[0].body


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_api_is_one_clear_line(project: Project) -> None:
    port = _closed_port()
    line = _error_line(_pr(project, f"http://127.0.0.1:{port}"))
    assert line == (f"leakfix: error: GitHub: cannot reach http://127.0.0.1:{port}: "
                    f"Connection refused (branch {BRANCH} is kept locally)")
    assert BRANCH in [h.name for h in project.repo.heads]


def test_silent_api_times_out(project: Project) -> None:
    with socket.socket() as silent:   # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        line = _error_line(_pr(project, url, "--timeout", "0.5"))
    assert "no answer within 0.5s" in line
    assert BRANCH in [h.name for h in project.repo.heads]


def test_missing_token_is_refused_before_any_work(project: Project, state: ForgeState,
                                                  api: str) -> None:
    env = _env(project)
    del env["GITHUB_TOKEN"]
    line = _error_line(_pr(project, api, env=env))
    assert line.startswith("leakfix: error: GITHUB_TOKEN is not set")
    assert BRANCH not in [h.name for h in project.repo.heads]
    assert state.requests == []


def test_a_foreign_pull_request_on_the_branch_is_left_alone(
        project: Project, state: ForgeState, api: str) -> None:
    assert _pr(project, api).returncode == 1
    state.pulls[0].body = "A human rewrote this description."
    state.requests.clear()
    line = _error_line(_pr(project, api))
    assert f"pull request #1 from {BRANCH} was not opened by leakfix" in line
    assert state.writes() == []


# -- the token --------------------------------------------------------------------------------

def test_token_travels_only_in_the_push_process_environment(tmp_path: Path) -> None:
    project = _make_project(tmp_path, {"files/files.go": FILES})
    seen: list[str] = []
    state = ForgeState(token=TOKEN, bare=project.bare)
    with forge(state) as url, git_http(tmp_path / "remote", "x-access-token", TOKEN,
                                       seen) as git_url:
        project.repo.git.remote("set-url", "origin", f"{git_url}/acme/svc.git")
        # What actions/checkout leaves behind: a stale header of its own, for the whole host.
        project.repo.git.config(f"http.{git_url}/.extraheader",
                                f"AUTHORIZATION: basic {_basic('stale')}")
        env = _env(project)
        argv = ["--api-url", url]   # no --repo: acme/svc comes from the remote's URL
        first = subprocess.run([sys.executable, "-m", "fixer", "pr", "--no-verify", *argv, "."],
                               cwd=project.work, env=env, capture_output=True, text=True,
                               timeout=300)
        assert first.returncode == 1, first.stderr
        second = subprocess.run([sys.executable, "-m", "fixer", "pr", "--no-verify", *argv,
                                 "."], cwd=project.work, env=env, capture_output=True,
                                text=True, timeout=300)
        assert second.returncode == 1, second.stderr
        assert "up to date pull request #1" in second.stdout
    # The push (and the later ls-remote and fetch) carried the token...
    assert f"Basic {_basic(TOKEN)}" in seen
    assert project.remote_sha() == _local_sha(project)
    # ...and nothing on disk or on screen has it, in any form.
    for secret in (TOKEN, _basic(TOKEN)):
        for run in (first, second):
            assert secret not in run.stdout + run.stderr
        for top in (project.work / ".git", project.bare):
            for path in top.rglob("*"):
                if path.is_file():
                    assert secret.encode() not in path.read_bytes(), path
    assert f"Basic {_basic('stale')}" not in seen   # replaced, not sent alongside


def test_auth_env_is_scoped_to_the_remote_and_keeps_user_entries() -> None:
    env = gitremote.auth_env("https://github.com/acme/svc.git", "x-access-token", TOKEN,
                             {"GIT_CONFIG_COUNT": "1"})
    assert env["GIT_CONFIG_COUNT"] == "3"
    key = "http.https://github.com/acme/svc.git.extraHeader"
    assert (env["GIT_CONFIG_KEY_1"], env["GIT_CONFIG_VALUE_1"]) == (key, "")
    assert env["GIT_CONFIG_KEY_2"] == key
    assert env["GIT_CONFIG_VALUE_2"] == f"Authorization: Basic {_basic(TOKEN)}"
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    for url in ("git@github.com:acme/svc.git", "/srv/git/svc.git"):
        assert gitremote.auth_env(url, "x-access-token", TOKEN) == {"GIT_TERMINAL_PROMPT": "0"}


# -- GitLab -----------------------------------------------------------------------------------

def test_gitlab_merge_request_is_opened_updated_and_commented(
        project: Project, state: ForgeState, api: str, tmp_path: Path) -> None:
    env = _env(project, {"GITLAB_TOKEN": TOKEN})
    del env["GITHUB_TOKEN"]
    args = ("--project", "acme/svc", "--api-url", f"{api}/api/v4")
    first = _pr(project, api, *args, "--draft", env=env)
    assert first.returncode == 1, first.stderr
    assert ("opened merge request #1: https://gitlab.example/acme/svc/-/merge_requests/1"
            in first.stdout)
    assert _calls(state) == [("GET", "/api/v4/projects/acme%2Fsvc/merge_requests"),
                             ("POST", "/api/v4/projects/acme%2Fsvc/merge_requests")]
    create = state.requests[1].body
    assert create["title"].startswith("Draft: ")
    assert (create["source_branch"], create["target_branch"], create["labels"]) == (
        BRANCH, "main", "leaks")
    assert project.remote_sha() == _local_sha(project)

    project.commit({"files/lines.go": LINES}, "lines")
    state.requests.clear()
    second = _pr(project, api, *args, env=env)
    assert "updated merge request #1" in second.stdout, second.stderr
    put = [r for r in state.requests if r.method == "PUT"]
    assert [r.path for r in put] == ["/api/v4/projects/acme%2Fsvc/merge_requests/1"]
    assert put[0].body["title"].startswith("Draft: ")   # still a draft
    assert "files/lines.go" in put[0].body["description"]
    assert len(state.pulls) == 1

    clone = git.Repo.clone_from(str(project.bare), tmp_path / "dana", branch=BRANCH)
    clone.git.commit("-q", "--allow-empty", "-m", "wip: rework", env=HUMAN)
    clone.git.push("-q", "origin", BRANCH)
    project.commit({"files/more.go": LINES.replace("Lines", "More")}, "more")
    third = _pr(project, api, *args, env=env)
    assert "not force-pushing" in _error_line(third)
    assert state.pulls[0].comments and "wip: rework" in state.pulls[0].comments[0]
    assert project.remote_sha() == str(clone.head.commit.hexsha)


# -- with the real Go toolchain ---------------------------------------------------------------

@pytest.mark.go
def test_verified_pull_request_reports_the_go_checks(project: Project, state: ForgeState,
                                                     api: str, go: GoEnv) -> None:
    env = {**go.env, **_env(project), "PATH": go.env.get("PATH", os.environ["PATH"]),
           "HOME": os.environ.get("HOME", str(project.home))}   # a warm Go build cache
    result = _pr(project, api, verify=True, env=env)
    assert result.returncode == 1, result.stderr
    text = state.pulls[0].body
    rows = {tuple(cell.strip() for cell in line.split("|")[1:4]): line.split("|")[4].strip()
            for line in text.splitlines() if line.startswith(("| before", "| after"))}
    assert rows[("before", "build .", "✅ passed")] == ""
    # vet sees the leak before the fix, and not after it.
    assert "the cancel function is not used on all paths" in rows[
        ("before", "vet .", "❌ failed")]
    assert rows[("after", "vet .", "✅ passed")] == "no new vet findings; 2 fewer than before"
    assert rows[("after", "gofmt", "✅ passed")] == ""
    assert rows[("after", "test", "✅ passed")] == ""   # go test's output is for the log
    assert not [key for key in rows if key[0] == "after" and key[2] != "✅ passed"]


# -- pieces -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "host", "path"), [
    ("https://github.com/acme/svc.git", "github.com", "acme/svc"),
    ("https://user@GitHub.com/acme/svc/", "github.com", "acme/svc"),
    ("git@github.com:acme/svc.git", "github.com", "acme/svc"),
    ("ssh://git@gitlab.example.com:2222/group/sub/svc.git", "gitlab.example.com",
     "group/sub/svc"),
    ("git@gitlab.com:group/sub/svc", "gitlab.com", "group/sub/svc"),
])
def test_remote_urls_name_host_and_repository(url: str, host: str, path: str) -> None:
    assert remote.parse(url) == remote.RemoteUrl(host, path)


@pytest.mark.parametrize("url", ["/srv/git/svc.git", "./svc.git", "file:///srv/svc.git",
                                 "https://github.com/svc"])
def test_paths_and_odd_urls_name_no_repository(url: str) -> None:
    assert remote.parse(url) is None


@pytest.mark.parametrize(("url", "target", "service", "base"), [
    ("git@github.com:acme/svc.git", connect.Target(), "GitHub", "https://api.github.com"),
    ("https://ghe.corp.example/acme/svc", connect.Target(), "GitHub",
     "https://ghe.corp.example/api/v3"),
    ("git@gitlab.com:group/svc.git", connect.Target(), "GitLab", "https://gitlab.com/api/v4"),
    ("/srv/svc.git", connect.Target(project="group/svc"), "GitLab",
     "https://gitlab.com/api/v4"),
])
def test_forge_and_api_address_follow_the_remote(url: str, target: connect.Target,
                                                 service: str, base: str) -> None:
    chosen = connect.connect(url, target, {"GITHUB_TOKEN": TOKEN, "GITLAB_TOKEN": TOKEN})
    assert chosen.service == service
    assert chosen.client.base == base


def test_a_path_remote_needs_the_repository_named() -> None:
    with pytest.raises(ForgeError, match="names no github repository; pass --repo OWNER/NAME"):
        connect.connect("/srv/svc.git", connect.Target(), {"GITHUB_TOKEN": TOKEN})


def test_metadata_cannot_close_its_comment_early() -> None:
    from fixer.apply import Report

    report = Report(base="-->" * 3)
    block = body.metadata(report)
    assert block.count("-->") == 1 and block.endswith("-->")
    assert body.read_metadata(f"text\n{block}\n") == {
        "version": __import__("fixer").__version__, "base": "-->" * 3, "fingerprints": []}


def test_a_huge_result_still_fits_the_forge_limit() -> None:
    from fixer.apply import Report, RuleOutcome
    from fixer.model import Finding, Position

    def finding(rule: str, i: int) -> Finding:
        return Finding(rule, f"pkg{i}/file.go", Position(i + 1, 2),
                       f"file *f_{i} from <-open is never closed " + "x" * 300,
                       fingerprint=f"{rule[:4]}{i:016x}")

    rules = ("lost-cancel", "unclosed-file", "unstopped-ticker")
    report = Report(base="a" * 40, rules=[
        RuleOutcome(rule, [finding(rule, i) for i in range(500)],
                    [f"pkg{i}/file.go" for i in range(500)]) for rule in rules])
    text = body.render(report)
    assert len(text) <= body.LIMIT
    assert text.count("… and 490 more") == 3        # shorter lists, not a cut in the middle
    assert r"`pkg0/file.go:1` file \*f\_0 from \<-open" in text   # data, not Markdown
    meta = body.read_metadata(text)
    assert meta is not None and len(meta["fingerprints"]) == 1500
    limit = len(body.metadata(report)) + 200        # room for the metadata and a line
    tiny = body.render(report, limit=limit)
    assert len(tiny) <= limit and "cut to fit" in tiny
    assert body.read_metadata(tiny) == meta
