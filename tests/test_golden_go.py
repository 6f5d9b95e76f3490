"""Golden fixtures against the real Go toolchain and goleak (or another run-time check).

* every input compiles; every .golden output and every negative input passes
  ``go vet`` (so go vet's own lostcancel agrees with the expected output) and
  is gofmt-clean;
* every runnable proof's goleak test FAILS on the input and PASSES after
  ``leakfix apply --dry-run``'s patch is applied with ``git apply``; a second
  scan then reports nothing for the rule.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest

from fixer import registry
from golden_cases import cases, proof_dirs
from gotools import GoEnv, write_module

pytestmark = pytest.mark.go
RULES = [c.name for c in registry.all_codemods()]


def _package_dir(root: Path, case_id: str) -> Path:
    safe = case_id.removesuffix(".go").replace("/", "_").replace(".", "_")
    return root / safe


def _lf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


@pytest.mark.parametrize("rule", RULES)
def test_inputs_compile_and_outputs_vet_clean(rule: str, go: GoEnv, tmp_path: Path) -> None:
    inputs, outputs = tmp_path / "inputs", tmp_path / "outputs"
    write_module(inputs, "inputs", require_goleak=False)
    write_module(outputs, "outputs", require_goleak=False)
    proofs = proof_dirs(rule)
    for case in cases():
        if case.rule != rule or case.path.parent in proofs:
            continue  # proof packages are built by the proof test
        source = case.path.read_bytes()
        target = _package_dir(inputs, case.id)
        target.mkdir()
        (target / "case.go").write_bytes(source)
        expected = case.golden_path.read_bytes() if case.golden_path.exists() else None
        if expected is not None or not case.positive:
            out = _package_dir(outputs, case.id)
            out.mkdir()
            (out / "case.go").write_bytes(_lf(expected if expected is not None else source))
    go.run(["build", "./..."], inputs, check=True)
    if any(outputs.iterdir()):
        go.run(["vet", "./..."], outputs, check=True)
    unformatted = subprocess.run([str(go.gofmt), "-l", "."], cwd=outputs, capture_output=True,
                                 text=True, check=True).stdout
    assert unformatted == "", f"not gofmt-clean:\n{unformatted}"


def _uses_goleak(proof: Path) -> bool:
    return any(b'"go.uber.org/goleak"' in p.read_bytes() for p in proof.glob("*_test.go"))


def _leakfix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fixer", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


@pytest.mark.parametrize("rule", [r for r in RULES if proof_dirs(r)])
def test_runnable_proofs_fail_before_and_pass_after(rule: str, go: GoEnv,
                                                     tmp_path: Path) -> None:
    module = tmp_path / "proofs"
    write_module(module, "proofs", require_goleak=True)
    for proof in proof_dirs(rule):
        shutil.copytree(proof, module / proof.name,
                        ignore=shutil.ignore_patterns("*.golden"))
    repository = git.Repo.init(module)
    repository.git.add(A=True)
    repository.git.commit("-m", "leaky", author="t <t@localhost>",
                          env={"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@localhost"})

    before = go.test_json(module)
    for proof in proof_dirs(rule):
        status = before[f"proofs/{proof.name}"]
        assert status.startswith("fail"), f"{proof.name} should leak before the fix:\n{status}"
        if _uses_goleak(proof):
            assert "found unexpected goroutines" in status, status

    dry = _leakfix("apply", "--dry-run", "--select", rule, ".", cwd=module)
    assert dry.returncode == 1, dry.stderr
    (tmp_path / "fix.patch").write_text(dry.stdout)
    repository.git.apply("--check", str(tmp_path / "fix.patch"))
    repository.git.apply(str(tmp_path / "fix.patch"))

    after = go.test_json(module)
    for proof in proof_dirs(rule):
        status = after[f"proofs/{proof.name}"]
        assert status.startswith("pass"), f"{proof.name} still fails after the fix:\n{status}"
        fixed = (module / proof.name).glob("*.go")
        for path in fixed:
            golden = proof / (path.name + ".golden")
            if golden.exists():
                assert path.read_bytes() == golden.read_bytes()

    rescan = _leakfix("scan", "--select", rule, ".", cwd=module)
    assert rescan.returncode == 0, rescan.stdout + rescan.stderr
