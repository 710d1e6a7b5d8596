"""Property 6: the Reliability page is generated from the figures of a real long run.

The page must be exactly what `make_page.render` makes of `docs/reliability-figures.json`
(so its numbers were not typed by hand), and the figures must come from a long run
(`nox -s reliability`) that met the issue's budgets.
"""

from __future__ import annotations

import json
import os
from typing import Any

import make_page
import pytest

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("CACHELIB_RELIABILITY_FIGURES")),
    reason="this run writes new figures and regenerates the page",
)


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    assert make_page.FIGURES.is_file(), "no figures: run `nox -s reliability`"
    loaded: dict[str, Any] = json.loads(make_page.FIGURES.read_text(encoding="utf-8"))
    return loaded


def test_page_is_generated_from_the_figures(document: dict[str, Any]) -> None:
    assert make_page.PAGE.read_text(encoding="utf-8") == make_page.render(document), (
        "docs/reliability.md differs from its figures: run `python tests/reliability/make_page.py`"
    )


def test_figures_come_from_a_long_run_that_met_the_budgets(document: dict[str, Any]) -> None:
    assert document["mode"] == "long"
    figures = document["figures"]
    at_least = {
        ("threads", "threads"): 16,
        ("threads", "calls_per_thread"): 1_000,
        ("processes", "processes"): 2,
        ("kills", "kills"): 100,
        ("corpus", "depth"): 100_000,
        ("corpus", "cases"): 50,
        ("fuzz", "examples"): 1_000,
        ("fuzz", "cross_process_examples"): 500,
    }
    for (section, name), least in at_least.items():
        assert figures[section][name] >= least, (section, name, figures[section][name])
    assert figures["kills"]["partial_entries_seen"] == 0
    assert set(document["properties"]) == set(make_page.PROPERTY_TITLES)
    for name, result in document["properties"].items():
        assert result["tests"] > 0, f"{name}: no test ran"
