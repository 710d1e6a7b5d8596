"""The Run and Edit buttons of the examples, in headless Chromium with the network blocked.

Every request to a host other than the local server is aborted and recorded, and a test fails
if any was attempted: Pyodide, the wheel and kbexec's code come from the site itself. The
first Run loads Pyodide (cold); the times of the cold and of the later runs are printed and
written to `$KB_SCREENSHOTS/run-times.json` (`site-screenshots/` by default).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from tools.kbexec._expected import mask

from .conftest import Tab, open_tab

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Route

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
RUN_TIMEOUT_MS = 120_000
# Pages whose runnable examples are all run and compared with their pre-rendered outputs:
# plain outputs, warnings, replayed output, and errors with their tracebacks.
COMPARED_PAGES = (
    "kb/caching-issues/",
    "kb/output-replay/",
    "kb/hash-funcs/",
    "errors/",
)
# What differs between the build's CPython and Pyodide's Python, and nothing else: the build
# runs CPython 3.11, the browser Python 3.14 (Pyodide 314) on Emscripten.
NORMALIZATIONS = (
    # 3.13+ marks the failing expression with ~ and ^ where 3.11 uses ^ only.
    (re.compile(r"^[ \t]*[~^]+[ \t]*\n", re.MULTILINE), ""),
    # Emscripten's errno numbers (ENOENT is 44 there, 2 on Linux).
    (re.compile(r"\[Errno \d+\]"), "[Errno N]"),
    # 3.14's pickle adds "when serializing ..." notes to the error it raises.
    (re.compile(r"^when serializing .*\n", re.MULTILINE), ""),
)
times: dict[str, Any] = {"cold_first_run_s": None, "first_run_on_page_s": [], "warm_runs_s": []}


def normalized(text: str) -> str:
    """An output as compared: masked as pages are, without the interpreters' differences."""
    text = mask(text.rstrip("\n")) + "\n"
    for pattern, replacement in NORMALIZATIONS:
        text = pattern.sub(replacement, text)
    return text.rstrip("\n")


class Blocker:
    """Aborts every request to another host, and records it."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def __call__(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def offline_tab(browser: Browser) -> tuple[Tab, Blocker]:
    """A desktop page whose requests to other hosts are aborted and recorded."""
    tab = open_tab(browser)
    blocker = Blocker()
    tab.page.context.route("**/*", blocker)
    return tab, blocker


@pytest.fixture(scope="module")
def offline(browser: Browser) -> Iterator[tuple[Tab, Blocker]]:
    """One page for the module's runs: Pyodide loads once (cold), later runs are warm."""
    tab, blocker = offline_tab(browser)
    yield tab, blocker
    tab.page.context.close()
    report = Path(__file__).resolve().parents[2] / "site-screenshots"
    report.mkdir(exist_ok=True)
    (report / "run-times.json").write_text(json.dumps(times, indent=1) + "\n", encoding="utf-8")
    print("\nin-browser Run times:", json.dumps(times))


def output_of(block: Locator) -> str:
    """The text of a block's output (pre-rendered, or written by a run)."""
    code = block.locator(".highlight:not([data-kbexec-source]) code")
    return code.first.text_content() or "" if code.count() else ""


def run(block: Locator) -> float:
    """Click a block's Run button; wait for the run; return the seconds it took."""
    ran = int(block.get_attribute("data-kbexec-ran") or 0)
    started = time.monotonic()
    button = block.get_by_role("button", name="Run", exact=True)
    if button.count():
        button.click()
    else:  # in a tab not shown (e.g. "Legacy" beside "Modern"): hidden from the roles
        block.locator("button.kbexec-run").dispatch_event("click")
    block.page.wait_for_function(
        "([el, ran]) => el.dataset.kbexecState === 'done'"
        " && Number(el.dataset.kbexecRan || 0) > ran"
        " || /^Could not run/.test(el.querySelector('.kbexec-status').textContent)",
        arg=[block.element_handle(), ran],
        timeout=RUN_TIMEOUT_MS,
    )
    status = block.locator(".kbexec-status").text_content() or ""
    assert not status.startswith("Could not run"), status
    return time.monotonic() - started


def runnable(page: Any) -> list[Locator]:
    """The page's examples that can run in the browser."""
    blocks = page.locator(".kbexec")
    return [
        blocks.nth(i)
        for i in range(blocks.count())
        if blocks.nth(i).get_attribute("data-kbexec-browser") != "no"
    ]


