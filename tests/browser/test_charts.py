"""The Performance page's chart on a phone and on a desktop, in the light and dark schemes.

The chart (tests/benchmarks/chart.py) is HTML text with small SVG marks, coloured by CSS
variables: at 390 px and 1280 px, in both schemes, it must be visible, fit the screen without
scrolling sideways, keep its text legible (size, contrast with the page's background) and its
marks distinguishable from the background. Screenshots of the chart go to the screenshots
folder (`performance-chart-<width>-<scheme>.png`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .conftest import Tab, open_tab

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PAGE = "performance/"
TEXT = ".kb-chart__title, .kb-chart__legend li, .kb-chart__label, .kb-chart__axis span"
MIN_TEXT_CONTRAST = 4.5  # WCAG AA, normal text
MIN_MARK_CONTRAST = 3.0  # WCAG AA, graphical objects
MIN_FONT_PX = 12.0
_RGBA = re.compile(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)")


def rgba(css: str) -> tuple[float, float, float, float]:
    """Parse a computed colour (``rgb(r, g, b)`` or ``rgba(r, g, b, a)``)."""
    match = _RGBA.fullmatch(css.strip())
    assert match is not None, f"unexpected colour {css!r}"
    red, green, blue, alpha = match.groups()
    return float(red), float(green), float(blue), 1.0 if alpha is None else float(alpha)


def over(colour: str, background: str) -> tuple[float, float, float]:
    """The opaque colour that ``colour`` shows over an opaque ``background``."""
    red, green, blue, alpha = rgba(colour)
    base = rgba(background)
    assert base[3] == 1.0, f"the background {background} is not opaque"
    return (
        red * alpha + base[0] * (1 - alpha),
        green * alpha + base[1] * (1 - alpha),
        blue * alpha + base[2] * (1 - alpha),
    )


def luminance(colour: tuple[float, float, float]) -> float:
    """Relative luminance (WCAG 2)."""

    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(colour: str, background: str) -> float:
    """Contrast ratio of a (possibly translucent) colour over an opaque background."""
    light, dark = sorted(
        (luminance(over(colour, background)), luminance(over(background, background))), reverse=True
    )
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(params=[(390, "light"), (390, "dark"), (1280, "light"), (1280, "dark")], ids=str)
def chart_tab(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Tab, str]]:
    """The Performance page at a width and in a scheme (the reader's preferred one)."""
    width, scheme = request.param
    phone = width < 600
    opened = open_tab(
        browser,
        color_scheme=scheme,
        viewport={"width": width, "height": 844 if phone else 900},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
    )
    yield opened, f"{width}-{scheme}"
    opened.page.context.close()


def test_performance_chart_is_legible_and_fits_the_screen(
    chart_tab: tuple[Tab, str], base_url: str, screenshots: Path
) -> None:
    tab, name = chart_tab
    page = tab.page
    page.goto(base_url + PAGE, wait_until="networkidle")
    scheme = "slate" if name.endswith("dark") else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    chart = page.locator("figure.kb-chart")
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=screenshots / f"performance-chart-{name}.png")

    assert chart.is_visible()
    width = page.evaluate("document.documentElement.clientWidth")
    box = chart.bounding_box()
    assert box is not None
    assert box["x"] >= 0, box
    assert box["x"] + box["width"] <= width, (box, width)
    assert chart.evaluate("c => c.scrollWidth <= c.clientWidth"), "the chart scrolls sideways"
    # Every label, tick and mark lies inside the chart's box (nothing clipped at an edge).
    inside = chart.evaluate(
        """c => {
            const outer = c.getBoundingClientRect();
            const parts = '.kb-chart__axis span, .kb-chart__mark, .kb-chart__label';
            return [...c.querySelectorAll(parts)]
                .filter(e => {
                    const r = e.getBoundingClientRect();
                    return r.left < outer.left - 0.5 || r.right > outer.right + 0.5;
                })
                .map(e => e.textContent || e.outerHTML.slice(0, 80));
        }"""
    )
    assert inside == []
    overflow = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert overflow[0] <= overflow[1], f"the page is {overflow[0]} px wide on {overflow[1]} px"

    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    texts = chart.locator(TEXT)
    assert texts.count() >= 10
    for style in texts.evaluate_all(
        "els => els.map(e => [e.textContent, getComputedStyle(e).color,"
        " parseFloat(getComputedStyle(e).fontSize)])"
    ):
        text, colour, size = style
        assert contrast(colour, background) >= MIN_TEXT_CONTRAST, (text, colour, background)
        assert size >= MIN_FONT_PX, (text, size)

    marks = chart.locator(".kb-chart__track .kb-chart__mark")
    assert marks.count() >= 12
    for colour, visible in marks.evaluate_all(
        "els => els.map(e => [getComputedStyle(e).stroke, e.getBoundingClientRect().width > 6])"
    ):
        assert visible
        assert contrast(colour, background) >= MIN_MARK_CONTRAST, (colour, background)
    assert tab.log.problems == []


def test_performance_chart_places_marks_on_a_log_scale(tab: Tab, base_url: str) -> None:
    """Within a row, mark positions follow the logarithm of the values their tooltips state."""
    tab.page.goto(base_url + PAGE, wait_until="networkidle")
    rows = tab.page.locator(".kb-chart__row")
    assert rows.count() >= 4
    for index in range(rows.count()):
        found = rows.nth(index).evaluate(
            """r => {
                const scale = r.querySelector('.kb-chart__scale').getBoundingClientRect();
                return [...r.querySelectorAll('.kb-chart__mark')].map(m => {
                    const b = m.getBoundingClientRect();
                    return [m.querySelector('title').textContent,
                            (b.left + b.width / 2 - scale.left) / scale.width];
                });
            }"""
        )
        values = [
            (math.log10(float(re.search(r"([\d,.]+)×$", tip)[1].replace(",", ""))), x)  # type: ignore[index]
            for tip, x in found
        ]
        assert len(values) >= 3
        (a, xa), (b, xb) = min(values), max(values)
        for value, x in values:
            expected = xa + (value - a) / (b - a) * (xb - xa)
            assert abs(x - expected) < 0.02, (found, value, x, expected)
    assert tab.log.problems == []
