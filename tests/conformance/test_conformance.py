"""The conformance suite as pytest tests (collected only with CACHELIB_CONFORMANCE=1).

One session-wide run observes every case and every snippet (both libraries, a process pool),
writes docs/conformance-results.json and the generated docs/conformance.md, and each test
then checks one verdict.
"""

from __future__ import annotations

from typing import Any

import pytest

from . import harness, report

CASES = harness.load_cases()


@pytest.fixture(scope="session")
def record() -> dict[str, Any]:
    """Run everything once and write the results and the page."""
    results = report.run_all()
    report.write(results)
    return results


def _result(record: dict[str, Any], case_id: str) -> dict[str, Any]:
    return next(case for case in record["cases"] if case["id"] == case_id)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case_is_same_or_its_declared_divergence(record: dict[str, Any], case: Any) -> None:
    result = _result(record, case.id)
    details = "\n".join(
        [
            *result["problems"],
            *(
                f"{lib}: {observation['events']}"
                for lib, observation in result["observations"].items()
            ),
            "expected: " + str(case.blocks),
        ]
    )
    assert result["ok"], f"{case.path.name}: {case.title}\n{details}"


def test_the_suite_covers_every_section_and_divergence() -> None:
    assert len(CASES) >= 60
    assert {case.section for case in CASES} == set(harness.SECTIONS)
    assert {case.expect for case in CASES} >= set(harness.DIVERGENCES)


def test_every_snippet_ran_under_both_libraries(record: dict[str, Any]) -> None:
    broken = [
        f"{snippet['path']} ({lib})"
        for snippet in record["snippets"]
        for lib, observation in snippet["observations"].items()
        if observation["status"] == "harness-error"
    ]
    assert broken == []
