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
    return (*(_load(module) for module in _modules()), *_registered)


@functools.cache
def _modules() -> tuple[str, ...]:
    """The rule modules in ``codemods/``, found without importing them: a run served from
    the scan cache needs the rules' names, not their code."""
    return tuple(sorted(info.name for info in pkgutil.iter_modules(codemods.__path__)
                        if not info.name.startswith("_")))


@functools.cache
def _load(module_name: str) -> type[Codemod]:
    module = importlib.import_module(f"codemods.{module_name}")
    classes = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, Codemod)
        and obj is not Codemod
        and obj.__module__ == module.__name__
    ]
    if len(classes) != 1:
        raise RuntimeError(f"codemods/{module_name}.py must define exactly one Codemod")
    return classes[0]


def rule_names() -> list[str]:
    """Every rule's name: a module's name in kebab-case (test_conventions checks that each
    rule is named after its module), then the registered rules'."""
    return [m.replace("_", "-") for m in _modules()] + [c.name for c in _registered]


def get(rule: str) -> type[Codemod]:
    for cls in _registered:
        if cls.name == rule:
            return cls
    if rule in rule_names():
        return _load(module_name(rule))
    raise _unknown(rule)


def _unknown(rule: str) -> UnknownRuleError:
    return UnknownRuleError(f"unknown rule {rule!r} (known: {', '.join(rule_names())})")


def select(selected: Sequence[str] | None = None, ignored: Iterable[str] = ()) -> list[str]:
    """The names of the rules to run: ``selected`` (all when empty) minus ``ignored``."""
    known, ignored = rule_names(), tuple(ignored)
    for rule in [*(selected or ()), *ignored]:
        if rule not in known:
            raise _unknown(rule)
    ignored_set = set(ignored)
    return [name for name in known
            if (not selected or name in selected) and name not in ignored_set]
