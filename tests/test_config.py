"""The user's configuration (.leakfix.toml / [tool.leakfix]) through the real CLI.

Each test writes a small tree into a temporary directory (a git repository where the
scan root matters) and runs ``python -m fixer`` as a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import write_tree

from fixer import config, engine, pipeline
from fixer.repo import InputError

LOST_CANCEL = """package p

import "context"

func a(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	use(ctx)
}

func use(context.Context) {}
"""

UNCLOSED_DIAL = """package p

import "net"

func ping(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	_, err = conn.Write([]byte("PING"))
	return err
}
"""

# The fix for a gzip writer is unsafe: it only lands with unsafe fixes on.
GZIP_WRITER = """package p

import (
	"compress/gzip"
	"io"
)

func compress(w io.Writer, data []byte) error {
	zw := gzip.NewWriter(w)
	_, err := zw.Write(data)
	return err
}
"""

POOL_GET = """package p

import "example.com/acme/pool"

func work() error {
	c, err := pool.Get("db")
	if err != nil {
		return err
	}
	return c.Ping()
}
"""


def leakfix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fixer", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def write(root: Path, files: dict[str, str]) -> Path:
    return write_tree(root, {name: text.encode() for name, text in files.items()})


def git_init(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)


def findings(cwd: Path, *args: str) -> list[tuple[str, str]]:
    """(rule, path) of each finding of ``leakfix scan --format json``."""
    run = leakfix("scan", "--format", "json", *args, cwd=cwd)
    assert run.returncode in (0, 1), run.stderr
    return sorted((f["rule"], f["path"]) for f in json.loads(run.stdout)["findings"])


def error_line(cwd: Path, *args: str) -> str:
    run = leakfix(*args, cwd=cwd)
    assert run.returncode == 2, (run.returncode, run.stdout, run.stderr)
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert "Traceback" not in run.stderr
    return lines[0]


# -- selection -----------------------------------------------------------------------


def test_without_a_config_every_rule_runs(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL, "b.go": UNCLOSED_DIAL})
    assert findings(tmp_path) == [("lost-cancel", "a.go"), ("unclosed-resource", "b.go")]


def test_select_and_ignore_from_the_file(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL, "b.go": UNCLOSED_DIAL,
                     ".leakfix.toml": 'select = ["lost-cancel", "unclosed-resource"]\n'
                                      'ignore = ["lost-cancel"]\n'})
    assert findings(tmp_path) == [("unclosed-resource", "b.go")]


def test_command_line_select_overrides_the_file(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL, "b.go": UNCLOSED_DIAL,
                     ".leakfix.toml": 'ignore = ["lost-cancel"]\n'})
    assert findings(tmp_path, "--select", "lost-cancel") == [("lost-cancel", "a.go")]


def test_command_line_ignore_replaces_the_files_ignore(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL, "b.go": UNCLOSED_DIAL,
                     ".leakfix.toml": 'ignore = ["lost-cancel"]\n'})
    assert findings(tmp_path, "--ignore", "unclosed-resource") == [("lost-cancel", "a.go")]


# -- exclude -------------------------------------------------------------------------


def test_excluded_paths_are_neither_scanned_nor_patched(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL, "gen/b.go": LOST_CANCEL, "api/c.pb.go": LOST_CANCEL,
                     "deep/mocks/d.go": LOST_CANCEL,
                     ".leakfix.toml": 'exclude = ["gen/", "*.pb.go", "**/mocks"]\n'})
    assert findings(tmp_path) == [("lost-cancel", "a.go")]
    patch = leakfix("apply", "--dry-run", cwd=tmp_path)
    assert patch.returncode == 1, patch.stderr
    assert [line for line in patch.stdout.splitlines() if line.startswith("diff --git")] == [
        "diff --git a/a.go b/a.go"]


def test_apply_honours_an_untracked_configuration(tmp_path: Path) -> None:
    """apply fixes in a private worktree, which holds only committed files: the user's
    untracked .leakfix.toml must still exclude (here it is the only configuration)."""
    git_init(tmp_path)
    write(tmp_path, {"a.go": LOST_CANCEL, "gen/b.go": LOST_CANCEL})
    identity = {"GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "dev@localhost",
                "GIT_COMMITTER_NAME": "dev", "GIT_COMMITTER_EMAIL": "dev@localhost"}
    for step in (["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *step], cwd=tmp_path, check=True, env={**os.environ, **identity})
    write(tmp_path, {".leakfix.toml": 'exclude = ["gen/"]\n'})
    run = leakfix("apply", "--no-verify", "--goleak", "none", "--branch", "fixes", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    changed = subprocess.run(["git", "diff", "--name-only", "HEAD", "fixes"], cwd=tmp_path,
                             capture_output=True, text=True, check=True).stdout.split()
    assert changed == ["a.go"]

    write(tmp_path, {".leakfix.toml": 'exclude = ["*.go"]\n'})
    assert error_line(tmp_path, "apply", "--no-verify", "--branch", "more") == (
        "leakfix: error: .: no Go files found")  # the user's path, not the worktree's


def test_everything_excluded_is_an_input_error(tmp_path: Path) -> None:
    write(tmp_path, {"gen/b.go": LOST_CANCEL, ".leakfix.toml": 'exclude = ["gen"]\n'})
    assert "no Go files found" in error_line(tmp_path, "scan")


# -- unsafe-fixes ----------------------------------------------------------------------


def test_unsafe_fixes_from_the_file_and_the_flag_that_overrides_it(tmp_path: Path) -> None:
    write(tmp_path, {"z.go": GZIP_WRITER})
    assert leakfix("apply", "--dry-run", cwd=tmp_path).stdout == ""
    (tmp_path / ".leakfix.toml").write_text("unsafe-fixes = true\n")
    patch = leakfix("apply", "--dry-run", cwd=tmp_path)
    assert patch.returncode == 1, patch.stderr
    assert "+\tdefer zw.Close()" in patch.stdout
    off = leakfix("apply", "--dry-run", "--no-unsafe-fixes", cwd=tmp_path)
    assert (off.returncode, off.stdout) == (0, "")


# -- closers and rule options ----------------------------------------------------------


def test_closers_extend_the_unclosed_resource_catalog(tmp_path: Path) -> None:
    write(tmp_path, {"w.go": POOL_GET})
    assert findings(tmp_path) == []
    (tmp_path / ".leakfix.toml").write_text(
        '[[closers]]\ncall = "example.com/acme/pool.Get"\nclose = "Release"\n')
    run = leakfix("scan", "--format", "json", cwd=tmp_path)
    [finding] = json.loads(run.stdout)["findings"]
    assert finding["rule"] == "unclosed-resource"
    assert finding["message"] == "c from pool.Get is never released with Release()"
    assert finding["fix"] == {"safety": "safe", "message": "defer c.Release()"}


def test_pyproject_tool_table_with_rule_options(tmp_path: Path) -> None:
    write(tmp_path, {"w.go": POOL_GET, "pyproject.toml": """
