# The one callable that tags cachelib's own reductions inside a hashed pickle stream.
"""Reduction marker used in the streams that cachelib hashes.

Hashed streams are never unpickled; the marker only has to be an importable global so
that the pickler can refer to it by name. Its first argument is a short tag naming the
rule that produced the reduction, so reductions of different rules never collide.

Tags and structural metadata (dtypes, shapes, module names) are ``bytes``: the user's
``hash_funcs`` may cover ``str`` or ``int`` but never ``bytes``, so they cannot alter
cachelib's own framing.
"""

from __future__ import annotations


def tagged(tag: bytes, *parts: object) -> object:
    """Stand in for a value reduced by one of cachelib's hashing rules.

    Args:
        tag: Name of the rule.
        *parts: The canonical parts of the value.

    Raises:
        RuntimeError: Always; hashed streams are never loaded.
    """
    raise RuntimeError(f"cachelib hash streams cannot be loaded (rule {tag!r})")


def meta(*items: object) -> bytes:
    """Pack structural metadata (numbers, type and module names) into bytes.

    Args:
        *items: Builtin values whose ``repr`` is exact and stable.

    Returns:
        Their ``repr``, encoded.
    """
    return repr(items).encode()
