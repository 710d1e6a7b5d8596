# Keeps hashing off the end of the C stack when an app raised the recursion limit.
"""A bound on how deep hashing may recurse, whatever the interpreter's recursion limit.

The hasher runs the C pickler, which recurses once per level of nesting. Up to CPython
3.11, that recursion counts against the same limit as Python calls: an app that raises the
limit (``sys.setrecursionlimit(200_000)``) lets a deeply nested value exhaust the C stack,
and the process dies of a segmentation fault, as ``pickle.dumps`` of the same value does.

While a value is hashed, the limit is therefore lowered to the caller's depth plus
`BUDGET` levels, which fit comfortably in the usual 8 MiB stack (the costliest nesting
measured, a ``deque`` of ``deque``, takes about 290 bytes per level), and restored after.
A deeper value then raises `RecursionError`, which the hasher reports as an
`~cachelib.InternalHashError` saying the value is nested too deeply. Concurrent hashings in
other threads share the lowered limit: it is the highest any of them needs, and the
user's own limit comes back when the last one ends.

From CPython 3.12 on, recursion in C has a limit of its own, and nothing is changed.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

BUDGET = 10_000
"""Recursion levels hashing may use beyond its caller's depth, when the limit is higher."""

NEEDED = sys.version_info < (3, 12)
"""Whether C recursion counts against the interpreter's recursion limit."""

T = TypeVar("T")
R = TypeVar("R")

_lock = threading.Lock()
_wanted: list[int] = []  # the limit each running outermost hashing needs
_users_limit = 0  # the limit to restore when the last one ends
_local = threading.local()


def _depth() -> int:
    frame = sys._getframe(1)
    depth = 0
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    return depth


def _apply() -> None:
    target = max(_wanted) if _wanted else _users_limit
    if sys.getrecursionlimit() != target:
        # RecursionError: this thread is deeper than the others need; keep the limit higher.
        with contextlib.suppress(RecursionError):
            sys.setrecursionlimit(target)


def bounded(func: Callable[[T], R], arg: T) -> R:
    """Call ``func(arg)`` with recursion bounded to `BUDGET` levels below the caller.

    Args:
        func: The hashing to run.
        arg: Its argument.

    Returns:
        What ``func`` returns.
    """
    if not NEEDED or getattr(_local, "active", False) or sys.getrecursionlimit() <= BUDGET:
        return func(arg)
    global _users_limit
    with _lock:
        if not _wanted:
            _users_limit = sys.getrecursionlimit()
        wanted = min(_users_limit, _depth() + BUDGET)
        _wanted.append(wanted)
        _apply()
    _local.active = True
    try:
        return func(arg)
    finally:
        _local.active = False
        with _lock:
            _wanted.remove(wanted)
            _apply()
