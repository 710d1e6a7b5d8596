# Short lines for every message cachelib shows: one wrapping rule, used by every error and warning.
"""Break the messages of cachelib's errors and warnings into short lines.

A message is written as paragraphs of prose. Before it is shown, `wrap` breaks each line
that is longer than `WIDTH` between words, and never inside a fact of the message (a name,
a type, a repr, a path, an address) or a piece of code: the composing code marks those with
`atom` (a run of text that is never broken) and `verbatim` (a line of code, shown as written).
A token longer than the width stays whole, on a line of its own. The parts of a message that
differ from one run or platform to another, a memory address and an errno number, count at a
fixed width (`shown_width`), so that a message breaks its lines the same way everywhere.

Why 72 characters: the site shows an output block with about 46 characters per line on a
390 px phone and about 97 on a 1280 px desktop (the site's monospace font at 0.85 of the text
size); a terminal usually has 80 columns. A line of at most 72 fits a desktop block and a
terminal whole, even after an indent of a few characters (a test runner's, a logger's), and
takes at most two rows on a phone, where the block wraps it.
"""

from __future__ import annotations

WIDTH = 72
"""Longest line of a message, in characters, unless one unbreakable token is longer."""

ADDRESS_WIDTH = 14
"""Width a memory address counts for (``0x`` and 12 hex digits, as 64-bit CPython prints them).

An address changes from run to run and from one platform to another (the site shows it as
``0x…``; Python in the browser prints shorter ones): counting every address as this width
makes the line breaks of a message the same everywhere.
"""
ERRNO_WIDTH = len("[Errno 000]")
"""Width an errno in an OSError's message counts for (Linux says 2 where the browser says 44)."""
_HEX = frozenset("0123456789abcdef")
_ERRNO = "[Errno "

_OPEN = "\ue000"
_CLOSE = "\ue001"
_VERBATIM = "\ue002"
# Private-use characters: repr() escapes them, and no name or address holds one.
_MARKERS = {ord(_OPEN): None, ord(_CLOSE): None, ord(_VERBATIM): None}


def atom(text: object) -> str:
    """Mark ``text`` as one token that `wrap` never breaks.

    Runs of whitespace inside it become single spaces, so that it stays on one line.

    Args:
        text: A fact of the message (shown with ``str()``) or a piece of code.

    Returns:
        The marked text, to place in a message that `wrap` formats.
    """
    return _OPEN + " ".join(str(text).translate(_MARKERS).split()) + _CLOSE


def atom_repr(value: object) -> str:
    """Return ``repr(value)`` marked as one token (see `atom`).

    Args:
        value: The value a message shows.

    Returns:
        Its marked repr.
    """
    return atom(repr(value))


def verbatim(line: str) -> str:
    """Mark ``line`` as a line of code, shown as it is written, however long.

    Args:
        line: One line, without a newline, indentation included.

    Returns:
        The marked line, to place on a line of its own in a message that `wrap` formats.
    """
    return _VERBATIM + line.replace("\n", " ").translate(_MARKERS)


def plain(text: str) -> str:
    """Return ``text`` with the marks of `atom` and `verbatim` removed, lines unchanged.

    Args:
        text: A message as composed, before `wrap`.

    Returns:
        The same text without marks: what the message says, unwrapped.
    """
    return text.translate(_MARKERS)


def shown_width(text: str) -> int:
    """Return the width `wrap` counts for ``text``: its length, but for the parts that differ.

    Every memory address counts as `ADDRESS_WIDTH` and every ``[Errno N]`` as `ERRNO_WIDTH`,
    whatever their digits.

    Args:
        text: Shown text, without marks.

    Returns:
        Its width in characters.
    """
    total = len(text)
    start = text.find("0x")
    while start != -1:
        end = start + 2
        while end < len(text) and text[end] in _HEX:
            end += 1
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        bounded = not any(char.isalnum() or char == "_" for char in (before, after))
        if 6 <= end - start - 2 <= 16 and bounded:
            total += ADDRESS_WIDTH - (end - start)
        start = text.find("0x", end)
    start = text.find(_ERRNO)
    while start != -1:
        end = start + len(_ERRNO)
        while end < len(text) and text[end].isdigit():
            end += 1
        if end > start + len(_ERRNO) and text[end : end + 1] == "]":
            total += ERRNO_WIDTH - (end + 1 - start)
        start = text.find(_ERRNO, end)
    return total


def _tokens(text: str) -> list[str]:
    """Split a line into tokens: at whitespace outside the marks of `atom`, nowhere else."""
    tokens: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == _OPEN:
            depth += 1
        elif char == _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and char.isspace():
            tokens.append("".join(current))
            current = []
            continue
        current.append(char)
    tokens.append("".join(current))
    return [token for token in tokens if plain(token)]  # an empty fact shows nothing


def wrap(text: str, *, width: int = WIDTH, first: int = 0) -> str:
    """Break the lines of a composed message so that none is longer than ``width``.

    Each line of ``text`` is kept as a line (the message's own line breaks stay) and is
    filled with as many words as fit. A line that continues an indented line, or an item
    that starts with ``"- "``, is indented two more spaces. A line made with `verbatim`
    is kept as written.

    Args:
        text: The message, with its facts marked by `atom` and its code by `verbatim`.
        width: The longest line, in characters.
        first: Characters already shown on the first line before the message, such as
            ``"cachelib.CacheError: "`` in a traceback: the first line is that much shorter.

    Returns:
        The message in lines of at most ``width`` characters, counted by `shown_width` (a
        token longer than that is alone on its line), without marks and without trailing
        spaces.
    """
    lines: list[str] = []
    for line in text.split("\n"):
        if line.startswith(_VERBATIM):
            lines.append(plain(line).rstrip())
            continue
        tokens = _tokens(line)
        if not tokens:
            lines.append("")
            continue
        indent = len(line) - len(line.lstrip(" "))
        hang = indent + 2 if indent or tokens[0] == "-" else indent
        limit = width - (first if not lines else 0)
        row = " " * indent + plain(tokens[0])
        for token in tokens[1:]:
            longer = f"{row} {plain(token)}"
            if shown_width(longer) <= limit:  # the whole row: "[Errno 2]" is two tokens
                row = longer
                continue
            lines.append(row)
            limit = width
            row = " " * hang + plain(token)
        lines.append(row)
    return "\n".join(lines)


def message(kind: type[BaseException], text: str) -> str:
    """Wrap the message of a built-in exception, as a traceback shows it after its class.

    Args:
        kind: The exception's class, such as `ValueError` (shown as ``"ValueError: "``).
        text: The message, with its facts marked by `atom`.

    Returns:
        The message in short lines (see `wrap`).
    """
    return wrap(text, first=len(kind.__qualname__) + 2)
