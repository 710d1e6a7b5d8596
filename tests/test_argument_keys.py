"""Argument keys: calls are keyed on their bound arguments, defaults applied (D9)."""

from __future__ import annotations

import math
import threading
from typing import Any

import pytest

import cachelib


def test_keyword_positional_and_default_calls_share_one_entry() -> None:
    calls = []

    @cachelib.cache
    def scale(x=1):
        calls.append(x)
        return [x]

    first = scale(1)

    assert scale(x=1) is first
    assert scale() is first
    assert calls == [1]


def test_explicit_default_and_omitted_default_share_one_entry() -> None:
    calls = []

    @cachelib.cache
    def power(base, exponent=2):
        calls.append((base, exponent))
        return base**exponent

    assert power(3) == power(3, 2) == power(3, exponent=2) == power(base=3) == 9
    assert power(3, 3) == 27
    assert calls == [(3, 2), (3, 3)]


def test_keyword_order_does_not_matter() -> None:
    calls = []

    @cachelib.cache
    def pair(a, b):
        calls.append((a, b))
        return (a, b)

    assert pair(a=1, b=2) == pair(b=2, a=1) == pair(1, b=2) == pair(1, 2)
    assert calls == [(1, 2)]


def test_swapped_values_are_different_entries() -> None:
    calls = []

    @cachelib.cache
    def pair(a, b):
        calls.append((a, b))
        return (a, b)

    assert pair(1, 2) == (1, 2)
    assert pair(2, 1) == (2, 1)
    assert pair(b=1, a=2) == (2, 1)
    assert calls == [(1, 2), (2, 1)]


def test_var_positional_arguments_are_keyed_in_order() -> None:
    calls = []

    @cachelib.cache
    def total(*numbers):
        calls.append(numbers)
        return sum(numbers)

    assert total(1, 2) == total(1, 2) == 3
    assert total(2, 1) == 3
    assert total() == 0
    assert calls == [(1, 2), (2, 1), ()]


def test_var_positional_is_not_confused_with_a_tuple_argument() -> None:
    @cachelib.cache
    def echo(*values):
        return values

    assert echo(1, 2) == (1, 2)
    assert echo((1, 2)) == ((1, 2),)


def test_var_keyword_arguments_ignore_keyword_order() -> None:
    calls = []

    @cachelib.cache
    def options(**kwargs):
        calls.append(kwargs)
        return sorted(kwargs.items())

    assert options(a=1, b=2) == options(b=2, a=1) == [("a", 1), ("b", 2)]
    assert options(a=1) == [("a", 1)]
    assert options(b=1) == [("b", 1)]
    assert options(a=2) == [("a", 2)]
    assert options() == []
    assert len(calls) == 5


def test_mixed_signature_binds_defaults_and_extras() -> None:
    calls = []

    @cachelib.cache
    def mixed(a, *rest, flag=False, **extra):
        calls.append((a, rest, flag, extra))
        return (a, rest, flag, sorted(extra.items()))

    assert mixed(1) == mixed(1, flag=False) == mixed(a=1) == (1, (), False, [])
    assert mixed(1, 2) == (1, (2,), False, [])
    assert mixed(1, flag=True) == (1, (), True, [])
    assert mixed(1, x=1, y=2) == mixed(1, y=2, x=1) == (1, (), False, [("x", 1), ("y", 2)])
    assert len(calls) == 4


def test_keyword_only_default_is_applied() -> None:
    calls = []

    @cachelib.cache
    def fetch(url, *, timeout=10):
        calls.append((url, timeout))
        return (url, timeout)

    assert fetch("u") == fetch("u", timeout=10) == fetch(url="u", timeout=10)
    assert fetch("u", timeout=5) == ("u", 5)
    assert calls == [("u", 10), ("u", 5)]


def test_positional_only_parameters_are_bound() -> None:
    calls = []

    @cachelib.cache
    def clamp(value, /, low=0, high=10):
        calls.append((value, low, high))
        return min(max(value, low), high)

    assert clamp(5) == clamp(5, 0) == clamp(5, high=10) == clamp(5, 0, 10) == 5
    assert calls == [(5, 0, 10)]


