"""The real CLI as a subprocess: bad input, output contracts, patches, writes, options.

Each run is ``python -m fixer ...`` in a temporary directory or a temporary git
repository; "nothing written" is checked by comparing every byte (and mode) of
the tree, ``.git`` included, before and after.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import fixer
from fixer import engine
from samples import BROKEN_AND_HEALTHY

PROJECT = Path(__file__).resolve().parent.parent
SERVICE = PROJECT / "examples" / "leakyservice"
RULE = "lost-cancel"
NOBODY = 65534

LEAKY = b"""package p

import "context"

func a(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	use(ctx)
}

func use(context.Context) {}
"""

CLEAN = b"""package p

import "context"

func a(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	use(ctx)
}

func use(context.Context) {}
"""

SUPPRESSED = LEAKY.replace(b"WithCancel(parent)\n", b"WithCancel(parent) //nolint:leakfix\n")


GIT_ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


# -- helpers -------------------------------------------------------------------------


def leakfix(*args: str | Path, cwd: Path, nobody: bool = False,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "fixer", *map(str, args)]
    env = {**os.environ, **GIT_ENV}
    if nobody:
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                   *command]
        env["HOME"] = str(cwd)
    return subprocess.run(command, cwd=cwd, env=env, input=stdin, capture_output=True,
                          text=True, timeout=60, check=False)


def git(root: Path, *args: str, stdin: str | None = None,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "--no-optional-locks", *args], cwd=root,
                          env={**os.environ, **GIT_ENV}, input=stdin, capture_output=True,
                          text=True, timeout=60, check=check)


def make_repo(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "initial")
    return root


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``root`` (``.git`` included): mode and bytes."""
    files = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if stat.S_ISREG(info.st_mode):
            files[path.relative_to(root).as_posix()] = (stat.S_IMODE(info.st_mode),
                                                        path.read_bytes())
    return files


APPLIED = re.compile(r"leakfix: applied \d+ fixes in \d+ files")


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """stderr's lines, without `apply --no-commit`'s closing status line."""
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if not APPLIED.fullmatch(line)]


