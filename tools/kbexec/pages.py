# Reads the fenced blocks of the site's Markdown pages the way SuperFences and the fence read them.
"""The `python` blocks of the site's pages: their declarations and the snippets they include.

The tests use this module to run every snippet on its own with the expectation its page
declares, so the info string is split with SuperFences' own expressions and validated by
the same `BlockSpec.from_options` as the fence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pymdownx.snippets import SnippetPreprocessor  # type: ignore[import-untyped]
from pymdownx.superfences import RE_NESTED_FENCE_START, RE_OPTIONS  # type: ignore[import-untyped]

from ._options import BlockSpec, OptionError

EXECUTED_LANGUAGES = ("python", "py")
"""Fence languages that the project fence runs (both are registered in `mkdocs.yml`)."""

_INCLUDE = SnippetPreprocessor.RE_ALL_SNIPPETS
_TARGET = SnippetPreprocessor.RE_SNIPPET_FILE


@dataclass(frozen=True)
class Block:
    """One fenced block of a page.

    Attributes:
        page: The page's path relative to the docs directory, e.g. `kb/caching-issues.md`.
        line: The line number of the opening fence.
        language: The fence's language.
        options: The options of the info string, or None when SuperFences cannot read them.
        body: The lines between the fences, without the block's indentation.
    """

    page: str
    line: int
    language: str
    options: Mapping[str, str] | None
    body: tuple[str, ...]

    @property
    def executed(self) -> bool:
        """Whether the project fence runs this block."""
        return self.language in EXECUTED_LANGUAGES

    @property
    def spec(self) -> BlockSpec:
        """The block's declaration, validated exactly as the fence validates it.

        Raises:
            OptionError: The info string is unreadable, or an option is wrong.
        """
        if self.options is None:
            raise OptionError('SuperFences cannot read this info string (use key="value" pairs)')
        return BlockSpec.from_options(self.options)

    @property
    def includes(self) -> tuple[str, ...]:
        """The snippet targets of the block's `--8<-- "path"` lines (with any `:lines` suffix)."""
        return tuple(target for line in self.body if (target := include_target(line)))

    @property
    def snippet(self) -> str | None:
        """The snippet path, when the block's body is one line including a whole file."""
        lines = [line for line in self.body if line.strip()]
        if len(lines) != 1 or not (target := include_target(lines[0])):
            return None
        path, line_ranges, section = _TARGET.match(target).groups()
        return None if line_ranges or section else str(path)


@dataclass(frozen=True)
class Page:
    """A Markdown page of the site.

    Attributes:
        path: The page's path relative to the docs directory.
        blocks: The page's fenced blocks, in order.
        includes: The snippet files included anywhere on the page (without `:lines` suffixes).
    """

    path: str
    blocks: tuple[Block, ...]
    includes: tuple[str, ...]


def include_target(line: str) -> str | None:
    """Return the target of a one-line snippet include such as `--8<-- "kb/x/repro.py"`."""
    match = _INCLUDE.match(line)
    if match is None or match.group("escape") or not match.group("snippet"):
        return None
    return str(match.group("snippet")[1:-1].strip())


def page_slug(page: str) -> str:
    """Return the slug that starts the ids of a page's blocks: the file's stem."""
    return Path(page).stem


def read_pages(docs_dir: Path) -> list[Page]:
    """Read every Markdown page under a docs directory.

    Args:
        docs_dir: The MkDocs `docs_dir`.

    Returns:
        The pages, sorted by path.
    """
    return [
        read_page(path.relative_to(docs_dir).as_posix(), path.read_text(encoding="utf-8"))
        for path in sorted(docs_dir.rglob("*.md"))
    ]


def read_page(page: str, text: str) -> Page:
    """Find the fenced blocks and snippet includes of one page.

    Args:
        page: The page's path relative to the docs directory.
        text: The page's Markdown source.

    Returns:
        The page.
    """
    lines = text.splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        indent = len(line) - len(line.lstrip(" \t>"))
        start = RE_NESTED_FENCE_START.match(line, indent)
        index += 1
        if start is None:
            continue
        opened = index
        prefix, end = line[:indent], re.compile(re.escape(start.group("fence")) + r"[ \t]*")
        body: list[str] = []
        while index < len(lines):
            content = lines[index]
            content = content[indent:] if content.startswith(prefix) else content.lstrip(" \t>")
            index += 1
            if end.fullmatch(content):
                break
            body.append(content)
        blocks.append(
            Block(
                page=page,
                line=opened,
                language=_language(start),
                options=_options(start),
                body=tuple(body),
            )
        )
    targets = (include_target(line) for line in lines)
    includes = tuple(dict.fromkeys(_TARGET.match(t).group(1) for t in targets if t))
    return Page(path=page, blocks=tuple(blocks), includes=includes)


def _language(start: re.Match[str]) -> str:
    """Return a fence's language, also in the `{.python ...}` attribute-list form."""
    if start.group("lang"):
        return str(start.group("lang"))
    first_class = re.search(r"(?:^|\s)\.([\w#.+-]+)", start.group("attrs") or "")
    return first_class.group(1) if first_class else ""


def _options(start: re.Match[str]) -> dict[str, str] | None:
    """Split an info string into options exactly as SuperFences does, or None if it cannot."""
    if start.group("attrs") is not None or start.group("unrecognized"):
        return None
    values: dict[str, str] = {}
    for option in RE_OPTIONS.finditer(start.group("options") or ""):
        key = option.group("key")
        values[key] = option.group("value") if option.group("value") is not None else key
    return values
