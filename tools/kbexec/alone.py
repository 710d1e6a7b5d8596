# What a snippet run on its own printed, rewritten in the form its page shows.
"""The output of `python -W always snippets/<path>.py`, as the page shows it.

A reader who runs a snippet sees its standard output and error interleaved, warnings as
Python prints them (`path:line: Category: message` and the source line), and, if it fails,
a traceback through every frame. The page shows the same run with each warning as
`Category: message` and only the snippet's own frames. `page_form` rewrites the first into
the second, so that `tests/test_snippets.py` compares a real run with the expected output the
fence compares the page with.
"""

from __future__ import annotations

import linecache
import re
from pathlib import Path

from ._expected import mask

_WARNING = re.compile(r"(?P<file>.+?):(?P<line>\d+): (?P<category>[A-Za-z_]\w*): (?P<rest>.*)")
_TRACEBACK = "Traceback (most recent call last):"
_FRAME = re.compile(r'  File "(?P<file>[^"]+)", line \d+')


def page_form(output: str, snippet: Path, name: str) -> str:
    """Rewrite what a snippet printed when run alone into what its page shows.

    Args:
        output: Its standard output and error, interleaved (the interpreter run unbuffered,
            with `-W always`).
        snippet: The snippet's path, as the interpreter was given it.
        name: The snippet's name in the page's tracebacks, `snippets/<path>.py`.

    Returns:
        The output, with warnings as `Category: message` lines, tracebacks keeping only the
        snippet's frames, the snippet's path replaced by `name` (the page runs the code under
        that name), masked as pages are, and without trailing newlines.
    """
    lines = _frames_kept(_warnings_shortened(output.splitlines()), str(snippet))
    return mask("\n".join(lines).replace(str(snippet), name)).rstrip("\n")


def _warnings_shortened(lines: list[str]) -> list[str]:
    """Replace each warning Python printed by `Category: message` (message lines kept)."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        match = _WARNING.fullmatch(lines[index])
        source = _source_line(match["file"], int(match["line"])) if match else ""
        if match is None or not source:
            result.append(lines[index])
            index += 1
            continue
        # The message runs up to the source line Python prints after it, indented by two.
        end = index
        while end < len(lines) and lines[end] != f"  {source}":
            end += 1
        if end == len(lines):  # not a warning after all
            result.append(lines[index])
            index += 1
            continue
        result.append(f"{match['category']}: {match['rest']}")
        result.extend(lines[index + 1 : end])
        index = end + 1
    return result


def _source_line(file: str, line: int) -> str:
    """Return a source line as the warnings module prints it (stripped), or ''."""
    return linecache.getline(file, line).strip() if Path(file).is_file() else ""


def _frames_kept(lines: list[str], snippet: str) -> list[str]:
    """Keep only the snippet's frames in tracebacks; drop a header left without frames."""
    result: list[str] = []
    header: int | None = None  # where the traceback being read starts in `result`
    in_frame = keep = False
    for line in lines:
        if line == _TRACEBACK:
            header, in_frame = len(result), False
            result.append(line)
            continue
        if header is not None:
            frame = _FRAME.match(line)
            if frame:
                in_frame, keep = True, frame["file"] == snippet
                if keep:
                    result.append(line)
                continue
            if in_frame and line.startswith("    "):
                if keep:
                    result.append(line)
                continue
            # The frames are over, the exception's lines follow. Like `traceback`, the
            # page omits the header of a traceback that has no frame left.
            if header == len(result) - 1:
                del result[header]
            header, in_frame = None, False
        result.append(line)
    return result
