"""The built site in headless Chromium: what a reader does with it works.

Run with `nox -s browser` (or `pytest tests/browser`); see conftest.py for the set-up.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools.sitecheck import Site

from .conftest import Tab

ROOT = Path(__file__).resolve().parent.parent.parent
COPY_BUTTON = 'button.md-code__button[data-md-type="copy"], button[title="Copy to clipboard"]'

# Screenshot name -> page, relative to the site. A page not built (yet) is replaced by the
# errors page, which always exists.
SCREENSHOT_PAGES = {
    "home": "index.html",
    "knowledge-base": "kb/index.html",
    "caching-issues": "kb/caching-issues/index.html",
    "errors": "errors/index.html",
    "unhashable-type-error": "kb/unhashable-type-error/index.html",
    "api-reference": "reference/api/index.html",
}


def heading(tab: Tab) -> str:
    """The page's title, without the permalink sign that follows it."""
    return tab.page.locator("article h1").first.inner_text().rstrip("¶").strip()


def address(base_url: str, page: str) -> str:
    """Return a built page's address on the local server."""
    return base_url + page.removesuffix("index.html")


def unhashable_type_error_page(site: Site) -> str:
    """The page that explains UnhashableTypeError: its KB page, else the errors page."""
    page = "kb/unhashable-type-error/index.html"
    return page if page in site.pages else "errors/index.html"


def test_home_page_renders_without_console_errors(tab: Tab, base_url: str) -> None:
    page = tab.page
    page.goto(base_url, wait_until="networkidle")

    assert heading(tab) == "cachelib knowledge base"
    assert page.locator(".md-header").is_visible()
    assert page.locator(".md-sidebar--primary .md-nav__link").count() >= 3
    assert tab.log.problems == []


def test_every_page_loads_without_errors(tab: Tab, base_url: str, site: Site) -> None:
    """Every built page loads its assets and runs its scripts without an error."""
    for page_path in site.pages:
        if page_path != "404.html":
            # networkidle: leaving earlier would abort the search index's download.
            tab.page.goto(address(base_url, page_path), wait_until="networkidle")
            assert tab.page.locator("article h1").count() == 1, page_path
    assert tab.log.problems == []


def test_search_for_unhashable_type_error_leads_to_its_page(
    tab: Tab, base_url: str, site: Site
) -> None:
    page = tab.page
    page.goto(base_url, wait_until="networkidle")

    page.keyboard.press("/")  # Material's shortcut: focus the search box
    page.keyboard.type("UnhashableTypeError")
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for(state="visible", timeout=10_000)
    expected = address(base_url, unhashable_type_error_page(site))
    # Result links carry the query to highlight (`?h=...`) and, for sections, an anchor.
    hrefs = [
        re.split(r"[?#]", href)[0]
        for href in results.evaluate_all("links => links.map(a => a.href)")
    ]
    assert hrefs[0] == expected, hrefs
    target = 0
    results.nth(target).click()

    page.wait_for_url(re.compile(re.escape(expected) + r"([?#].*)?$"))
    assert "UnhashableTypeError" in page.locator("article").inner_text()
    assert tab.log.problems == []


def test_copy_button_copies_an_example_that_prints_what_the_page_shows(
    tab: Tab, base_url: str, tmp_path: Path
) -> None:
    page = tab.page
    page.goto(base_url, wait_until="networkidle")
    page.locator(".tabbed-labels > label", has_text="Fixed").first.click()
    block = page.locator('[data-kbexec-id="index/fixed"]')
    source, output = block.locator(".highlight").nth(0), block.locator(".highlight").nth(1)
    source.hover()
    source.locator(COPY_BUTTON).first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = output.locator("code").inner_text()

    example = tmp_path / "example.py"
    example.write_text(copied, encoding="utf-8")
    (tmp_path / "work").mkdir()
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONWARNINGS"}
    environment["CACHELIB_CACHE_DIR"] = str(tmp_path / "cache")
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.getenv("PYTHONPATH")]))
    run = subprocess.run(
        [sys.executable, "-u", str(example)],
        cwd=tmp_path / "work",
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=60,
        check=False,
    )

    assert copied.strip() == (ROOT / "snippets/index/fixed.py").read_text().strip()
    assert run.returncode == 0, run.stdout
    assert run.stdout.rstrip("\n") == shown.rstrip("\n")
    assert tab.log.problems == []


def test_content_tabs_switch(tab: Tab, base_url: str) -> None:
    page = tab.page
    page.goto(base_url, wait_until="networkidle")
    tabs = page.locator(".tabbed-set").first
    labels, blocks = tabs.locator(".tabbed-labels > label"), tabs.locator(".tabbed-block")
    assert labels.count() >= 2

    assert [blocks.nth(i).is_visible() for i in (0, 1)] == [True, False]
    labels.nth(1).click()
    assert [blocks.nth(i).is_visible() for i in (0, 1)] == [False, True]
    labels.nth(0).click()
    assert [blocks.nth(i).is_visible() for i in (0, 1)] == [True, False]
    assert tab.log.problems == []


