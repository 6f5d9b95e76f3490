"""Conventions every codemod keeps (ARCHITECTURE.md, 'A codemod')."""

from __future__ import annotations

import importlib
import re

import pytest

from fixer import gosyntax, registry
from fixer.codemod import Codemod
from fixer.report import rules_table
from golden_cases import GOLDEN, Case, cases, proof_dirs

CODEMODS = registry.all_codemods()
KEBAB = re.compile(r"^[a-z]+(-[a-z]+)*$")


@pytest.mark.parametrize("cls", CODEMODS, ids=[c.name for c in CODEMODS])
def test_codemod_conventions(cls: type[Codemod]) -> None:
    assert KEBAB.match(cls.name), "rule names are kebab-case"
    module = importlib.import_module(cls.__module__)
    assert module.__name__ == f"codemods.{registry.module_name(cls.name)}"
    assert cls.__name__ == "".join(p.capitalize() for p in cls.name.split("-"))
    for section in Codemod.DOC_SECTIONS:
        assert cls.doc_section(section), f"docstring lacks '## {section}'"
    assert "Use instead:" in cls.doc_section("Example")
    assert cls.triggers and all(isinstance(t, bytes) and t for t in cls.triggers)
    gosyntax.compile_query(cls.query)


def test_rule_names_known_without_imports_are_the_classes_names() -> None:
    """The registry names rules after their modules, to skip importing them on a run
    served from the scan cache; each class must carry the same name."""
    assert registry.rule_names() == [cls.name for cls in CODEMODS]
    assert [registry.get(cls.name) for cls in CODEMODS] == list(CODEMODS)


@pytest.mark.parametrize("cls", CODEMODS, ids=[c.name for c in CODEMODS])
def test_golden_folder_has_positive_and_negative_cases(cls: type[Codemod]) -> None:
    folder = GOLDEN / registry.module_name(cls.name)
    own = [c for c in cases() if c.rule == cls.name and c.path.parent == folder]
    positives = [c for c in own if c.positive]
    negatives = [c for c in own if not c.positive]
    assert len(positives) >= 3 and len(negatives) >= 3, (len(positives), len(negatives))


def test_every_golden_folder_belongs_to_a_rule() -> None:
    known = {registry.module_name(c.name) for c in CODEMODS}
    folders = {p.name for p in GOLDEN.iterdir() if p.is_dir()}
    assert folders <= known, folders - known


def test_golden_files_have_inputs() -> None:
    orphans = [p for p in GOLDEN.rglob("*.golden") if not p.with_suffix("").exists()]
    assert orphans == []


def test_proofs_have_leaky_code() -> None:
    for cls in CODEMODS:
        for proof in proof_dirs(cls.name):
            sources = [Case(cls.name, p) for p in proof.glob("*.go")
                       if not p.name.endswith("_test.go")]
            assert any(c.positive for c in sources), f"{proof} has no // want line"


def test_readme_rule_table_is_current(project_root: object) -> None:
    readme = (GOLDEN.parent / "README.md").read_text()
    assert rules_table.render() in readme, "run: leakfix list --format markdown, paste in README"


@pytest.mark.parametrize("cls", CODEMODS, ids=[c.name for c in CODEMODS])
def test_codemod_has_its_own_commit_title(cls: type[Codemod]) -> None:
    assert cls.fix_title != Codemod.fix_title, "set fix_title for the commit subject"
