"""Value hashing: type tags, exact floats and arrays, cycles, pickle reductions, hash_funcs."""

from __future__ import annotations

import collections
import dataclasses
import datetime
import decimal
import enum
import fractions
import functools
import io
import itertools
import os
import pathlib
import pickle
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import types
import uuid
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

import cachelib
from cachelib._internal.hashing import Hasher, normalize_hash_funcs

np = pytest.importorskip(
    "numpy", reason="NUMPY IS MISSING: the D1 array tests cannot run; install cachelib[data]"
)
pd = pytest.importorskip(
    "pandas", reason="PANDAS IS MISSING: the D1 frame tests cannot run; install cachelib[data]"
)
pa = pytest.importorskip(
    "pyarrow",
    reason="PYARROW IS MISSING: the Arrow column tests cannot run; install cachelib[data]",
)


def digest(value: object, hash_funcs: dict[Any, Callable[[Any], Any]] | None = None) -> bytes:
    """Hash ``value`` as an argument of a cached function would be hashed."""
    return Hasher(normalize_hash_funcs(hash_funcs), "arguments", "f").digest(value)


def assert_all_distinct(values: list[object], **kwargs: Any) -> None:
    digests = [digest(value, **kwargs) for value in values]
    for (i, a), (j, b) in itertools.combinations(enumerate(digests), 2):
        assert a != b, f"{values[i]!r} and {values[j]!r} collide"


def test_digest_is_sixteen_bytes_and_repeatable() -> None:
    value = {"a": [1, 2.5, "x", b"y", None, (True,)]}

    assert isinstance(digest(value), bytes)
    assert len(digest(value)) == 16
    assert digest(value) == digest(value)


# --- type tags --------------------------------------------------------------------------


def test_values_equal_in_python_but_of_different_types_differ() -> None:
    assert_all_distinct(
        [
            1,
            1.0,
            True,
            "1",
            b"1",
            bytearray(b"1"),
            [1],
            (1,),
            {1},
            frozenset({1}),
            {1: None},
            np.int64(1),
            np.float64(1.0),
            decimal.Decimal(1),
            fractions.Fraction(1),
            complex(1),
        ]
    )


def test_zero_like_values_differ() -> None:
    assert_all_distinct([0, 0.0, -0.0, False, None, "", b"", [], (), {}, set(), frozenset()])


def test_subclasses_of_containers_differ_from_the_plain_container() -> None:
    Pair = collections.namedtuple("Pair", "a b")

    assert digest(Pair(1, 2)) != digest((1, 2))
    assert digest(collections.OrderedDict(a=1)) != digest({"a": 1})
    assert digest(collections.Counter("ab")) != digest({"a": 1, "b": 1})


def test_int_enum_differs_from_its_int_value() -> None:
    class Level(enum.IntEnum):
        LOW = 1

    assert digest(Level.LOW) != digest(1)


def test_nested_structure_differs_from_flattened() -> None:
    assert_all_distinct([[1, 2], [[1], 2], [1, [2]], [[1, 2]], (1, 2), [(1, 2)]])


def test_large_integers_are_exact() -> None:
    assert_all_distinct([2**64, 2**64 + 1, -(2**64), 2**200, 2**200 + 1])


# --- D2: floats by their IEEE-754 bits --------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [(0.5, 2.0**60), (1.0, 2.0**61), (-1.0, -2.0), (0.0, -0.0), (float("inf"), float("-inf"))],
    ids=["0.5-vs-2**60", "1-vs-2**61", "-1-vs-2", "0-vs-minus-0", "inf-vs-minus-inf"],
)
def test_floats_with_equal_python_hash_get_different_keys(a: float, b: float) -> None:
    assert digest(a) != digest(b)


def test_nan_hashes_by_bits_so_every_nan_object_is_equal() -> None:
    assert digest(float("nan")) == digest(float("nan"))
    assert digest([float("nan")]) == digest([float("nan")])


def test_float_equal_values_rebuilt_are_equal() -> None:
    assert digest(0.1 + 0.2) == digest(0.30000000000000004)
    assert digest(0.1 + 0.2) != digest(0.3)


# --- D3: bytearray ----------------------------------------------------------------------