[project]
name = "not-go"

[tool.leakfix]
ignore = ["lost-cancel"]

[[tool.leakfix.rules.unclosed-resource.closers]]
call = "example.com/acme/pool.Get"
close = "Release"
"""})
    assert findings(tmp_path) == [("unclosed-resource", "w.go")]
    loaded = config.load(tmp_path)
    assert loaded.path == tmp_path / "pyproject.toml"
    assert loaded.rule_options == {"unclosed-resource": {"closers": [
        {"call": "example.com/acme/pool.Get", "close": "Release"}]}}


def test_leakfix_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL,
                     "pyproject.toml": '[tool.leakfix]\nignore = ["lost-cancel"]\n',
                     ".leakfix.toml": "unsafe-fixes = false\n"})
    assert findings(tmp_path) == [("lost-cancel", "a.go")]


def test_pyproject_without_a_leakfix_table_is_no_config(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL, "pyproject.toml": '[project]\nname = "x"\n'})
    assert config.load(tmp_path) == config.Config(root=tmp_path)
    assert findings(tmp_path) == [("lost-cancel", "a.go")]


def test_top_level_closers_reach_the_rule_as_an_option(tmp_path: Path) -> None:
    write(tmp_path, {".leakfix.toml": """
[[closers]]
call = "example.com/acme/pool.Get"
close = "Release"

[[closers]]
call = "example.com/acme/stream.(*Client).Open"
writes = true

