"""The mutation check: a hit re-hashes the stored value and warns if it changed (D8, D12)."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

import cachelib

np = pytest.importorskip(
    "numpy", reason="NUMPY IS MISSING: array mutation tests cannot run; install cachelib[data]"
)
pd = pytest.importorskip(
    "pandas", reason="PANDAS IS MISSING: frame mutation tests cannot run; install cachelib[data]"
)

Mutation = cachelib.CachedObjectMutationWarning


@contextmanager
def recorded() -> Iterator[list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


@contextmanager
def no_warnings() -> Iterator[None]:
    with recorded() as caught:
        yield
    assert [str(w.message) for w in caught] == []


class Box:
    def __init__(self, value: object) -> None:
        self.value = value


def test_mutated_value_warns_on_every_hit_and_is_returned() -> None:
    calls = []

    @cachelib.cache
    def numbers():
        calls.append(1)
        return [1, 2, 3]

    first = numbers()
    first.append(4)

    with recorded() as record:
        second = numbers()
        third = numbers()

    assert [w.category for w in record] == [Mutation, Mutation]
    assert second is first
    assert third is first
    assert first == [1, 2, 3, 4]
    assert calls == [1]  # the function does not run again


def test_mutation_warning_goes_through_python_warnings_and_can_be_an_error() -> None:
    @cachelib.cache
    def numbers():
        return [1]

    numbers().append(2)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Mutation)
        with pytest.raises(Mutation):
            numbers()


def test_mutation_warning_points_at_the_callers_line() -> None:
    @cachelib.cache
    def numbers():
        return [1]

    numbers().append(2)
    with pytest.warns(Mutation) as record:
        numbers()

    assert record[0].filename == __file__


def test_unmutated_value_never_warns() -> None:
    @cachelib.cache
    def table():
        return {"rows": [[1, 2], [3, 4]], "names": {"a", "b"}, "box": Box([1])}

    with no_warnings():
        value = table()
        _ = [row[:] for row in value["rows"]]
        _ = sorted(value["names"])
        for _ in range(3):
            assert table() is value


def test_mutation_then_restore_does_not_warn() -> None:
    @cachelib.cache
    def numbers():
        return [1, 2]

    value = numbers()
    value.append(3)
    value.pop()

    with no_warnings():
        assert numbers() is value


MUTATIONS: dict[str, tuple[Callable[[], Any], Callable[[Any], None]]] = {
    "list-append": (lambda: [1], lambda v: v.append(2)),
    "list-inside-tuple": (lambda: (1, [2]), lambda v: v[1].append(3)),
    "nested-dict-change": (lambda: [{"a": 1}], lambda v: v[0].update(a=2)),
    "dict-new-key": (lambda: {"a": 1}, lambda v: v.update(b=2)),
    "set-add": (lambda: {1, 2}, lambda v: v.add(3)),
    "attribute-change": (lambda: Box(1), lambda v: setattr(v, "value", 2)),
    "attribute-added": (lambda: Box(1), lambda v: setattr(v, "other", 2)),
    "bytearray-change": (lambda: bytearray(b"ab"), lambda v: v.extend(b"c")),
    "float-same-python-hash": (lambda: [0.5], lambda v: v.__setitem__(0, 2.0**60)),
    "negative-zero": (lambda: [0.0], lambda v: v.__setitem__(0, -0.0)),
    "ndarray-element": (lambda: np.zeros(3), lambda v: v.__setitem__(1, 5.0)),
    "ndarray-element-large": (
        lambda: np.zeros(1_000_000),
        lambda v: v.__setitem__(0, 1.0),
    ),
    "frame-cell": (
        lambda: pd.DataFrame({"a": [1, 2]}),
        lambda v: v.__setitem__("a", [1, 3]),
    ),
    "frame-new-column": (
        lambda: pd.DataFrame({"a": [1, 2]}),
        lambda v: v.__setitem__("b", [0, 0]),
    ),
    "frame-column-rename-in-place": (
        lambda: pd.DataFrame({"a": [1, 2]}),
        lambda v: setattr(v, "columns", ["z"]),
    ),
    "series-rename-in-place": (
        lambda: pd.Series([1, 2], name="a"),
        lambda v: setattr(v, "name", "b"),
    ),
}


@pytest.mark.parametrize(("make", "mutate"), MUTATIONS.values(), ids=MUTATIONS.keys())
def test_mutation_is_detected(make: Callable[[], Any], mutate: Callable[[Any], None]) -> None:
    cached = cachelib.cache(make)
    value = cached()
    with no_warnings():
        assert cached() is value
    mutate(value)

    with pytest.warns(Mutation):
        assert cached() is value


READS: dict[str, Callable[[Any], Any]] = {
    "describe": lambda f: f.describe(),
    "column-sum": lambda f: f["a"].sum(),
    "loc": lambda f: f.loc[6],
    "groupby": lambda f: f.groupby("s")["a"].sum(),
    "sort-copy": lambda f: f.sort_values("a", ascending=False),
    "to-numpy": lambda f: f.to_numpy(),
    "index-lookups": lambda f: (f.index.is_unique, f.index.get_loc(6)),
    "repr": repr,
    "string-accessor": lambda f: f["s"].str.upper(),
    "categorical-accessor": lambda f: f["c"].cat.codes,
    "to-dict": lambda f: f.to_dict(),
}


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
def test_reading_a_returned_frame_never_warns(read: Callable[[Any], Any]) -> None:
    @cachelib.cache
    def frame():
        return pd.DataFrame(
            {
                "a": [3, 1, 2],
                "s": ["x", "y", "x"],
                "c": pd.Categorical(["p", "q", "p"]),
                "n": pd.array([1, None, 3], dtype="Int64"),
            },
            index=pd.Index([5, 6, 7], name="i"),
        )

    value = frame()
    read(value)

    with no_warnings():
        assert frame() is value


def test_reading_a_returned_array_never_warns() -> None:
    @cachelib.cache
    def array():
        return np.arange(12.0).reshape(3, 4)

    value = array()
    _ = (value.sum(), value.T, value[::2], value.flags, value.tolist(), np.sort(value, axis=0))

    with no_warnings():
        assert array() is value


def test_allow_output_mutation_skips_the_check() -> None:
    calls = []

    @cachelib.cache(allow_output_mutation=True)
    def numbers():
        calls.append(1)
        return [1]

    value = numbers()
    value.append(2)

    with no_warnings():
        assert numbers() is value
        assert numbers() is value
    assert calls == [1]


def test_allow_output_mutation_accepts_an_unhashable_return_value() -> None:
    @cachelib.cache(allow_output_mutation=True)
    def connect():
        return {"lock": threading.RLock()}

    assert connect() is connect()


def test_entry_stored_without_output_hash_is_never_reported_as_mutated() -> None:
    # D12: two wrappers of one function share entries; the checking wrapper must not
    # warn about an entry that the non-checking wrapper stored (it has no output hash).
    def numbers():
        return [1]

    resource = cachelib.cache(numbers, allow_output_mutation=True)
    checked = cachelib.cache(numbers)

    value = resource()
    value.append(2)

    with no_warnings():
        assert checked() is value  # shared entry, no false alarm
        assert checked() is value


def test_entry_stored_by_the_checking_wrapper_still_reports_a_real_mutation() -> None:
    def numbers():
        return [1]

    checked = cachelib.cache(numbers)
    resource = cachelib.cache(numbers, allow_output_mutation=True)

    value = checked()
    with no_warnings():
        resource().append(2)  # the non-checking wrapper never warns

    with pytest.warns(Mutation):
        assert checked() is value


def test_mutation_that_makes_the_value_unhashable_still_only_warns() -> None:
    @cachelib.cache
    def holder():
        return [1]

    value = holder()
    value.append(threading.RLock())

    with recorded() as record:
        assert holder() is value
        assert holder() is value
    assert [w.category for w in record] == [Mutation, Mutation]


IMMUTABLE_RETURNS: dict[str, Callable[[], Any]] = {
    "int": lambda: 10**30,
    "float": lambda: 1.5,
    "nan": lambda: float("nan"),
    "str": lambda: "text",
    "bytes": lambda: b"bytes",
    "bool": lambda: True,
    "none": lambda: None,
    "complex": lambda: 1 + 2j,
    "tuple": lambda: (1, "a", (2.5, None)),
    "frozenset": lambda: frozenset({"a", "b", 3}),
}


@pytest.mark.parametrize("make", IMMUTABLE_RETURNS.values(), ids=IMMUTABLE_RETURNS.keys())
def test_immutable_returns_never_warn(make: Callable[[], Any]) -> None:
    cached = cachelib.cache(make)
    value = cached()

    with no_warnings():
        for _ in range(3):
            assert cached() is value


def test_argument_mutation_inside_the_function_is_not_a_warning() -> None:
    @cachelib.cache
    def consume(items):
        items.append("seen")
        return len(items)

    with no_warnings():
        assert consume([1]) == 2
        assert consume([1]) == 2
