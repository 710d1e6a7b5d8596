"""Options of `cache_data` / `cache_resource`: checked when decorating (D11), ttl strings."""

from __future__ import annotations

import datetime
import math
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cachelib
from cachelib._internal.options import parse_duration


@pytest.fixture(autouse=True)
def _empty_modern_caches() -> Iterator[None]:
    cachelib.cache_data.clear()
    cachelib.cache_resource.clear()
    yield
    cachelib.cache_data.clear()
    cachelib.cache_resource.clear()


class Plain:
    pass


# --- D11: every bad option fails when decorating, naming the parameter ------------------

BOTH = {"cache_data": cachelib.cache_data, "cache_resource": cachelib.cache_resource}

# (option, value, exception); every case is refused by both decorators.
BAD_SHARED_OPTIONS: list[tuple[str, Any, type[Exception]]] = [
    ("ttl", "soon", ValueError),
    ("ttl", "", ValueError),
    ("ttl", "1 month", ValueError),
    ("ttl", "10 parsecs", ValueError),
    ("ttl", -1, ValueError),
    ("ttl", "-1h", ValueError),
    ("ttl", math.nan, ValueError),
    ("ttl", datetime.timedelta(seconds=-5), ValueError),
    ("ttl", [60], TypeError),
    ("ttl", b"1h", TypeError),
    ("max_entries", 0, ValueError),
    ("max_entries", -3, ValueError),
    ("max_entries", 2.5, ValueError),
    ("max_entries", math.nan, ValueError),
    ("max_entries", "10", TypeError),
    ("max_entries", True, TypeError),
    ("scope", "user", ValueError),
    ("scope", "Session", ValueError),
    ("scope", None, ValueError),
    ("refresh_mode", "sometimes", ValueError),
    ("refresh_mode", "BACKGROUND", ValueError),
    ("show_spinner", 3, TypeError),
    ("show_spinner", None, TypeError),
    ("hash_funcs", [(Plain, id)], TypeError),
    ("hash_funcs", {3: id}, TypeError),
    ("hash_funcs", {Plain: 3}, TypeError),
    ("hash_funcs", {"Plain": id}, ValueError),
]

BAD_DATA_OPTIONS: list[tuple[str, Any, type[Exception]]] = [
    ("max_size", 0, ValueError),
    ("max_size", -1, ValueError),
    ("max_size", "5 apples", ValueError),
    ("max_size", "MB", ValueError),
    ("max_size", "0KB", ValueError),
    ("max_size", 1.5, TypeError),
    ("max_size", [1024], TypeError),
    ("persist", "s3", ValueError),
    ("persist", "memory", ValueError),
    ("persist", 1, ValueError),
]

BAD_RESOURCE_OPTIONS: list[tuple[str, Any, type[Exception]]] = [
    ("validate", 3, TypeError),
    ("validate", "is_open", TypeError),
    ("on_release", "x", TypeError),
    ("on_release", 0, TypeError),
]


def _cases() -> Iterator[Any]:
    for name, decorator in BOTH.items():
        for option, value, error in BAD_SHARED_OPTIONS:
            yield pytest.param(decorator, option, value, error, id=f"{name}-{option}={value!r}")
    for option, value, error in BAD_DATA_OPTIONS:
        yield pytest.param(
            cachelib.cache_data, option, value, error, id=f"cache_data-{option}={value!r}"
        )
    for option, value, error in BAD_RESOURCE_OPTIONS:
        yield pytest.param(
            cachelib.cache_resource, option, value, error, id=f"cache_resource-{option}={value!r}"
        )


@pytest.mark.parametrize(("decorator", "option", "value", "error"), list(_cases()))
def test_a_bad_option_fails_when_decorating_naming_the_parameter(
    decorator: Callable[..., Any], option: str, value: Any, error: type[Exception]
) -> None:
    calls = []

    def func(x):
        calls.append(x)
        return x

    with pytest.raises(error, match=option):
        decorator(**{option: value})  # before any function is given
    with pytest.raises(error, match=option):
        decorator(func, **{option: value})

    assert calls == []


@pytest.mark.parametrize("decorator", BOTH.values(), ids=BOTH.keys())
def test_background_refresh_needs_a_ttl(decorator: Callable[..., Any]) -> None:
    for ttl in (None, 0, "0s"):
        with pytest.raises(ValueError, match="ttl"):
            decorator(refresh_mode="background", ttl=ttl)