def test_dark_mode_toggles(tab: Tab, base_url: str, screenshots: Path) -> None:
    page = tab.page
    page.goto(base_url, wait_until="networkidle")
    body = page.locator("body")
    toggle = page.locator('[data-md-component="palette"] label.md-header__button:visible')
    light_background = body.evaluate("b => getComputedStyle(b).backgroundColor")

    assert body.get_attribute("data-md-color-scheme") == "default"
    toggle.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.wait_for_function(
        "light => getComputedStyle(document.body).backgroundColor !== light", arg=light_background
    )
    page.screenshot(path=screenshots / "home-dark.png")
    toggle.click()
    assert body.get_attribute("data-md-color-scheme") == "default"
    assert tab.log.problems == []


@pytest.mark.parametrize("name", ["home", "caching-issues", "errors", "api-reference"])
def test_phone_viewport_has_no_horizontal_overflow(
    phone: Tab, base_url: str, site: Site, name: str
) -> None:
    page = phone.page
    page.goto(address(base_url, SCREENSHOT_PAGES[name]), wait_until="networkidle")

    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]"
    )
    assert max(widths[:2]) <= widths[2], f"content {widths[:2]} wider than the screen {widths[2]}"
    assert phone.log.problems == []


def test_phone_nav_drawer_opens_and_navigates(phone: Tab, base_url: str, screenshots: Path) -> None:
    page = phone.page
    page.goto(base_url, wait_until="networkidle")
    from playwright.sync_api import expect

    link = page.locator(".md-sidebar--primary .md-nav__link", has_text="Errors and warnings").first
    expect(link).not_to_be_in_viewport()

    page.locator('label.md-header__button[for="__drawer"]').click()
    expect(link).to_be_in_viewport(ratio=1)
    page.screenshot(path=screenshots / "phone-drawer.png")
    link.click()

    page.wait_for_url(re.compile(re.escape(base_url) + r"errors/"))
    assert heading(phone) == "Errors and warnings"
    assert phone.log.problems == []


def test_missing_address_shows_the_styled_404_page_with_a_way_out(
    tab: Tab, base_url: str, screenshots: Path
) -> None:
    page = tab.page
    response = page.goto(base_url + "no/such/page/", wait_until="networkidle")

    assert response is not None
    assert response.status == 404
    assert "404" in heading(tab)
    header = page.locator(".md-header")
    assert header.is_visible()
    colour = header.evaluate("h => getComputedStyle(h).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "the theme's CSS did not load"
    page.screenshot(path=screenshots / "404.png")
    page.locator("article a", has_text="Errors and warnings").click()
    page.wait_for_url(base_url + "errors/")
    assert heading(tab) == "Errors and warnings"
    assert [problem for problem in tab.log.problems if "no/such/page" not in problem] == []


@pytest.mark.parametrize(
    "page_path", ["index.html", "errors/index.html", "reference/api/index.html"]
)
def test_weight_budget_counts_everything_a_page_loads(
    tab: Tab, base_url: str, site: Site, page_path: str
) -> None:
    """tests/test_site.py measures page weights from the HTML: exactly what the browser loads."""
    tab.page.goto(address(base_url, page_path), wait_until="networkidle")

    weight = site.weight(page_path)
    counted = {page_path} | {asset.path for asset in weight.assets}
    loaded: set[str] = set()
    for url in tab.log.requests:
        if url.startswith(base_url):
            relative = re.split(r"[?#]", url[len(base_url) :])[0]
            loaded.add(
                relative + "index.html" if relative.endswith("/") or not relative else relative
            )
    assert loaded - counted == set(), "loaded but not counted in the page's weight"
    assert counted - loaded == set(), "counted in the page's weight but not loaded"
    assert tab.log.problems == []


@pytest.mark.parametrize("name", SCREENSHOT_PAGES)
def test_screenshot_of_main_pages(
    tab: Tab, base_url: str, site: Site, screenshots: Path, name: str
) -> None:
    page_path = SCREENSHOT_PAGES[name]
    if page_path not in site.pages:
        page_path = "errors/index.html"
    tab.page.goto(address(base_url, page_path), wait_until="networkidle")

    tab.page.screenshot(path=screenshots / f"{name}.png")
    tab.page.screenshot(path=screenshots / f"{name}-full.png", full_page=True)

    assert (screenshots / f"{name}.png").stat().st_size > 10_000
    assert tab.log.problems == []
