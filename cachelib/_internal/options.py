# Checks the decorator's options when decorating, so mistakes fail before the function runs.
"""Validation of the options of ``cache`` (contract D11)."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping
from typing import Any

from .hashing import HashFunc, normalize_hash_funcs


class Options:
    """The checked options of one decorated function."""

    __slots__ = (
        "allow_output_mutation",
        "hash_funcs",
        "max_entries",
        "persist",
        "show_spinner",
        "ttl",
    )

    def __init__(
        self,
        *,
        persist: bool,
        allow_output_mutation: bool,
        show_spinner: bool,
        hash_funcs: dict[str, HashFunc],
        max_entries: float,
        ttl: float,
    ) -> None:
        self.persist = persist
        self.allow_output_mutation = allow_output_mutation
        self.show_spinner = show_spinner
        self.hash_funcs = hash_funcs
        self.max_entries = max_entries
        self.ttl = ttl


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_max_entries(value: object) -> float:
    """Return ``max_entries`` as a number of entries (``inf`` for no limit).

    Args:
        value: The ``max_entries`` option.

    Returns:
        The limit.

    Raises:
        TypeError: It is not None or a number.
        ValueError: It is below 1, NaN or not a whole number.
    """
    if value is None:
        return math.inf
    if not _is_number(value):
        raise TypeError(
            f"max_entries must be None or a positive whole number, not {type(value).__name__}"
            f" ({value!r})"
        )
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number) or number < 1 or (math.isfinite(number) and not number.is_integer()):
        raise ValueError(f"max_entries must be None or a whole number of at least 1, not {value!r}")
    return number


def check_ttl(value: object) -> float:
    """Return ``ttl`` in seconds (``inf`` for no expiry).

    Args:
        value: The ``ttl`` option: None, seconds, or a ``datetime.timedelta``.

    Returns:
        The time to live in seconds.

    Raises:
        TypeError: It is not None, a number or a timedelta.
        ValueError: It is negative or NaN.
    """
    if value is None:
        return math.inf
    datetime = sys.modules.get("datetime")  # a timedelta exists only if datetime was imported
    if datetime is not None and isinstance(value, datetime.timedelta):
        seconds = float(value.total_seconds())
    elif _is_number(value):
        seconds = float(value)  # type: ignore[arg-type]
    else:
        raise TypeError(
            "ttl must be None, a number of seconds or a datetime.timedelta, not "
            f"{type(value).__name__} ({value!r})"
        )
    if math.isnan(seconds) or seconds < 0:
        raise ValueError(f"ttl must be zero or more seconds, not {value!r}")
    return seconds


def check_hash_funcs(value: object) -> dict[str, HashFunc]:
    """Return ``hash_funcs`` keyed by fully qualified type name.

    Args:
        value: The ``hash_funcs`` option.

    Returns:
        The normalized mapping.

    Raises:
        TypeError: It is not a mapping of types or type names to callables.
        ValueError: A name key is not fully qualified (it could never match).
    """
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(
            "hash_funcs must be a mapping from types (or their fully qualified names) to "
            f"hash functions, not {type(value).__name__}"
        )
    checked: dict[Any, Callable[[Any], Any]] = {}
    for key, func in value.items():
        if not isinstance(key, (type, str)):
            raise TypeError(
                f"hash_funcs keys must be types or fully qualified type names such as "
                f"'_thread.RLock', not {type(key).__name__} ({key!r})"
            )
        if isinstance(key, str) and "." not in key.strip("."):
            raise ValueError(
                f"hash_funcs key {key!r} is not a fully qualified type name: a name key must "
                "include the module, as in 'sqlite3.Connection' or '__main__.Model' (or give "
                "the type itself)"
            )
        if not callable(func):
            raise TypeError(
                f"hash_funcs[{key!r}] must be a callable that takes one object, not "
                f"{type(func).__name__} ({func!r})"
            )
        checked[key] = func
    return normalize_hash_funcs(checked)


def check_options(
    *,
    persist: object,
    allow_output_mutation: object,
    show_spinner: object,
    hash_funcs: object,
    max_entries: object,
    ttl: object,
) -> Options:
    """Check every option of ``cache`` at decoration time.

    Args:
        persist: Truthy to persist to disk.
        allow_output_mutation: Truthy to skip the mutation check.
        show_spinner: Truthy to show progress on long misses.
        hash_funcs: Mapping of types or names to hash functions.
        max_entries: Entry limit.
        ttl: Time to live.

    Returns:
        The checked options.
    """
    return Options(
        persist=bool(persist),
        allow_output_mutation=bool(allow_output_mutation),
        show_spinner=bool(show_spinner),
        hash_funcs=check_hash_funcs(hash_funcs),
        max_entries=check_max_entries(max_entries),
        ttl=check_ttl(ttl),
    )
