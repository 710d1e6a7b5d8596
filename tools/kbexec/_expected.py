# The output a block is expected to show, stored next to its snippet, and how it is compared.
"""Expected outputs: `snippets/<path>.out` holds exactly what the block of `<path>.py` shows.

The file is the text of the page's output block, followed by a newline (an empty file for a
block that shows nothing). The fence compares every block's output with it, and so does
`tests/test_snippets.py` for the same file run on its own; neither ever writes it. They are
written on request only: `python -m tools.kbexec --update` (`nox -s snippets-update`), which
builds the site with `KBEXEC_UPDATE=1`.

Parts of an output that change from run to run are replaced, in what the page shows and in
what is compared, by the patterns of `MASKS`, each under its name: the comparison itself is
exact.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from pathlib import Path

SUFFIX = ".out"
"""The expected output of `x.py` is `x.out`, beside it."""

UPDATE_ENV = "KBEXEC_UPDATE"
"""Set to 1: the fence writes the expected outputs instead of comparing with them."""

KEEP_GOING_ENV = "KBEXEC_KEEP_GOING"
"""Set to 1: a failing block is logged as an error and the build goes on to the next one."""

UPDATE_COMMAND = "python -m tools.kbexec --update (nox -s snippets-update)"
"""How to write the expected outputs, as failure messages tell it."""

MASKS: Mapping[str, tuple[re.Pattern[str], str]] = {
    # `<sqlite3.Connection object at 0x7f3a...>`: reprs in cachelib's messages name objects
    # by address, which changes with every run.
    "address": (re.compile(r"\b0x[0-9a-f]{6,16}\b"), "0x…"),
    # ``Running `load(...)`.``: the default spinner shows on standard error once a miss has run
    # for half a second, so whether it shows depends on the machine's speed and load (a 0.3 s
    # query takes longer on a busy build machine). Its lines are left out.
    "spinner": (re.compile(r"^Running `[^`\n]+`\.(?:\n|\Z)", re.MULTILINE), ""),
}
"""Named patterns of the varying parts of an output, and what replaces them."""


def mask(text: str) -> str:
    """Replace the varying parts of an output by their placeholders (see `MASKS`).

    Args:
        text: An output, as a block or a snippet run wrote it.

    Returns:
        The output as pages show it and expected outputs hold it.
    """
    for pattern, placeholder in MASKS.values():
        text = pattern.sub(placeholder, text)
    return text


def expected_path(snippet: Path) -> Path:
    """Return where the expected output of a snippet is stored.

    Args:
        snippet: The snippet file, `<path>.py`.

    Returns:
        `<path>.out`, beside it.
    """
    return snippet.with_suffix(SUFFIX)


def file_text(shown: str) -> str:
    """Return the content of an expected-output file for a block that shows `shown`."""
    return shown + "\n" if shown else ""


def difference(snippet: Path, shown: str, label: str) -> str | None:
    """Compare what a snippet's block shows with its expected output.

    Args:
        snippet: The snippet file.
        shown: The output shown (masked), without trailing newlines.
        label: What showed it, for the diff's header (e.g. "shown by the block").

    Returns:
        None when they are equal, else a sentence and a unified diff.
    """
    path = expected_path(snippet)
    if not path.is_file():
        return (
            f"no expected output: {_relative(path)} does not exist; write it with "
            f"{UPDATE_COMMAND}, then read it"
        )
    expected = path.read_text(encoding="utf-8")
    actual = file_text(shown)
    if expected == actual:
        return None
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{_relative(path)} (expected)",
        tofile=label,
    )
    body = "".join(line if line.endswith("\n") else line + "\n\\ No newline\n" for line in diff)
    return (
        f"the output differs from {_relative(path)}; if the new output is right, "
        f"update it with {UPDATE_COMMAND}:\n{body}"
    ).rstrip("\n")


def update(snippet: Path, shown: str) -> bool:
    """Write a snippet's expected output, when it changed.

    Args:
        snippet: The snippet file.
        shown: The output shown (masked), without trailing newlines.

    Returns:
        True when the file was written.
    """
    path = expected_path(snippet)
    content = file_text(shown)
    if path.is_file() and path.read_text(encoding="utf-8") == content:
        return False
    path.write_text(content, encoding="utf-8")
    return True


def updating() -> bool:
    """Tell whether the fence writes expected outputs (`KBEXEC_UPDATE=1`)."""
    return _flag(UPDATE_ENV)


def keeping_going() -> bool:
    """Tell whether a failing block lets the build go on (`KBEXEC_KEEP_GOING=1`)."""
    return _flag(KEEP_GOING_ENV)


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "no", "off", "false")


def _relative(path: Path) -> str:
    """Name a file relative to the working directory when it is under it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
