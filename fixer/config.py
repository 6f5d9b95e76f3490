"""The user's configuration: ``.leakfix.toml``, or ``[tool.leakfix]`` in ``pyproject.toml``.

It is read from the scan root only: the git top-level of a scanned path, or outside git
the scanned directory (a scanned file's directory). ``.leakfix.toml`` wins when both
exist; a ``pyproject.toml`` without a ``[tool.leakfix]`` table is no configuration.

```toml
select = ["unclosed-file", "lost-cancel"]   # rules to run (default: all)
ignore = ["unbounded-map"]                  # rules not to run
exclude = ["gen/", "*.pb.go"]               # paths never scanned nor edited
unsafe-fixes = false                        # `leakfix apply` applies unsafe fixes too

[[closers]]                                 # more constructors for unclosed-resource
call = "github.com/acme/pool.Get"           # import path + function, or path.(*T).Method
close = "Release"                           # default "Close"; a field path like Body.Close
writes = false                              # Close flushes output (the fix is unsafe)

[rules.lost-cancel]                         # options handed to one rule
```

Exclude patterns are relative to the root; ``*`` matches across directories
(``*.pb.go`` is any such file), and a pattern that matches a directory excludes
everything under it (``gen``, ``gen/``, ``**/mocks``).

Command-line flags override the file: ``--select`` replaces ``select`` (the file's
``ignore`` is then not applied either: the command line chose the rules),
``--ignore`` replaces ``ignore``, ``--unsafe-fixes``/``--no-unsafe-fixes`` replace
``unsafe-fixes``.

Every mistake -- bad TOML, an unknown key, a wrong type, an unknown rule, an option a
rule refuses -- is an InputError naming the file and the key (exit code 2).
"""

from __future__ import annotations

import difflib
import fnmatch
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from fixer import engine, registry, repo
from fixer.repo import InputError

CONFIG_FILE = ".leakfix.toml"
PYPROJECT = "pyproject.toml"
# The rule that receives the top-level [[closers]] list as its "closers" option.
CLOSERS_RULE = "unclosed-resource"

_KEYS = ("select", "ignore", "exclude", "unsafe-fixes", "closers", "rules")
_CLOSER_KEYS = ("call", "close", "writes")


@dataclass(frozen=True)
class Config:
    """Settings from one configuration file (all defaults when there is none)."""

    root: Path | None = None
    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def rules(self, select: Sequence[str] | None = None,
              ignore: Sequence[str] | None = None) -> tuple[str, ...]:
        """The rules to run: the command line's choice (``None``: not given) over the file's."""
        if select is not None:
            chosen, dropped = list(select), list(ignore or ())
        else:
            chosen = list(self.select) if self.select is not None else []
            dropped = list(self.ignore if ignore is None else ignore)
        return tuple(registry.select(chosen, dropped))

    def options(self, *, fix: bool = False, select: Sequence[str] | None = None,
                ignore: Sequence[str] | None = None,
                unsafe_fixes: bool | None = None) -> engine.Options:
        """Engine options from this file with the command line's flags on top."""
        return engine.Options(
            self.rules(select, ignore), fix=fix,
            unsafe_fixes=self.unsafe_fixes if unsafe_fixes is None else unsafe_fixes,
            rule_options=self.rule_options,
        )

    def excludes(self, path: Path) -> bool:
        """Whether ``path`` (absolute) matches an ``exclude`` pattern."""
        if not self.exclude or self.root is None or not path.is_relative_to(self.root):
            return False
        relative = PurePosixPath(path.relative_to(self.root).as_posix())
        candidates = [str(relative), *(str(p) for p in relative.parents if str(p) != ".")]
        return any(fnmatch.fnmatchcase(c, pattern)
                   for pattern in _patterns(self.exclude) for c in candidates)


def _patterns(exclude: Sequence[str]) -> list[str]:
    out = []
    for raw in exclude:
        pattern = raw.strip().removeprefix("./").strip("/")
        out.append(pattern)
        if pattern.startswith("**/"):
            out.append(pattern[3:])
    return out


def scan_root(target: Path | str) -> Path | None:
    """The directory whose configuration applies to ``target`` (None: it does not exist)."""
    target = Path(target)
    if not target.exists():
        return None
    resolved = target.resolve()
    directory = resolved if resolved.is_dir() else resolved.parent
    return repo.git_toplevel(directory) or directory


def for_targets(targets: Sequence[Path | str]) -> Config:
    """The configuration for one run over ``targets``.

    Targets under different roots share a run, so at most one configuration file may
    apply to them all.
    """
    roots = list(dict.fromkeys(r for t in targets if (r := scan_root(t)) is not None))
    configs = [load(root) for root in roots]
    found = [c for c in configs if c.path is not None]
    if len({c.path for c in found}) > 1:
        names = ", ".join(str(c.path) for c in found)
        raise InputError(f"the paths have different configurations ({names}): "
                         "scan them separately")
    if found:
        return found[0]
    return configs[0] if configs else Config()


