# A Markdown extension: a line `[[cachelib:NAME]]` becomes the lines a generator makes from data.
"""Generated parts of pages, written when the site is built, never committed as Markdown.

A line holding only ``[[cachelib:NAME]]`` is replaced, when the page is converted, by the
lines that ``NAME``'s generator returns. Generators read what is committed (cachelib's error
registry, the JSON records of the conformance, benchmark and reliability runs), so a page
always shows its data as of the commit, and no session rewrites a Markdown file.

========================  =========================================================
placeholder               generator
========================  =========================================================
``errors-table``          every public error and warning (``tools/registry_md.py``)
``errors-reference``      the API reference's directives, one per error class
``conformance-page``      the Conformance page (``tests/conformance/report.py``)
``performance-page``      the Performance page (``tests/benchmarks/report.py``)
``reliability-page``      the Reliability page (``tests/reliability/make_page.py``)
========================  =========================================================

It is a plain Python-Markdown preprocessor (no MkDocs hook), so any engine that runs
Python-Markdown renders it. Generators are imported when a page first needs them.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

from markdown import Extension  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

_PLACEHOLDER = re.compile(r"^\[\[cachelib:(?P<name>[a-z-]+)\]\]\s*$")

GENERATORS = {
    "errors-table": "tools.registry_md:errors_table",
    "errors-reference": "tools.registry_md:errors_reference",
    "conformance-page": "tests.conformance.report:page_lines",
    "performance-page": "tests.benchmarks.report:page_lines",
    "reliability-page": "tests.reliability.make_page:page_lines",
}
"""Placeholder name -> ``module:function``; the function takes no argument, returns lines."""


def generator(name: str) -> Callable[[], list[str]]:
    """Return the generator of a placeholder.

    Args:
        name: The placeholder's name (``errors-table`` for ``[[cachelib:errors-table]]``).

    Returns:
        A function of no argument that returns the Markdown lines.

    Raises:
        ValueError: No generator has that name.
    """
    if name not in GENERATORS:
        raise ValueError(f"unknown placeholder [[cachelib:{name}]]; known: {sorted(GENERATORS)}")
    module, _, function = GENERATORS[name].partition(":")
    found: Callable[[], list[str]] = getattr(importlib.import_module(module), function)
    return found


def expand(lines: list[str]) -> list[str]:
    """Replace every placeholder line by its generator's lines.

    Args:
        lines: A page's Markdown lines.

    Returns:
        The lines, with the generated parts in place.
    """
    result: list[str] = []
    for line in lines:
        match = _PLACEHOLDER.match(line)
        if match is None:
            result.append(line)
        else:
            result.extend(generator(match["name"])())
    return result


class _PlaceholderPreprocessor(Preprocessor):  # type: ignore[misc]
    def run(self, lines: list[str]) -> list[str]:
        return expand(lines)


class PlaceholderExtension(Extension):  # type: ignore[misc]
    """Registers the preprocessor (before pymdownx.snippets and the fences)."""

    def extendMarkdown(self, md: Any) -> None:
        """Add the preprocessor to ``md``.

        Args:
            md: The Markdown instance.
        """
        md.preprocessors.register(_PlaceholderPreprocessor(md), "cachelib_placeholders", 40)


def makeExtension(**kwargs: Any) -> PlaceholderExtension:
    """Return the extension (Python-Markdown's entry point).

    Args:
        **kwargs: Extension configuration (none).

    Returns:
        The extension.
    """
    return PlaceholderExtension(**kwargs)