def test_bytearray_is_hashed_by_content() -> None:
    assert digest(bytearray(b"abc")) == digest(bytearray(b"abc"))
    assert digest(bytearray(b"abc")) != digest(bytearray(b"abd"))
    assert digest([bytearray(b"x")]) == digest([bytearray(b"x")])
    assert digest({"k": bytearray(b"x")}) != digest({"k": bytearray(b"y")})


def test_bytearray_differs_from_bytes_with_the_same_content() -> None:
    assert digest(bytearray(b"abc")) != digest(b"abc")


def test_bytearray_argument_works_end_to_end_positional_keyword_and_nested() -> None:
    @cachelib.cache
    def size(data, extra=()):
        return len(data) + sum(map(len, extra))

    assert size(bytearray(b"ab")) == 2
    assert size(data=bytearray(b"abc")) == 3
    assert size(b"", extra=[bytearray(b"abcd")]) == 4


# --- D4: pickle reductions --------------------------------------------------------------


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self, x: object, y: object) -> None:
        self.x = x
        self.y = y


@dataclasses.dataclass(slots=True)
class SlottedData:
    x: int


class Plain:
    def __init__(self, **attributes: object) -> None:
        self.__dict__.update(attributes)


def test_slots_instances_are_hashed_by_content() -> None:
    assert digest(Slotted(1, [2])) == digest(Slotted(1, [2]))
    assert digest(Slotted(1, [2])) != digest(Slotted(1, [3]))
    assert digest(SlottedData(1)) == digest(SlottedData(1))
    assert digest(SlottedData(1)) != digest(SlottedData(2))


def test_plain_instances_are_hashed_by_content() -> None:
    assert digest(Plain(a=1, b="x")) == digest(Plain(a=1, b="x"))
    assert digest(Plain(a=1, b="x")) != digest(Plain(a=1, b="y"))


@pytest.mark.parametrize(
    "value",
    [
        complex(1, 2),
        datetime.datetime(2024, 1, 2, 3, 4, 5),
        datetime.date(2024, 1, 2),
        decimal.Decimal("1.50"),
        fractions.Fraction(1, 3),
        pathlib.PurePosixPath("/data/file.csv"),
        uuid.UUID(int=7),
        range(3, 9, 2),
        object(),
        Ellipsis,
        type(None),
    ],
    ids=lambda value: type(value).__name__,
)
def test_values_pickle_can_reduce_are_hashable_and_repeatable(value: object) -> None:
    assert digest(value) == digest(value)


def test_equal_values_of_reducible_types_rebuilt_are_equal() -> None:
    assert digest(decimal.Decimal("1.50")) == digest(decimal.Decimal("1.50"))
    assert digest(decimal.Decimal("1.50")) != digest(decimal.Decimal("1.5"))
    assert digest(datetime.date(2024, 1, 2)) != digest(datetime.date(2024, 1, 3))
    assert digest(complex(1, 2)) != digest(complex(1, 3))


def _generator() -> Iterator[int]:
    yield 1


class _Refuses:
    def __reduce__(self) -> Any:
        raise TypeError("this object refuses to be pickled")


class _RefusesState:
    def __getstate__(self) -> Any:
        raise TypeError("no state for you")


def _refused_values() -> dict[str, Callable[[], object]]:
    return {
        "Lock": threading.Lock,
        "RLock": threading.RLock,
        "sqlite3-connection": lambda: sqlite3.connect(":memory:"),
        "sqlite3-cursor": lambda: sqlite3.connect(":memory:").cursor(),
        "socket": socket.socket,
        "generator": _generator,
        "weakref": lambda: weakref.ref(_KEEP_ALIVE),
        "memoryview": lambda: memoryview(b"ab"),
        "reduce-raises": _Refuses,
        "getstate-raises": _RefusesState,
    }


_KEEP_ALIVE = Plain()
_REFUSED = _refused_values()


@pytest.mark.parametrize("make", _REFUSED.values(), ids=_REFUSED.keys())
def test_what_pickle_refuses_raises_unhashable_type_error(make: Callable[[], object]) -> None:
    value = make()
    try:
        with pytest.raises(cachelib.UnhashableTypeError) as info:
            digest(value)
        with pytest.raises(cachelib.UnhashableTypeError):
            digest([{"nested": value}])
    finally:
        close = getattr(value, "close", None)
        if callable(close) and not isinstance(value, (types.GeneratorType,)):
            close()
    assert info.value.type_name == f"{type(value).__module__}.{type(value).__qualname__}"