def load(root: Path) -> Config:
    """The configuration at ``root``: ``.leakfix.toml``, else ``pyproject.toml``'s table."""
    own = root / CONFIG_FILE
    if own.is_file():
        return parse(_read(own), own, root, prefix="")
    pyproject = root / PYPROJECT
    if pyproject.is_file():
        table = _read(pyproject).get("tool", {})
        if isinstance(table, dict) and "leakfix" in table:
            section = table["leakfix"]
            if not isinstance(section, dict):
                raise InputError(f"{pyproject}: tool.leakfix: expected a table")
            return parse(section, pyproject, root, prefix="tool.leakfix.")
    return Config(root=root)


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


class _Reader:
    """Typed access to one table, with errors that name the file and the full key."""

    def __init__(self, path: Path, prefix: str) -> None:
        self.path, self.prefix = path, prefix

    def error(self, key: str, message: str) -> InputError:
        return InputError(f"{self.path}: {self.prefix}{key}: {message}")

    def check_keys(self, table: Mapping[str, Any], allowed: Sequence[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                known = ", ".join(allowed)
                raise self.error(f"{where}{key}", f"unknown key{hint}; known keys: {known}")

    def strings(self, table: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"expected a list of strings, got {_kind(value)}")
        return tuple(value)

    def rule_names(self, table: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
        names = self.strings(table, key)
        for name in names or ():
            self.known_rule(key, name)
        return names

    def known_rule(self, key: str, name: str) -> None:
        try:
            registry.get(name)
        except registry.UnknownRuleError as exc:
            raise self.error(key, str(exc)) from None


def _kind(value: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def parse(table: Mapping[str, Any], path: Path, root: Path, prefix: str = "") -> Config:
    """Validate one configuration table (the file's top level or ``[tool.leakfix]``)."""
    reader = _Reader(path, prefix)
    reader.check_keys(table, _KEYS, "")
    unsafe = table.get("unsafe-fixes", False)
    if not isinstance(unsafe, bool):
        raise reader.error("unsafe-fixes", f"expected true or false, got {_kind(unsafe)}")
    exclude = reader.strings(table, "exclude") or ()
    if any(not p.strip("/ ") for p in exclude):
        raise reader.error("exclude", "empty pattern")
    rule_options = _rule_options(reader, table.get("rules", {}))
    closers = _closers(reader, table.get("closers", []))
    if closers:
        own = dict(rule_options.get(CLOSERS_RULE, {}))
        own["closers"] = [*own.get("closers", []), *closers]
        rule_options[CLOSERS_RULE] = own
    for rule, options in rule_options.items():
        key = "closers" if rule == CLOSERS_RULE and closers else f"rules.{rule}"
        try:
            registry.get(rule)(options)  # a rule refuses options it cannot use
        except (ValueError, TypeError) as exc:
            raise reader.error(key, str(exc).removeprefix(f"{key}: ")) from None
    return Config(
        root=root,
        path=path,
        select=reader.rule_names(table, "select"),
        ignore=reader.rule_names(table, "ignore") or (),
        exclude=exclude,
        unsafe_fixes=unsafe,
        rule_options=rule_options,
    )


def _rule_options(reader: _Reader, rules: object) -> dict[str, Mapping[str, Any]]:
    if not isinstance(rules, dict):
        raise reader.error("rules", f"expected a table of [rules.<rule>] tables, got "
                                    f"{_kind(rules)}")
    out: dict[str, Mapping[str, Any]] = {}
    for name, options in rules.items():
        reader.known_rule(f"rules.{name}", name)
        if not isinstance(options, dict):
            raise reader.error(f"rules.{name}", f"expected a table, got {_kind(options)}")
        out[name] = dict(options)
    return out


def _closers(reader: _Reader, closers: object) -> list[dict[str, Any]]:
    if not isinstance(closers, list):
        raise reader.error("closers", f"expected [[closers]] tables, got {_kind(closers)}")
    out = []
    for index, entry in enumerate(closers):
        where = f"closers[{index}]"
        if not isinstance(entry, dict):
            raise reader.error(where, f"expected a table, got {_kind(entry)}")
        reader.check_keys(entry, _CLOSER_KEYS, f"{where}.")
        call, close = entry.get("call"), entry.get("close", "Close")
        if not isinstance(call, str) or not call:
            raise reader.error(f"{where}.call", "required: the import path and function, "
                                                "like \"github.com/acme/pool.Get\"")
        if not isinstance(close, str) or not close:
            raise reader.error(f"{where}.close", f"expected a method name, got {_kind(close)}")
        writes = entry.get("writes", False)
        if not isinstance(writes, bool):
            raise reader.error(f"{where}.writes", f"expected true or false, got {_kind(writes)}")
        out.append({"call": call, "close": close, "writes": writes})
    return out
