from __future__ import annotations

from pathlib import Path

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
