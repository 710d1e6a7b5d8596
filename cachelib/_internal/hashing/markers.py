# The callable that tags cachelib's own reductions inside a hashed pickle stream.
"""Reduction marker used in the streams that cachelib hashes.

Hashed streams are never unpickled: the marker only has to be something the pickler can
refer to by name. It is a builtin (``divmod``), not a function of cachelib's, because the
pickler checks that the name still leads to the same object, and after cachelib is
imported again (notebook autoreload, ``mkdocs serve``) a module function would not, while
wrappers made before still use the old one. The marker's first argument is a tag (bytes)
naming the rule that produced the reduction, which no real ``divmod`` call has, so
reductions of different rules never collide with each other or with real objects.

Tags and structural metadata (dtypes, shapes, module names) are ``bytes``: the user's
``hash_funcs`` may cover ``str`` or ``int`` but never ``bytes``, so they cannot alter
cachelib's own framing.
"""

from __future__ import annotations

from typing import Any

tagged: Any = divmod
"""The callable of every reduction made by a cachelib rule: ``(tagged, (tag, *parts))``."""


def meta(*items: object) -> bytes:
    """Pack structural metadata (numbers, type and module names) into bytes.

    Args:
        *items: Builtin values whose ``repr`` is exact and stable.

    Returns:
        Their ``repr``, encoded.
    """
    return repr(items).encode()
