# App output: st.write prints; a modern cached function records it on a miss and replays it.
"""``write``, and the recording and replay of output for ``cache_data`` / ``cache_resource``.

In an app, what a cached function shows (``st.write``) is part of its result: Streamlit
records the elements on a miss and shows them again on every hit. Here output is text
on standard output, so a recording is the list of lines written while the function ran,
and a replay writes them again. Recordings nest (an outer cached function records what
its inner ones wrote or replayed) and follow the context: each thread and each asyncio
task records only its own calls. ``print`` is not recorded, as in Streamlit.
"""

from __future__ import annotations

import contextvars
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

_recorders: contextvars.ContextVar[tuple[list[str], ...]] = contextvars.ContextVar(
    "cachelib_recorders", default=()
)


def _emit(text: str) -> None:
    for recorder in _recorders.get():
        recorder.append(text)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def write(*args: object) -> None:
    """Write the arguments to standard output, separated by spaces.

    In an app, ``st.write`` shows them on the page; in a script, a test or the docs
    build this prints them, which is enough to see whether a cached function ran. Inside
    a ``cache_data`` or ``cache_resource`` function the lines are also recorded, and
    written again on every hit, as Streamlit replays elements.

    Args:
        *args: Objects to write; each is converted with ``str``.

    Examples:
        >>> import cachelib as st
        >>> st.write("rows:", 3)
        rows: 3
    """
    _emit(" ".join(str(arg) for arg in args))


class Recording:
    """Collects the lines written while a modern cached function runs (a context manager)."""

    __slots__ = ("_token", "lines")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._token: contextvars.Token[tuple[list[str], ...]] | None = None

    def __enter__(self) -> Recording:
        self._token = _recorders.set((*_recorders.get(), self.lines))
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._token is not None
        _recorders.reset(self._token)


def recording_depth() -> int:
    """Return how many cached functions are computing around the caller (0: none).

    Returns:
        The number of open recordings in this thread or task.
    """
    return len(_recorders.get())


def replay(lines: Iterable[str]) -> None:
    """Write recorded lines again (a hit of a function that wrote output).

    Args:
        lines: A recording's lines.
    """
    for line in lines:
        _emit(line)
