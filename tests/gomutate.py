"""Mutations of Go source for the property-based tests (tests/test_fuzz.py).

Each mutation takes the source and a ``random.Random`` (hypothesis passes one
whose choices it can shrink) and returns new bytes. Mutations work on whole
lines and keep each line's own ending, so a CRLF file stays CRLF unless a
line-ending mutation changes it on purpose. ``PRESERVING`` lists the ones
that keep a compiling file compiling (renames, blank space, comments, line
endings), used where the output must still build.
"""

from __future__ import annotations

import keyword
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

Mutation = Callable[[bytes, random.Random], bytes]

GO_KEYWORDS = frozenset({
    "break", "case", "chan", "const", "continue", "default", "defer", "else",
    "fallthrough", "for", "func", "go", "goto", "if", "import", "interface", "map",
    "package", "range", "return", "select", "struct", "switch", "type", "var",
})
# Fresh names (unicode letters are valid Go identifiers) and names the rules care about,
# so renames also create collisions with what a fix would like to introduce.
NEW_NAMES = ("ñame", "变量", "π", "Ωmega", "x_1", "_tmp", "cancel", "ctx", "err", "f",
             "resp", "rows", "t", "ticker", "cerr", "close", "defer")
_IDENT = re.compile(rb"(?<![\w.\x80-\xff])([A-Za-z_][A-Za-z0-9_]*)(?![\w\x80-\xff])")
_COMMENTS = (b"// a comment", b"/* block */", b"//nolint:leakfix",
             "// \u00e9t\u00e9 \u2713".encode(), b"/*\n multi-line\n*/",
             b"//leakfix:ignore lost-cancel reason")


def _lines(source: bytes) -> list[bytes]:
    return source.splitlines(keepends=True) or [b""]


def _newline(line: bytes) -> bytes:
    return b"\r\n" if line.endswith(b"\r\n") else b"\n"


def delete_line(source: bytes, rnd: random.Random) -> bytes:
    lines = _lines(source)
    del lines[rnd.randrange(len(lines))]
    return b"".join(lines)


def duplicate_line(source: bytes, rnd: random.Random) -> bytes:
    lines = _lines(source)
    i = rnd.randrange(len(lines))
    copy = lines[i] if lines[i].endswith(b"\n") else lines[i] + b"\n"
    lines.insert(i, copy)
    return b"".join(lines)


def swap_lines(source: bytes, rnd: random.Random) -> bytes:
    lines = _lines(source)
    i = rnd.randrange(len(lines))
    j = min(len(lines) - 1, i + 1) if rnd.random() < 0.6 else rnd.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"".join(line if line.endswith(b"\n") else line + b"\n" for line in lines)


def rename_identifier(source: bytes, rnd: random.Random) -> bytes:
    """Every whole-word occurrence of one identifier (strings and comments too)."""
    names = sorted({m.group(1) for m in _IDENT.finditer(source)}
                   - {k.encode() for k in GO_KEYWORDS | set(keyword.kwlist)})
    if not names:
        return source
    old = rnd.choice(names)
    new = rnd.choice(NEW_NAMES).encode()
    pattern = re.compile(rb"(?<![\w.\x80-\xff])" + re.escape(old) + rb"(?![\w\x80-\xff])")
    return pattern.sub(lambda _m: new, source)


PREDECLARED = frozenset({
    "any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex",
    "complex64", "complex128", "copy", "delete", "error", "false", "float32", "float64",
    "imag", "int", "int8", "int16", "int32", "int64", "iota", "len", "make", "max",
    "min", "new", "nil", "panic", "print", "println", "real", "recover", "rune",
    "string", "true", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
})
_IMPORT_PATH = re.compile(rb'"([\w./-]+)"')


def fresh_rename(source: bytes, rnd: random.Random) -> bytes:
    """Rename one unexported identifier, everywhere, to a unicode name the file does not
    use yet: keeps a one-file package compiling (imported package names, keywords and
    predeclared names are left alone)."""
    imported = {m.group(1).rsplit(b"/", 1)[-1] for m in _IMPORT_PATH.finditer(source)}
    reserved = {k.encode() for k in GO_KEYWORDS | PREDECLARED} | imported | {b"main", b"init"}
    names = sorted({m.group(1) for m in _IDENT.finditer(source)
                    if m.group(1)[:1].islower() or m.group(1)[:1] == b"_"} - reserved - {b"_"})
    if not names:
        return source
    old = rnd.choice(names)
    new = f"{rnd.choice(('ñ', 'é', 'π', 'λ', 'ж'))}{old.decode()}{rnd.randrange(100)}".encode()
    pattern = re.compile(rb"(?<![\w\x80-\xff])" + re.escape(old) + rb"(?![\w\x80-\xff])")
    return pattern.sub(lambda _m: new, source)


