"""`cache_resource`: one shared object per entry, `validate`, `on_release` (Streamlit 1.67)."""

from __future__ import annotations

import asyncio
import datetime
import inspect
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import cachelib
from cachelib._internal import entries


@pytest.fixture(autouse=True)
def _empty_modern_caches() -> Iterator[None]:
    cachelib.cache_data.clear()
    cachelib.cache_resource.clear()
    yield
    cachelib.cache_data.clear()
    cachelib.cache_resource.clear()


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1_000.0]
    monkeypatch.setattr(entries, "clock", lambda: now[0])
    return now


class Connection:
    """A stand-in for a shared resource: identity matters, and it can be closed."""

    def __init__(self, name: Any) -> None:
        self.name = name
        self.open = True

    def close(self) -> None:
        self.open = False

    def __repr__(self) -> str:
        return f"Connection({self.name!r})"


def _wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


# --- forms ------------------------------------------------------------------------------

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

DECORATOR_FORMS: dict[str, Decorator] = {
    "cache_resource(f)": lambda f: cachelib.cache_resource(f),
    "cache_resource()(f)": lambda f: cachelib.cache_resource()(f),
    "cache_resource(ttl=...)(f)": lambda f: cachelib.cache_resource(ttl="1h")(f),
    "cache_resource(**options)(f)": lambda f: cachelib.cache_resource(
        ttl=datetime.timedelta(minutes=5),
        max_entries=3,
        show_spinner="Connecting...",
        show_time=True,
        validate=lambda conn: conn.open,
        hash_funcs={},
        on_release=lambda conn: conn.close(),
        scope="global",
        refresh_mode="foreground",
    )(f),
    "cache_resource(f, **options)": lambda f: cachelib.cache_resource(f, max_entries=2),
}


@pytest.mark.parametrize("decorate", DECORATOR_FORMS.values(), ids=DECORATOR_FORMS.keys())
def test_every_decorator_form_returns_the_same_object_on_every_hit(decorate: Decorator) -> None:
    calls = []

    def connect(name):
        calls.append(name)
        return Connection(name)

    cached = decorate(connect)

    first = cached("db")
    assert cached("db") is first
    assert cached(name="db") is first
    assert cached("other") is not first
    assert calls == ["db", "other"]


def test_bare_and_called_decorator_syntax_cache() -> None:
    @cachelib.cache_resource
    def bare(name):
        return Connection(name)

    @cachelib.cache_resource()
    def called(name):
        return Connection(name)

    assert bare("a") is bare("a")
    assert called("a") is called("a")
    assert bare("a") is not called("a")  # two functions, two caches


def test_signature_is_1_67s_with_keyword_only_options() -> None:
    parameters = inspect.signature(cachelib.cache_resource).parameters

    assert list(parameters) == [
        "func",
        "ttl",
        "max_entries",
        "show_spinner",
        "show_time",
        "validate",
        "hash_funcs",
        "on_release",
        "scope",
        "refresh_mode",
    ]
    kinds = {name: p.kind for name, p in parameters.items()}
    assert kinds.pop("func") is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert set(kinds.values()) == {inspect.Parameter.KEYWORD_ONLY}


def test_a_method_with_underscore_self_and_a_static_method_are_cached() -> None:
    calls = []

    class Pool:
        @cachelib.cache_resource
        def connect(_self, name):
            calls.append(name)
            return Connection(name)

        @staticmethod
        @cachelib.cache_resource
        def shared(name):
            calls.append(("static", name))
            return Connection(name)

    assert Pool().connect("a") is Pool().connect("a")
    assert Pool.shared("a") is Pool().shared("a")
    assert calls == ["a", ("static", "a")]


def test_a_method_that_hashes_a_plain_self_raises_naming_self_and_cache_resource() -> None:
    class Pool:
        @cachelib.cache_resource
        def connect(self, name):
            return Connection(name)

    with pytest.raises(cachelib.UnhashableParamError) as caught:
        Pool().connect("a")

    assert caught.value.param_name == "self"
    assert caught.value.decorator == "st.cache_resource"
    assert "@st.cache_resource" in str(caught.value)
    assert "def connect(_self, ...)" in str(caught.value)


def test_an_async_function_returns_the_same_object_and_runs_once_per_key() -> None:
    calls = []

    @cachelib.cache_resource
    async def connect(name):
        calls.append(name)
        await asyncio.sleep(0.02)
        return Connection(name)

    async def main() -> list[Any]:
        together = await asyncio.gather(*(connect("db") for _ in range(5)))
        return [*together, await connect("db")]

    results = asyncio.run(main())

    assert calls == ["db"]
    assert all(result is results[0] for result in results)


# --- the shared object ------------------------------------------------------------------


