"""Property 6: the Reliability page shows the figures of a real long run, none typed by hand.

`docs/reliability.md` is a stub whose placeholder is replaced, when the site is built, by what
`make_page.page_lines` makes of `docs/reliability-figures.json`; those figures must come from a
long run (`nox -s reliability -- --update`) that met the issue's budgets.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import make_page
import pytest

STUB = make_page.ROOT / "docs" / "reliability.md"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    assert make_page.FIGURES.is_file(), "no figures: run `nox -s reliability -- --update`"
    loaded: dict[str, Any] = json.loads(make_page.FIGURES.read_text(encoding="utf-8"))
    return loaded


def test_page_source_is_a_stub_with_the_placeholder_and_no_figures() -> None:
    text = STUB.read_text(encoding="utf-8")
    assert "[[cachelib:reliability-page]]" in text.splitlines()
    assert not re.search(r"\d", text), "a number typed in docs/reliability.md"


def test_generated_lines_state_every_figure_of_the_run(document: dict[str, Any]) -> None:
    page = "\n".join(make_page.page_lines())
    figures = document["figures"]
    for section, names in make_page.SHOWN.items():
        for name in names:
            assert name in figures[section], f"{section}.{name} missing from the figures"
            assert make_page.shown(figures, section, name) in page, (section, name)
    assert document["generated"] in page


def test_each_stated_figure_comes_from_the_figures_file(document: dict[str, Any]) -> None:
    """Changing one figure changes the page there: no stated number is typed in the template."""
    page = make_page.render(document)
    for section, names in make_page.SHOWN.items():
        for name in names:
            changed = copy.deepcopy(document)
            value = changed["figures"][section][name]
            changed["figures"][section][name] = value + (2**20 if name.endswith("_bytes") else 7)
            assert make_page.render(changed) != page, (section, name)


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