def test_sqlite_connection_argument_raises_instead_of_sharing_an_entry() -> None:
    @cachelib.cache
    def query(connection):
        return connection.execute("select 1").fetchone()

    first = sqlite3.connect(":memory:")
    try:
        with pytest.raises(cachelib.UnhashableTypeError):
            query(first)
    finally:
        first.close()


# --- containers: sets, dicts, views -----------------------------------------------------


def test_sets_are_order_independent() -> None:
    items = [3, "a", 2.5, (1, 2), b"z", None, frozenset({1})]
    forward: set[object] = set()
    backward: set[object] = set()
    for item in items:
        forward.add(item)
    for item in reversed(items):
        backward.add(item)

    assert digest(forward) == digest(backward)
    assert digest(frozenset(items)) == digest(frozenset(reversed(items)))
    assert digest({"b", "a", "c"}) == digest({"c", "a", "b"})
    assert digest({"a", "b"}) != digest({"a", "c"})


def test_value_holding_many_frozensets_is_hashable() -> None:
    many = [frozenset({i}) for i in range(100)]

    assert digest(many) == digest([frozenset({i}) for i in range(100)])
    assert digest({"nested": [many]}) != digest({"nested": [many[:-1]]})


def test_value_holding_many_sets_is_hashable() -> None:
    many = [{i, -i} for i in range(100)]

    assert digest(many) == digest([{-i, i} for i in range(100)])


def test_set_and_frozenset_and_list_of_the_same_items_differ() -> None:
    assert_all_distinct([{1, 2}, frozenset({1, 2}), [1, 2], (1, 2)])


def test_set_with_true_differs_from_set_with_one() -> None:
    assert digest({1}) != digest({True})
    assert digest({0.0}) != digest({-0.0})


def test_sets_nested_in_other_values_are_order_independent() -> None:
    left = {"key": [{"x", "y", "z"}], "other": frozenset({(1, "a"), (2, "b")})}
    right = {"key": [{"z", "y", "x"}], "other": frozenset({(2, "b"), (1, "a")})}

    assert digest(left) == digest(right)


def test_dict_insertion_order_is_part_of_the_key() -> None:
    assert digest({"a": 1, "b": 2}) != digest({"b": 2, "a": 1})
    assert digest({"a": 1, "b": 2}) == digest(dict([("a", 1), ("b", 2)]))


def test_dict_keys_and_values_are_both_hashed() -> None:
    assert_all_distinct([{"a": 1}, {"a": 2}, {"b": 1}, {1: "a"}])


def test_mappingproxy_is_hashed_by_its_content() -> None:
    assert digest(types.MappingProxyType({"a": 1})) == digest(types.MappingProxyType({"a": 1}))
    assert digest(types.MappingProxyType({"a": 1})) != digest(types.MappingProxyType({"a": 2}))
    assert digest(types.MappingProxyType({"a": 1})) != digest({"a": 1})


def test_dict_items_view_is_hashed_by_content() -> None:
    assert digest({"a": 1}.items()) == digest({"a": 1}.items())
    assert digest({"a": 1}.items()) != digest({"a": 2}.items())


# --- cycles -----------------------------------------------------------------------------


def test_self_referencing_list_is_hashable_and_repeatable() -> None:
    first: list[object] = [1]
    first.append(first)
    second: list[object] = [1]
    second.append(second)
    other: list[object] = [2]
    other.append(other)

    assert digest(first) == digest(second)
    assert digest(first) != digest(other)


def test_self_referencing_dict_is_hashable() -> None:
    first: dict[str, object] = {"v": 1}
    first["self"] = first
    second: dict[str, object] = {"v": 1}
    second["self"] = second

    assert digest(first) == digest(second)


def test_cycle_through_an_instance_is_hashable() -> None:
    node = Plain(value=1)
    node.me = node  # type: ignore[attr-defined]
    twin = Plain(value=1)
    twin.me = twin  # type: ignore[attr-defined]

    assert digest(node) == digest(twin)
    assert digest([node, {"n": node}]) == digest([twin, {"n": twin}])


def test_cycle_through_a_set_is_hashable() -> None:
    def build(tag: int) -> Plain:
        node = Plain(tag=tag)
        node.members = {node, "x"}  # type: ignore[attr-defined]
        return node

    assert digest(build(1)) == digest(build(1))
    assert digest(build(1)) != digest(build(2))


