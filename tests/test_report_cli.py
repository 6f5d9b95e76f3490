"""`leakfix report` and `scan --format github` end to end, and what the monitoring
advice is based on (fixer.observability)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import git
import jsonschema
import pytest

from fixer import cli, observability
from fixer.report.audit import SignalKind
from gotools import GOLEAK_VERSION, GoEnv
from samples import FILE_SIZE_LEAK

LEAKY = """package svc

import (
	"context"
	"os"
)

""" + FILE_SIZE_LEAK + """
func Start(parent context.Context) {
	ctx, _ := context.WithCancel(parent)
	go func() { <-ctx.Done() }()
}
"""

@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    root = tmp_path / "svc"
    root.mkdir()
    (root / "svc.go").write_text(LEAKY)
    return root


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:  # argparse rejects bad options before main's handler
        code = int(str(exit_.code))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_to_stdout_without_a_fix_branch(leaky: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "report", str(leaky))
    assert code == 1, err
    assert out.startswith("# leakfix audit report\n")
    assert "#### `svc/svc.go:9:2`" in out or "#### `svc.go:9:2`" in out
    assert "**Fix proposed** (safe: `leakfix apply` applies it): defer f.Close()." in out
    assert "Not run: `leakfix report --apply`" in out
    assert "Not measured: there is no fix branch to compare" in out
    assert (leaky / "svc.go").read_text() == LEAKY  # fixes computed in memory only


def test_several_formats_are_written_next_to_each_other(
        leaky: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        schemastore: Callable[[str], dict[str, Any]]) -> None:
    base = tmp_path / "out" / "audit.md"
    base.parent.mkdir()
    code, out, _ = _run(capsys, "report", "--format", "markdown,html,json,sarif", "-o",
                        str(base), str(leaky))
    assert code == 1 and out == ""
    written = sorted(p.name for p in base.parent.iterdir())
    assert written == ["audit.html", "audit.json", "audit.md", "audit.sarif"]
    assert json.loads((base.parent / "audit.json").read_text())["summary"]["findings"] == 2
    sarif_log = json.loads((base.parent / "audit.sarif").read_text())
    jsonschema.Draft7Validator(schemastore("sarif-2.1.0")).validate(sarif_log)
    assert sum("fixes" in r for r in sarif_log["runs"][0]["results"]) == 2
    assert "<h2>Findings</h2>" in (base.parent / "audit.html").read_text()


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "markdown,sarif"], "several formats need -o BASE"),
    (["--format", "markdown,pdf", "-o", "r"], "unknown format pdf"),
    (["-o", "missing/dir/report.md"], "does not exist"),
    (["--apply", "--bench-count", "0"], "--bench-count must be between 1 and 100"),
])
def test_bad_report_options_write_nothing(leaky: Path, args: list[str], message: str,
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(leaky)
    code, out, err = _run(capsys, "report", *args, ".")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err, err
    assert sorted(p.name for p in leaky.iterdir()) == ["svc.go"]


def test_scan_github_annotations(leaky: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(leaky)
    code, out, err = _run(capsys, "scan", "--format", "github", ".")
    assert code == 1, err
    assert out.splitlines() == [
        "::warning file=svc.go,line=9,col=2,title=leakfix unclosed-file::file f from os.Open "
        "is never closed (safe fix: `leakfix apply`)",
        "::warning file=svc.go,line=21,col=7,title=leakfix lost-cancel::the cancel function "
        "returned by context.WithCancel is discarded: context leak (unsafe fix: `leakfix "
        "apply --unsafe-fixes`)",
    ]


OBSERVED = {
    "cmd/app/main.go": """package main

