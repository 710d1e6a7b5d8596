"""The Performance and Reliability pages: written at build time from committed data.

Their Markdown files are stubs with a ``[[cachelib:NAME]]`` line; ``tools/placeholders.py``
replaces it by the generator's lines, which read the committed JSON. Generating them needs
neither NumPy nor matplotlib (the docs build installs neither for them), the chart survives
Markdown as one block of HTML, and a results file without Redis figures renders.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import markdown
import pytest

from tests.benchmarks import chart, report
from tests.reliability import make_page
from tools import placeholders

ROOT = Path(__file__).resolve().parent.parent
STUBS = {"performance": "docs/performance.md", "reliability": "docs/reliability.md"}
REDIS = {
    "server": "redis-server 7.0.15",
    "hits": {
        "small": {
            "bytes": 439,
            "cachelib_hit": 140e-6,
            "get": 77e-6,
            "get_loads": 85e-6,
            "ratio_get": 1.8182,
            "ratio_get_loads": 1.6471,
            "get_held": 60e-6,
            "ratio_get_held": 2.3333,
            "judged_against": "get",
            "met": False,
        },
        "medium": {
            "bytes": 42_673,
            "cachelib_hit": 3.642e-3,
            "get": 401e-6,
            "get_loads": 2.763e-3,
            "ratio_get": 9.0823,
            "ratio_get_loads": 1.3181,
            "get_held": 350e-6,
            "ratio_get_held": 10.4057,
            "judged_against": "get_loads",
            "met": False,
        },
    },
    "cold": {
        "processes": 8,
        "keys": 4,
        "runs": 4,
        "distinct_runs": 4,
        "one_run": 0.5,
        "wall": 0.842,
    },
    "targets": {
        "shared hit, small value: <= 1.3 x GET": False,
        "shared hit, medium value: <= 1.3 x GET + loads (unpickling dominates)": False,
        "cold start: exactly 4 runs": True,
        "cold start: wall within 0.5 s of one run": True,
    },
}
"""Redis figures in redis_bench.measure's schema (from a quick run)."""


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(report.COMMITTED.read_text(encoding="utf-8"))
    return loaded


@pytest.mark.parametrize("name", STUBS)
def test_page_source_is_a_title_and_its_placeholder(name: str) -> None:
    lines = (ROOT / STUBS[name]).read_text(encoding="utf-8").splitlines()
    assert lines[0] == f"# {name.capitalize()}"
    assert f"[[cachelib:{name}-page]]" in lines
    assert len(lines) < 10


@pytest.mark.parametrize("name", STUBS)
def test_placeholder_expands_to_the_generated_page(name: str) -> None:
    stub = (ROOT / STUBS[name]).read_text(encoding="utf-8").splitlines()
    expanded = placeholders.expand(stub)
    generated = placeholders.generator(f"{name}-page")()
    assert len(generated) > 50
    assert expanded[: len(stub) - 1] == stub[:-1]
    assert expanded[len(stub) - 1 :] == generated


def test_pages_are_generated_without_numpy_pandas_or_matplotlib() -> None:
    script = (
        "import sys\n"
        "from tools import placeholders\n"
        "for name in ('performance-page', 'reliability-page'):\n"
        "    assert placeholders.generator(name)()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'numpy', 'pandas',"
        " 'matplotlib', 'streamlit', 'redis'}))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "[]"


def test_chart_stays_one_html_block_through_markdown(results: dict[str, Any]) -> None:
    lines = chart.html_lines(results)
    assert "" not in lines, "a blank line would end the raw HTML block"
    html = markdown.markdown("\n".join(["Text.", "", *lines, "", "More."]))
    assert html.count('<figure class="kb-chart"') == 1
    assert "&lt;" not in html
    assert html.count("<svg") == len(chart.SERIES) + 1 + sum(
        len(marks) for _, marks in chart.points(results)
    )


def test_chart_marks_sampled_hashers_hollow_and_exact_ones_filled(results: dict[str, Any]) -> None:
    marks = [line for line in chart.html_lines(results) if "<title>" in line]
    sampled = [line for line in marks if "(sampled)" in line]
    assert sampled, "the committed results have sampled hashers"
    assert all("kb-chart__mark--hollow" in line for line in sampled)
    assert not any("kb-chart__mark--hollow" in line for line in marks if line not in sampled)


def test_chart_scale_spans_every_value_and_both_reference_lines(results: dict[str, Any]) -> None:
    text = "\n".join(chart.html_lines(results))
    values = [value for _, marks in chart.points(results) for _, value, _ in marks]
    assert "0.1×" in text  # the smallest value, a sampled key of 800 MB, is 0.13×
    assert "100k×" in text  # the largest, Streamlit's key of 100,000 dicts, above 10,000×
    assert min(values) < 1 < chart.TARGET < max(values)
    assert 'kb-chart__line--one" style="left:' in text
    assert 'kb-chart__line--target" style="left:' in text


def test_performance_page_says_when_redis_was_not_measured(results: dict[str, Any]) -> None:
    without = {key: value for key, value in results.items() if key != "redis"}
    text = "\n".join(report.body_lines(without))
    assert "## Shared storage on Redis\n\nNot measured: these results predate" in text


def test_performance_page_shows_redis_figures_and_verdicts(results: dict[str, Any]) -> None:
    text = "\n".join(report.body_lines({**results, "redis": REDIS}))
    section = text[text.index("## Shared storage on Redis") :]
    section = section[: section.index("\n## ")]
    assert (
        "| small | 439 B | 140 µs | 77 µs | 85 µs | 60 µs | **1.82×** | 1.65× | 2.33× |" in section
    )
    assert (
        "| medium | 42.7 kB | 3.6 ms | 401 µs | 2.8 ms | 350 µs | 9.08× | **1.32×** | 10.41× |"
        in section
    )
    assert "redis-server 7.0.15" in section
    assert "it ran **4 times** (4 distinct keys)" in section
    assert "842 ms after the start, 1.7× the time of one run" in section
    assert "- shared hit, small value: ≤ 1.3× `GET`: **missed**" in section
    assert (
        "- shared hit, medium value: ≤ 1.3× `GET` + loads (unpickling dominates): **missed**"
        in section
    )
    assert "- cold start: exactly 4 runs: met" in section


def test_redis_cold_start_that_ran_a_key_twice_is_a_problem(results: dict[str, Any]) -> None:
    twice = copy.deepcopy(REDIS)
    twice["cold"]["runs"] = 5
    assert report.problems({**results, "redis": REDIS}) == report.problems(results)
    assert "Redis cold start: 5 runs for 4 keys" in report.problems({**results, "redis": twice})


def test_performance_page_reports_a_redis_failure(results: dict[str, Any]) -> None:
    failed = {**results, "redis": {"error": "RuntimeError: no redis-server"}}
    text = "\n".join(report.body_lines(failed))
    assert "Not measured: the run could not use Redis (`RuntimeError: no redis-server`)." in text
    assert any("RuntimeError: no redis-server" in p for p in report.problems(failed))


def test_reliability_page_is_rendered_from_the_committed_figures() -> None:
    document = json.loads(make_page.FIGURES.read_text(encoding="utf-8"))
    assert make_page.page_lines() == make_page.render(document).splitlines()
