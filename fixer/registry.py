"""Discovers the rules: every module in the ``codemods`` package holds one Codemod.

Adding a rule is adding a module; there is no list to edit. ``--select`` and
``--ignore`` take rule names; unknown names are a usage error.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
from collections.abc import Iterable, Sequence

import codemods
from fixer.codemod import Codemod


class UnknownRuleError(ValueError):
    pass


def module_name(rule: str) -> str:
    return rule.replace("-", "_")


_registered: list[type[Codemod]] = []


def register(cls: type[Codemod]) -> type[Codemod]:
    """Add a rule from outside ``codemods/`` (plugins, test-only rules)."""
    if cls.name in rule_names():
        raise ValueError(f"rule {cls.name!r} is already registered")
    _registered.append(cls)
    return cls


def unregister(cls: type[Codemod]) -> None:
    _registered.remove(cls)


def all_codemods() -> tuple[type[Codemod], ...]:
    return (*_discovered(), *_registered)


@functools.cache
def _discovered() -> tuple[type[Codemod], ...]:
    found: list[type[Codemod]] = []
    for info in sorted(pkgutil.iter_modules(codemods.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"codemods.{info.name}")
        classes = [
            obj
            for obj in vars(module).values()
            if inspect.isclass(obj)
            and issubclass(obj, Codemod)
            and obj is not Codemod
            and obj.__module__ == module.__name__
        ]
        if len(classes) != 1:
            raise RuntimeError(f"codemods/{info.name}.py must define exactly one Codemod")
        found.append(classes[0])
    return tuple(found)


def rule_names() -> list[str]:
    return [c.name for c in all_codemods()]


def get(rule: str) -> type[Codemod]:
    for cls in all_codemods():
        if cls.name == rule:
            return cls
    raise UnknownRuleError(f"unknown rule {rule!r} (known: {', '.join(rule_names())})")


def select(
    selected: Sequence[str] | None = None, ignored: Iterable[str] = ()
) -> list[type[Codemod]]:
    """The rules to run: ``selected`` (all when empty) minus ``ignored``."""
    for rule in [*(selected or ()), *ignored]:
        get(rule)
    ignored_set = set(ignored)
    return [
        cls
        for cls in all_codemods()
        if (not selected or cls.name in selected) and cls.name not in ignored_set
    ]
