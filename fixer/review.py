"""Reviewed patches: what a reviewer kept of `apply --dry-run`'s output.

The patch is parsed with unidiff and checked before anything is applied:
every path must be a plain modification of an existing file inside the
repository (no absolute paths, no ``..``, no symbolic links, no renames,
additions, deletions or binary hunks), and ``git apply --check`` must accept
it against the current tree. Hunks are then grouped by the rule whose fix
produced their added lines, so the commits look like a normal `apply` run.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchSet

from fixer.repo import InputError


@dataclass(frozen=True)
class ReviewedHunk:
    path: str
    header: str           # the file's patch header (diff --git, index, ---, +++)
    text: str             # the hunk, '@@' line included
    added: tuple[str, ...]


_ESCAPE = re.compile(rb"\\([0-7]{3}|.)")
_ESCAPES = {b"a": b"\a", b"b": b"\b", b"t": b"\t", b"n": b"\n", b"v": b"\v", b"f": b"\f",
            b"r": b"\r"}


def _unquote(raw: str) -> str:
    """A path as git writes it in a patch header: ``"a/\\303\\274.go"`` (C-style quoted:
    non-ASCII, quotes, backslashes, control characters) or plain; git ends a name that
    holds a space with a tab."""
    raw = raw.rstrip("\t")
    if len(raw) < 2 or not raw.startswith('"') or not raw.endswith('"'):
        return raw
    body = raw[1:-1].encode("utf-8")
    decoded = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 8)]) if len(m.group(1)) == 3
                          else _ESCAPES.get(m.group(1), m.group(1)), body)
    return decoded.decode("utf-8", "surrogateescape")


def _quote(name: str) -> str:
    """``name`` the way git writes it in a patch header (see _unquote)."""
    data = name.encode("utf-8", "surrogateescape")
    if not any(b >= 0x80 or b < 0x20 or b in b'"\\' for b in data):
        return name
    escaped = "".join(f"\\{b:03o}" if b >= 0x80 or b < 0x20 else
                      ("\\" + chr(b) if b in b'"\\' else chr(b)) for b in data)
    return f'"{escaped}"'


def _strip_prefix(path: str) -> str:
    path = _unquote(path)
    return path[2:] if path.startswith(("a/", "b/")) else path


def _safe_path(raw: str, root: Path, patch_name: str) -> str:
    path = _strip_prefix(raw)
    pure = PurePosixPath(path)
    if not path or pure.is_absolute() or ".." in pure.parts:
        raise InputError(f"{patch_name}: path {raw!r} leaves the repository")
    target = root / path
    if target.is_symlink() or not target.resolve().is_relative_to(root.resolve()):
        raise InputError(f"{patch_name}: path {raw!r} goes through a symbolic link")
    if not target.is_file():
        raise InputError(f"{patch_name}: {path} does not exist in the repository")
    return path


def read(patch_file: Path, root: Path) -> list[ReviewedHunk]:
    """Parse and validate a reviewed patch against the tree at ``root``."""
    name = str(patch_file)
    try:  # bytes as they are: a patch of a CRLF file carries its \r's in the hunks
        text = patch_file.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{name}: cannot read the patch: {exc}") from exc
    lines = text.split("\n")[:-1]
    if lines and all(line.endswith("\r") for line in lines):  # headers too: an editor's
        text = text.replace("\r\n", "\n")                     # conversion of the whole file
    try:
        patch = PatchSet(text)
    except UnidiffParseError as exc:
        raise InputError(f"{name}: not a valid unified diff: {exc}") from exc
    hunks: list[ReviewedHunk] = []
    for patched in patch:
        if patched.is_binary_file:
            raise InputError(f"{name}: binary changes to {patched.path} are not accepted")
        if patched.is_added_file or patched.is_removed_file:
            raise InputError(f"{name}: {patched.path}: only changes to existing files are "
                             "accepted")
        if patched.is_rename or _strip_prefix(patched.source_file) != _strip_prefix(
                patched.target_file):
            raise InputError(f"{name}: {patched.path}: renames are not accepted")
        path = _safe_path(patched.source_file, root, name)
        old, new = _quote(f"a/{path}"), _quote(f"b/{path}")
        header = "".join(patched.patch_info) if patched.patch_info else (
            f"diff --git {old} {new}\n")
        tab = "\t" if " " in path else ""  # as git ends a name holding a space
        header += f"--- {old}{tab}\n+++ {new}{tab}\n"
        for hunk in patched:
            added = tuple(line.value.strip() for line in hunk if line.is_added)
            hunks.append(ReviewedHunk(path, header, str(hunk), added))
    if not hunks:
        raise InputError(f"{name}: the patch holds no changes")
    return hunks


def as_patch(hunks: Sequence[ReviewedHunk]) -> str:
    """A patch holding ``hunks`` (in order), one header per file."""
    out: list[str] = []
    current = None
    for hunk in hunks:
        if hunk.path != current:
            out.append(hunk.header)
            current = hunk.path
        out.append(hunk.text if hunk.text.endswith("\n") else hunk.text + "\n")
    return "".join(out)


def git_apply(root: Path, patch_text: str, check_only: bool = False) -> None:
    args = ["git", "apply", "--whitespace=nowarn", *(["--check"] if check_only else []), "-"]
    result = subprocess.run(args, cwd=root, input=patch_text, text=True, capture_output=True)
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()
        raise InputError("the patch does not apply to the current tree: "
                         + (message[0] if message else "git apply failed"))


def owner(hunk: ReviewedHunk, added_by_rule: dict[str, Counter[tuple[str, str]]]) -> str | None:
    """The rule whose fixes add most of this hunk's added lines."""
    best, score = None, 0
    for rule, added in added_by_rule.items():
        hits = sum(1 for line in hunk.added if line and added[(hunk.path, line)] > 0)
        if hits > score:
            best, score = rule, hits
    return best


def added_lines(original: bytes, fixed: bytes) -> Counter[str]:
    """Lines (stripped) that ``fixed`` has more of than ``original``."""
    before = Counter(line.strip() for line in original.decode("utf-8").splitlines())
    after = Counter(line.strip() for line in fixed.decode("utf-8").splitlines())
    return after - before
