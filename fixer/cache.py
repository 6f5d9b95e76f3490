"""Result cache for scans: unchanged files are not read, parsed or analysed again.

One cache file per scan root and rule set, holding per file its size, mtime
and content digest with the FileResult. A file whose size and mtime are
unchanged is a hit without being read; one whose stat changed is read and
hashed, and still hits when its bytes are the same. The key covers leakfix's
version, a digest of its own code (any edit to fixer/ or codemods/
invalidates everything), the rules, their options and the Go versions
involved, so a stale entry can never be served. Only scans are cached (apply
always recomputes), and the cache is written atomically.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import codemods
import fixer
from fixer.model import FileResult

FORMAT = 2


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "leakfix"


@functools.cache
def code_digest() -> str:
    """A digest of leakfix's own modules (path, size, mtime), computed once per process."""
    digest = hashlib.sha256(fixer.__version__.encode())
    for package in (fixer, codemods):
        for directory in package.__path__:
            for path in sorted(Path(directory).rglob("*.py")):
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


# A file modified this close to when its stat was recorded may change again within
# the same timestamp tick: such entries are confirmed by content ("racy git").
RACY_NS = 2_000_000_000


# One file's entry: size, mtime_ns, content digest, when the stat was taken (ns), and the
# result -- or, for the usual file with nothing to report, its path alone. Plain tuples
# and strings load several times faster than objects (a warm run of the Go standard
# library spent 32 ms of 0.26 s unpickling dataclasses).
Entry = tuple[int, int, str, int, FileResult | str]


def _entry(stat: os.stat_result, digest: str, result: FileResult) -> Entry:
    stored = result.path if result == FileResult(result.path) else result
    return stat.st_size, stat.st_mtime_ns, digest, time.time_ns(), stored


def _stat_matches(entry: Entry, stat: os.stat_result) -> bool:
    size, mtime_ns, _, seen_ns, _ = entry
    return size == stat.st_size and mtime_ns == stat.st_mtime_ns and (
        mtime_ns < seen_ns - RACY_NS)


def _result(entry: Entry) -> FileResult:
    stored = entry[4]
    return FileResult(stored) if isinstance(stored, str) else stored


@dataclass
class ScanCache:
    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    changed: bool = False  # anything to write back (a warm run over an unchanged tree: no)

    @classmethod
    def open(cls, directory: Path, root: Path, key: str) -> ScanCache:
        name = hashlib.sha256(f"{FORMAT}\0{root}\0{key}\0{code_digest()}".encode()).hexdigest()
        path = directory / f"scan-{name[:32]}.pickle"
        entries: dict[str, Entry] = {}
        try:
            with path.open("rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, dict):
                entries = loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                TypeError, ValueError):
            entries = {}  # missing or unreadable: start afresh
        return cls(path, entries)

    def lookup(self, path: Path, display: str) -> tuple[FileResult | None, str | None]:
        """The cached result for ``path`` if still valid, else (None, its digest or None)."""
        entry = self.entries.get(display)
        try:
            stat = path.stat()
        except OSError:
            return None, None
        if entry is not None and _stat_matches(entry, stat):
            self.hits += 1
            return _result(entry), entry[2]
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None, None
        if entry is not None and entry[2] == digest:
            result = _result(entry)
            self.entries[display] = _entry(stat, digest, result)
            self.hits += 1
            self.changed = True
            return result, digest
        self.misses += 1
        return None, digest

    def store(self, path: Path, display: str, digest: str | None, result: FileResult) -> None:
        if digest is None or any(note.is_error for note in result.notes):
            return  # unreadable files are retried next time
        try:
            stat = path.stat()
        except OSError:
            return
        self.entries[display] = _entry(stat, digest, result)
        self.changed = True

    def save(self, keep: set[str]) -> None:
        """Write the cache (only entries for files of this run), atomically; best effort.
        Nothing is written when nothing changed."""
        kept = {k: v for k, v in self.entries.items() if k in keep}
        if not self.changed and len(kept) == len(self.entries):
            return
        self.entries = kept
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".scan-", suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(self.entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only cache directory only costs speed
