"""SARIF 2.1.0: one run, rules from the codemods' documentation.

``ruleId`` is the rule name; locations are repository-relative URIs against
``%SRCROOT%``; suppressed findings are kept and marked as suppressed in source.
A finding's fix becomes a SARIF ``fix``: its edits are replacements of byte
ranges of the original file (``deletedRegion`` by ``byteOffset``/``byteLength``,
``insertedContent``), with the fix's safety in the fix's properties.
"""

from __future__ import annotations

import json

from fixer import __version__, registry
from fixer.model import Finding, Fix, Severity
from fixer.report import ScanResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def _rule(name: str) -> dict[str, object]:
    cls = registry.get(name)
    return {
        "id": name,
        "name": "".join(part.capitalize() for part in name.split("-")),
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {"text": cls.doc_section("Why is this bad?")},
        "help": {"text": cls.documentation(), "markdown": cls.documentation()},
        "defaultConfiguration": {"level": _LEVEL[cls.severity]},
    }


def _fix(f: Finding, fix: Fix) -> dict[str, object]:
    replacements = []
    for edit in sorted(fix.edits):
        replacement: dict[str, object] = {
            "deletedRegion": {"byteOffset": edit.start, "byteLength": edit.end - edit.start}}
        if edit.new:
            replacement["insertedContent"] = {"text": edit.new}
        replacements.append(replacement)
    return {
        "description": {"text": f"{fix.message} ({fix.safety.value} fix)"},
        "artifactChanges": [{
            "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
            "replacements": replacements,
        }],
        "properties": {"safety": fix.safety.value},
    }


def _result(f: Finding, rule_index: int) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": f.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": f.line, "startColumn": f.column},
            }
        }],
    }
    if f.fingerprint:
        result["partialFingerprints"] = {"leakfix/v1": f.fingerprint}
    if f.fix is not None and f.fix.edits:
        result["fixes"] = [_fix(f, f.fix)]
    if f.suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def render(result: ScanResult) -> str:
    rule_names = sorted(set(result.rules) | {f.rule for f in result.findings})
    index = {name: i for i, name in enumerate(rule_names)}
    findings = sorted(result.findings, key=lambda f: (f.path, f.line, f.column, f.rule))
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "leakfix",
                "version": __version__,
                "informationUri": "https://pypi.org/project/leakfix/",
                "rules": [_rule(name) for name in rule_names],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": result.root.rstrip("/") + "/"}},
            "results": [_result(f, index[f.rule]) for f in findings],
        }],
    }
    return json.dumps(log, indent=2) + "\n"