import (
	"context"
	_ "net/http/pprof"
	rt "runtime"

	"example.com/app/worker"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

var handler = promhttp.Handler()

func main() {
	ctx := context.Background()
	go worker.Run(ctx)
	println(rt.NumGoroutine())
}
""",
    "pool/pool.go": """package pool

type Pool struct{ quit chan struct{} }

func (p *Pool) Start() {
	go func() {
		for {
			select {
			case <-p.quit:
				return
			}
		}
	}()
	go p.spin()
	go func() { println("once") }()
}

func (p *Pool) spin() {
	for {
	}
}
""",
    "pool/pool_test.go": """package pool

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestX(t *testing.T) { go func() {}() }
""",
}


def test_observability_sees_exporters_and_stop_paths(tmp_path: Path) -> None:
    files = []
    for rel, text in OBSERVED.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
        files.append((rel, tmp_path / rel))
    seen = observability.scan(files)
    assert [(s.kind, s.path, s.line) for s in seen.signals] == [
        (SignalKind.PPROF_HTTP, "cmd/app/main.go", 5),
        (SignalKind.PROMETHEUS, "cmd/app/main.go", 9),
        (SignalKind.GOROUTINE_COUNT, "cmd/app/main.go", 17),
        (SignalKind.GOLEAK, "pool/pool_test.go", 6),
    ]
    assert [(g.path, g.line, g.function, g.stop) for g in seen.goroutines] == [
        ("cmd/app/main.go", 16, "main", "is passed a context"),
        ("pool/pool.go", 6, "Pool.Start", "receives from `p.quit`"),
        ("pool/pool.go", 14, "Pool.Start", ""),              # spin loops forever
        ("pool/pool.go", 15, "Pool.Start", "runs once (no loop)"),
    ]


def _copy_example(project_root: Path, dest: Path) -> Path:
    root = dest / "leakyservice"
    shutil.copytree(project_root / "examples" / "leakyservice", root)
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add(A=True)
    repo.git.commit("-q", "-m", "example", env={
        "GIT_AUTHOR_NAME": "dev", "GIT_AUTHOR_EMAIL": "dev@localhost",
        "GIT_COMMITTER_NAME": "dev", "GIT_COMMITTER_EMAIL": "dev@localhost"})
    return root


@pytest.mark.go
def test_example_report_has_all_five_deliverables(
        project_root: Path, tmp_path: Path, go: GoEnv,
        schemastore: Callable[[str], dict[str, Any]]) -> None:
    """The bundled example (its tasks package has a benchmark): audit, fixes, goleak tests,
    monitoring recommendations and a measured performance comparison."""
    root = _copy_example(project_root, tmp_path)
    out = tmp_path / "report"
    env = {**go.env, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "fixer", "report", "--apply", "--goleak-version", GOLEAK_VERSION,
         "--branch", "leakfix/audit", "--bench-count", "5", "--bench-time", "20ms",
         "--format", "markdown,sarif,html", "-o", str(out), "."],
        cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr
    text = (tmp_path / "report.md").read_text()
    # 1. the audit: every leak of the example's README table, with why it leaks
    for location in ("tasks/manager.go:72", "dispatcher/dispatcher.go:68", "sink/http.go:63",
                     "sink/http.go:88", "monitor/monitor.go:105", "monitor/monitor.go:67",
                     "dispatcher/dispatcher.go:43", "dispatcher/dispatcher.go:94",
                     "monitor/monitor.go:53"):
        assert f"#### `{location}:" in text, location
    assert text.count("**Why it leaks.**") == len({"lost-cancel", "unclosed-response-body",
                                                   "unclosed-file", "unstopped-ticker",
                                                   "goroutine-without-exit",
                                                   "reslice-retains-array", "defer-in-loop",
                                                   "unbounded-map"})
    # 2. the fixes, applied on the branch, verified
    assert text.count("**Fix applied** (safe; on branch `leakfix/audit`") == 8
    assert "| after | `build .` | passed |" in text and "| after | `test` | passed |" in text
    # 3. the goleak tests
    assert "### goleak tests" in text
    for test_file in ("dispatcher/leak_test.go", "sink/leak_test.go", "tasks/leak_test.go"):
        assert f"- `{test_file}`" in text
    assert "`go test` of the touched packages: passed." in text
    # 4. monitoring recommendations tailored to the example
    assert "no `net/http/pprof` import was found" in text
    assert "| `dispatcher/dispatcher.go:43` | `Dispatcher.Start` | none found (leakfix: " \
           "`goroutine-without-exit`) |" in text
    assert "`process_open_fds / process_max_fds > 0.8`" in text
    # 5. a measured performance comparison of the benchmarked package
    perf = text.split("## Performance impact", 1)[1]
    assert "5 interleaved runs" in perf
    for unit in ("ns/op", "B/op", "allocs/op"):
        assert f"| `tasks` | `BenchmarkRunNow` | {unit} |" in perf
    assert "`sink`: no benchmarks" in perf
    # The other formats of the same run, and the user's checkout untouched.
    jsonschema.Draft7Validator(schemastore("sarif-2.1.0")).validate(
        json.loads((tmp_path / "report.sarif").read_text()))
    assert "<h2>Monitoring recommendations</h2>" in (tmp_path / "report.html").read_text()
    repo = git.Repo(root)
    assert repo.active_branch.name == "main" and repo.git.status("--porcelain") == ""
    assert "leakfix/audit" in [h.name for h in repo.heads]