def reindent(source: bytes, rnd: random.Random) -> bytes:
    lines = _lines(source)
    i = rnd.randrange(len(lines))
    body = lines[i].lstrip(b" \t")
    indent = rnd.choice([b"", b"    ", b"\t\t\t", b" \t", b"\t"])
    lines[i] = indent + body
    return b"".join(lines)


def blank_space(source: bytes, rnd: random.Random) -> bytes:
    """A blank line, trailing blanks, or a line's blank lines removed."""
    lines = _lines(source)
    i = rnd.randrange(len(lines))
    choice = rnd.randrange(3)
    if choice == 0:
        lines.insert(i, _newline(lines[i]))
    elif choice == 1:
        stripped = lines[i].rstrip(b"\r\n")
        lines[i] = stripped + b" \t " + lines[i][len(stripped):]
    else:
        lines = [line for line in lines if line.strip() or rnd.random() < 0.5]
    return b"".join(lines)


def line_endings(source: bytes, rnd: random.Random) -> bytes:
    lf = source.replace(b"\r\n", b"\n")
    choice = rnd.randrange(5)
    if choice == 0:
        return lf.replace(b"\n", b"\r\n")
    if choice == 1:
        return lf
    if choice == 2:  # mixed: some lines CRLF
        return b"".join(line.replace(b"\n", b"\r\n") if rnd.random() < 0.5 else line
                        for line in _lines(lf))
    if choice == 3:
        return source.rstrip(b"\r\n")
    return b"\xef\xbb\xbf" + source.removeprefix(b"\xef\xbb\xbf")


def comment(source: bytes, rnd: random.Random) -> bytes:
    """A comment on its own line, at the end of a line, or between two tokens."""
    lines = _lines(source)
    i = rnd.randrange(len(lines))
    text = rnd.choice(_COMMENTS)
    choice = rnd.randrange(3)
    if choice == 0:
        lines.insert(i, text + _newline(lines[i]))
    elif choice == 1 and not text.startswith(b"/*\n"):
        stripped = lines[i].rstrip(b"\r\n")
        lines[i] = stripped + b" " + text + lines[i][len(stripped):]
    else:
        spaces = [m.start() for m in re.finditer(rb"[ \t]", lines[i])]
        if spaces:
            at = rnd.choice(spaces)
            lines[i] = lines[i][:at] + b" /* c */" + lines[i][at:]
    return b"".join(lines)


def punctuation(source: bytes, rnd: random.Random) -> bytes:
    """Delete 1-3 characters or insert a bracket, at a random character boundary."""
    text = source.decode("utf-8")
    at = rnd.randrange(len(text) + 1)
    if rnd.random() < 0.5:
        text = text[:at] + text[at + rnd.randint(1, 3):]
    else:
        text = text[:at] + rnd.choice("{}();,:=") + text[at:]
    return text.encode("utf-8")


def splicer(donors: Sequence[Path]) -> Mutation:
    """A mutation that copies 1-20 lines of a donor file (a golden input: a leak,
    usually) into the source, so std files meet the code the rules look for."""
    def splice(source: bytes, rnd: random.Random) -> bytes:
        donor = _lines(rnd.choice(donors).read_bytes())
        start = rnd.randrange(len(donor))
        chunk = donor[start : start + rnd.randint(1, 20)]
        lines = _lines(source)
        at = rnd.randrange(len(lines) + 1)
        return b"".join(lines[:at] + chunk + lines[at:])
    return splice


MUTATIONS: tuple[Mutation, ...] = (delete_line, duplicate_line, swap_lines, rename_identifier,
                                   fresh_rename, reindent, blank_space, line_endings, comment,
                                   punctuation)
PRESERVING: tuple[Mutation, ...] = (fresh_rename, blank_space, line_endings, comment)


def mutate(source: bytes, rnd: random.Random, count: int,
           mutations: Sequence[Mutation] = MUTATIONS) -> tuple[bytes, list[str]]:
    """``count`` mutations drawn from ``mutations``; the new source and their names."""
    done = []
    for _ in range(count):
        mutation = rnd.choice(mutations)
        source = mutation(source, rnd)
        done.append(mutation.__name__)
    return source, done