class CopiesItsState:
    def __getstate__(self) -> dict[str, object]:
        return dict(self.__dict__)


def _self_referencing(kind: str, tag: int) -> object:
    if kind == "slots":
        node: Any = Slotted(tag, None)
        node.y = node
    elif kind == "slots-via-list":
        node = Slotted(tag, None)
        node.y = [node]
    else:
        node = CopiesItsState()
        node.tag = tag
        node.me = node
    return node


@pytest.mark.parametrize("kind", ["slots", "slots-via-list", "getstate-returns-a-copy"])
def test_cycle_through_an_object_whose_state_is_built_on_demand_is_hashable(kind: str) -> None:
    assert digest(_self_referencing(kind, 1)) == digest(_self_referencing(kind, 1))
    assert digest(_self_referencing(kind, 1)) != digest(_self_referencing(kind, 2))


def test_shared_reference_equals_a_copy() -> None:
    shared = [1, 2]

    assert digest([shared, shared]) == digest([[1, 2], [1, 2]])


# --- special rules ----------------------------------------------------------------------


def test_partial_is_hashed_by_function_args_and_keywords() -> None:
    base = functools.partial(int, "10", base=2)

    assert digest(base) == digest(functools.partial(int, "10", base=2))
    assert_all_distinct(
        [
            base,
            functools.partial(int, "11", base=2),
            functools.partial(int, "10", base=8),
            functools.partial(float, "10"),
        ]
    )


def test_regex_pattern_is_hashed_by_pattern_and_flags() -> None:
    assert digest(re.compile("a+b")) == digest(re.compile("a+b"))
    assert_all_distinct([re.compile("a+b"), re.compile("a+c"), re.compile("a+b", re.IGNORECASE)])


def test_stringio_is_hashed_by_content_and_position() -> None:
    a = io.StringIO("hello")
    b = io.StringIO("hello")
    assert digest(a) == digest(b)

    b.read(1)
    assert digest(a) != digest(b)
    assert digest(io.StringIO("hello")) != digest(io.StringIO("world"))


def test_bytesio_is_hashed_by_content_and_position() -> None:
    a = io.BytesIO(b"hello")
    b = io.BytesIO(b"hello")
    assert digest(a) == digest(b)

    b.seek(3)
    assert digest(a) != digest(b)
    assert digest(io.BytesIO(b"hello")) != digest(io.BytesIO(b"world"))


