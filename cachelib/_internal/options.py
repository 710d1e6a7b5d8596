# Checks the decorators' options when decorating, so mistakes fail before the function runs.
"""Validation of the options of ``cache``, ``cache_data`` and ``cache_resource`` (D11).

Every check names the parameter in its ``TypeError`` or ``ValueError``. Durations
(``ttl``) accept seconds, a ``datetime.timedelta`` and, for the modern API, the strings
Streamlit 1.67 accepts through ``pandas.Timedelta`` (``"1h"``, ``"30m"``, ``"2 days"``,
``"1h30m"``, ``"01:30:00"``), parsed here without pandas; sizes (``max_size``) accept
bytes or a string with a binary unit (``"500MB"``, ``"1.5GiB"``; every unit is a power of
1024, as in Streamlit).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping

from .lines import atom, atom_repr, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    import re
    from collections.abc import Callable
    from typing import Any

    from .hashing import HashFunc


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
            message(
                TypeError,
                f"max_entries must be None or a positive whole number, not {type(value).__name__}"
                f" ({atom_repr(value)})",
            )
        )
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number) or number < 1 or (math.isfinite(number) and not number.is_integer()):
        raise ValueError(
            message(
                ValueError,
                f"max_entries must be None or a whole number of at least 1, not {atom_repr(value)}",
            )
        )
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
            message(
                TypeError,
                "ttl must be None, a number of seconds or a datetime.timedelta, not "
                f"{type(value).__name__} ({atom_repr(value)})",
            )
        )
    if math.isnan(seconds) or seconds < 0:
        raise ValueError(
            message(ValueError, f"ttl must be zero or more seconds, not {atom_repr(value)}")
        )
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
            message(
                TypeError,
                "hash_funcs must be a mapping from types (or their fully qualified names) to "
                f"hash functions, not {type(value).__name__}",
            )
        )
    checked: dict[Any, Callable[[Any], Any]] = {}
    for key, func in value.items():
        if not isinstance(key, (type, str)):
            raise TypeError(
                message(
                    TypeError,
                    f"hash_funcs keys must be types or fully qualified type names such as "
                    f"'_thread.RLock', not {type(key).__name__} ({atom_repr(key)})",
                )
            )
        if isinstance(key, str) and "." not in key.strip("."):
            raise ValueError(
                message(
                    ValueError,
                    f"hash_funcs key {atom_repr(key)} is not a fully qualified type name: a name "
                    "key must include the module, as in 'sqlite3.Connection' or '__main__.Model' "
                    "(or give the type itself)",
                )
            )
        if not callable(func):
            raise TypeError(
                message(
                    TypeError,
                    f"hash_funcs[{atom_repr(key)}] must be a callable that takes one object, not "
                    f"{type(func).__name__} ({atom_repr(func)})",
                )
            )
        checked[key] = func
    from .hashing.rules import normalize_hash_funcs

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


# --- the modern API ---------------------------------------------------------------------

_UNITS = {
    "w": 604800.0,
    "d": 86400.0, "day": 86400.0, "days": 86400.0,
    "h": 3600.0, "hr": 3600.0, "hour": 3600.0, "hours": 3600.0,
    "m": 60.0, "min": 60.0, "minute": 60.0, "minutes": 60.0,
    "s": 1.0, "sec": 1.0, "second": 1.0, "seconds": 1.0,
    "ms": 1e-3, "milli": 1e-3, "millis": 1e-3, "millisecond": 1e-3, "milliseconds": 1e-3,
    "us": 1e-6, "µs": 1e-6, "micro": 1e-6, "micros": 1e-6, "microsecond": 1e-6,
    "microseconds": 1e-6,
    "ns": 1e-9, "nano": 1e-9, "nanos": 1e-9, "nanosecond": 1e-9, "nanoseconds": 1e-9,
}  # fmt: skip
"""The units pandas 3 reads in a duration, lower-cased (``"M"`` alone, a month, is refused)."""
_NUMBER = r"\d+(?:\.\d*)?"
_ISO_PART = r"(?:(\d+(?:\.\d+)?){})?"
_PATTERNS = {
    "part": (rf"\s*({_NUMBER})\s*([a-zµ]+)\s*,?", True),
    "clock": (r"\s*(\d+):(\d\d?):(\d\d?(?:\.\d*)?)\s*$", False),
    "iso": (
        "P"
        + "".join(_ISO_PART.format(unit) for unit in "WD")
        + "(?:T"
        + "".join(_ISO_PART.format(unit) for unit in "HMS")
        + ")?",
        False,
    ),
    "size": (rf"({_NUMBER}|\.\d+) ?(b|kb|kib|mb|mib|gb|gib|tb|tib)", True),
}
_ISO_SCALES = (604800.0, 86400.0, 3600.0, 60.0, 1.0)
_SIZE_UNITS = {"b": 0, "kb": 1, "kib": 1, "mb": 2, "mib": 2, "gb": 3, "gib": 3, "tb": 4, "tib": 4}
_compiled: dict[str, re.Pattern[str]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    """Compile a pattern on first use (compiling them all costs milliseconds at import)."""
    pattern = _compiled.get(name)
    if pattern is None:
        import re

        text, ignore_case = _PATTERNS[name]
        pattern = _compiled[name] = re.compile(text, re.IGNORECASE if ignore_case else 0)
    return pattern


def parse_duration(text: str) -> float:
    """Return the seconds in a duration string, as ``pandas.Timedelta`` (pandas 3) reads it.

    Accepts a sequence of number-unit pairs (``"1h30m"``, ``"2 days 3 hours"``, ``"1.5h"``),
    an optional ``h:mm:ss`` clock at the end (``"1 day 02:00:00"``), a leading sign, and
    ISO 8601 durations (``"P1DT2H"``). Months and years are refused (they have no fixed
    length), and so is a number without a unit, which pandas would read as nanoseconds.

    Args:
        text: The duration.

    Returns:
        The number of seconds.

    Raises:
        ValueError: The text is not a duration.
    """
    rest = text.strip()
    sign = 1.0
    if rest[:1] in ("+", "-"):
        sign = -1.0 if rest[0] == "-" else 1.0
        rest = rest[1:]
    iso = _pattern("iso").fullmatch(rest)
    if iso is not None and any(iso.groups()):
        return sign * sum(
            float(number) * scale
            for number, scale in zip(iso.groups(), _ISO_SCALES, strict=True)
            if number
        )
    total = 0.0
    found = False
    position = 0
    while position < len(rest):
        clock = _pattern("clock").match(rest, position)
        if clock:
            hours, minutes, seconds = clock.groups()
            total += int(hours) * 3600 + int(minutes) * 60 + float(seconds)
            found = True
            position = len(rest)
            break
        part = _pattern("part").match(rest, position)
        if not part:
            break
        number, unit = part.groups()
        scale = None if unit == "M" else _UNITS.get(unit.lower())
        if scale is None:
            raise ValueError(f"unknown unit {unit!r} in the duration {text!r}")
        total += float(number) * scale
        found = True
        position = part.end()
    if not found or rest[position:].strip():
        raise ValueError(f"{text!r} is not a duration (a number needs a unit, as in '10s')")
    return sign * total


_TWO_DAYS = atom('"2 days"')  # an example with a space: never broken


def check_duration(value: object) -> float:
    """Return the modern ``ttl`` in seconds (``inf`` for no expiry).

    Args:
        value: None, seconds, a ``datetime.timedelta`` or a duration string.

    Returns:
        Seconds.

    Raises:
        TypeError: Another type.
        ValueError: A string that is not a duration, or a negative or NaN duration.
    """
    if isinstance(value, str):
        try:
            seconds = parse_duration(value)
        except ValueError as error:
            # The reason quotes the string: keep that repr whole too (a unit has no space).
            reason = str(error).replace(repr(value), atom_repr(value))
            raise ValueError(
                message(
                    ValueError,
                    f"ttl {atom_repr(value)} is not a duration: write seconds as a number, or a "
                    f'string such as "30s", "10m", "1h", "1d", {_TWO_DAYS} or "1h30m" ({reason})',
                )
            ) from None
        if seconds < 0:
            raise ValueError(
                message(ValueError, f"ttl must be zero or more seconds, not {atom_repr(value)}")
            )
        return seconds
    try:
        return check_ttl(value)
    except TypeError:
        raise TypeError(
            message(
                TypeError,
                "ttl must be None, a number of seconds, a datetime.timedelta or a duration string "
                f'such as "1h", not {type(value).__name__} ({atom_repr(value)})',
            )
        ) from None


def check_max_size(value: object) -> float:
    """Return ``max_size`` in bytes (``inf`` for no limit).

    Args:
        value: None, a whole number of bytes, or a string with a binary unit.

    Returns:
        The limit in bytes.

    Raises:
        TypeError: Another type.
        ValueError: Zero, negative, or a string without a known unit.
    """
    if value is None:
        return math.inf
    if isinstance(value, str):
        match = _pattern("size").fullmatch(value.strip())
        if match is None:
            raise ValueError(
                message(
                    ValueError,
                    f"max_size {atom_repr(value)} is not a size: give a whole number of bytes, or "
                    'a number with a unit such as "500MB", "1.5GB" or "200KiB" (powers of 1024)',
                )
            )
        size = int(float(match[1]) * 1024 ** _SIZE_UNITS[match[2].lower()])
    elif isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        raise TypeError(
            message(
                TypeError,
                f'max_size must be None, a whole number of bytes or a string such as "500MB", '
                f"not {type(value).__name__} ({atom_repr(value)})",
            )
        )
    if size < 1:
        raise ValueError(
            message(ValueError, f"max_size must be at least 1 byte, not {atom_repr(value)}")
        )
    return float(size)


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``.

    Args:
        name: The parameter's name, for the message.
        value: The option.
        choices: The accepted strings.

    Returns:
        The value.

    Raises:
        ValueError: Another value.
    """
    if not isinstance(value, str) or value not in choices:
        accepted = " or ".join(repr(choice) for choice in choices)
        raise ValueError(message(ValueError, f"{name} must be {accepted}, not {atom_repr(value)}"))
    return value


