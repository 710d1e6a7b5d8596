# Decides whether a function is the user's own code (body hashed) or library code (name only).
"""Tell the user's code from library code.

A function's body is hashed only if it is the user's own code: code compiled from a
string, the REPL or a notebook cell, or a file below the main script's folder or a
``PYTHONPATH`` entry (an empty entry meaning the current working folder), as Streamlit
1.35 decides, and not inside an installed package, the standard library, a hidden or
virtual-environment folder, or cachelib itself. The current working folder takes the
main script's place only where there is no script: ``python -c``, the REPL, a notebook
(contract D7), or a main module that is itself library code (``python -m pytest``).
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
    for name in ("stdlib", "platstdlib", "purelib", "platlib", "scripts"):
        path = sysconfig.get_paths().get(name)
        if path:
            roots.add(os.path.abspath(path))
    return tuple(sorted(roots))


@functools.lru_cache(maxsize=16)
def _user_roots(main_file: str | None, cwd: str, pythonpath: str) -> tuple[str, ...]:
    roots: set[str] = set()
    script = os.path.normpath(os.path.join(cwd, main_file)) if main_file is not None else None
    if script is not None and not _is_library_file(script):
        folder = os.path.dirname(script)
        roots.update((folder, os.path.realpath(folder)))
    else:  # no script, or a library's: the folder the user works in
        roots.add(cwd)
    if pythonpath:  # as in 1.35: an empty entry is the current folder, no variable is none
        roots.update(os.path.normpath(os.path.join(cwd, e)) for e in pythonpath.split(os.pathsep))
    return tuple(sorted(roots))


def _is_library_file(path: str) -> bool:
    return _is_blocked(path) or _inside(os.path.normpath(path), _library_roots_cached())


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
    return not _is_library_file(path) and _inside(path, user_roots)


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
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    roots = _user_roots(
        main_file if isinstance(main_file, str) else None,
        os.getcwd(),
        os.environ.get("PYTHONPATH", ""),
    )
    return _is_user_file(filename, roots)