def test_real_file_is_hashed_by_name_mtime_and_position(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_text("line one\nline two\n")
    twin = tmp_path / "twin.txt"
    twin.write_text("line one\nline two\n")
    os.utime(twin, (1_000_000, 1_000_000))
    os.utime(path, (1_000_000, 1_000_000))

    with path.open() as handle, path.open() as again, twin.open() as other:
        at_start = digest(handle)
        assert digest(again) == at_start
        assert digest(other) != at_start  # another name

        handle.readline()
        assert digest(handle) != at_start  # another position

        os.utime(path, (2_000_000, 2_000_000))
        assert digest(again) != at_start  # another modification time


def test_mock_instances_are_always_distinct() -> None:
    first = mock.Mock()
    second = mock.Mock()
    magic = mock.MagicMock()

    assert digest(first) == digest(first)
    assert_all_distinct([first, second, magic, mock.MagicMock()])


def test_classes_and_modules_are_hashed_by_name() -> None:
    assert digest(int) == digest(int)
    assert_all_distinct([int, str, Plain, Slotted, os, re])


def test_large_strings_are_hashed_by_full_content() -> None:
    size = 3 * 2**20
    text = "a" * size

    assert digest(text) == digest("a" * size)
    assert_all_distinct([text, "b" + text[1:], text[:-1] + "b", text + "a", text.encode()])


# --- D1: NumPy --------------------------------------------------------------------------


def test_equal_arrays_have_equal_keys() -> None:
    array = np.arange(12, dtype=np.int64).reshape(3, 4)

    assert digest(array) == digest(array.copy())
    assert digest(array) == digest(np.arange(12, dtype=np.int64).reshape(3, 4))


def test_fortran_order_array_equals_c_order_array_with_equal_values() -> None:
    array = np.arange(12, dtype=np.float64).reshape(3, 4)

    assert digest(np.asfortranarray(array)) == digest(np.ascontiguousarray(array))


def test_non_contiguous_view_equals_its_contiguous_copy() -> None:
    assert digest(np.arange(20)[::3]) == digest(np.arange(0, 20, 3))
    assert digest(np.arange(12).reshape(3, 4)[:, 1]) == digest(np.array([1, 5, 9]))


def test_array_dtype_is_part_of_the_key() -> None:
    assert_all_distinct(
        [
            np.zeros(4, dtype=np.int32),
            np.zeros(4, dtype=np.float32),
            np.zeros(4, dtype=np.int64),
            np.zeros(4, dtype=np.uint32),
            np.zeros(4, dtype=">i4"),
            np.zeros(2, dtype=np.int64),  # same bytes as 4 int32 zeros, other dtype and shape
        ]
    )


def test_array_shape_is_part_of_the_key() -> None:
    flat = np.arange(6)

    assert_all_distinct([flat, flat.reshape(2, 3), flat.reshape(3, 2), flat.reshape(1, 6)])


def test_any_element_change_is_a_different_key() -> None:
    array = np.zeros(2_000_000, dtype=np.float64)
    base = digest(array)
    for index in (0, 4, 1_234_567, 1_999_999):
        changed = array.copy()
        changed[index] = 1.0
        assert digest(changed) != base, index


def test_array_negative_zero_and_nan_payloads_are_distinct_bits() -> None:
    assert digest(np.array([0.0])) != digest(np.array([-0.0]))
    assert digest(np.array([np.nan])) == digest(np.array([np.nan]))


def test_datetime_and_object_arrays_are_hashable() -> None:
    days = np.array(["2024-01-01", "2024-01-02"], dtype="datetime64[D]")
    objects = np.array([{"a": 1}, [2]], dtype=object)

    assert digest(days) == digest(days.copy())
    assert digest(days) != digest(days.astype("datetime64[s]"))
    assert digest(objects) == digest(np.array([{"a": 1}, [2]], dtype=object))
    assert digest(objects) != digest(np.array([{"a": 1}, [3]], dtype=object))


def test_numpy_scalars_differ_from_python_scalars() -> None:
    assert_all_distinct([1, np.int64(1), np.int32(1), 1.0, np.float64(1.0), np.float32(1.0)])


# --- D1: pandas -------------------------------------------------------------------------


def _frame() -> Any:
    return pd.DataFrame(
        {
            "n": [1, 2, 3],
            "f": [0.5, 1.5, np.nan],
            "s": ["a", "b", "c"],
        },
        index=[10, 20, 30],
    )


def test_equal_frames_have_equal_keys_including_copies() -> None:
    frame = _frame()

    assert digest(frame) == digest(_frame())
    assert digest(frame) == digest(frame.copy())
    assert digest(frame) == digest(frame.copy(deep=True))


def test_frame_column_rename_is_a_different_key() -> None:
    frame = _frame()

    assert digest(frame) != digest(frame.rename(columns={"n": "m"}))


def test_frame_row_order_is_a_different_key() -> None:
    frame = _frame()

    assert digest(frame) != digest(frame.iloc[::-1])
    assert digest(frame) != digest(frame.iloc[::-1].set_axis(frame.index))


def test_frame_index_is_part_of_the_key() -> None:
    frame = _frame()

    assert digest(frame) != digest(frame.set_axis([11, 20, 30]))
    assert digest(frame) != digest(frame.reset_index(drop=True))


def test_frame_dtype_is_part_of_the_key() -> None:
    frame = _frame()

    assert digest(frame) != digest(frame.astype({"n": "int32"}))
    assert digest(frame) != digest(frame.astype({"n": "float64"}))


def test_frame_cell_change_is_a_different_key_even_in_a_large_frame() -> None:
    frame = pd.DataFrame({"a": np.arange(200_000), "b": np.zeros(200_000)})
    base = digest(frame)
    changed = frame.copy()
    changed.loc[0, "b"] = 1.0

    assert digest(changed) != base


def test_series_name_is_part_of_the_key() -> None:
    series = pd.Series([1, 2, 3], name="a")

    assert digest(series) == digest(series.copy())
    assert_all_distinct([series, series.rename("b"), series.rename(None)])


def test_series_dtype_index_and_order_are_part_of_the_key() -> None:
    series = pd.Series([1, 2, 3], name="a")

    assert_all_distinct(
        [
            series,
            series.astype("int32"),
            series.astype("float64"),
            series.set_axis([5, 6, 7]),
            series.iloc[::-1],
            series.iloc[::-1].reset_index(drop=True),
        ]
    )


def test_index_objects_are_hashed_exactly() -> None:
    assert digest(pd.Index([1, 2, 3])) == digest(pd.Index([1, 2, 3]).copy())
    assert_all_distinct(
        [
            pd.Index([1, 2, 3]),
            pd.Index([3, 2, 1]),
            pd.Index([1, 2, 3], name="x"),
            pd.Index([1.0, 2.0, 3.0]),
            pd.RangeIndex(3),
            pd.MultiIndex.from_tuples([(1, "a"), (2, "b")]),
            pd.MultiIndex.from_tuples([(1, "a"), (2, "c")]),
        ]
    )


def test_default_string_column_is_hashed_by_content() -> None:
    # pandas 3 stores str columns in Arrow by default.
    series = pd.Series(["alpha", "beta", "gamma"])

    assert digest(series) == digest(pd.Series(["alpha", "beta", "gamma"]))
    assert digest(series) == digest(series.copy())
    assert_all_distinct(
        [
            series,
            pd.Series(["alpha", "beta", "delta"]),
            pd.Series(["alpha", "beta", "gamma"], dtype=object),
            pd.Series(["alphabeta", "", "gamma"]),
        ]
    )


def test_arrow_string_column_with_missing_values_has_equal_keys_for_copies() -> None:
    series = pd.Series(["a", None, "c"], dtype="string[pyarrow]")

    assert digest(series) == digest(series.copy())
    assert digest(series) == digest(pd.Series(["a", None, "c"], dtype="string[pyarrow]"))
    assert digest(series) != digest(pd.Series(["a", "", "c"], dtype="string[pyarrow]"))


def test_sliced_arrow_string_column_equals_the_unsliced_equivalent() -> None:
    full = pd.Series(["a", "bb", "ccc", "dddd"], dtype="string[pyarrow]")
    sliced = full.iloc[1:3].reset_index(drop=True)

    assert digest(sliced) == digest(pd.Series(["bb", "ccc"], dtype="string[pyarrow]"))


def test_chunked_arrow_column_equals_the_single_chunk_equivalent() -> None:
    chunked = pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array([["bb"], ["ccc", "d"]])))
    single = pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array([["bb", "ccc", "d"]])))

    assert digest(chunked) == digest(single)
    assert digest(chunked) != digest(
        pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array([["bb"], ["ccc", "e"]])))
    )


