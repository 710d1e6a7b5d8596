# Decides whether a function is the user's own code (body hashed) or library code (name only).
"""Tell the user's code from library code.

A function's body is hashed only if it is the user's own code: code compiled from a
string, the REPL or a notebook cell, or a file below the main script's folder, the
current working folder or a ``PYTHONPATH`` entry, and not inside an installed package,
the standard library, a hidden or virtual-environment folder, or cachelib itself.
"""

from __future__ import annotations

import functools
import os
import sys

_BLOCKED_PARTS = frozenset(
    {"site-packages", "dist-packages", "node_modules", "venv", "virtualenv", "pyenv"}
)
_BLOCKED_PREFIXES = ("anaconda", "miniconda")
_CACHELIB_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _library_roots() -> tuple[str, ...]:
    import sysconfig

    roots = {_CACHELIB_DIR}
    for name in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(name)
        if path:
            roots.add(os.path.abspath(path))
    return tuple(sorted(roots))


def _user_roots() -> tuple[str, ...]:
    roots = {os.getcwd()}
    main = sys.modules.get("__main__")
    main_file = getattr(main, "__file__", None)
    if isinstance(main_file, str) and not _is_blocked(os.path.abspath(main_file)):
        roots.add(os.path.dirname(os.path.abspath(main_file)))
    for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep):
        if entry:
            roots.add(os.path.abspath(entry))
    return tuple(sorted(roots))


def _is_blocked(path: str) -> bool:
    for part in path.split(os.sep)[1:]:
        if part.startswith(".") or part in _BLOCKED_PARTS or part.startswith(_BLOCKED_PREFIXES):
            return True
    return False


def _inside(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root + os.sep) for root in roots)


@functools.lru_cache(maxsize=4096)
def _is_user_file(filename: str, user_roots: tuple[str, ...]) -> bool:
    if not os.path.isabs(filename):
        # "<stdin>", "<string>", "<ipython-input-...>", doctest and docs-build blocks.
        return True
    path = os.path.normpath(filename)
    if _inside(path, (_CACHELIB_DIR,)):
        return False
    if _is_blocked(path):
        return False
    if _inside(path, _library_roots_cached()):
        return False
    return _inside(path, user_roots)


@functools.lru_cache(maxsize=1)
def _library_roots_cached() -> tuple[str, ...]:
    return _library_roots()


def is_user_code(filename: str) -> bool:
    """Return whether code compiled from ``filename`` is the user's own code.

    Args:
        filename: A code object's ``co_filename``.

    Returns:
        True if the body of functions from that file should be hashed.
    """
    return _is_user_file(filename, _user_roots())