[rules.unclosed-resource]
closers = [{ call = "example.com/acme/cache.Dial" }]
"""})
    options = config.load(tmp_path).options(fix=True)
    assert options.rule_options["unclosed-resource"]["closers"] == [
        {"call": "example.com/acme/cache.Dial"},
        {"call": "example.com/acme/pool.Get", "close": "Release", "writes": False},
        {"call": "example.com/acme/stream.(*Client).Open", "close": "Close", "writes": True},
    ]


def test_method_entries_match_by_name_in_files_that_import_the_package(tmp_path: Path) -> None:
    write(tmp_path, {
        "logs.go": """package p

import (
	"context"
	"io"

	"github.com/docker/docker/client"
)

func tail(ctx context.Context, cli *client.Client, id string, w io.Writer) error {
	logs, err := cli.ContainerLogs(ctx, id, opts)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, logs)
	return err
}
""",
        "other.go": """package p

import "context"

func tail2(ctx context.Context, cli fake, id string) error {
	logs, err := cli.ContainerLogs(ctx, id, opts)
	if err != nil {
		return err
	}
	return logs.Err()
}
""",
        "stream.go": """package p

import "example.com/acme/stream"

func send(c *stream.Client) error {
	s, err := c.Open()
	if err != nil {
		return err
	}
	return s.Send("x")
}
""",
        ".leakfix.toml": '[[closers]]\ncall = "example.com/acme/stream.(*Client).Open"\n',
    })
    assert findings(tmp_path) == [("unclosed-resource", "logs.go"),
                                  ("unclosed-resource", "stream.go")]


# -- where the file is looked for --------------------------------------------------------


def test_config_at_the_git_top_level_applies_to_a_subdirectory(tmp_path: Path) -> None:
    git_init(tmp_path)
    write(tmp_path, {"svc/a.go": LOST_CANCEL, "svc/b.go": UNCLOSED_DIAL,
                     ".leakfix.toml": 'ignore = ["lost-cancel"]\nexclude = ["svc/b.go"]\n',
                     "svc/.leakfix.toml": 'this is not read = "at all"\n'})
    assert findings(tmp_path / "svc", ".") == []
    assert findings(tmp_path, "--select", "lost-cancel,unclosed-resource") == [
        ("lost-cancel", "svc/a.go")]


def test_outside_git_the_scanned_directory_is_the_root(tmp_path: Path) -> None:
    write(tmp_path, {"svc/a.go": LOST_CANCEL, ".leakfix.toml": 'ignore = ["lost-cancel"]\n',
                     "svc/.leakfix.toml": 'select = ["lost-cancel"]\n'})
    [(rule, path)] = findings(tmp_path, "svc")
    assert rule == "lost-cancel" and path.endswith("a.go")
    assert findings(tmp_path, ".") == []


def test_paths_with_different_configs_are_refused(tmp_path: Path) -> None:
    write(tmp_path, {"one/a.go": LOST_CANCEL, "one/.leakfix.toml": "",
                     "two/b.go": LOST_CANCEL, "two/.leakfix.toml": ""})
    assert "different configurations" in error_line(tmp_path, "scan", "one", "two")


# -- the programmatic entry point --------------------------------------------------------


def test_pipeline_run_keeps_explicit_options_and_applies_exclude(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL, "b.go": UNCLOSED_DIAL, "w.go": POOL_GET,
                     "gen/c.go": LOST_CANCEL, ".leakfix.toml": """
