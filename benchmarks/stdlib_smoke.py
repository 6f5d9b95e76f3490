"""Whole-corpus smoke test: `leakfix apply --dry-run` over a copy of the Go standard library.

Usage (by hand; takes minutes and ~300 MB in the work directory):
    python benchmarks/stdlib_smoke.py [--workdir DIR] [--jobs N] [--samples 3]

The toolchain's GOROOT (``go env GOROOT``) is copied to the work directory and
``leakfix apply --dry-run`` runs over the copy's ``src`` (not a git repository:
paths in the patch are relative to it). Then, on the copy:

* no crash: exit code 0 or 1, no traceback, no "internal error";
* ``go vet`` of every touched package, before the patch (the baseline);
* ``git apply`` of the patch; every touched file still parses and is
  gofmt-clean (``gofmt -l``);
* ``go vet`` of the touched packages again: no diagnostic that was not there
  before (compared per package, by file and message: fixes move lines).

``go`` is the copy's own binary with GOROOT pointing at the copy, so ``go vet
net/http`` checks the patched sources. Findings per rule come from ``leakfix
scan --format json``, applied fixes per rule from the engine run rule by rule
on the touched files; ``samples/<rule>.patch`` in the work directory holds a
few fixes of each rule, one file each, for reading by hand. Exit code 0 when
every check passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from fixer import engine, gomod, patch, registry, toolchain

_DIFF = re.compile(r"^diff --git a/(\S+) b/", re.M)
_VET = re.compile(r"^(?:vet: )?(\S+?\.go):\d+(?::\d+)?: (.*)$")


def goroot() -> Path:
    go = toolchain.find_go()
    if go is None:
        sys.exit("no Go toolchain: pip install 'leakfix[go]'")
    return Path(subprocess.run([str(go), "env", "GOROOT"], capture_output=True, text=True,
                               check=True, timeout=60).stdout.strip())


def go_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GO")}
    env.update(GOROOT=str(root), GOTOOLCHAIN="local", GOFLAGS="", GOPROXY="off",
               GOWORK="off", PATH=f"{root / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    if "GOCACHE" in os.environ:
        env["GOCACHE"] = os.environ["GOCACHE"]
    return env


def leakfix(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fixer", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=3600)


def import_path(rel_file: str) -> str:
    return str(Path(rel_file).parent.as_posix())


def vet(root: Path, packages: list[str]) -> dict[str, Counter[tuple[str, str]]]:
    """``go vet`` diagnostics per package: (file, message) counts (no line numbers)."""
    out: dict[str, Counter[tuple[str, str]]] = {p: Counter() for p in packages}
    groups = {"std": [p for p in packages if not p.startswith("cmd/")],
              "cmd": [p for p in packages if p.startswith("cmd/")]}
    for module, names in groups.items():
        if not names:
            continue
        cwd = root / "src" / ("cmd" if module == "cmd" else "")
        result = subprocess.run([str(root / "bin" / "go"), "vet", *names], cwd=cwd,
                                env=go_env(root), capture_output=True, text=True, timeout=3600)
        current = None
        for line in result.stderr.splitlines():
            if line.startswith("# "):
                current = line[2:].split()[0]
                continue
            match = _VET.match(line)
            if match is None:
                continue
            file = match.group(1).removeprefix("./")
            package = current if current in out else next(
                (p for p in names if file.startswith(p + "/") or file == p), names[0])
            out.setdefault(package, Counter())[(Path(file).name, match.group(2))] += 1
    return out


def per_rule_fixes(src: Path, files: list[str]
                   ) -> tuple[Counter[str], dict[str, list[patch.Change]]]:
    """Fixes each rule applies alone on ``files``, and the changes it makes."""
    applied: Counter[str] = Counter()
    changes: dict[str, list[patch.Change]] = {}
    for cls in registry.all_codemods():
        options = engine.Options((cls.name,), fix=True)
        codemods = engine.instances(options)
        for rel in files:
            source = (src / rel).read_bytes()
            mod = gomod.nearest_gomod((src / rel).parent, src)
            result = engine.process_source(rel, source, mod.go_version if mod else None,
                                           codemods, options)
            if result.fixed is not None:
                applied[cls.name] += result.applied_fixes
                changes.setdefault(cls.name, []).append(patch.Change(rel, source, result.fixed))
    return applied, changes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--samples", type=int, default=3, help="fixes per rule to keep")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="leakfix-stdlib-"))
    copy = work / "goroot"
    problems: list[str] = []
    started = time.monotonic()
    if not copy.exists():
        shutil.copytree(goroot(), copy, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    src = copy / "src"
    print(f"copied GOROOT to {copy} ({time.monotonic() - started:.0f}s)", flush=True)

    timer = time.monotonic()
    scan = leakfix(["scan", "--format", "json", "--no-cache", "-j", str(args.jobs), "."], src)
    dry = leakfix(["apply", "--dry-run", "-j", str(args.jobs), "."], src)
    print(f"scan + dry-run: {time.monotonic() - timer:.0f}s", flush=True)
    for name, result in (("scan", scan), ("apply --dry-run", dry)):
        if result.returncode not in (0, 1) or "Traceback" in result.stderr or (
                "internal error" in result.stderr):
            problems.append(f"{name} crashed (exit {result.returncode}): "
                            f"{result.stderr.strip().splitlines()[-1:]}")
    findings = json.loads(scan.stdout)["findings"] if scan.stdout.startswith("{") else []
    by_rule = Counter(f["rule"] for f in findings)
    safe = Counter(f["rule"] for f in findings if f["fix"] and f["fix"]["safety"] == "safe")
    (work / "dry-run.patch").write_text(dry.stdout)
    touched = sorted(set(_DIFF.findall(dry.stdout)))
    packages = sorted({import_path(f) for f in touched})
    print(f"{len(findings)} findings; patch touches {len(touched)} files in "
          f"{len(packages)} packages", flush=True)

    applied, changes = per_rule_fixes(src, touched)
    samples = work / "samples"
    samples.mkdir(exist_ok=True)
    for rule, rule_changes in changes.items():
        (samples / f"{registry.module_name(rule)}.patch").write_text(
            patch.make_patch(rule_changes[: args.samples]))

    timer = time.monotonic()
    before = vet(copy, packages)
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(work)}
    applied_patch = subprocess.run(["git", "apply", "--whitespace=nowarn",
                                    str(work / "dry-run.patch")], cwd=src, env=env,
                                   capture_output=True, text=True)
    if applied_patch.returncode != 0:
        problems.append(f"git apply failed: {applied_patch.stderr.strip()[:300]}")
    gofmt = copy / "bin" / "gofmt"
    formatted = subprocess.run([str(gofmt), "-l", *touched], cwd=src, capture_output=True,
                               text=True)
    if formatted.returncode != 0 or formatted.stdout.strip():
        problems.append(f"gofmt -l: {(formatted.stdout + formatted.stderr).strip()[:2000]}")
    after = vet(copy, packages)
    print(f"vet before/after: {time.monotonic() - timer:.0f}s; packages with diagnostics "
          f"before {sum(1 for c in before.values() if c)}, after "
          f"{sum(1 for c in after.values() if c)} (of {len(packages)}): "
          f"{sorted(p for p, c in before.items() if c)}", flush=True)
    for package in packages:
        new = after.get(package, Counter()) - before.get(package, Counter())
        if new:
            problems.append(f"go vet {package}: new diagnostics {sorted(new)[:5]}")

    print("\nrule                       findings  safe-fixable  applied")
    for cls in registry.all_codemods():
        print(f"{cls.name:<26} {by_rule[cls.name]:>8}  {safe[cls.name]:>12}  "
              f"{applied[cls.name]:>7}")
    notes = [line for line in dry.stderr.splitlines() if line.startswith("leakfix: ")]
    print(f"\nnotes from the dry run: {len(notes)}; samples in {samples}")
    print(f"total {time.monotonic() - started:.0f}s; work directory {work}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("OK" if not problems else f"{len(problems)} problems")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