def test_sliced_arrow_numeric_column_equals_the_unsliced_equivalent() -> None:
    full = pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array([[1, 2, 3, 4]])))
    sliced = full.iloc[1:3].reset_index(drop=True)

    assert digest(sliced) == digest(
        pd.Series(pd.arrays.ArrowExtensionArray(pa.chunked_array([[2, 3]])))
    )


def test_categorical_column_is_hashed_by_categories_and_codes() -> None:
    series = pd.Series(["a", "b", "a"], dtype="category")

    assert digest(series) == digest(series.copy())
    assert digest(series) == digest(pd.Series(["a", "b", "a"], dtype="category"))
    assert_all_distinct(
        [
            series,
            pd.Series(["a", "b", "b"], dtype="category"),
            pd.Series(["a", "b", "a"]),
            pd.Series(pd.Categorical(["a", "b", "a"], categories=["b", "a"])),
            pd.Series(pd.Categorical(["a", "b", "a"], ordered=True)),
        ]
    )


def test_nullable_int_column_with_missing_values_is_hashed_exactly() -> None:
    series = pd.Series([1, None, 3], dtype="Int64")

    assert digest(series) == digest(series.copy())
    assert digest(series) == digest(pd.Series([1, None, 3], dtype="Int64"))
    assert_all_distinct(
        [
            series,
            pd.Series([1, 0, 3], dtype="Int64"),
            pd.Series([1, 2, 3], dtype="Int64"),
            pd.Series([1.0, np.nan, 3.0]),
            pd.Series([1, None, 3], dtype="Int32"),
        ]
    )