@pytest.mark.parametrize("decorator", BOTH.values(), ids=BOTH.keys())
def test_background_refresh_is_refused_for_an_async_function(
    decorator: Callable[..., Any],
) -> None:
    async def fetch(x):
        return x

    with pytest.raises(ValueError, match="async"):
        decorator(fetch, ttl=60, refresh_mode="background")
    with pytest.raises(ValueError, match="async"):
        decorator(ttl=60, refresh_mode="background")(fetch)


@pytest.mark.parametrize("persist", ["disk", True])
def test_background_refresh_is_refused_with_persist(persist: Any) -> None:
    with pytest.raises(ValueError, match="persist"):
        cachelib.cache_data(lambda x: x, ttl=60, refresh_mode="background", persist=persist)


@pytest.mark.parametrize("decorator", BOTH.values(), ids=BOTH.keys())
def test_something_that_is_not_callable_cannot_be_decorated(
    decorator: Callable[..., Any],
) -> None:
    with pytest.raises(TypeError, match="int"):
        decorator(42)


GOOD_SHARED_OPTIONS: list[dict[str, Any]] = [
    {"ttl": None},
    {"ttl": 1.5},
    {"ttl": math.inf},
    {"ttl": datetime.timedelta(days=1)},
    {"ttl": "1h"},
    {"ttl": "2 days"},
    {"ttl": "1h30m"},
    {"ttl": "01:30:00"},
    {"max_entries": None},
    {"max_entries": 1},
    {"max_entries": 1000.0},
    {"show_spinner": False},
    {"show_spinner": "Loading the data..."},
    {"show_time": True},
    {"hash_funcs": {Plain: id, "sqlite3.Connection": id}},
    {"scope": "session"},
    {"refresh_mode": "background", "ttl": "10m"},
]


@pytest.mark.parametrize("decorator", BOTH.values(), ids=BOTH.keys())
@pytest.mark.parametrize("options", GOOD_SHARED_OPTIONS, ids=repr)
def test_valid_options_are_accepted_and_cache(
    decorator: Callable[..., Any], options: dict[str, Any]
) -> None:
    calls = []

    def double(x):
        calls.append(x)
        return x * 2

    cached = decorator(double, **options)

    assert cached(2) == cached(2) == 4
    assert calls == [2]


@pytest.mark.parametrize("decorator", BOTH.values(), ids=BOTH.keys())
@pytest.mark.parametrize("ttl", [0, 0.0, "0s", datetime.timedelta(0)], ids=repr)
def test_a_zero_ttl_is_accepted_and_keeps_nothing(decorator: Callable[..., Any], ttl: Any) -> None:
    calls = []

    def double(x):
        calls.append(x)
        return x * 2

    cached = decorator(double, ttl=ttl)

    assert cached(2) == cached(2) == 4
    assert calls == [2, 2]


@pytest.mark.parametrize(
    "options",
    [
        {"max_size": 1},
        {"max_size": 10**9},
        {"max_size": "500MB"},
        {"max_size": "1.5GiB"},
        {"max_size": "200 kib"},
        {"max_size": "1TB"},
        {"persist": None},
        {"persist": False},
    ],
    ids=repr,
)
def test_valid_cache_data_options_are_accepted(options: dict[str, Any]) -> None:
    cached = cachelib.cache_data(lambda x: [x], **options)

    assert cached(1) == [1]


@pytest.mark.parametrize("validate", [None, bool, lambda value: True])
@pytest.mark.parametrize("on_release", [None, print, lambda value: None])
def test_valid_cache_resource_callbacks_are_accepted(validate: Any, on_release: Any) -> None:
    cached = cachelib.cache_resource(lambda x: [x], validate=validate, on_release=on_release)

    assert cached(1) is cached(1)


# --- ttl strings: read as pandas.Timedelta reads them -----------------------------------


def pandas_seconds(text: str) -> float | None:
    """Return pandas' reading of ``text`` in seconds, or None where 1.67 refuses it."""
    pd = pytest.importorskip("pandas", reason="PANDAS IS MISSING: install cachelib[data]")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas deprecates some spellings it still reads
            seconds = float(pd.Timedelta(text).total_seconds())
    except (ValueError, OverflowError):
        return None
    return None if math.isnan(seconds) else seconds  # NaT: 1.67's bad time string


def cachelib_seconds(text: str) -> float | None:
    try:
        return parse_duration(text)
    except ValueError:
        return None


