"""`leakfix apply` on real git repositories, verified with the real Go toolchain."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import git
import pytest

from fixer import apply, gitrepo, insertion, registry
from fixer.codemod import Codemod, FileContext
from fixer.gosyntax import Node
from fixer.model import Finding, Fix
from fixer.repo import InputError
from gotools import GOLEAK_VERSION, GoEnv
from samples import FILE_SIZE_LEAK

pytestmark = pytest.mark.go

WORKER = """package worker

import (
	"context"
	"errors"
	"time"
)

// Run starts a heartbeat for the named job.
func Run(parent context.Context, name string) error {
	ctx, cancel := context.WithTimeout(parent, time.Hour)
	beat(ctx)
	if name == "" {
		return errors.New("worker: no name")
	}
	cancel()
	return nil
}

func beat(ctx context.Context) {
	go func() { <-ctx.Done() }()
}
"""

WORKER_TEST = """package worker_test

import (
	"context"
	"testing"

	"example.com/svc/worker"
)

func TestRun(t *testing.T) {
	if err := worker.Run(context.Background(), ""); err == nil {
		t.Fatal("want an error for an empty name")
	}
}
"""

STORE = """package store

import "os"

// Size reports a file's size.
""" + FILE_SIZE_LEAK

PUMP = """package pump

import "context"

// Pump starts a goroutine that lives until ctx is done.
func Pump(parent context.Context) int {
	ctx, _ := context.WithCancel(parent)
	go func() { <-ctx.Done() }()
	return 1
}

// Count does not leak.
func Count(parent context.Context) int {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	go func() { <-ctx.Done() }()
	return 2
}
"""

PUMP_TESTMAIN_INTERNAL = """package pump

import (
	"context"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	code := m.Run()
	os.Exit(code)
}

