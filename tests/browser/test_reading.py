"""Reading the site on a 390 px phone and a 1280 px desktop: outputs, links, copy buttons, 404.

Every built page is opened at both widths with every content tab and every collapsible
block shown, and every code block is measured: an output block never scrolls sideways, an
address printed in an output is a link, and the copy button covers no character of its block.

Run with `nox -s browser` (or `pytest tests/browser`); see conftest.py for the set-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tools.sitecheck import Site

from .conftest import open_tab

if TYPE_CHECKING:
    from playwright.sync_api import Browser

WIDTHS = {"phone-390": 390, "desktop-1280": 1280}
OUTPUT = ".kbexec > .highlight ~ .highlight pre > code"
# Fewer than this many outputs measured means the pages were not read (not a pass).
LEAST_OUTPUTS = 150

# Shows what a reader can reveal (content tabs, collapsed admonitions), then measures every code
# block of the page. Characters are compared with the copy button line fragment by line
# fragment, then one by one where a fragment meets the button.
MEASURE = """
(output) => {
  const style = document.createElement("style");
  style.textContent =
    ".tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }";
  document.head.appendChild(style);
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const overlaps = (a, b) =>
    a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  const name = (code, index) => {
    const block = code.closest(".kbexec");
    return block ? block.dataset.kbexecId + (code.matches(output) ? " (output)" : "")
                 : "code block " + index;
  };
  const blocks = [];
  document.querySelectorAll(".md-typeset pre > code").forEach((code, index) => {
    const isOutput = code.matches(output);
    const found = {name: name(code, index), output: isOutput, scrolls: null,
                   unlinked: [], covered: ""};
    if (isOutput) {
      if (code.scrollWidth > code.clientWidth) {
        found.scrolls = [code.scrollWidth, code.clientWidth];
      }
      const linked = new Set([...code.querySelectorAll("a[href]")].map((a) => a.textContent));
      for (const address of code.textContent.match(/https?:\\/\\/[^\\s<>"'`]+/g) || []) {
        if (!linked.has(address.replace(/[.,;:!?)\\]]+$/, ""))) found.unlinked.push(address);
      }
    }
    const buttons = [...code.closest("pre").querySelectorAll("button")]
      .map((button) => button.getBoundingClientRect())
      .filter((box) => box.width > 0);
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const whole = document.createRange();
      whole.selectNodeContents(node);
      const near = [...whole.getClientRects()].some((r) => buttons.some((b) => overlaps(r, b)));
      if (!near) continue;
      for (let at = 0; at < node.nodeValue.length; at++) {
        if (/\\s/.test(node.nodeValue[at])) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const hit = [...range.getClientRects()].some((r) => buttons.some((b) => overlaps(r, b)));
        if (hit) found.covered += node.nodeValue[at];
      }
    }
    blocks.push(found);
  });
  return blocks;
}
"""


@dataclass
class Measured:
    """What every page showed at one width.

    Attributes:
        width: The viewport's width, in CSS pixels.
        blocks: Page -> the measurements of each of its code blocks.
        problems: Console errors and failed loads, over all pages.
    """

    width: int
    blocks: dict[str, list[dict[str, Any]]]
    problems: list[str]

    def outputs(self) -> list[tuple[str, dict[str, Any]]]:
        """Every output block, with its page."""
        return [(page, b) for page, found in self.blocks.items() for b in found if b["output"]]


def viewport(width: int) -> dict[str, Any]:
    """Playwright context options for a phone (touch, mobile viewport) or a desktop."""
    if width < 600:
        return {
            "viewport": {"width": width, "height": 844},
            "is_mobile": True,
            "has_touch": True,
            "device_scale_factor": 2,
        }
    return {"viewport": {"width": width, "height": 900}}


@pytest.fixture(scope="module", params=list(WIDTHS.values()), ids=list(WIDTHS))
def measured(
    request: pytest.FixtureRequest, browser: Browser, base_url: str, site: Site
) -> Iterator[Measured]:
    """Every built page (but the 404 page), measured once per width."""
    width: int = request.param
    opened = open_tab(browser, **viewport(width))
    blocks: dict[str, list[dict[str, Any]]] = {}
    for page_path in sorted(site.pages):
        if page_path == "404.html":
            continue
        opened.page.goto(base_url + page_path.removesuffix("index.html"), wait_until="networkidle")
        blocks[page_path] = opened.page.evaluate(MEASURE, OUTPUT)
    yield Measured(width, blocks, opened.log.problems)
    opened.page.context.close()


def test_no_output_block_scrolls_sideways(measured: Measured) -> None:
    scrolling = [
        f"{page}: {block['name']} is {block['scrolls'][0]} px wide in {block['scrolls'][1]} px"
        for page, block in measured.outputs()
        if block["scrolls"]
    ]

    assert len(measured.outputs()) >= LEAST_OUTPUTS
    assert scrolling == []
    assert measured.problems == []


def test_every_address_printed_in_an_output_is_a_link(measured: Measured) -> None:
    unlinked = [
        f"{page}: {block['name']}: {address}"
        for page, block in measured.outputs()
        for address in block["unlinked"]
    ]

    assert unlinked == []


def test_the_copy_button_covers_no_text(measured: Measured) -> None:
    covered = [
        f"{page}: {block['name']}: {block['covered']!r} under the copy button"
        for page, found in measured.blocks.items()
        for block in found
        if block["covered"]
    ]

    assert covered == []


@pytest.mark.parametrize("width", list(WIDTHS.values()), ids=list(WIDTHS))
def test_an_error_message_reads_without_scrolling_and_its_link_leads_to_its_section(
    browser: Browser, base_url: str, screenshots: Path, width: int
) -> None:
    tab = open_tab(browser, **viewport(width))
    page = tab.page
    page.goto(base_url + "errors/", wait_until="networkidle")
    block = page.locator('[data-kbexec-id="errors/unhashable-type-error"]')
    output = block.locator(".highlight").nth(1)
    output.scroll_into_view_if_needed()
    name = "phone" if width < 600 else "desktop"
    output.screenshot(path=screenshots / f"error-output-{name}.png")
    link = output.locator("a.kbexec-link").last

    assert (
        link.inner_text() == "https://cachelib-kb.github.io/cachelib/errors/#unhashable-type-error"
    )
    link.click()  # fails if anything covers the link
    page.wait_for_url(re.compile(re.escape(base_url) + r"errors/#unhashable-type-error$"))
    assert tab.log.problems == []
    page.context.close()


def test_the_404_page_makes_sense_on_a_phone(
    browser: Browser, base_url: str, screenshots: Path
) -> None:
    tab = open_tab(browser, **viewport(390))
    page = tab.page
    response = page.goto(base_url + "no/such/page/", wait_until="networkidle")
    page.screenshot(path=screenshots / "404-phone.png")
    title = page.locator("article h1")

    assert response is not None
    assert response.status == 404
    assert title.inner_text().startswith("404")
    box = title.bounding_box()
    assert box is not None
    assert box["x"] >= 0  # on screen, whole
    assert box["x"] + box["width"] <= 390
    assert float(title.evaluate("h => parseFloat(getComputedStyle(h).fontSize)")) >= 24
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    # A way to search (a phone has no "/" key): the link opens the search box.
    from playwright.sync_api import expect

    page.locator("article .kb-search-link").click()
    search = page.locator("input.md-search__input")
    expect(search).to_be_visible()
    page.keyboard.type("UnhashableTypeError")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    page.screenshot(path=screenshots / "404-phone-search.png")
    page.keyboard.press("Escape")
    # A way back.
    page.locator("article a", has_text="Back to the home page").click()
    page.wait_for_url(base_url)
    assert [problem for problem in tab.log.problems if "no/such/page" not in problem] == []
    page.context.close()