UNITS = [
    *("w",),
    *("d", "day", "days"),
    *("h", "hr", "hour", "hours"),
    *("m", "min", "minute", "minutes"),
    *("s", "sec", "second", "seconds"),
    *("ms", "milli", "millis", "millisecond", "milliseconds"),
    *("us", "µs", "micro", "micros", "microsecond", "microseconds"),
    *("ns", "nano", "nanos", "nanosecond", "nanoseconds"),
]
# Small enough numbers that a sum never leaves pandas' range (about 292 years).
NUMBERS = st.one_of(
    st.integers(0, 999).map(str),
    st.tuples(st.integers(0, 999), st.integers(0, 999_999)).map(lambda t: f"{t[0]}.{t[1]}"),
)
PARTS = st.tuples(
    NUMBERS, st.sampled_from(["", " "]), st.sampled_from(UNITS), st.sampled_from(["", " ", ","])
)
CLOCKS = st.tuples(
    st.integers(0, 99), st.integers(0, 59), st.integers(0, 59), st.sampled_from(["", ".5", ".25"])
).map(lambda t: f"{t[0]:02d}:{t[1]:02d}:{t[2]:02d}{t[3]}")


@st.composite
def durations(draw: st.DrawFn) -> str:
    """Number-unit pairs, then an optional clock; a sign only without a clock."""
    parts = draw(st.lists(PARTS, min_size=0, max_size=4))
    text = "".join(
        number + space + unit + (separator if index < len(parts) - 1 else "")
        for index, (number, space, unit, separator) in enumerate(parts)
    )
    clock = draw(st.none() | CLOCKS)
    if clock is not None:
        text = f"{text} {clock}" if text else clock
    elif not text:
        text = draw(PARTS.map(lambda p: p[0] + p[1] + p[2]))
    # pandas applies a leading sign to the number-unit pairs but not to a clock after them.
    sign = draw(st.sampled_from(["", "-", "+"])) if clock is None else ""
    padding = draw(st.sampled_from(["", " "]))
    return f"{padding}{sign}{text}{padding}"


@settings(max_examples=400, deadline=None)
@given(text=durations())
def test_parse_duration_agrees_with_pandas_timedelta(text: str) -> None:
    expected = pandas_seconds(text)
    assert expected is not None, f"the generator made a string pandas refuses: {text!r}"

    seconds = cachelib_seconds(text)

    assert seconds is not None, text
    assert math.isclose(seconds, expected, rel_tol=1e-9, abs_tol=1e-6), text


@pytest.mark.parametrize(
    "text",
    [
        "1h",
        "30m",
        "1d",
        "2 days",
        "1h30m",
        "1 h 30 m",
        "2 days 3 hours",
        "1.5h",
        "5.h",
        "1d 02:00:00",
        "1 days, 02:00:00",
        "1 day, 2:00:00",
        "02:00:00",
        "1:00:00.5",
        "1 day 1:00:00.123456789",
        "1h,30m",
        "1 d, 2 h",
        "1H",
        "1D",
        "1 Days",
        "1S",
        "1µs",
        "1d1h1m1s1ms1us1ns",
        "99:00:00",
        "  1h  ",
        "+1h",
    ],
)
def test_parse_duration_reads_the_examples_as_pandas_does(text: str) -> None:
    expected = pandas_seconds(text)
    assert expected is not None

    assert cachelib_seconds(text) == pytest.approx(expected, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "0:0:10",
        "1:2:3",
        "1 day 1:2:3",
        "P1D",
        "PT1H30M",
        "P1DT2H",
    ],
)
def test_parse_duration_accepts_other_forms_pandas_accepts(text: str) -> None:
    expected = pandas_seconds(text)
    assert expected is not None

    assert cachelib_seconds(text) == pytest.approx(expected, rel=1e-9, abs=1e-6)


BAD_DURATIONS = [
    "",
    " ",
    "soon",
    "h",
    "1x",
    "1M",
    "1Y",
    "1y",
    "1 month",
    "2 years",
    "10 mins",
    "5 secs",
    "1 hrs",
    "1h 30",
    "1d 2",
    "1 day 10:00",
    "10:00",
    "1 day -1h",
    "1h-30m",
    "01:00:00 1d",
    "1 hour and 30 min",
    "1e3s",
    "1_000s",
    "inf",
    "nan",
    "NaT",
    "1 week",
    "3 weeks",
    ".5h",
    "1T",
    "1L",
    "1U",
    "1N",
]


@pytest.mark.parametrize("text", BAD_DURATIONS)
def test_parse_duration_refuses_what_pandas_refuses(text: str) -> None:
    assert pandas_seconds(text) is None, "pandas reads it: not a bad string"

    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["soon", "1 month", "1 week", ".5h"])
def test_a_ttl_string_that_1_67_refuses_fails_when_decorating(text: str) -> None:
    assert pandas_seconds(text) is None

    with pytest.raises(ValueError, match="ttl"):
        cachelib.cache_data(ttl=text)
