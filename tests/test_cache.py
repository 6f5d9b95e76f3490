"""The scan cache: same results warm as cold, and never a stale one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import fixer
from fixer import cache, engine, pipeline

PROJECT = Path(__file__).resolve().parent.parent
RULES = ("lost-cancel", "unclosed-file")


def _scan(target: Path, cache_dir: Path, *extra: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-m", "fixer", "scan", "--format", "json", "--cache-dir",
         str(cache_dir), *extra, str(target)], capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 1), result.stderr
    payload: dict[str, object] = json.loads(result.stdout)
    return payload


@pytest.fixture
def service(tmp_path: Path) -> Path:
    target = tmp_path / "svc"
    shutil.copytree(PROJECT / "examples" / "leakyservice", target)
    old = 1_600_000_000  # files older than the racy window, as in a real checkout
    for path in target.rglob("*.go"):
        os.utime(path, (old, old))
    return target


def test_warm_scan_equals_cold_scan(service: Path, tmp_path: Path) -> None:
    cold = _scan(service, tmp_path / "c", "--no-cache")
    first = _scan(service, tmp_path / "c")
    assert list((tmp_path / "c").glob("scan-*.pickle"))
    warm = _scan(service, tmp_path / "c")
    assert cold == first == warm


def test_hits_and_content_changes(service: Path, tmp_path: Path) -> None:
    options = engine.Options(RULES)
    pipeline.run([service], options, cache_dir=tmp_path / "c")
    store = cache.ScanCache.open(tmp_path / "c", service.resolve(), repr_key(options))
    go_files = sorted(service.rglob("*.go"))
    assert len(store.entries) == len(go_files)

    leaky = service / "tasks" / "manager.go"
    before = pipeline.run([service], options, cache_dir=tmp_path / "c").scan.findings
    assert any(f.path == "tasks/manager.go" for f in before)
    text = leaky.read_text().replace("ctx, cancel := context.WithTimeout(m.ctx, t.Timeout)",
                                     "ctx, cancel := context.WithTimeout(m.ctx, t.Timeout)\n"
                                     "\tdefer cancel()")
    leaky.write_text(text)
    after = pipeline.run([service], options, cache_dir=tmp_path / "c").scan.findings
    assert len(after) == len(before) - 1  # the edit is seen, not served stale


def test_cache_file_is_rewritten_only_when_something_changed(service: Path,
                                                            tmp_path: Path) -> None:
    options = engine.Options(RULES)
    pipeline.run([service], options, cache_dir=tmp_path / "c")
    (stored,) = (tmp_path / "c").glob("scan-*.pickle")
    written = stored.stat().st_mtime_ns, stored.stat().st_ino
    pipeline.run([service], options, cache_dir=tmp_path / "c")  # every file a hit
    assert (stored.stat().st_mtime_ns, stored.stat().st_ino) == written

    (service / "tasks" / "manager.go").unlink()  # its entry is pruned: written
    pipeline.run([service], options, cache_dir=tmp_path / "c")
    assert (stored.stat().st_mtime_ns, stored.stat().st_ino) != written
    store = cache.ScanCache.open(tmp_path / "c", service.resolve(), repr_key(options))
    assert not any(key.startswith("tasks/manager.go") for key in store.entries)


def repr_key(options: engine.Options) -> str:
    return repr((options.rules, [], options.report_unused_ignores, options.prefilter))


def test_rule_set_and_version_are_part_of_the_key(service: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    both = pipeline.run([service], engine.Options(RULES), cache_dir=tmp_path / "c")
    one = pipeline.run([service], engine.Options(RULES[:1]), cache_dir=tmp_path / "c")
    assert {f.rule for f in both.scan.findings} == set(RULES)
    assert {f.rule for f in one.scan.findings} == {RULES[0]}
    assert len(list((tmp_path / "c").glob("scan-*.pickle"))) == 2

    key = repr_key(engine.Options(RULES))
    assert cache.ScanCache.open(tmp_path / "c", service.resolve(), key).entries
    monkeypatch.setattr(fixer, "__version__", "999.0")
    cache.code_digest.cache_clear()
    try:
        assert cache.ScanCache.open(tmp_path / "c", service.resolve(), key).entries == {}
    finally:
        cache.code_digest.cache_clear()


def test_corrupt_cache_is_ignored(service: Path, tmp_path: Path) -> None:
    cold = _scan(service, tmp_path / "c")
    for path in (tmp_path / "c").glob("scan-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert _scan(service, tmp_path / "c") == cold
