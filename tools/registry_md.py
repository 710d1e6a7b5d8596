# A Markdown extension that writes the lists of errors and warnings from cachelib's registry.
"""Pages list cachelib's errors and warnings from the one registry, never by hand.

A line holding only one of these placeholders is replaced when the page is converted:

``[[cachelib:errors-table]]``
    A table of every public error and warning: class (linked to its section on the errors
    page), kind, ``code`` and title.
``[[cachelib:errors-reference]]``
    One mkdocstrings ``::: cachelib.<Name>`` directive per class, errors first, for the
    API reference.

It is a plain Python-Markdown preprocessor (no MkDocs hook), so any engine that runs
Python-Markdown renders it; the registry is `cachelib._internal.errors.REGISTRY`.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

_PLACEHOLDER = re.compile(r"^\[\[cachelib:(?P<name>[a-z-]+)\]\]\s*$")


def _registry() -> dict[str, type]:
    from cachelib._internal.errors import REGISTRY

    return dict(REGISTRY)


def _kind(cls: type) -> str:
    return "warning (`UserWarning`)" if issubclass(cls, Warning) else "exception"


def errors_table(link_prefix: str = "") -> list[str]:
    """Return the Markdown table of every public error and warning.

    Args:
        link_prefix: Put before ``#code`` in the links (``"errors.md"`` from another page).

    Returns:
        The table's lines.
    """
    lines = ["| class | kind | `code` | when |", "|---|---|---|---|"]
    for code, cls in _registry().items():
        title = getattr(cls, "title", "")
        lines.append(
            f"| [`{cls.__name__}`]({link_prefix}#{code}) | {_kind(cls)} | `{code}` | {title} |"
        )
    return lines


def errors_reference() -> list[str]:
    """Return the mkdocstrings directives of every public error, then every warning.

    Returns:
        Lines, with a heading before each group.
    """
    classes = list(_registry().values())
    lines = ["## Errors", ""]
    for cls in (c for c in classes if not issubclass(c, Warning)):
        lines += [f"::: cachelib.{cls.__name__}", ""]
    lines += ["## Warnings", ""]
    for cls in (c for c in classes if issubclass(c, Warning)):
        lines += [f"::: cachelib.{cls.__name__}", ""]
    return lines


_GENERATORS = {"errors-table": errors_table, "errors-reference": errors_reference}


class _RegistryPreprocessor(Preprocessor):  # type: ignore[misc]
    def run(self, lines: list[str]) -> list[str]:
        result: list[str] = []
        for line in lines:
            match = _PLACEHOLDER.match(line)
            if match is None:
                result.append(line)
                continue
            generate = _GENERATORS.get(match["name"])
            if generate is None:
                raise ValueError(f"unknown placeholder {line.strip()!r}")
            result.extend(generate())
        return result


class RegistryExtension(Extension):  # type: ignore[misc]
    """Registers the preprocessor (before pymdownx.snippets and the fences)."""

    def extendMarkdown(self, md: Any) -> None:
        """Add the preprocessor to ``md``.

        Args:
            md: The Markdown instance.
        """
        md.preprocessors.register(_RegistryPreprocessor(md), "cachelib_registry", 40)


def makeExtension(**kwargs: Any) -> RegistryExtension:
    """Return the extension (Python-Markdown's entry point).

    Args:
        **kwargs: Extension configuration (none).

    Returns:
        The extension.
    """
    return RegistryExtension(**kwargs)