def test_frame_with_every_column_kind_has_equal_keys_for_copies() -> None:
    frame = pd.DataFrame(
        {
            "int": [1, 2, 3],
            "nullable": pd.array([1, None, 3], dtype="Int64"),
            "str": ["x", "y", None],
            "cat": pd.Categorical(["p", "q", "p"]),
            "when": pd.to_datetime(["2024-01-01", "2024-01-02", None]),
            "tz": pd.date_range("2024-01-01", periods=3, tz="UTC"),
            "obj": [{"a": 1}, [2], None],
        }
    )

    assert digest(frame) == digest(frame.copy())
    assert digest(frame) == digest(frame.copy(deep=True))


class FrameSubclass(pd.DataFrame):
    @property
    def _constructor(self) -> type[FrameSubclass]:
        return FrameSubclass


class SeriesSubclass(pd.Series):
    @property
    def _constructor(self) -> type[SeriesSubclass]:
        return SeriesSubclass


def test_user_subclasses_of_frame_and_series_are_hashed_exactly() -> None:
    # Like geopandas.GeoDataFrame: a subclass defined outside pandas.
    frame = FrameSubclass({"n": pd.array([1, None, 3], dtype="Int64"), "s": ["a", "b", None]})
    series = SeriesSubclass(pd.array([1, None, 3], dtype="Int64"), name="n")

    assert digest(frame) == digest(frame.copy())
    assert digest(series) == digest(series.copy())
    assert digest(frame) != digest(frame.rename(columns={"n": "m"}))
    assert digest(frame) != digest(pd.DataFrame(frame))


_CHILD_DIGESTS = """
import pickle, sys
from cachelib._internal.hashing import Hasher
digest = Hasher({}, "arguments", "f").digest
values = pickle.loads(sys.stdin.buffer.read())
print(" ".join(digest(value).hex() for value in values))
"""