def write_tree(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.fixture
def service(tmp_path: Path) -> Path:
    """A git repository holding a copy of examples/leakyservice."""
    root = tmp_path / "service"
    shutil.copytree(SERVICE, root)
    return make_repo(root)


def scan_json(root: Path, *args: str) -> dict[str, object]:
    result = leakfix("scan", "--format", "json", "--select", RULE, *args, cwd=root)
    assert result.returncode in (0, 1), result.stderr
    payload: dict[str, object] = json.loads(result.stdout)
    return payload


def findings_of(payload: dict[str, object]) -> list[dict[str, object]]:
    findings = payload["findings"]
    assert isinstance(findings, list)
    return findings


def is_safe(finding: dict[str, object]) -> bool:
    fix = finding["fix"]
    return isinstance(fix, dict) and fix["safety"] == "safe"


# -- bad input -----------------------------------------------------------------------

COMMANDS = [
    pytest.param(("scan",), id="scan"),
    pytest.param(("apply", "--dry-run"), id="dry-run"),
    pytest.param(("apply", "--no-commit"), id="no-commit"),
]


@pytest.mark.parametrize("command", COMMANDS)
def test_nonexistent_path(tmp_path: Path, command: tuple[str, ...]) -> None:
    write_tree(tmp_path, {"ok.go": LEAKY})
    before = snapshot(tmp_path)
    result = leakfix(*command, "missing", cwd=tmp_path)
    assert result.returncode == 2
    assert stderr_lines(result) == ["leakfix: error: missing: no such file or directory"]
    assert result.stdout == ""
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_directory_without_go_files(tmp_path: Path, command: tuple[str, ...]) -> None:
    # Go files under vendor/, testdata/ and dot/underscore directories do not count.
    write_tree(tmp_path, {"empty/README.md": b"# nothing\n", "empty/vendor/v/v.go": LEAKY,
                          "empty/testdata/t.go": LEAKY, "empty/_skip/s.go": LEAKY,
                          "empty/.hidden/h.go": LEAKY})
    before = snapshot(tmp_path)
    result = leakfix(*command, "empty", cwd=tmp_path)
    assert result.returncode == 2
    assert stderr_lines(result) == ["leakfix: error: empty: no Go files found"]
    assert result.stdout == ""
    assert snapshot(tmp_path) == before


def test_directory_without_go_files_in_a_git_repo(tmp_path: Path) -> None:
    write_tree(tmp_path, {"docs/README.md": b"# docs\n", "ok.go": LEAKY})
    make_repo(tmp_path)
    before = snapshot(tmp_path)
    result = leakfix("apply", "--no-commit", "docs", cwd=tmp_path)
    assert result.returncode == 2
    assert stderr_lines(result) == ["leakfix: error: docs: no Go files found"]
    assert snapshot(tmp_path) == before
    assert git(tmp_path, "status", "--porcelain").stdout == ""


def test_discovery_ignores_a_git_dir_pointing_elsewhere(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """git sets GIT_DIR for hooks; it names the hook's repository, not the one scanned."""
    write_tree(tmp_path / "svc", {"pkg/a.go": LEAKY, "ignored/b.go": LEAKY,
                                  ".gitignore": b"ignored/\n"})
    make_repo(tmp_path / "svc")
    make_repo(write_tree(tmp_path / "other", {"x.go": LEAKY}))
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "other" / ".git"))
    result = leakfix("scan", "--format", "json", "svc/pkg", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["pkg/a.go"]
    result = leakfix("scan", "--format", "json", "svc", cwd=tmp_path)
    assert [f["path"] for f in json.loads(result.stdout)["findings"]] == ["pkg/a.go"]


def test_non_go_file_given_directly(tmp_path: Path) -> None:
    write_tree(tmp_path, {"notes.txt": b"context.WithCancel\n"})
    result = leakfix("scan", "notes.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert stderr_lines(result) == ["leakfix: error: notes.txt: not a Go source file"]


BINARY = b"package p\x00\x01\x02\xff"


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("target", ["bin/x.go", "bin"], ids=["file", "directory"])
def test_binary_go_file_is_skipped_with_one_note(tmp_path: Path, command: tuple[str, ...],
                                                 target: str) -> None:
    write_tree(tmp_path, {"bin/x.go": BINARY})
    before = snapshot(tmp_path)
    result = leakfix(*command, target, cwd=tmp_path)
    # Skipped, not an error (README: "binary and non-UTF-8 files (with a note on stderr)").
    assert result.returncode == 0
    assert stderr_lines(result) == ["leakfix: bin/x.go: skipped: binary file"]
    assert snapshot(tmp_path) == before


def test_binary_go_file_next_to_a_leak(tmp_path: Path) -> None:
    write_tree(tmp_path, {"bin/x.go": BINARY, "bin/leak.go": LEAKY})
    make_repo(tmp_path)
    before = snapshot(tmp_path)
    result = leakfix("scan", "bin", cwd=tmp_path)
    assert result.returncode == 1
    assert stderr_lines(result) == ["leakfix: bin/x.go: skipped: binary file"]
    assert result.stdout.startswith("bin/leak.go:6:7: lost-cancel: ")
    assert snapshot(tmp_path) == before


def test_non_utf8_go_file_is_skipped_with_one_note(tmp_path: Path) -> None:
    write_tree(tmp_path, {"latin1.go": LEAKY + "// caf\u00e9\n".encode("latin-1")})
    before = snapshot(tmp_path)
    result = leakfix("apply", "--no-commit", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert stderr_lines(result) == ["leakfix: latin1.go: skipped: not UTF-8 (line 11)"]
    assert snapshot(tmp_path) == before


def test_file_with_syntax_errors_scan(tmp_path: Path) -> None:
    write_tree(tmp_path, {"broken.go": BROKEN_AND_HEALTHY})
    make_repo(tmp_path)
    before = snapshot(tmp_path)
    result = leakfix("scan", "--select", RULE, "broken.go", cwd=tmp_path)
    # The healthy function's leak is still found, so: findings.
    assert result.returncode == 1
    assert stderr_lines(result) == [
        "leakfix: broken.go: syntax error near line 10: scanned around it, no fixes there"
    ]
    assert "broken.go:16:7: lost-cancel: " in result.stdout
    assert snapshot(tmp_path) == before


def test_file_with_syntax_errors_patch_leaves_the_broken_function(tmp_path: Path) -> None:
    write_tree(tmp_path, {"broken.go": BROKEN_AND_HEALTHY})
    make_repo(tmp_path)
    before = snapshot(tmp_path)
    result = leakfix("apply", "--dry-run", "--select", RULE, ".", cwd=tmp_path)
    assert result.returncode == 1
    assert len(stderr_lines(result)) == 1
    assert "syntax error near line 10" in result.stderr
    added = [line for line in result.stdout.splitlines()
             if line.startswith("+") and not line.startswith("+++")]
    assert added == ["+\tdefer cancel()"]
    assert "@@ -14,6 +14,7 @@" in result.stdout  # the hunk is in healthy(), not broken()
    assert git(tmp_path, "apply", "--check", "-", stdin=result.stdout).returncode == 0
    assert snapshot(tmp_path) == before


def test_file_with_only_syntax_errors_is_clean(tmp_path: Path) -> None:
    source = BROKEN_AND_HEALTHY[: BROKEN_AND_HEALTHY.index(b"func healthy")]
    write_tree(tmp_path, {"broken.go": source.replace(b"context.WithCancel", b"wrap")})
    before = snapshot(tmp_path)
    result = leakfix("apply", "--no-commit", ".", cwd=tmp_path)
    assert result.returncode == 0
    # No rule's trigger bytes are in the file, so it is not even parsed: nothing to say.
    assert stderr_lines(result) == []
    assert snapshot(tmp_path) == before
    (tmp_path / "broken.go").write_bytes(source.replace(b"context.WithCancel", b"wrap")
                                         + b"\n// context.WithCancel\n")
    parsed = leakfix("apply", "--no-commit", ".", cwd=tmp_path)
    assert parsed.returncode == 0
    assert stderr_lines(parsed) == [
        "leakfix: broken.go: syntax error near line 10: scanned around it, no fixes there"
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_broken_git_repository_is_one_line(tmp_path: Path, command: tuple[str, ...]) -> None:
    write_tree(tmp_path, {"a.go": LEAKY})
    make_repo(tmp_path)
    (tmp_path / ".git" / "index").write_bytes(b"garbage\n")
    before = snapshot(tmp_path)
    result = leakfix(*command, ".", cwd=tmp_path)
    assert result.returncode == 2
    (line,) = stderr_lines(result)  # git's own complaint, not GitPython's multi-line dump
    assert line.startswith("leakfix: ") and "index file smaller than expected" in line
    assert result.stdout == ""
    assert snapshot(tmp_path) == before


@pytest.fixture
def unreadable_tree() -> Iterator[tuple[Path, bool]]:
    """A world-readable tree with ``d/secret.go`` mode 000; (root, run as nobody)."""
    nobody = os.geteuid() == 0
    if nobody:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot make a file unreadable")
        probe = subprocess.run(
            ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
             sys.executable, "-c", "import fixer"],
            capture_output=True, timeout=60, check=False, cwd="/",
        )
        if probe.returncode != 0:
            pytest.skip(f"the interpreter does not run as nobody: {probe.stderr[-200:]!r}")
    root = Path(tempfile.mkdtemp(prefix="leakfix-unreadable-"))
    try:
        root.chmod(0o755)
        write_tree(root, {"d/ok.go": LEAKY, "d/secret.go": LEAKY})
        for path in [root / "d", root / "d" / "ok.go"]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (root / "d" / "secret.go").chmod(0)
        yield root, nobody
    finally:
        shutil.rmtree(root)


@pytest.mark.parametrize(
    ("command", "target", "stdout_empty"),
    [
        (("scan",), "d", False),
        (("scan",), "d/secret.go", False),
        (("apply", "--dry-run"), "d", True),
        (("apply", "--no-commit"), "d", True),
    ],
    ids=["scan-dir", "scan-file", "dry-run", "no-commit"],
)
def test_unreadable_file(unreadable_tree: tuple[Path, bool], command: tuple[str, ...],
                         target: str, stdout_empty: bool) -> None:
    root, nobody = unreadable_tree
    before = snapshot(root)
    result = leakfix(*command, target, cwd=root, nobody=nobody)
    assert result.returncode == 2
    assert stderr_lines(result) == ["leakfix: d/secret.go: cannot read: Permission denied"]
    if stdout_empty:
        assert result.stdout == ""  # no patch, and ok.go's safe fix is not written either
    assert snapshot(root) == before


# -- output formats ------------------------------------------------------------------


def test_json_contract(service: Path) -> None:
    result = leakfix("scan", "--format", "json", "--select", RULE, ".", cwd=service)
    assert result.returncode == 1
    assert stderr_lines(result) == []
    payload = json.loads(result.stdout)
    assert set(payload) == {"findings", "summary"}
    findings = payload["findings"]
    assert findings, "the example service has lost-cancel leaks"
    for finding in findings:
        assert set(finding) == {"rule", "path", "line", "column", "message", "severity", "fix"}
        assert finding["rule"] == RULE
        assert isinstance(finding["message"], str) and finding["message"]
        assert finding["severity"] in {"error", "warning", "note"}
        assert type(finding["line"]) is int and finding["line"] >= 1
        assert type(finding["column"]) is int and finding["column"] >= 1
        path = finding["path"]
        assert isinstance(path, str) and not path.startswith("/") and "\\" not in path
        # 1-based line and byte column point at the cancel variable (or the `_`).
        line = (service / path).read_bytes().splitlines()[finding["line"] - 1]
        assert re.match(rb"(_|cancel\w*)\b", line[finding["column"] - 1 :]), line
        fix = finding["fix"]
        if fix is not None:
            assert set(fix) == {"safety", "message"}
            assert fix["safety"] in {"safe", "unsafe", "display-only"}
            assert isinstance(fix["message"], str) and fix["message"]
    assert findings == sorted(findings, key=lambda f: (f["path"], f["line"], f["column"]))
    summary = payload["summary"]
    assert isinstance(summary, dict)
    assert summary["findings"] == len(findings)
    assert summary["files_scanned"] == len(list(service.rglob("*.go")))
    assert summary["fixable"] == sum(1 for f in findings if is_safe(f))
    assert summary["by_rule"] == {RULE: len(findings)}


def test_json_positions_are_one_based(tmp_path: Path) -> None:
    write_tree(tmp_path, {"p/leak.go": LEAKY})
    payload = scan_json(tmp_path, "p")
    assert [(f["path"], f["line"], f["column"]) for f in findings_of(payload)] == [
        ("p/leak.go", 6, 7)
    ]
    assert findings_of(payload)[0]["fix"] == {"safety": "safe", "message": "defer cancel()"}


def test_sarif_contract_from_a_subdirectory(service: Path) -> None:
    expected = [f for f in findings_of(scan_json(service, ".")) if str(f["path"]).startswith(
        "sink/")]
    assert expected
    result = leakfix("scan", "--format", "sarif", "--select", RULE, ".", cwd=service / "sink")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"]
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "leakfix"
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert RULE in rule_ids
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == service.resolve().as_uri() + "/"
    got = []
    for item in run["results"]:
        assert item["ruleId"] == RULE
        assert rule_ids[item["ruleIndex"]] == RULE
        location = item["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert uri.startswith("sink/"), "uri is repository-relative, not cwd-relative"
        assert (service / uri).is_file()
        got.append((uri, location["region"]["startLine"], location["region"]["startColumn"]))
    assert got == [(f["path"], f["line"], f["column"]) for f in expected]


def test_suppressed_findings_are_out_of_text_and_json_but_marked_in_sarif(
        tmp_path: Path) -> None:
    write_tree(tmp_path, {"s.go": SUPPRESSED})
    text = leakfix("scan", ".", cwd=tmp_path)
    assert text.returncode == 0
    assert text.stdout == "No leaks found in 1 file.\n"
    payload = scan_json(tmp_path, ".")
    assert payload["findings"] == []
    assert isinstance(payload["summary"], dict) and payload["summary"]["suppressed"] == 1
    sarif = leakfix("scan", "--format", "sarif", "--select", RULE, ".", cwd=tmp_path)
    assert sarif.returncode == 0
    (item,) = json.loads(sarif.stdout)["runs"][0]["results"]
    assert item["suppressions"] == [{"kind": "inSource"}]
    assert item["locations"][0]["physicalLocation"]["region"]["startLine"] == 6


TEXT_LINE = re.compile(r"^(?P<path>[\w./-]+\.go):(?P<line>\d+):(?P<column>\d+): "
                       r"(?P<rule>[a-z]+(?:-[a-z]+)*): (?P<message>\S.*)$")


def test_text_format(service: Path) -> None:
    result = leakfix("scan", "--select", RULE, ".", cwd=service)
    assert result.returncode == 1
    *lines, summary = result.stdout.splitlines()
    parsed = [TEXT_LINE.match(line) for line in lines]
    assert all(parsed), lines
    expected = findings_of(scan_json(service, "."))
    assert [(m["path"], int(m["line"]), int(m["column"]), m["rule"])
            for m in parsed if m] == [(f["path"], f["line"], f["column"], f["rule"])
                                      for f in expected]
    files = len({f["path"] for f in expected})
    scanned = len(list(service.rglob("*.go")))
    assert re.fullmatch(rf"Found {len(expected)} findings? in {files} of {scanned} files "
                        r"\(.*\)\.", summary), summary


def test_text_format_clean_exit_zero(tmp_path: Path) -> None:
    write_tree(tmp_path, {"ok.go": CLEAN})
    result = leakfix("scan", ".", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "No leaks found in 1 file.\n"
    assert stderr_lines(result) == []
    json_result = leakfix("scan", "--format", "json", ".", cwd=tmp_path)
    assert json_result.returncode == 0
    assert json.loads(json_result.stdout)["findings"] == []


def test_output_option_writes_the_report_to_a_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"src/leak.go": LEAKY})
    report = tmp_path / "report.json"
    result = leakfix("scan", "--format", "json", "-o", report, "src", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(json.loads(report.read_text())["findings"]) == 1


# -- apply ---------------------------------------------------------------------------


def test_dry_run_patch_applies_and_converges(service: Path) -> None:
    first = findings_of(scan_json(service, "."))
    safe = [f for f in first if is_safe(f)]
    not_safe = [f for f in first if not is_safe(f)]
    assert safe and not_safe, "the example needs both kinds for this test to mean anything"
    before = snapshot(service)

    result = leakfix("apply", "--dry-run", "--select", RULE, ".", cwd=service)
    assert result.returncode == 1
    assert stderr_lines(result) == []
    patch = result.stdout
    headers = re.findall(r"^diff --git a/(\S+) b/(\S+)$", patch, re.M)
    assert patch.startswith("diff --git a/")
    assert sorted({a for a, b in headers if a == b}) == sorted({str(f["path"]) for f in safe})
    assert patch.count("\n+\tdefer cancel()\n") == len(safe)
    assert snapshot(service) == before, "a dry run wrote something"
    assert git(service, "status", "--porcelain").stdout == ""
    assert git(service, "apply", "--check", "-", stdin=patch).returncode == 0

    git(service, "apply", "-", stdin=patch)
    second = leakfix("apply", "--dry-run", "--select", RULE, ".", cwd=service)
    assert second.returncode == 0
    assert second.stdout == ""
    remaining = findings_of(scan_json(service, "."))
    assert not any(is_safe(f) for f in remaining)
    assert sorted((f["path"], f["message"], f["fix"]) for f in remaining) == sorted(
        (f["path"], f["message"], f["fix"]) for f in not_safe)


def test_dry_run_from_a_subdirectory_is_repository_relative(service: Path) -> None:
    result = leakfix("apply", "--dry-run", "--select", RULE, ".", cwd=service / "sink")
    assert result.returncode == 1
    headers = re.findall(r"^diff --git a/(\S+) b/\S+$", result.stdout, re.M)
    assert headers and all(h.startswith("sink/") for h in headers)
    assert git(service, "apply", "--check", "-", stdin=result.stdout).returncode == 0


def test_dry_run_output_file(service: Path, tmp_path: Path) -> None:
    out = tmp_path / "fix.patch"
    result = leakfix("apply", "--dry-run", "--select", RULE, "-o", out, ".", cwd=service)
    assert result.returncode == 1
    assert result.stdout == ""
    assert out.read_text().startswith("diff --git a/")
    assert git(service, "apply", "--check", str(out)).returncode == 0


def test_overlapping_targets_count_each_file_once(service: Path) -> None:
    once = findings_of(scan_json(service, "."))
    twice = leakfix("scan", "--format", "json", "--select", RULE, ".", "sink", "sink/http.go",
                    cwd=service)
    assert findings_of(json.loads(twice.stdout)) == once
    patch = leakfix("apply", "--dry-run", "--select", RULE, ".", "sink", cwd=service).stdout
    assert git(service, "apply", "--check", "-", stdin=patch).returncode == 0


def test_same_file_name_in_two_targets_outside_git(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a/x.go": LEAKY, "b/x.go": LEAKY})
    result = leakfix("apply", "--dry-run", "--select", RULE, "a", "b", cwd=tmp_path)
    assert result.returncode == 1
    assert re.findall(r"^diff --git (\S+)", result.stdout, re.M) == ["a/a/x.go", "a/b/x.go"]


def test_no_commit_refuses_a_dirty_work_tree(service: Path) -> None:
    spool = service / "sink" / "spool.go"
    spool.write_bytes(spool.read_bytes() + b"\n// local edit\n")
    before = snapshot(service)
    result = leakfix("apply", "--no-commit", ".", cwd=service)
    assert result.returncode == 2
    (line,) = stderr_lines(result)
    assert line.startswith("leakfix: error: ") and "uncommitted changes" in line
    assert result.stdout == ""
    assert snapshot(service) == before
    assert git(service, "status", "--porcelain").stdout == " M sink/spool.go\n"


def test_no_commit_refuses_staged_changes(service: Path) -> None:
    (service / "tasks" / "new.go").write_bytes(LEAKY.replace(b"package p", b"package tasks"))
    git(service, "add", "tasks/new.go")
    before = snapshot(service)
    result = leakfix("apply", "--no-commit", "tasks", cwd=service)
    assert result.returncode == 2
    assert "uncommitted changes" in result.stderr
    assert len(stderr_lines(result)) == 1
    assert snapshot(service) == before


def test_no_commit_writes_fixes_and_keeps_file_modes(service: Path) -> None:
    http = service / "sink" / "http.go"
    http.chmod(0o640)
    assert git(service, "status", "--porcelain").stdout == ""  # git tracks only the x bit
    patch = leakfix("apply", "--dry-run", "--select", RULE, ".", cwd=service).stdout
    patched = re.findall(r"^diff --git a/(\S+) b/", patch, re.M)
    assert "sink/http.go" in patched

    result = leakfix("apply", "--no-commit", "--select", RULE, ".", cwd=service)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert stat.S_IMODE(http.stat().st_mode) == 0o640, "file mode not kept"
    assert b"\tdefer cancel()\n" in http.read_bytes()
    # The Go files hold exactly what the dry run proposed, and nothing was committed.
    assert git(service, "diff", "--", *patched).stdout == patch
    assert git(service, "rev-list", "--count", "HEAD").stdout == "1\n"
    assert not list(service.rglob("*.leakfix")), "a temporary file was left behind"
    again = leakfix("apply", "--no-commit", "--select", RULE, ".", cwd=service)
    assert again.returncode == 2  # now dirty: refused
    assert "uncommitted changes" in again.stderr


def test_unsafe_fixes_need_the_flag(service: Path) -> None:
    findings = findings_of(scan_json(service, "."))
    unsafe = {str(f["path"]) for f in findings
              if isinstance(f["fix"], dict) and f["fix"]["safety"] == "unsafe"}
    safe = {str(f["path"]) for f in findings if is_safe(f)}
    assert unsafe - safe, "the example needs a file whose only fix is unsafe"
    plain = leakfix("apply", "--dry-run", "--select", RULE, ".", cwd=service)
    with_unsafe = leakfix("apply", "--dry-run", "--unsafe-fixes", "--select", RULE, ".",
                          cwd=service)
    assert plain.returncode == with_unsafe.returncode == 1

    def files(patch: str) -> set[str]:
        return set(re.findall(r"^diff --git a/(\S+) b/", patch, re.M))

    assert files(plain.stdout) == safe
    assert files(with_unsafe.stdout) == safe | unsafe
    assert git(service, "apply", "--check", "-", stdin=with_unsafe.stdout).returncode == 0


# -- options and informational commands ---------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("scan", "--select", "nope", "."),
        ("scan", "--ignore", "nope", "."),
        ("scan", "--select", f"{RULE},nope", "."),
        ("apply", "--no-commit", "--ignore", "nope", "."),
        ("explain", "nope"),
    ],
    ids=["select", "ignore", "select-list", "apply-ignore", "explain"],
)
def test_unknown_rule(service: Path, args: tuple[str, ...]) -> None:
    before = snapshot(service)
    result = leakfix(*args, cwd=service)
    assert result.returncode == 2
    (line,) = stderr_lines(result)
    assert line.startswith("leakfix: error: unknown rule 'nope'")
    assert RULE in line  # the known rules are named
    assert result.stdout == ""
    assert snapshot(service) == before


@pytest.mark.parametrize(
    "args",
    [("scan", "-j", "0", "."), ("scan", "--format", "yaml", "."), ("frobnicate",),
     ("apply", "--dry-run", "--no-commit", ".")],
    ids=["jobs-zero", "bad-format", "bad-command", "both-modes"],
)
def test_usage_errors(service: Path, args: tuple[str, ...]) -> None:
    before = snapshot(service)
    result = leakfix(*args, cwd=service)
    assert result.returncode == 2
    (line,) = stderr_lines(result)
    assert line.startswith("leakfix: error: ")
    assert snapshot(service) == before


def test_list(tmp_path: Path) -> None:
    result = leakfix("list", cwd=tmp_path)
    assert result.returncode == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert RULE in names
    assert names == sorted(names)


def test_list_markdown_matches_the_readme(tmp_path: Path) -> None:
    result = leakfix("list", "--format", "markdown", cwd=tmp_path)
    assert result.returncode == 0
    assert f"| `{RULE}` |" in result.stdout


def test_explain(tmp_path: Path) -> None:
    result = leakfix("explain", RULE, cwd=tmp_path)
    assert result.returncode == 0
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert section in result.stdout
    assert result.stderr == ""


def test_version(tmp_path: Path) -> None:
    result = leakfix("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"leakfix {fixer.__version__}\n"


# -- parallelism ---------------------------------------------------------------------


def _many_files(root: Path, count: int) -> int:
    """``count`` Go files in a few packages; returns how many leaks they hold."""
    leaks = 0
    for i in range(count):
        kind = i % 4
        source = [LEAKY, CLEAN, SUPPRESSED, LEAKY.replace(b"_ :=", b"cancel :=") + b"\n"][kind]
        body = source.replace(b"func a(", f"func a{i}(".encode())
        write_tree(root, {f"pkg{i % 3}/f{i:03d}.go": body})
        leaks += kind in (0, 3)
    return leaks


def test_parallel_run_matches_serial_run(tmp_path: Path) -> None:
    count = engine.PARALLEL_THRESHOLD + 6
    leaks = _many_files(tmp_path, count)
    serial = leakfix("scan", "--format", "json", "-j", "1", ".", cwd=tmp_path)
    parallel = leakfix("scan", "--format", "json", "-j", "2", ".", cwd=tmp_path)
    assert serial.returncode == parallel.returncode == 1
    assert parallel.stdout == serial.stdout
    payload = json.loads(parallel.stdout)
    assert len(payload["findings"]) == leaks
    assert payload["summary"]["files_scanned"] == count
    assert payload["summary"]["suppressed"] == count // 4 + (count % 4 > 2)
    patch_serial = leakfix("apply", "--dry-run", "-j", "1", ".", cwd=tmp_path)
    patch_parallel = leakfix("apply", "--dry-run", "-j", "2", ".", cwd=tmp_path)
    assert patch_parallel.stdout == patch_serial.stdout
    assert patch_parallel.stdout.count("diff --git") == leaks