func TestCount(t *testing.T) {
	if Count(context.Background()) != 2 {
		t.Fatal("count")
	}
}
"""


def _commit_all(repo: git.Repo, message: str) -> None:
    repo.git.add(A=True)
    repo.git.commit("-q", "-m", message, env={
        "GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "dev@localhost",
        "GIT_COMMITTER_NAME": "dev", "GIT_COMMITTER_EMAIL": "dev@localhost"})


@pytest.fixture
def service(tmp_path: Path) -> Path:
    root = tmp_path / "svc"
    files = {
        "go.mod": "module example.com/svc\n\ngo 1.22\n",
        "worker/worker.go": WORKER,
        "worker/worker_test.go": WORKER_TEST,
        "store/store.go": STORE,
        "pump/pump.go": PUMP,
        "pump/main_test.go": PUMP_TESTMAIN_INTERNAL,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    repo = git.Repo.init(root, initial_branch="main")
    _commit_all(repo, "service")
    return root


@pytest.fixture
def go_environ(go: GoEnv, monkeypatch: pytest.MonkeyPatch) -> GoEnv:
    """In-process runs see the offline Go environment (goleak from the file proxy)."""
    for key in list(__import__("os").environ):
        if key.startswith("GO"):
            monkeypatch.delenv(key)
    for key, value in go.env.items():
        monkeypatch.setenv(key, value)
    return go


def _leakfix(go: GoEnv, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**go.env, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run([sys.executable, "-m", "fixer", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}


def test_branch_commits_and_goleak_tests(service: Path, go: GoEnv) -> None:
    repo = git.Repo(service)
    before = _snapshot(service)
    result = _leakfix(go, "apply", "--select", "lost-cancel,unclosed-file", "--goleak-version",
                      GOLEAK_VERSION, "--branch", "fixes", ".", cwd=service)
    assert result.returncode == 1, result.stderr + result.stdout
    assert "created branch fixes" in result.stdout
    # The user's checkout is exactly as it was.
    assert repo.active_branch.name == "main"
    assert _snapshot(service) == before
    assert repo.git.status("--porcelain") == ""

    subjects = repo.git.log("--format=%s", "main..fixes").splitlines()
    assert subjects == [
        "test(leak): check for goroutine leaks with goleak",
        "fix(leak): close files on every path (unclosed-file)",
        "fix(leak): cancel derived contexts on every path (lost-cancel)",
    ]
    body = repo.git.log("-1", "--format=%b", "fixes~2")
    assert "worker/worker.go:11:" in body
    # No identity configured anywhere (the env below hides global config): the default.
    assert repo.git.log("-1", "--format=%an <%ae>|%cn <%ce>", "fixes") == (
        f"{gitrepo.DEFAULT_AUTHOR}|{gitrepo.DEFAULT_AUTHOR}")

    changed = set(repo.git.diff("--name-only", "main", "fixes").splitlines())
    assert changed == {"worker/worker.go", "store/store.go", "worker/leak_test.go", "go.mod",
                       "go.sum"}
    leak_test = repo.git.show("fixes:worker/leak_test.go")
    assert leak_test.startswith("package worker_test")  # the package the tests use
    assert "goleak.VerifyTestMain(m)" in leak_test
    assert f"go.uber.org/goleak {GOLEAK_VERSION}" in repo.git.show("fixes:go.mod")
    assert "verify after: build . passed" in result.stdout
    assert "verify after: test passed" in result.stdout

    # The fix branch passes its goleak tests; the same tests on the base code fail.
    repo.git.checkout("-q", "fixes")
    assert go.run(["test", "./..."], service).returncode == 0
    repo.git.checkout("-q", "main")
    repo.git.checkout("fixes", "--", "worker/leak_test.go", "go.mod", "go.sum")
    leaky = go.run(["test", "./worker/"], service)
    assert leaky.returncode != 0 and "found unexpected goroutines" in leaky.stdout + leaky.stderr

    # Running again on the fix branch finds nothing and makes no commit.
    repo.git.reset("-q", "--hard")
    repo.git.checkout("-q", "fixes")
    again = _leakfix(go, "apply", "--goleak-version", GOLEAK_VERSION, ".", cwd=service)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "nothing to fix" in again.stdout
    assert len(repo.heads) == 2


def test_dirty_tree_is_refused_and_untouched(service: Path, go: GoEnv) -> None:
    (service / "store" / "store.go").write_text(STORE + "\n// local edit\n")
    before = _snapshot(service)
    repo = git.Repo(service)
    for args in (["apply", "."], ["apply", "--no-commit", "."]):
        result = _leakfix(go, *args, cwd=service)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "uncommitted changes" in result.stderr
    assert _snapshot(service) == before
    assert [h.name for h in repo.heads] == ["main"]


def test_merge_in_progress_is_refused(service: Path, go: GoEnv) -> None:
    repo = git.Repo(service)
    (Path(repo.git_dir) / "MERGE_HEAD").write_text(repo.head.commit.hexsha + "\n")
    result = _leakfix(go, "apply", ".", cwd=service)
    assert result.returncode == 2 and "merge is in progress" in result.stderr


def test_no_commit_writes_the_work_tree_only(service: Path, go: GoEnv) -> None:
    repo = git.Repo(service)
    result = _leakfix(go, "apply", "--no-commit", "--goleak-version", GOLEAK_VERSION, ".",
                      cwd=service)
    assert result.returncode == 1, result.stderr
    assert "defer cancel()" in (service / "worker" / "worker.go").read_text()
    assert (service / "worker" / "leak_test.go").exists()
    assert [h.name for h in repo.heads] == ["main"]
    assert repo.git.diff("--cached") == ""  # the index is untouched


def test_testmain_merged_in_internal_package(service: Path, go: GoEnv) -> None:
    result = _leakfix(go, "apply", "--unsafe-fixes", "--select", "lost-cancel", "--branch", "b",
                      "--goleak-version", GOLEAK_VERSION, ".", cwd=service)
    assert result.returncode == 1, result.stdout + result.stderr
    merged = git.Repo(service).git.show("b:pump/main_test.go")
    assert "goleak.Find()" in merged and merged.count("func TestMain") == 1
    assert merged.index("code := m.Run()") < merged.index("goleak.Find()") < merged.index(
        "os.Exit(code)")
    assert "verify after: test passed" in result.stdout, result.stdout


class BreaksBuild(Codemod):
    """
    ## What it does
    Test-only rule: marks `// leakfix-test: break` and `// leakfix-test: ok` lines.

    ## Why is this bad?
    It is not; it exists to prove that a fix which breaks the build is withheld.

    ## Example
    ```go
    x := 1 // leakfix-test: break
    ```

    Use instead:
    ```go
    x := 1
    ```

    ## Fix safety
    The "break" fix inserts a call to an undefined function.
    """

    name = "test-breaks-build"
    triggers = (b"leakfix-test",)
    query = '((comment) @c (#match? @c "leakfix-test"))'

    def check(self, ctx: FileContext, match: dict[str, list[Node]]) -> Iterator[Finding]:
        comment = match["c"][0]
        stmt = comment.prev_named_sibling
        if stmt is None:
            return
        line = "undefinedHelper()" if b"break" in (comment.text or b"") else "_ = 0"
        following = ctx.source[comment.end_byte :].lstrip(b"\n").split(b"\n", 1)[0]
        if following.strip() == line.encode():
            return  # already fixed: stay idempotent like every real rule
        edit = insertion.insert_lines_after(ctx.source, stmt, [line])
        if edit is not None:
            yield self.finding(ctx, stmt, "test finding", Fix(f"insert {line}", (edit,)))


@pytest.fixture
def breaking_rule() -> Iterator[type[Codemod]]:
    registry.register(BreaksBuild)
    yield BreaksBuild
    registry.unregister(BreaksBuild)


def test_fix_that_breaks_the_build_is_withheld(
    tmp_path: Path, go_environ: GoEnv, breaking_rule: type[Codemod]
) -> None:
    root = tmp_path / "m"
    (root / "a").mkdir(parents=True)
    (root / "go.mod").write_text("module example.com/m\n\ngo 1.22\n")
    (root / "a" / "a.go").write_text(
        "package a\n\nfunc F() int {\n\tx := 1 // leakfix-test: ok\n"
        "\ty := 2 // leakfix-test: break\n\treturn x + y\n}\n")
    (root / "a" / "b.go").write_text(
        "package a\n\nfunc G() int {\n\tz := 3 // leakfix-test: ok\n\treturn z\n}\n")
    repo = git.Repo.init(root, initial_branch="main")
    _commit_all(repo, "m")

    report = apply.run(root, apply.Settings(rules=(breaking_rule.name,), branch="fix",
                                            goleak="none"))
    outcome = report.rules[0]
    assert [w.finding.line for w in outcome.withheld] == [5]
    assert "fix withheld: broke the build" in outcome.withheld[0].reason
    assert "undefinedHelper" in outcome.withheld[0].reason
    assert sorted(f.path for f in outcome.fixed) == ["a/a.go", "a/b.go"]
    fixed_a = repo.git.show("fix:a/a.go")
    assert "_ = 0" in fixed_a and "undefinedHelper" not in fixed_a
    assert go_environ.run(["build", "./..."], root).returncode == 0


def test_author_option(service: Path, go: GoEnv) -> None:
    result = _leakfix(go, "apply", "--no-verify", "--goleak", "none", "--branch", "x",
                      "--author", "Leak Bot <bot@example.test>", ".", cwd=service)
    assert result.returncode == 1, result.stderr
    log = git.Repo(service).git.log("--format=%an <%ae>", "main..x").splitlines()
    assert log and set(log) == {"Leak Bot <bot@example.test>"}
    assert "verify before: build+vet skipped: --no-verify" in result.stdout


def test_author_must_be_name_and_email() -> None:
    with pytest.raises(InputError):
        gitrepo.Identity.parse("no-email")
    assert gitrepo.Identity.parse("Bot <bot@x>") == gitrepo.Identity("Bot", "bot@x")


def _dry_run_patch(go: GoEnv, root: Path) -> str:
    result = _leakfix(go, "apply", "--dry-run", "--select", "lost-cancel,unclosed-file", ".",
                      cwd=root)
    assert result.returncode == 1, result.stderr
    return result.stdout


def test_reviewed_patch_applies_only_what_is_left(service: Path, go: GoEnv,
                                                  tmp_path: Path) -> None:
    patch = _dry_run_patch(go, service)
    assert "store/store.go" in patch and "worker/worker.go" in patch
    # The reviewer deletes the whole store/store.go section.
    sections = patch.split("diff --git ")
    kept = "".join("diff --git " + s for s in sections[1:] if not s.startswith("a/store/"))
    reviewed = tmp_path / "reviewed.patch"
    reviewed.write_text(kept)
    result = _leakfix(go, "apply", "--patch", str(reviewed), "--branch", "reviewed",
                      "--goleak", "none", ".", cwd=service)
    assert result.returncode == 1, result.stdout + result.stderr
    repo = git.Repo(service)
    assert set(repo.git.diff("--name-only", "main", "reviewed").splitlines()) == {
        "worker/worker.go"}
    assert repo.git.log("--format=%s", "main..reviewed").splitlines() == [
        "fix(leak): cancel derived contexts on every path (lost-cancel)"]
    assert "defer cancel()" in repo.git.show("reviewed:worker/worker.go")


@pytest.mark.parametrize(("mangle", "message"), [
    (lambda p: p.replace("a/store/store.go", "a/../outside.go").replace(
        "b/store/store.go", "b/../outside.go"), "leaves the repository"),
    (lambda p: p.replace("a/store/store.go", "a//etc/passwd").replace(
        "b/store/store.go", "b//etc/passwd"), "leaves the repository"),
    (lambda p: p.replace("diff --git a/store/store.go b/store/store.go",
                         "diff --git a/store/store.go b/store/moved.go").replace(
        "+++ b/store/store.go", "+++ b/store/moved.go"), "renames"),
    (lambda p: p.replace("\treturn 0, err", "\treturn 1, err"), "does not apply"),
    (lambda p: "this is not a patch\n", "holds no changes"),
], ids=["dotdot", "absolute", "rename", "stale-hunk", "garbage"])
def test_bad_reviewed_patches_are_refused(service: Path, go: GoEnv, tmp_path: Path,
                                          mangle: object, message: str) -> None:
    patch = _dry_run_patch(go, service)
    bad = tmp_path / "bad.patch"
    bad.write_text(mangle(patch))  # type: ignore[operator]
    before = _snapshot(service)
    result = _leakfix(go, "apply", "--patch", str(bad), ".", cwd=service)
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr
    assert _snapshot(service) == before
    assert [h.name for h in git.Repo(service).heads] == ["main"]
    assert not (service.parent / "outside.go").exists()


def _converse(argv: list[str], cwd: Path, env: dict[str, str], answers: list[str],
              timeout: float = 120.0) -> tuple[int, str]:
    """Run ``argv`` on a real pseudo-terminal, answering each prompt in turn."""
    import os
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # child
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    transcript, pending = b"", list(answers)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1.0)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        transcript += chunk
        if pending and transcript.rstrip().endswith(b"[q]uit:"):
            os.write(fd, pending.pop(0).encode() + b"\n")
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), transcript.decode("utf-8", "replace")


def test_interactive_asks_per_fix(service: Path, go: GoEnv) -> None:
    env = {**go.env, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    argv = [sys.executable, "-m", "fixer", "apply", "--interactive", "--no-verify", "--goleak",
            "none", "--select", "lost-cancel,unclosed-file", "--branch", "picked", "."]
    code, transcript = _converse(argv, service, env, ["n", "y"])
    assert code == 1, transcript
    assert transcript.count("Apply this fix?") == 2
    assert "store/store.go:7: unclosed-file" in transcript and "+\tdefer f.Close()" in transcript
    repo = git.Repo(service)
    assert set(repo.git.diff("--name-only", "main", "picked").splitlines()) == {
        "worker/worker.go"}


def test_interactive_needs_a_terminal(service: Path, go: GoEnv) -> None:
    result = _leakfix(go, "apply", "--interactive", ".", cwd=service)
    assert result.returncode == 2 and "needs a terminal" in result.stderr


def test_offline_go_get_falls_back_to_a_requirement_line(service: Path, go: GoEnv,
                                                         tmp_path: Path) -> None:
    # No proxy and an empty module cache: `go get` cannot fetch goleak.
    env_off = {**go.env, "GOPROXY": "off", "GOPATH": str(tmp_path / "empty-gopath"),
               "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "fixer", "apply", "--select", "lost-cancel", "--branch", "off",
         "--goleak-version", GOLEAK_VERSION, "."], cwd=service, env=env_off,
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "run `go mod tidy` to complete go.sum" in result.stdout
    gomod = git.Repo(service).git.show("off:go.mod")
    assert f"require go.uber.org/goleak {GOLEAK_VERSION}" in gomod
    assert "verify before: test" in result.stdout  # the touched packages' tests ran at base
