# The lists of errors and warnings, written from cachelib's registry when the site is built.
"""Pages list cachelib's errors and warnings from the one registry, never by hand.

Two generators for ``tools/placeholders.py``:

``[[cachelib:errors-table]]``
    A table of every public error and warning: class (linked to its section on the errors
    page), kind, ``code`` and title.
``[[cachelib:errors-reference]]``
    One mkdocstrings ``::: cachelib.<Name>`` directive per class, errors first, for the
    API reference.

The registry is `cachelib._internal.errors.REGISTRY`.
"""

from __future__ import annotations


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
