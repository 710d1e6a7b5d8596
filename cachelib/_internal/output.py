# The stand-in for app output: writes to standard output, like st.write in a script.
"""``write``: print its arguments, so "write from inside the function" debugging works."""

from __future__ import annotations

import sys


def write(*args: object) -> None:
    """Write the arguments to standard output, separated by spaces.

    In an app, ``st.write`` shows them on the page; in a script, a test or the docs
    build this prints them, which is enough to see whether a cached function ran.

    Args:
        *args: Objects to write; each is converted with ``str``.

    Examples:
        >>> import cachelib as st
        >>> st.write("rows:", 3)
        rows: 3
    """
    sys.stdout.write(" ".join(str(arg) for arg in args) + "\n")
    sys.stdout.flush()
