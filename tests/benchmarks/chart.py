"""The Performance page's chart, as HTML written when the site is built (pure Python).

Each key case's median time per contender, divided by the time one core needs to read the
payload, on a log scale, with the 1× and 1.5× lines. One row per case: its title above a strip
where each contender has a lane of its own, so close values never hide each other. The chart
is text and small inline SVG marks placed by percentages: it takes the page's width (390 px
on a phone as 1280 px on a desktop) without scaling its text, and its colours are CSS
variables of ``docs/stylesheets/kb.css`` and Material's, so it follows the light and dark
schemes. A sampled hasher's mark is hollow.
"""

from __future__ import annotations

import html
import math
from typing import Any

from .contenders import CACHELIB, STREAMLIT

SERIES = [
    (CACHELIB, "circle"),
    ("joblib.hash", "square"),
    ("pickle + md5", "diamond"),
    (STREAMLIT, "triangle"),
]
"""The contenders drawn, in lane order, with the shape of their mark (colours: kb.css)."""

TARGET = 1.5
"""The target line: an exact key within 1.5× of one core's read time."""

_SHAPES = {
    "circle": '<circle r="3.6"/>',
    "square": '<rect x="-3.2" y="-3.2" width="6.4" height="6.4"/>',
    "diamond": '<path d="M0-4.4 4.4 0 0 4.4-4.4 0Z"/>',
    "triangle": '<path d="M0-4.4 4.2 3.4H-4.2Z"/>',
}


def read_time(results: dict[str, Any], case: dict[str, Any], nbytes: int | None) -> float | None:
    """Seconds one core needs to read ``nbytes``, at the bandwidth measured in the case's rounds."""
    limit = case.get("limit") or results["limit"]
    return None if not nbytes else nbytes / limit["bytes_per_s"]


def multiple(value: float) -> str:
    """A multiple of the read time, as the chart writes it (``0.55×``, ``9.1×``, ``318×``)."""
    if value >= 100:
        return f"{value:,.0f}×"
    if value >= 10:
        return f"{value:.0f}×"
    return f"{value:.2f}×" if value < 1 else f"{value:.1f}×"


def _tick(decade: int) -> str:
    """A gridline's label, short enough for seven of them across a phone (``0.1×``, ``10k×``)."""
    if decade < 0:
        return f"{10.0**decade:g}×"
    if decade >= 3:
        return f"{10 ** (decade - 3)}k×"
    return f"{10**decade}×"


def points(results: dict[str, Any]) -> list[tuple[str, list[tuple[str, float, bool]]]]:
    """The chart's data: per key case, (contender, multiple of the read time, sampled)."""
    rows = []
    for case in results["cases"]:
        if case["group"] != "key":
            continue
        floor = read_time(results, case, case.get("payload_bytes"))
        marks = []
        for name, _ in SERIES:
            entry = case["results"].get(name, {})
            if floor and entry.get("status") == "ok":
                marks.append((name, entry["median_s"] / floor, bool(entry.get("sampled"))))
        rows.append((case["title"], marks))
    return rows


def html_lines(results: dict[str, Any]) -> list[str]:
    """The chart as raw HTML lines (one block, no blank line), or none without key cases."""
    rows = points(results)
    values = [value for _, marks in rows for _, value, _ in marks]
    if not values:
        return []
    low = math.floor(math.log10(min([*values, 1.0])))
    high = math.ceil(math.log10(max([*values, TARGET])))

    def at(value: float) -> str:
        return f"{(math.log10(value) - low) / (high - low) * 100:.2f}%"

    lanes = {name: lane for lane, (name, _) in enumerate(SERIES)}
    classes = {name: f"kb-chart__s{lane}" for name, lane in lanes.items()}
    shapes = {classes[name]: shape for name, shape in SERIES}

    def mark(series: str, sampled: bool, style: str = "", tip: str = "") -> str:
        kind = f"kb-chart__mark {series}" + (" kb-chart__mark--hollow" if sampled else "")
        shape = _SHAPES[shapes.get(series, "circle")]
        title = f"<title>{html.escape(tip)}</title>" if tip else ""
        return (
            f'<svg class="{kind}"{style} viewBox="-5 -5 10 10" aria-hidden="true">'
            f"{title}{shape}</svg>"
        )

    grid = "".join(
        f'<span class="kb-chart__grid" style="left:{at(10.0**d)}"></span>'
        for d in range(low, high + 1)
    )
    lines = [
        '<figure class="kb-chart" role="group" aria-labelledby="kb-chart-title">',
        '<figcaption id="kb-chart-title" class="kb-chart__title">Key of each value: time'
        " relative to reading it once (median time ÷ one core's memory-read time of the payload,"
        " log scale)</figcaption>",
        '<ul class="kb-chart__legend">',
    ]
    for name, _ in SERIES:
        lines.append(f"<li>{mark(classes[name], False)}{html.escape(name)}</li>")
    lines += [
        f"<li>{mark('kb-chart__neutral', True)}hollow: sampled, not exact</li>",
        '<li><span class="kb-chart__key kb-chart__key--one"></span>1× one core\'s read time</li>',
        f'<li><span class="kb-chart__key kb-chart__key--target"></span>{TARGET}× read time'
        " (target)</li>",
        "</ul>",
    ]
    for title, marks in rows:
        lines.append('<div class="kb-chart__row">')
        lines.append(f'<div class="kb-chart__label">{html.escape(title)}</div>')
        lines.append('<div class="kb-chart__track"><div class="kb-chart__scale">' + grid)
        for kind, value in (("one", 1.0), ("target", TARGET)):
            position = f'style="left:{at(value)}"'
            lines.append(f'<span class="kb-chart__line kb-chart__line--{kind}" {position}></span>')
        for name, value, sampled in marks:
            tip = f"{name}{' (sampled)' if sampled else ''}: {multiple(value)}"
            style = f' style="left:{at(value)};top:{(lanes[name] + 0.5) / len(SERIES) * 100:.1f}%"'
            lines.append(mark(classes[name], sampled, style, tip))
        lines.append("</div></div>")
        lines.append("</div>")
    ticks = "".join(
        f'<span style="left:{at(10.0**d)}">{_tick(d)}</span>' for d in range(low, high + 1)
    )
    lines += [
        f'<div class="kb-chart__axis"><div class="kb-chart__scale">{ticks}</div></div>',
        "</figure>",
    ]
    return lines