def test_nothing_is_loaded_before_the_first_click(browser: Browser, base_url: str) -> None:
    tab, blocker = offline_tab(browser)
    try:
        tab.page.goto(base_url + "kb/caching-issues/", wait_until="networkidle")
        assert tab.page.get_by_role("button", name="Run", exact=True).count() >= 3
        loaded = [url for url in tab.log.requests if "/assets/pyodide/" in url or ".whl" in url]
        assert loaded == []
        assert blocker.blocked == []
    finally:
        tab.page.context.close()


def test_run_gives_the_pre_rendered_outputs(offline: tuple[Tab, Blocker], base_url: str) -> None:
    """Every runnable example of a few pages prints, once run, what its page shows."""
    tab, blocker = offline
    page = tab.page
    differences: list[str] = []
    for index, path in enumerate(COMPARED_PAGES):
        page.goto(base_url + path, wait_until="networkidle")
        blocks = runnable(page)
        assert blocks, path
        for number, block in enumerate(blocks):
            shown = output_of(block)
            seconds = run(block)
            if index == 0 and number == 0:
                times["cold_first_run_s"] = round(seconds, 2)
            elif number == 0:
                times["first_run_on_page_s"].append(round(seconds, 2))
            else:
                times["warm_runs_s"].append(round(seconds, 3))
            if normalized(output_of(block)) != normalized(shown):
                block_id = block.get_attribute("data-kbexec-id")
                differences.append(f"{block_id}:\n--- page\n{shown}\n--- run\n{output_of(block)}")
    assert differences == []
    assert blocker.blocked == []
    assert [p for p in tab.log.problems if "/assets/" in p] == []


def test_an_edit_changes_the_output(offline: tuple[Tab, Blocker], base_url: str) -> None:
    tab, blocker = offline
    page = tab.page
    page.goto(base_url + "kb/caching-issues/", wait_until="networkidle")
    block = runnable(page)[0]
    block.get_by_role("button", name="Edit", exact=True).click()
    editor = block.locator("textarea.kbexec-editor")
    assert "import cachelib" in editor.input_value()
    editor.fill(
        "import cachelib as st\n\n"
        "@st.cache_data\n"
        "def square(x):\n"
        "    print('computing', x)\n"
        "    return x * x\n\n"
        "print(square(7), square(7))\n"
    )
    run(block)
    assert output_of(block).rstrip("\n") == "computing 7\n49 49"

    editor.fill("raise ValueError('edited to fail')\n")
    run(block)
    name = block.get_attribute("data-kbexec-file")
    assert output_of(block).rstrip("\n") == (
        "Traceback (most recent call last):\n"
        f'  File "{name}", line 1, in <module>\n'
        "    raise ValueError('edited to fail')\n"
        "ValueError: edited to fail"
    )
    assert blocker.blocked == []


def test_an_example_that_raises_shows_its_error(
    offline: tuple[Tab, Blocker], base_url: str
) -> None:
    tab, blocker = offline
    page = tab.page
    page.goto(base_url + "kb/unhashable-type-error/", wait_until="networkidle")
    block = next(b for b in runnable(page) if "Traceback" in output_of(b))
    shown = output_of(block)
    run(block)
    assert "Traceback (most recent call last):" in output_of(block)
    assert re.search(r"^cachelib\.Unhashable\w+Error: ", output_of(block), re.MULTILINE)
    assert normalized(output_of(block)) == normalized(shown)
    assert blocker.blocked == []


def test_an_example_that_cannot_run_here_says_why(browser: Browser, base_url: str) -> None:
    tab, blocker = offline_tab(browser)
    try:
        page = tab.page
        page.goto(base_url + "kb/thread-safety/", wait_until="networkidle")
        block = page.locator('.kbexec[data-kbexec-browser="no"]').first
        shown = output_of(block)
        block.get_by_role("button", name="Run", exact=True).click()
        status = block.locator(".kbexec-status")
        assert "cannot run in your browser: it starts threads" in (status.text_content() or "")
        assert output_of(block) == shown
        assert [url for url in tab.log.requests if "/assets/pyodide/" in url] == []
        assert blocker.blocked == []
    finally:
        page.context.close()