def test_positional_only_parameter_cannot_be_passed_by_keyword() -> None:
    @cachelib.cache
    def clamp(value, /):
        return value

    with pytest.raises(TypeError):
        clamp(value=1)


def test_repeating_a_positional_argument_as_keyword_raises_type_error() -> None:
    @cachelib.cache
    def ident(x, y=0):
        return x

    with pytest.raises(TypeError):
        ident(1, x=1)


@pytest.mark.parametrize(
    "values",
    [
        (1, 1.0, True, "1", b"1"),
        (0, 0.0, -0.0, False, None, "", b""),
        (0.5, 2.0**60),
        (-1.0, -2.0),
        ((1,), [1], 1),
    ],
    ids=["one-in-five-types", "zero-like", "floats-same-python-hash", "floats-minus-1-2", "seq"],
)
def test_arguments_that_differ_in_type_or_float_bits_are_different_entries(
    values: tuple[Any, ...],
) -> None:
    calls = []

    @cachelib.cache
    def ident(x):
        calls.append(x)
        return x

    results = [ident(value) for value in values]
    results_again = [ident(value) for value in values]

    assert len(calls) == len(values)
    for value, result, again in zip(values, results, results_again, strict=True):
        assert type(result) is type(value)
        assert repr(result) == repr(value)
        assert again is result


def test_nan_argument_hits_its_entry() -> None:
    calls = []

    @cachelib.cache
    def ident(x):
        calls.append(x)
        return x

    ident(float("nan"))
    ident(float("nan"))
    ident(math.nan)

    assert len(calls) == 1


def test_bytearray_argument_is_keyed_by_content() -> None:
    calls = []

    @cachelib.cache
    def size(data):
        calls.append(bytes(data))
        return len(data)

    assert size(bytearray(b"abc")) == 3
    assert size(bytearray(b"abc")) == 3
    assert size(bytearray(b"abd")) == 3
    assert size(b"abc") == 3
    assert calls == [b"abc", b"abd", b"abc"]


def test_unhashable_simple_mix_arguments_are_keyed_by_content() -> None:
    calls = []

    @cachelib.cache
    def combine(n, items):
        calls.append((n, list(items)))
        return n + len(items)

    assert combine(1, [1, 2]) == combine(1, [1, 2]) == 3
    assert combine(1, [1, 3]) == 3
    assert combine(2, [1, 2]) == 4
    assert len(calls) == 3


class Rectangle:
    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height

    @cachelib.cache
    def area(self) -> list[float]:
        AREA_CALLS.append((self.width, self.height))
        return [self.width * self.height]


AREA_CALLS: list[tuple[float, float]] = []


def test_method_self_is_part_of_the_key_by_content() -> None:
    AREA_CALLS.clear()
    first = Rectangle(2, 3)
    equal = Rectangle(2, 3)
    other = Rectangle(3, 2)

    result = first.area()

    assert equal.area() is result
    assert other.area() == [6]
    assert AREA_CALLS == [(2, 3), (3, 2)]


def test_method_sees_a_changed_attribute_as_a_new_key() -> None:
    AREA_CALLS.clear()
    shape = Rectangle(2, 3)
    assert shape.area() == [6]

    shape.width = 4

    assert shape.area() == [12]
    assert AREA_CALLS == [(2, 3), (4, 3)]


class Holder:
    def __init__(self) -> None:
        self.lock = threading.RLock()

    @cachelib.cache
    def value(self) -> int:
        return 1


def test_method_with_unhashable_self_raises_unhashable_type_error() -> None:
    with pytest.raises(cachelib.UnhashableTypeError) as info:
        Holder().value()

    assert info.value.type_name == "_thread.RLock"
    assert info.value.where == "arguments"


def test_method_with_unhashable_self_works_with_hash_funcs() -> None:
    calls = []

    class Service:
        def __init__(self, name: str) -> None:
            self.name = name
            self.lock = threading.RLock()

        @cachelib.cache(hash_funcs={"_thread.RLock": lambda _: None})
        def describe(self) -> str:
            calls.append(self.name)
            return self.name

    assert Service("a").describe() == Service("a").describe() == "a"
    assert Service("b").describe() == "b"
    assert calls == ["a", "b"]