def test_the_shared_object_is_not_copied_so_changes_are_seen_by_every_caller() -> None:
    @cachelib.cache_resource
    def registry(name):
        return {"name": name, "users": []}

    registry("app")["users"].append("alice")

    assert registry("app") == {"name": "app", "users": ["alice"]}


def test_an_unpicklable_object_is_cached_as_it_is() -> None:
    calls = []

    @cachelib.cache_resource
    def make_lock(name):
        calls.append(name)
        return threading.Lock()

    assert make_lock("a") is make_lock("a")
    assert calls == ["a"]


def test_output_is_replayed_on_every_hit(capsys: pytest.CaptureFixture[str]) -> None:
    @cachelib.cache_resource
    def connect(name):
        cachelib.write("connecting to", name)
        print("printed", name)
        return Connection(name)

    connect("db")
    assert capsys.readouterr().out == "connecting to db\nprinted db\n"
    connect("db")
    assert capsys.readouterr().out == "connecting to db\n"


def test_clear_with_arguments_removes_only_that_entry() -> None:
    @cachelib.cache_resource
    def connect(name, port=5432):
        return Connection((name, port))

    a, b = connect("a"), connect("b")
    connect.clear("a", port=5432)

    assert connect("a") is not a
    assert connect("b") is b


def test_session_scope_keeps_its_own_objects() -> None:
    def connect(name):
        return Connection(name)

    shared = cachelib.cache_resource(connect)
    session = cachelib.cache_resource(connect, scope="session")

    assert shared("db") is shared("db")
    assert session("db") is session("db")
    assert session("db") is not shared("db")


# --- validate ---------------------------------------------------------------------------


def test_validate_is_called_with_the_object_on_every_hit_and_not_on_a_miss() -> None:
    checked: list[Any] = []

    def validate(conn):
        checked.append(conn)
        return True

    @cachelib.cache_resource(validate=validate)
    def connect(name):
        return Connection(name)

    conn = connect("db")
    assert checked == []
    connect("db")
    connect("db")

    assert checked == [conn, conn]


@pytest.mark.parametrize("falsy", [False, None, 0, ""])
def test_a_falsy_validate_result_drops_the_entry_and_computes_again(falsy: Any) -> None:
    calls = []

    @cachelib.cache_resource(validate=lambda conn: conn.open or falsy)
    def connect(name):
        calls.append(name)
        return Connection(name)

    first = connect("db")
    assert connect("db") is first
    first.close()

    second = connect("db")

    assert second is not first
    assert second.open
    assert connect("db") is second
    assert calls == ["db", "db"]


def test_validate_of_another_entry_is_not_affected() -> None:
    @cachelib.cache_resource(validate=lambda conn: conn.open)
    def connect(name):
        return Connection(name)

    a, b = connect("a"), connect("b")
    a.close()

    assert connect("b") is b
    assert connect("a") is not a


# --- on_release -------------------------------------------------------------------------


# One list for every test: a store keeps the on_release of the decoration that made it, and
# the tests below decorate one function (one function key) with the same options.
RELEASED: list[Any] = []


@pytest.fixture(autouse=True)
def _forget_released() -> Iterator[None]:
    RELEASED.clear()
    yield
    RELEASED.clear()


def _releasing(**options: Any) -> tuple[Callable[..., Any], list[Any]]:
    def connect(name):
        return Connection(name)

    return cachelib.cache_resource(connect, on_release=RELEASED.append, **options), RELEASED


def test_on_release_is_called_for_an_evicted_entry() -> None:
    connect, released = _releasing(max_entries=2)
    a = connect("a")
    b = connect("b")
    connect("a")  # a is now more recent than b

    connect("c")

    assert released == [b]
    assert connect("a") is a


def test_on_release_is_called_for_an_expired_entry_once_the_function_ran_again(
    fake_clock: list[float],
) -> None:
    events: list[Any] = []

    @cachelib.cache_resource(ttl=10, on_release=lambda conn: events.append(("released", conn)))
    def connect(name):
        conn = Connection(name)
        events.append(("made", conn))
        return conn

    first = connect("db")
    fake_clock[0] += 10
    assert events == [("made", first)]  # nothing runs in the background

    second = connect("db")

    assert second is not first
    # As in 1.67 (conformance case 2_01_on_release_evicted_and_expired): the expired entry
    # is released when the cache next stores a value, after the function ran again.
    assert events == [("made", first), ("made", second), ("released", first)]


@pytest.mark.parametrize("how", ["f.clear()", "f.clear(args)", "cache_resource.clear()"])
def test_on_release_is_called_for_cleared_entries(how: str) -> None:
    connect, released = _releasing()
    conn = connect("db")

    if how == "f.clear()":
        connect.clear()
    elif how == "f.clear(args)":
        connect.clear("db")
    else:
        cachelib.cache_resource.clear()

    assert released == [conn]
    assert connect("db") is not conn


