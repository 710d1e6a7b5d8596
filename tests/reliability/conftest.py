"""Fixtures of the reliability tests, and the writer of the figures behind the site's page.

Every test gets its own cache folder (`CACHELIB_CACHE_DIR` in a temporary directory) and
starts and ends with `cachelib.clear_cache()`. Tests record what they exercised (threads,
calls, kills, corpus size, fuzz examples) with the `figures` fixture. When
`CACHELIB_RELIABILITY_FIGURES` names a file (relative to the repository root) and the whole
folder ran (nothing deselected or skipped by `-k`, `-x` or an interruption), the session writes
those figures, with each property's test outcomes, to that file. `nox -s reliability` names
`build/reliability/reliability-figures.json`, and with `-- --update` the committed
`docs/reliability-figures.json`, from which the Reliability page is rendered when the site is
built (`make_page.py`).
"""

from __future__ import annotations

import datetime
import faulthandler
import json
import os
import platform
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the helpers (rel_*.py) and the children import each other
    sys.path.insert(0, str(HERE))

import make_page  # noqa: E402
import rel_config  # noqa: E402

import cachelib  # noqa: E402

PROPERTIES = {
    "test_rel_threads": "threads",
    "test_rel_processes": "processes",
    "test_rel_persistence": "persistence",
    "test_rel_hostile": "hostile",
    "test_rel_fuzz": "fuzz",
}
"""Test module -> the property of the issue it shows (the page reports each one's outcome)."""

_FIGURES: dict[str, dict[str, Any]] = {}
_OUTCOMES: dict[str, dict[str, str]] = {}  # property -> test id -> outcome
_COLLECTED: set[str] = set()
_DESELECTED: set[str] = set()
_STARTED = time.monotonic()


class Figures:
    """What the tests exercised, by section; numbers add up across tests."""

    def add(self, section: str, **values: Any) -> None:
        """Add numbers to a section (other values replace the previous ones)."""
        target = _FIGURES.setdefault(section, {})
        for name, value in values.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                target[name] = target.get(name, 0) + value
            else:
                target[name] = value

    def most(self, section: str, **values: float) -> None:
        """Keep the largest value seen for each name."""
        target = _FIGURES.setdefault(section, {})
        for name, value in values.items():
            target[name] = max(target.get(name, value), value)


@pytest.fixture
def figures() -> Figures:
    """Record what a test exercised, for the Reliability page."""
    return Figures()


WATCHDOG_SECONDS = 1200 if rel_config.LONG else 300
"""A test still running after this long is stuck: the run stops, printing every thread's stack."""


@pytest.fixture(autouse=True)
def watchdog() -> Iterator[None]:
    """Never hang CI: a test that outlives its budget ends the run loudly (with tracebacks)."""
    faulthandler.dump_traceback_later(WATCHDOG_SECONDS, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh cache folder per test, cleared before and after."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(folder))
    cachelib.clear_cache()
    yield folder
    cachelib.clear_cache()


def _property_of(nodeid: str) -> str | None:
    module = Path(nodeid.split("::", 1)[0]).stem
    return PROPERTIES.get(module)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == HERE:
            _COLLECTED.add(item.nodeid)


def pytest_deselected(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == HERE:
            _DESELECTED.add(item.nodeid)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    prop = _property_of(report.nodeid)
    if prop is None:
        return
    outcomes = _OUTCOMES.setdefault(prop, {})
    if report.when == "call" or (report.when == "setup" and not report.passed):
        outcomes[report.nodeid] = report.outcome
    elif report.when == "teardown" and report.failed:
        outcomes[report.nodeid] = "failed"


def _whole_folder_ran() -> bool:
    every_test = {nodeid for nodeid in _COLLECTED if _property_of(nodeid) is not None}
    ran = {nodeid for outcomes in _OUTCOMES.values() for nodeid in outcomes}
    modules = {Path(n.split("::", 1)[0]).stem for n in every_test}
    complete = not any(_property_of(nodeid) for nodeid in _DESELECTED)
    return complete and bool(every_test) and every_test <= ran and modules == set(PROPERTIES)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = os.environ.get("CACHELIB_RELIABILITY_FIGURES")
    if not target:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if not target.endswith(".json"):
        if reporter is not None:
            reporter.write_line(
                f"reliability figures NOT written: CACHELIB_RELIABILITY_FIGURES={target} does"
                " not name a .json file",
                red=True,
            )
        return
    if not _whole_folder_ran():
        if reporter is not None:
            reporter.write_line(
                "reliability figures NOT written: the whole of tests/reliability did not run",
                red=True,
            )
        return
    properties = {}
    for prop in PROPERTIES.values():
        outcomes = _OUTCOMES.get(prop, {})
        properties[prop] = {
            "tests": len(outcomes),
            "passed": sum(1 for o in outcomes.values() if o == "passed"),
            "failed": sorted(n.split("::", 1)[1] for n, o in outcomes.items() if o == "failed"),
            "skipped": sorted(n.split("::", 1)[1] for n, o in outcomes.items() if o == "skipped"),
        }
    document = {
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": rel_config.MODE,
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "seconds": round(time.monotonic() - _STARTED),
        "properties": properties,
        "figures": {section: dict(sorted(v.items())) for section, v in sorted(_FIGURES.items())},
    }
    path = make_page.ROOT / target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    if reporter is not None:
        reporter.write_line(f"reliability figures written to {path}")
        if path.resolve() == make_page.FIGURES.resolve():
            reporter.write_line("the Reliability page shows them from the next site build")
