"""Every golden case, four ways: wants, .golden output, parse guard, idempotence."""

from __future__ import annotations

import pytest

from fixer import gosyntax
from golden_cases import Case, cases, mismatches, run_case

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_golden_case(case: Case, update_golden: bool) -> None:
    source = case.path.read_bytes()
    result = run_case(case.rule, case.id, source, case.go_version)

    assert mismatches(result, source) == []

    output = result.fixed if result.fixed is not None else source
    if update_golden:
        if output != source:
            case.golden_path.write_bytes(output)
        else:
            case.golden_path.unlink(missing_ok=True)
    if case.golden_path.exists():
        assert output == case.golden_path.read_bytes(), "output differs from .golden"
    else:
        assert output == source, "edited a case that has no .golden file"

    before = gosyntax.error_count(gosyntax.parse(source))
    assert gosyntax.error_count(gosyntax.parse(output)) <= before

    again = run_case(case.rule, case.id, output, case.go_version)
    assert again.fixed is None, "a second run changed the output again"
    assert [f for f in again.findings if f.fix is not None and f.fix.safety.value == "safe"] == []