def test_an_entry_refused_by_validate_is_released() -> None:
    # Issue 10: on_release runs when an entry leaves for any reason, a failed validation
    # included (Streamlit 1.67 drops it without calling on_release: the object leaks).
    released: list[Any] = []

    @cachelib.cache_resource(validate=lambda conn: conn.open, on_release=released.append)
    def connect(name):
        return Connection(name)

    first = connect("db")
    first.close()
    second = connect("db")

    assert second is not first
    assert released == [first]


def test_on_release_is_called_for_a_refreshed_resource_dropped_by_a_clear(
    fake_clock: list[float],
) -> None:
    refreshing, release = threading.Event(), threading.Event()
    made: list[Connection] = []

    @cachelib.cache_resource(ttl=10, refresh_mode="background", on_release=RELEASED.append)
    def connect(name):
        if made:
            refreshing.set()
            release.wait(5)
        made.append(Connection(name))
        return made[-1]

    first = connect("db")
    fake_clock[0] += 10
    connect("db")  # stale: one refresh starts
    assert refreshing.wait(5)
    connect.clear()
    release.set()
    _wait_until(lambda: len(made) == 2)
    released = RELEASED
    _wait_until(lambda: len(released) == 2)

    assert released == [first, made[1]]  # the cleared one, then the refresh's, never stored


def test_on_release_is_called_for_an_entry_replaced_by_a_background_refresh(
    fake_clock: list[float],
) -> None:
    connect, released = _releasing(ttl=10, refresh_mode="background")
    first = connect("db")
    fake_clock[0] += 10

    assert connect("db") is first  # stale, served while the refresh runs
    _wait_until(lambda: connect("db") is not first)

    assert released == [first]


def test_redecorating_with_other_options_releases_the_entries_of_the_replaced_cache() -> None:
    # Issue 10: on_release runs when an entry leaves for any reason (Streamlit 1.67 drops
    # a replaced cache's entries without calling it).
    released: list[Any] = []

    def connect(name):
        return Connection(name)

    first = cachelib.cache_resource(connect, ttl=10, on_release=released.append)("db")
    second = cachelib.cache_resource(connect, ttl=20, on_release=released.append)("db")

    assert second is not first
    assert released == [first]


def test_on_release_is_not_called_on_hits() -> None:
    connect, released = _releasing()
    for _ in range(3):
        connect("db")

    assert released == []


def test_an_exception_in_on_release_becomes_a_runtime_warning() -> None:
    def close(conn):
        raise OSError("already closed")

    @cachelib.cache_resource(on_release=close, max_entries=1)
    def connect(name):
        return Connection(name)

    connect("a")
    with pytest.warns(RuntimeWarning, match="already closed") as caught:
        b = connect("b")  # evicts a: its on_release raises, the call goes on

    assert b.name == "b"
    assert "connect" in str(caught[0].message)
    with pytest.warns(RuntimeWarning, match="OSError"):
        connect.clear()


# --- threads ----------------------------------------------------------------------------


def test_concurrent_misses_on_one_key_run_the_function_once_and_share_the_object() -> None:
    calls = []

    @cachelib.cache_resource(show_spinner=False)
    def connect(name):
        calls.append(name)
        time.sleep(0.2)
        return Connection(name)

    count = 8
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def call(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = connect("db")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert calls == ["db"]
    assert all(result is results[0] for result in results)


def test_a_waiting_caller_runs_the_function_itself_when_the_first_run_raises() -> None:
    calls = []
    entered = threading.Event()

    @cachelib.cache_resource(show_spinner=False)
    def connect(name):
        calls.append(name)
        if len(calls) == 1:
            entered.set()
            time.sleep(0.2)
            raise ConnectionError("first run fails")
        return Connection(name)

    outcome: dict[str, Any] = {}

    def first() -> None:
        try:
            connect("db")
        except ConnectionError as error:
            outcome["first"] = error

    thread = threading.Thread(target=first)
    thread.start()
    entered.wait(5)
    second = connect("db")
    thread.join(10)

    assert isinstance(outcome["first"], ConnectionError)
    assert second.name == "db"
    assert connect("db") is second
    assert calls == ["db", "db"]


def test_background_mode_with_output_warns_for_cache_resource_too() -> None:
    @cachelib.cache_resource(ttl=60, refresh_mode="background")
    def connect(name):
        cachelib.write("connecting")
        return Connection(name)

    with pytest.warns(cachelib.CachedStFunctionInBackgroundModeWarning):
        connect("db")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        connect("db")
