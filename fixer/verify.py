"""Verification with the real Go toolchain: gofmt, build, vet and tests.

A check that could not run is reported as skipped with its reason, never as
passed: a repository whose dependencies cannot be downloaded still gets its
parse and gofmt checks, and says so for the rest.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fixer import toolchain

TIMEOUT = 900.0


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool | None          # None: skipped
    detail: str = ""

    @property
    def status(self) -> str:
        return {True: "passed", False: "failed", None: "skipped"}[self.ok]


class GoTool:
    """Runs ``go`` (and gofmt) in a module directory."""

    def __init__(self, go: Path, env: dict[str, str] | None = None) -> None:
        self.go = go
        self.gofmt_path = toolchain.find_gofmt(go)
        self.env = env or dict(os.environ)
        self.env.setdefault("GOTOOLCHAIN", "local")
        self.env["PATH"] = f"{go.resolve().parent}{os.pathsep}{self.env.get('PATH', '')}"

    @classmethod
    def find(cls) -> GoTool | None:
        go = toolchain.find_go()
        return cls(go) if go is not None else None

    def run(self, args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run([str(self.go), *args], cwd=cwd, env=self.env, text=True,
                                  capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            return subprocess.CompletedProcess(exc.cmd, 124, "", f"timed out after {TIMEOUT}s")

    def check(self, name: str, args: Sequence[str], cwd: Path) -> Check:
        result = self.run(args, cwd)
        output = (result.stdout + result.stderr).strip()
        return Check(name, result.returncode == 0, output)

    def gofmt(self, paths: Sequence[Path]) -> Check:
        gofmt = self.gofmt_path
        if gofmt is None:
            return Check("gofmt", None, "gofmt not found in GOROOT")
        if not paths:
            return Check("gofmt", True, "")
        result = subprocess.run([str(gofmt), "-l", *map(str, paths)], capture_output=True,
                                text=True, timeout=TIMEOUT)
        unformatted = result.stdout.strip()
        return Check("gofmt", result.returncode == 0 and not unformatted, unformatted or
                     result.stderr.strip())

    def format_files(self, paths: Sequence[Path]) -> None:
        gofmt = self.gofmt_path
        if gofmt is not None and paths:
            subprocess.run([str(gofmt), "-w", *map(str, paths)], capture_output=True,
                           timeout=TIMEOUT, check=False)

    def diagnose(self, module: Path) -> Diagnosis:
        """Build, then vet: what the module looks like to the compiler and vet."""
        build = self.check("build", ["build", "./..."], module)
        if not build.ok:
            return Diagnosis(build.ok, build.detail, frozenset())
        vet = self.run(["vet", "./..."], module)
        return Diagnosis(True, "", vet_findings(vet.stdout + vet.stderr))

    def test(self, module: Path, packages: Sequence[str], race: bool = False) -> Check:
        args = ["test", "-count=1", *(["-race"] if race else []), *packages]
        return self.check("test", args, module)


@dataclass(frozen=True)
class Diagnosis:
    builds: bool | None
    build_error: str
    vet: frozenset[tuple[str, str]]   # (file, message): line numbers move with fixes

    def regressions(self, before: Diagnosis) -> str | None:
        """What got worse since ``before``: a build error or new vet findings."""
        if not self.builds:
            return first_error(self.build_error)
        new = sorted(self.vet - before.vet)
        return "; ".join(f"{path}: {message}" for path, message in new[:3]) if new else None


_VET_LINE = re.compile(r"^(?:vet: )?(\S+?\.go):\d+(?::\d+)?: (.*)$")


def vet_findings(output: str) -> frozenset[tuple[str, str]]:
    found = set()
    for line in output.splitlines():
        match = _VET_LINE.match(line.strip())
        if match:
            found.add((match.group(1), match.group(2)))
    return frozenset(found)


def first_error(detail: str, limit: int = 3) -> str:
    lines = [ln for ln in detail.splitlines() if ln.strip() and not ln.startswith("#")]
    return "; ".join(lines[:limit])
