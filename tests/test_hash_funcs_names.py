"""``hash_funcs`` rules see the user's values only, never the library's names (issue 11, item 6).

A rule for ``str`` is not called with the cached function's module or qualified name, nor
with the module and name under which cachelib's own markers, builtins or reduction
callables are written; as in Streamlit 1.35.
"""

from __future__ import annotations

import collections
import datetime
import math
import os
import sqlite3
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cachelib
from cachelib._internal.hashing import Hasher, normalize_hash_funcs

np = pytest.importorskip("numpy")


class Recorder:
    """A hash function that records every value it is called with."""

    def __init__(self) -> None:
        self.seen: list[Any] = []

    def __call__(self, value: Any) -> Any:
        self.seen.append(value)
        return value


def _reject(value: str) -> str:
    raise ValueError(f"strings are not allowed here: {value!r}")


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


TOLERANCE = 3


def _helper(value: int) -> int:
    return value + TOLERANCE


def test_a_str_rule_is_not_called_when_a_function_without_strings_is_decorated_and_called() -> None:
    record = Recorder()

    @cachelib.cache(hash_funcs={str: record})
    def square(value):
        return [value * value]

    assert square(3) == [9]
    assert square(3) == [9]
    assert record.seen == []


def test_a_str_rule_that_rejects_strings_does_not_break_a_function_without_strings() -> None:
    @cachelib.cache(hash_funcs={str: _reject})
    def square(value):
        return [value * value]

    assert square(4) == [16]


def test_a_str_rule_never_sees_the_names_of_what_the_body_refers_to() -> None:
    record = Recorder()

    @cachelib.cache(hash_funcs={str: record})
    def compute(value):
        stamp = datetime.date(2024, 1, 1)
        point = Point(value, len([value]))
        return [_helper(point.x), math.floor(1.5), os.sep == "/", stamp.year]

    compute(1)

    # Names written in the body and its string constants are the user's code, as in 1.35
    # (an undefined or builtin global and an attribute of a local are hashed by name).
    code = compute.__wrapped__.__code__  # type: ignore[attr-defined]
    written = {*code.co_names, *(c for c in code.co_consts if isinstance(c, str)), os.sep}
    assert set(record.seen) <= written, record.seen
    library_names = {"builtins", "divmod", "compute", __name__, "datetime", "date", "floor"}
    assert not library_names & set(record.seen)
    assert compute.__wrapped__.__qualname__ not in record.seen  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "value",
    [
        [1, 2.5, None, b"x"],
        Point(1, 2),
        datetime.date(2024, 1, 1),
        collections.OrderedDict(a=1),
        {1, 2, frozenset({3})},
        np.float64(1.5),
        np.arange(3),
        np.int32(7),
        np.dtype("float32"),
        np.add,
        len,
        sqlite3.connect,
        str.lower,
        dict.fromkeys,
        Ellipsis,
        NotImplemented,
    ],
    ids=lambda value: type(value).__name__,
)
def test_a_str_rule_sees_only_the_strings_of_the_value(value: object) -> None:
    record = Recorder()
    Hasher(normalize_hash_funcs({str: record}), "arguments", "f").digest(value)

    allowed = {"a", "x", "y"}  # attribute names and dict keys of the values above
    assert set(record.seen) <= allowed, record.seen


def _strings_in(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for pair in value.items() for item in pair for s in _strings_in(item)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [s for item in value for s in _strings_in(item)]
    return []


leaves = st.one_of(st.integers(), st.floats(allow_nan=False), st.text(max_size=5), st.none())
keys = st.one_of(st.integers(), st.text(max_size=5))
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(keys, inner, max_size=3),
        st.frozensets(keys, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=80, deadline=None)
@given(values)
def test_a_str_rule_is_called_with_strings_of_the_value_only(value: Any) -> None:
    record = Recorder()
    Hasher(normalize_hash_funcs({str: record}), "arguments", "f").digest(value)

    assert set(record.seen) <= set(_strings_in(value))


@pytest.mark.parametrize(
    ("hash_funcs", "value", "equal", "different"),
    [
        ({str: len}, ["ab", 4], ["cd", 4], ["abc", 4]),
        ({int: lambda value: value % 3}, ["ab", 4], ["ab", 7], ["ab", 5]),
        ({tuple: len}, ["ab", (1, 2)], ["ab", (3, 4)], ["ab", (1, 2, 3)]),
    ],
    ids=["str", "int", "tuple"],
)
def test_rules_for_builtin_types_still_apply_to_the_users_values(
    hash_funcs: dict[Any, Callable[[Any], Any]], value: Any, equal: Any, different: Any
) -> None:
    digest = Hasher(normalize_hash_funcs(hash_funcs), "arguments", "f").digest

    assert digest(value) == digest(equal)
    assert digest(value) != digest(different)