select = ["unclosed-resource"]
exclude = ["gen"]
[[closers]]
call = "example.com/acme/pool.Get"
close = "Release"
"""})
    explicit = pipeline.run([tmp_path], engine.Options(("lost-cancel", "unclosed-resource")))
    assert sorted((f.rule, f.path) for f in explicit.scan.findings) == [
        ("lost-cancel", "a.go"), ("unclosed-resource", "b.go"), ("unclosed-resource", "w.go")]
    from_file = pipeline.run([tmp_path])
    assert sorted((f.rule, f.path) for f in from_file.scan.findings) == [
        ("unclosed-resource", "b.go"), ("unclosed-resource", "w.go")]
    no_file = pipeline.run([tmp_path], engine.Options(("lost-cancel",)),
                           settings=config.Config(root=tmp_path))
    assert sorted(f.path for f in no_file.scan.findings) == ["a.go", "gen/c.go"]
    only = pipeline.run([tmp_path], engine.Options(("lost-cancel",)),
                        settings=config.Config(root=tmp_path),
                        only={(tmp_path / "gen" / "c.go").resolve()})
    assert [f.path for f in only.scan.findings] == ["gen/c.go"]
    assert only.scan.files_scanned == 1


# -- mistakes: one line naming the file and the key, exit 2 -----------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("unsafe_fixes = true\n", "unsafe_fixes: unknown key (did you mean 'unsafe-fixes'?)"),
    ('select = "lost-cancel"\n', "select: expected a list of strings, got a string"),
    ('select = ["lost-cancle"]\n', "select: unknown rule 'lost-cancle'"),
    ('ignore = [1]\n', "ignore: expected a list of strings, got a list"),
    ('exclude = [""]\n', "exclude: empty pattern"),
    ('unsafe-fixes = "yes"\n', "unsafe-fixes: expected true or false, got a string"),
    ("[rules.no-such-rule]\nx = 1\n", "rules.no-such-rule: unknown rule 'no-such-rule'"),
    ("rules = 3\n", "rules: expected a table of [rules.<rule>] tables, got an integer"),
    ("[rules]\nlost-cancel = 1\n", "rules.lost-cancel: expected a table, got an integer"),
    ('closers = "net.Dial"\n', "closers: expected [[closers]] tables, got a string"),
    ('[[closers]]\nclose = "Close"\n', "closers[0].call: required"),
    ('[[closers]]\ncall = "a.B"\n[[closers]]\ncall = "a.C"\nclose = 3\n',
     "closers[1].close: expected a method name, got an integer"),
    ('[[closers]]\ncall = "a.B"\nflushes = true\n',
     "closers[0].flushes: unknown key"),
    ('[[closers]]\ncall = "a.B"\nwrites = "no"\n',
     "closers[0].writes: expected true or false, got a string"),
    ('[[closers]]\ncall = "os.Open"\n', "closers: os.Open is covered by rule unclosed-file"),
    ('[[closers]]\ncall = "net/http.Get"\nclose = "Body.Close"\n',
     "closers: net/http.Get is covered by rule unclosed-response-body"),
    ('[[closers]]\ncall = "NoPackage"\n', "closers: call 'NoPackage' is not"),
    ('[[closers]]\ncall = "a.B"\nclose = "Close()"\n', "closers: close 'Close()' for a.B"),
    ("[rules.unclosed-resource]\ncloser = []\n", None),  # rule options are the rule's own
    ("select = [\n", "invalid TOML: "),
])
def test_mistakes_are_one_line_with_file_and_key(tmp_path: Path, text: str,
                                                 expected: str | None) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL, ".leakfix.toml": text})
    if expected is None:
        assert leakfix("scan", cwd=tmp_path).returncode == 1
        return
    line = error_line(tmp_path, "scan")
    assert line.startswith(f"leakfix: error: {tmp_path / '.leakfix.toml'}: "), line
    assert expected in line


def test_mistakes_in_pyproject_name_the_tool_table(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL,
                     "pyproject.toml": "[tool.leakfix]\nselekt = []\n"})
    line = error_line(tmp_path, "apply", "--dry-run")
    assert line == (f"leakfix: error: {tmp_path / 'pyproject.toml'}: tool.leakfix.selekt: "
                    "unknown key (did you mean 'select'?); known keys: select, ignore, exclude, "
                    "unsafe-fixes, closers, rules")


def test_a_wrong_closers_option_fails_before_any_scan(tmp_path: Path) -> None:
    write(tmp_path, {"a.go": LOST_CANCEL,
                     ".leakfix.toml": "[rules.unclosed-resource]\ncloser = 1\nclosers = 1\n"})
    with pytest.raises(InputError, match=r"rules\.unclosed-resource: closers: expected a list"):
        config.for_targets([tmp_path])


def test_list_and_explain_do_not_read_the_config(tmp_path: Path) -> None:
    write(tmp_path, {".leakfix.toml": "select = [\n"})
    assert leakfix("list", cwd=tmp_path).returncode == 0
    assert leakfix("explain", "unclosed-resource", cwd=tmp_path).returncode == 0