def check_callable(name: str, value: object) -> Callable[..., Any] | None:
    """Return ``value`` if it is None or callable.

    Args:
        name: The parameter's name, for the message.
        value: The option.

    Returns:
        The callable, or None.

    Raises:
        TypeError: Anything else.
    """
    if value is not None and not callable(value):
        raise TypeError(
            message(
                TypeError,
                f"{name} must be None or a function, not {type(value).__name__} "
                f"({atom_repr(value)})",
            )
        )
    return value


def check_persist(value: object) -> str | None:
    """Return the modern ``persist`` as ``"disk"``, a storage URL, or None.

    Args:
        value: ``"disk"``, ``True``, ``None``, ``False``, or a shared store's URL:
            ``"redis://[user:password@]host:port/db"`` or ``"rediss://..."``.

    Returns:
        ``"disk"``, the URL, or None.

    Raises:
        ValueError: Anything else, or a malformed URL.
    """
    if value is None or value is False:
        return None
    if value is True or value == "disk":
        return "disk"
    from .backends.factory import check_url, is_url

    if is_url(value):
        return check_url(value, "persist")  # type: ignore[arg-type]  # is_url: a str
    raise ValueError(
        message(
            ValueError,
            'persist must be "disk", True, False, None or a storage URL such as '
            f'"redis://localhost:6379/0", not {atom_repr(value)}',
        )
    )


def check_show_spinner(value: object) -> str | bool:
    """Return the modern ``show_spinner``: a bool, or the text to show.

    Args:
        value: A bool or a string.

    Returns:
        The option.

    Raises:
        TypeError: Anything else.
    """
    if isinstance(value, (bool, str)):
        return value
    raise TypeError(
        message(
            TypeError,
            f"show_spinner must be True, False or the text to show, not {type(value).__name__}"
            f" ({atom_repr(value)})",
        )
    )