def test_array_and_frame_digests_are_equal_in_another_process_with_another_hash_seed() -> None:
    values = [
        np.arange(6, dtype=np.int16).reshape(2, 3),
        np.array([{"b", "a"}, None], dtype=object),
        _frame(),
        pd.Series(["a", None, "c"], dtype="string[pyarrow]", name="s"),
        pd.Series(pd.Categorical(["x", "y", "x"], categories=["y", "x"])),
        pd.Series([1, None], dtype="Int64"),
        pd.MultiIndex.from_tuples([(1, "a"), (2, "b")], names=["n", "s"]),
    ]
    result = subprocess.run(
        [sys.executable, "-c", _CHILD_DIGESTS],
        input=pickle.dumps(values),
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": "4242"},
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().split() == [digest(value).hex() for value in values]


# --- hash_funcs -------------------------------------------------------------------------


class Connection:
    def __init__(self, url: str) -> None:
        self.url = url
        self.lock = threading.RLock()


class PooledConnection(Connection):
    pass


def test_hash_funcs_keyed_by_type_replace_the_default_hash() -> None:
    funcs = {Connection: lambda c: c.url}

    assert digest(Connection("a"), funcs) == digest(Connection("a"), funcs)
    assert digest(Connection("a"), funcs) != digest(Connection("b"), funcs)


def test_hash_funcs_keyed_by_fully_qualified_name_work_like_type_keys() -> None:
    fqn = f"{Connection.__module__}.{Connection.__qualname__}"
    by_name = {fqn: lambda c: c.url}

    assert digest([Connection("a")], by_name) == digest([Connection("a")], by_name)
    assert digest([Connection("a")], by_name) != digest([Connection("b")], by_name)


def test_hash_funcs_short_name_key_is_ignored() -> None:
    with pytest.raises(cachelib.UnhashableTypeError):
        digest(Connection("a"), {"Connection": lambda c: c.url})


def test_hash_funcs_match_the_exact_type_not_subclasses() -> None:
    funcs = {Connection: lambda c: c.url}

    with pytest.raises(cachelib.UnhashableTypeError) as info:
        digest(PooledConnection("a"), funcs)
    assert info.value.type_name == "_thread.RLock"


def test_hash_funcs_apply_to_nested_objects() -> None:
    funcs = {Connection: lambda c: c.url}

    assert digest({"db": [Connection("a")]}, funcs) == digest({"db": [Connection("a")]}, funcs)
    assert digest({"db": [Connection("a")]}, funcs) != digest({"db": [Connection("b")]}, funcs)


def test_hash_funcs_for_a_builtin_type_apply_inside_containers() -> None:
    parity = {int: lambda x: x % 2}

    assert digest([1, {"k": (3,)}], parity) == digest([3, {"k": (5,)}], parity)
    assert digest([1], parity) != digest([2], parity)
    assert digest({1, 3}, parity) == digest({5, 7}, parity)


def test_hash_funcs_never_apply_to_bytes() -> None:
    ignore = {bytes: lambda _: None, bytearray: lambda _: None}

    assert digest(b"a", ignore) != digest(b"b", ignore)
    assert digest(bytearray(b"a"), ignore) != digest(bytearray(b"b"), ignore)


def test_hash_funcs_result_is_not_confused_with_the_plain_value() -> None:
    funcs = {Connection: lambda c: c.url}

    assert digest(Connection("a"), funcs) != digest("a")


def test_identity_hash_function_on_int_keeps_ints_apart() -> None:
    # D10: Streamlit collapsed every int to one key with {int: lambda x: x}.
    funcs = {int: lambda x: x}

    assert_all_distinct([1, 2, 3, -1, [1], [2]], hash_funcs=funcs)


def test_same_type_hash_function_on_str_does_not_recurse() -> None:
    # D10: Streamlit recursed until RecursionError with {str: str.lower}.
    funcs = {str: str.lower}

    assert digest("ABC", funcs) == digest("abc", funcs)
    assert digest(["ABC", {"Key": "X"}], funcs) == digest(["abc", {"key": "x"}], funcs)
    assert digest("abc", funcs) != digest("abd", funcs)


def test_d10_hash_functions_work_end_to_end() -> None:
    calls = []

    @cachelib.cache(hash_funcs={int: lambda x: x})
    def ident(x):
        calls.append(x)
        return x

    @cachelib.cache(hash_funcs={str: str.lower})
    def lower(text):
        calls.append(text)
        return text.lower()

    assert [ident(1), ident(2), ident(1)] == [1, 2, 1]
    assert [lower("ABC"), lower("abc"), lower("abd")] == ["abc", "abc", "abd"]
    assert calls == [1, 2, "ABC", "abd"]


def test_hash_funcs_apply_to_arguments_end_to_end() -> None:
    calls = []

    @cachelib.cache(hash_funcs={Connection: lambda c: c.url})
    def query(connection):
        calls.append(connection.url)
        return connection.url

    assert query(Connection("a")) == query(Connection("a")) == "a"
    assert query(Connection("b")) == "b"
    assert calls == ["a", "b"]


GLOBAL_CONNECTION = Connection("db://global")


def _reads_global_connection() -> str:
    return GLOBAL_CONNECTION.url + "?"


def _passes_global_connection() -> str:
    return _url_of(GLOBAL_CONNECTION)


def _url_of(connection: Connection) -> str:
    return connection.url


def test_body_reference_to_an_unhashable_global_raises_in_the_body() -> None:
    with pytest.raises(cachelib.UnhashableTypeError) as info:
        cachelib.cache(_passes_global_connection)()

    assert info.value.where == "body"
    assert info.value.func_name == "_passes_global_connection"
    assert info.value.type_name == "_thread.RLock"


def test_hash_funcs_apply_to_body_references() -> None:
    cached = cachelib.cache(_passes_global_connection, hash_funcs={Connection: lambda c: c.url})

    assert cached() == "db://global"


def test_body_reading_only_an_attribute_hashes_only_that_attribute() -> None:
    assert cachelib.cache(_reads_global_connection)() == "db://global?"


def test_hash_funcs_apply_to_return_values() -> None:
    @cachelib.cache
    def connect_unhashable(url):
        return Connection(url)

    @cachelib.cache(hash_funcs={Connection: lambda c: c.url})
    def connect(url):
        return Connection(url)

    with pytest.raises(cachelib.UnhashableTypeError) as info:
        connect_unhashable("a")
    assert info.value.where == "return value"

    connection = connect("a")
    assert connect("a") is connection
    connection.lock = threading.RLock()  # not part of its hash: no mutation warning
    assert connect("a") is connection
    connection.url = "b"  # part of its hash: a mutation
    with pytest.warns(cachelib.CachedObjectMutationWarning):
        assert connect("a") is connection


def test_raising_hash_function_gives_user_hash_error() -> None:
    def broken(_connection: Connection) -> str:
        raise KeyError("missing")

    with pytest.raises(cachelib.UserHashError) as info:
        digest([Connection("a")], {Connection: broken})

    assert isinstance(info.value.__cause__, KeyError)
    assert "broken" in str(info.value)
