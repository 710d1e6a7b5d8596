"""The conformance suite as pytest tests (collected only with CACHELIB_CONFORMANCE=1).

``CONFORMANCE_ERA`` (``legacy``, the default, or ``modern``) chooses the era: its cases and
the Streamlit release installed beside cachelib (``nox -s conformance`` runs both eras, each
in its own environment). One session-wide run observes every case of the era and the site's
snippets (legacy: every one, bare mode; modern: those that use ``st.cache_data`` or
``st.cache_resource``, see ``modern_snippets.py``) with both libraries in one process pool,
writes the era's record into build/conformance/conformance-results.json, and each test then
checks one verdict from it. ``CONFORMANCE_UPDATE=1`` (``nox -s conformance -- --update``)
also writes the committed docs/conformance-results.json, which the Conformance page shows.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from . import harness, modern_snippets, report

ERA = harness.ERAS[os.environ.get("CONFORMANCE_ERA") or "legacy"]
CASES = harness.load_cases(era=ERA.name)
MINIMUM_CASES = {"legacy": 60, "modern": 80}
MODERN_SNIPPETS = [
    path.relative_to(harness.SNIPPETS).as_posix()
    for path in (modern_snippets.discover() if ERA.name == "modern" else [])
]


@pytest.fixture(scope="session")
def record() -> dict[str, Any]:
    """Run everything once and write the record (under build/; into docs/ on update)."""
    results = report.run_all(era=ERA.name)
    report.write(results, update=os.environ.get("CONFORMANCE_UPDATE") == "1")
    return results


def test_the_installed_streamlit_is_the_era_reference() -> None:
    version = harness.interpreter_versions(harness.default_python())["streamlit"]
    assert version.startswith(ERA.streamlit + "."), version


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
    assert len(CASES) >= MINIMUM_CASES[ERA.name]
    assert {case.section for case in CASES} == set(ERA.sections)
    assert {case.expect for case in CASES} >= set(ERA.divergences)


@pytest.mark.skipif(ERA.name != "legacy", reason="the site's snippets run in the legacy era")
def test_every_snippet_ran_under_both_libraries(record: dict[str, Any]) -> None:
    broken = [
        f"{snippet['path']} ({lib})"
        for snippet in record["snippets"]
        for lib, observation in snippet["observations"].items()
        if observation["status"] == "harness-error"
    ]
    assert broken == []


@pytest.mark.skipif(ERA.name != "modern", reason="the modern snippets run in the modern era")
def test_every_modern_snippet_ran(record: dict[str, Any]) -> None:
    assert len(MODERN_SNIPPETS) >= 80
    assert [snippet["path"] for snippet in record["snippets"]] == MODERN_SNIPPETS


@pytest.mark.parametrize("path", MODERN_SNIPPETS)
def test_snippet_is_same_or_the_block_names_its_divergence(
    record: dict[str, Any], path: str
) -> None:
    result = next(snippet for snippet in record["snippets"] if snippet["path"] == path)
    details = "\n".join(
        [
            *result["problems"],
            *(
                f"{lib}: {observation['events']}"
                for lib, observation in result["observations"].items()
            ),
        ]
    )
    assert result["ok"], f"snippets/{path}:\n{details}"
