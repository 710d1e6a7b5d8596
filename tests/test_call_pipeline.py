"""The call path shared by `cache`, `cache_data` and `cache_resource` (contract, issue 11).

- a cache never keeps its arguments alive: memory grows with the values, not the arguments;
- a call that does not fit the signature raises the plain `TypeError` before anything is
  hashed (D13);
- a `functools.wraps` wrapper that accepts more than it advertises is still cached.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import textwrap
import threading
import tracemalloc
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import cachelib


@pytest.fixture(autouse=True)
def _empty_modern_caches() -> Iterator[None]:
    cachelib.cache_data.clear()
    cachelib.cache_resource.clear()
    yield
    cachelib.cache_data.clear()
    cachelib.cache_resource.clear()


APIS: dict[str, Callable[..., Any]] = {
    "cache": cachelib.cache,
    "cache_data": cachelib.cache_data,
    "cache_resource": cachelib.cache_resource,
}


class Plain:
    pass


# --- a cache never keeps its arguments alive --------------------------------------------

_ARGUMENT_SIZE = 50_000_000

BIG_ARGUMENTS: dict[str, Callable[[int], Any]] = {
    "bytes": lambda i: bytes([i]) * _ARGUMENT_SIZE,
    "str": lambda i: chr(ord("a") + i) * _ARGUMENT_SIZE,
}


@pytest.mark.parametrize("make", BIG_ARGUMENTS.values(), ids=BIG_ARGUMENTS.keys())
@pytest.mark.parametrize("decorator", APIS.values(), ids=APIS.keys())
def test_a_cache_never_keeps_its_arguments_alive(
    decorator: Callable[..., Any], make: Callable[[int], Any]
) -> None:
    calls = []

    def size(data):
        calls.append(1)
        return len(data)

    cached = decorator(size, show_spinner=False)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(10):
            argument = make(i)
            assert cached(argument) == _ARGUMENT_SIZE
            assert cached(argument) == _ARGUMENT_SIZE  # a hit
            del argument
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()

    assert len(calls) == 10
    # Ten entries of one int each, not ten arguments of 50 MB.
    assert kept < 2_000_000, f"{kept / 1e6:.0f} MB kept after the calls"


@dataclasses.dataclass
class Query:
    sql: str
    rows: list[int]


@pytest.mark.parametrize("decorator", APIS.values(), ids=APIS.keys())
def test_an_argument_is_freed_once_the_call_returns(decorator: Callable[..., Any]) -> None:
    @decorator
    def run(query, limit=10):
        return query.rows[:limit]

    query = Query("select 1", [1, 2, 3])
    alive = weakref.ref(query)
    assert run(query) == [1, 2, 3]
    assert run(Query("select 1", [1, 2, 3])) == [1, 2, 3]  # a hit: equal content

    del query
    gc.collect()

    assert alive() is None


@pytest.mark.parametrize("decorator", APIS.values(), ids=APIS.keys())
def test_an_argument_of_a_call_that_raised_is_freed(decorator: Callable[..., Any]) -> None:
    @decorator
    def run(query):
        raise ValueError("no rows")

    query = Query("select 1", [1])
    alive = weakref.ref(query)
    with pytest.raises(ValueError, match="no rows"):
        run(query)

    del query
    gc.collect()

    assert alive() is None


# --- D13: a call that does not fit raises the plain TypeError, before any hashing --------

BAD_CALLS: dict[str, Callable[[Callable[..., Any]], Any]] = {
    "too-many-positional": lambda f: f(1, 2, threading.Lock()),
    "unknown-keyword-with-unhashable-value": lambda f: f(1, lock=threading.Lock()),
    "missing-argument": lambda f: f(),
    "repeated-argument": lambda f: f(1, x=threading.Lock()),
}


@pytest.mark.parametrize("call", BAD_CALLS.values(), ids=BAD_CALLS.keys())
@pytest.mark.parametrize("decorator", APIS.values(), ids=APIS.keys())
def test_a_call_that_does_not_fit_raises_the_functions_own_type_error(
    decorator: Callable[..., Any], call: Callable[[Callable[..., Any]], Any]
) -> None:
    def scale(x, factor=2):
        return x * factor

    with pytest.raises(TypeError) as undecorated:
        call(scale)
    with pytest.raises(TypeError) as cached:
        call(decorator(scale))

    assert type(cached.value) is TypeError  # not a cachelib error (they are not TypeErrors)
    assert str(cached.value) == str(undecorated.value)


@pytest.mark.parametrize("decorator", APIS.values(), ids=APIS.keys())
def test_hash_funcs_are_not_called_for_a_call_that_does_not_fit(
    decorator: Callable[..., Any],
) -> None:
    hashed: list[Any] = []

    def record(obj):
        hashed.append(obj)
        return 0

    @decorator(hash_funcs={Plain: record})
    def describe(value):
        return "ran"

    with pytest.raises(TypeError):
        describe(Plain(), extra=Plain())
    with pytest.raises(TypeError):
        describe(Plain(), Plain())

    assert hashed == []


def test_a_legacy_call_that_does_not_fit_raises_type_error_before_hashing_the_body() -> None:
    # The body refers to a lock that cannot be hashed: a call that fits raises
    # UnhashableTypeError; one that does not fit must raise Python's TypeError first (D13).
    scope: dict[str, Any] = {"__name__": "cachelib_test_generated", "LOCK": threading.Lock()}
    exec(
        textwrap.dedent(
            """
            def guarded(x):
                with LOCK:
                    return x
            """
        ),
        scope,
    )
    cached = cachelib.cache(scope["guarded"])

    with pytest.raises(TypeError) as too_many:
        cached(1, 2)
    with pytest.raises(TypeError):
        cached(y=1)
    assert type(too_many.value) is TypeError
    assert "positional argument" in str(too_many.value)

    with pytest.raises(cachelib.UnhashableTypeError):
        cached(1)  # a call that fits does hash the body


def test_clear_with_arguments_that_do_not_fit_raises_type_error_before_hashing() -> None:
    hashed: list[Any] = []

    @cachelib.cache_data(hash_funcs={Plain: lambda obj: hashed.append(obj) or 0})
    def describe(value):
        return "ran"

    with pytest.raises(TypeError):
        describe.clear(Plain(), Plain())

    assert hashed == []


# --- wrappers that accept more than they advertise --------------------------------------


def accepts_more(func: Callable[..., Any]) -> Callable[..., Any]:
    """A decorator whose wrapper takes extra keywords, yet shows the wrapped signature."""

    @functools.wraps(func)
    def wrapper(*args: Any, verbose: bool = False, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


@pytest.mark.parametrize("decorator", APIS.values(), ids=APIS.keys())
def test_a_wraps_wrapper_that_accepts_more_than_it_advertises_is_still_cached(
    decorator: Callable[..., Any],
) -> None:
    calls = []

    @decorator
    @accepts_more
    def double(x):
        calls.append(x)
        return [x * 2]

    assert double(1, verbose=True) == [2]
    assert double(1, verbose=True) == [2]
    assert calls == [1]  # a call only the wrapper accepts: cached all the same
    assert double(2, verbose=True) == [4]
    assert calls == [1, 2]

    assert double(1) == double(1) == [2]
    assert len(calls) <= 3  # the plain call may have an entry of its own, once


@pytest.mark.parametrize("decorator", APIS.values(), ids=APIS.keys())
def test_a_wraps_wrapper_still_raises_type_error_for_what_neither_signature_accepts(
    decorator: Callable[..., Any],
) -> None:
    @decorator
    @accepts_more
    def double(x):
        return x * 2

    with pytest.raises(TypeError):
        double(1, 2, verbose=True)
    with pytest.raises(TypeError):
        double(1, unknown=3)


def accepts_a_private_keyword(func: Callable[..., Any]) -> Callable[..., Any]:
    """A wrapper that takes a connection it does not advertise."""

    @functools.wraps(func)
    def wrapper(*args: Any, _conn: Any = None, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


@pytest.mark.parametrize("decorator", [cachelib.cache_data, cachelib.cache_resource])
def test_a_wraps_wrappers_underscore_keyword_is_left_out_of_the_modern_key(
    decorator: Callable[..., Any],
) -> None:
    calls = []

    @decorator
    @accepts_a_private_keyword
    def double(x):
        calls.append(x)
        return x * 2

    assert double(1, _conn=threading.Lock()) == 2
    assert double(1, _conn=threading.Lock()) == 2

    assert calls == [1]
