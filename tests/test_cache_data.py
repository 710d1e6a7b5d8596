"""`cache_data`: forms, keys, copies, replay, limits, ttl, scope, background refresh (1.67)."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import decimal
import enum
import functools
import gc
import importlib.util
import inspect
import math
import pickle
import struct
import sys
import textwrap
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cachelib
from cachelib._internal import entries, spinner


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


def counted(**options: Any) -> tuple[Callable[..., Any], list[Any]]:
    calls: list[Any] = []

    def ident(x):
        calls.append(x)
        return {"value": x}

    return cachelib.cache_data(ident, **options), calls


class Plain:
    """An instance of a plain class: the modern API refuses to hash it."""

    def __init__(self, x: int = 0) -> None:
        self.x = x


def fqn(tp: type) -> str:
    return f"{tp.__module__}.{tp.__qualname__}"


# --- forms ------------------------------------------------------------------------------

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

DECORATOR_FORMS: dict[str, Decorator] = {
    "cache_data(f)": lambda f: cachelib.cache_data(f),
    "cache_data()(f)": lambda f: cachelib.cache_data()(f),
    "cache_data(ttl=...)(f)": lambda f: cachelib.cache_data(ttl=60)(f),
    "cache_data(**options)(f)": lambda f: cachelib.cache_data(
        ttl="1h",
        max_entries=10,
        max_size="1MB",
        show_spinner=False,
        show_time=True,
        persist=None,
        hash_funcs={},
        scope="global",
        refresh_mode="foreground",
    )(f),
    "cache_data(f, **options)": lambda f: cachelib.cache_data(f, max_entries=5, ttl=None),
}


@pytest.mark.parametrize("decorate", DECORATOR_FORMS.values(), ids=DECORATOR_FORMS.keys())
def test_every_decorator_form_caches_the_function(decorate: Decorator) -> None:
    calls = []

    def double(x):
        calls.append(x)
        return x * 2

    cached = decorate(double)

    assert [cached(3), cached(3), cached(4)] == [6, 6, 8]
    assert calls == [3, 4]


def test_bare_decorator_syntax_caches() -> None:
    calls = []

    @cachelib.cache_data
    def square(x):
        calls.append(x)
        return x * x

    assert [square(2), square(2), square(3)] == [4, 4, 9]
    assert calls == [2, 3]


def test_called_decorator_syntax_caches() -> None:
    calls = []

    @cachelib.cache_data()
    def square(x):
        calls.append(x)
        return x * x

    assert [square(2), square(2)] == [4, 4]
    assert calls == [2]


def test_decorator_with_ttl_syntax_caches() -> None:
    calls = []

    @cachelib.cache_data(ttl=datetime.timedelta(hours=1))
    def square(x):
        calls.append(x)
        return x * x

    assert [square(2), square(2)] == [4, 4]
    assert calls == [2]


def test_signature_is_1_67s_with_keyword_only_options() -> None:
    parameters = inspect.signature(cachelib.cache_data).parameters

    assert list(parameters) == [
        "func",
        "ttl",
        "max_entries",
        "max_size",
        "show_spinner",
        "show_time",
        "persist",
        "hash_funcs",
        "scope",
        "refresh_mode",
    ]
    kinds = {name: p.kind for name, p in parameters.items()}
    assert kinds.pop("func") is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert set(kinds.values()) == {inspect.Parameter.KEYWORD_ONLY}
    with pytest.raises(TypeError):
        cachelib.cache_data(None, 60)  # ttl is keyword-only


def test_cached_function_keeps_the_name_doc_and_wrapped_function() -> None:
    def load(path):
        """Load a file."""
        return path

    cached = cachelib.cache_data(load)

    assert cached.__name__ == "load"
    assert cached.__doc__ == "Load a file."
    assert cached.__wrapped__ is load
    assert callable(cached.clear)


# --- methods, static methods, async -----------------------------------------------------


def test_a_method_hashes_self_and_refuses_a_plain_instance() -> None:
    class Loader:
        @cachelib.cache_data
        def load(self, n):
            return n

    with pytest.raises(cachelib.UnhashableParamError) as caught:
        Loader().load(1)

    assert caught.value.param_name == "self"
    assert caught.value.type_name == fqn(Loader)
    assert "_self" in str(caught.value)


def test_a_method_with_underscore_self_is_cached_for_every_instance() -> None:
    calls = []

    class Loader:
        def __init__(self, name):
            self.name = name

        @cachelib.cache_data
        def load(_self, n):
            calls.append((_self.name, n))
            return [n]

    first, second = Loader("first"), Loader("second")

    assert first.load(1) == [1]
    assert second.load(1) == [1]  # self is left out: one entry for every instance
    assert first.load(2) == [2]
    assert calls == [("first", 1), ("first", 2)]


def test_a_method_of_a_hashable_instance_is_keyed_on_its_content() -> None:
    calls = []

    @dataclasses.dataclass(frozen=True)
    class Scaler:
        factor: int

        @cachelib.cache_data
        def scale(self, x):
            calls.append((self.factor, x))
            return self.factor * x

    assert Scaler(2).scale(3) == 6
    assert Scaler(2).scale(3) == 6  # another instance, equal content: a hit
    assert Scaler(5).scale(3) == 15
    assert calls == [(2, 3), (5, 3)]


def test_a_static_method_is_cached() -> None:
    calls = []

    class Tools:
        @staticmethod
        @cachelib.cache_data
        def double(x):
            calls.append(x)
            return x * 2

    assert Tools.double(2) == Tools().double(2) == 4
    assert calls == [2]


def test_an_async_function_is_cached_and_returns_copies() -> None:
    calls = []

    @cachelib.cache_data
    async def fetch(x):
        calls.append(x)
        await asyncio.sleep(0)
        return [x]

    # As in 1.67, the cached function is not itself a coroutine function: a call returns one.
    pending = fetch(0)
    assert inspect.iscoroutine(pending)
    asyncio.run(pending)
    calls.clear()

    async def main() -> tuple[Any, Any, Any]:
        return await fetch(1), await fetch(1), await fetch(2)

    first, again, other = asyncio.run(main())

    assert first == again == [1]
    assert again is not first
    assert other == [2]
    assert calls == [1, 2]


def test_concurrent_tasks_on_one_key_run_an_async_function_once() -> None:
    calls = []

    @cachelib.cache_data
    async def fetch(x):
        calls.append(x)
        await asyncio.sleep(0.02)
        return [x]

    async def main() -> list[Any]:
        return await asyncio.gather(*(fetch(1) for _ in range(6)))

    results = asyncio.run(main())

    assert calls == [1]
    assert results == [[1]] * 6


def test_an_async_function_that_raises_caches_nothing() -> None:
    calls = []

    @cachelib.cache_data
    async def fragile(x):
        calls.append(x)
        if len(calls) == 1:
            raise RuntimeError("first run fails")
        return x

    with pytest.raises(RuntimeError, match="first run fails"):
        asyncio.run(fragile(1))
    assert asyncio.run(fragile(1)) == 1
    assert asyncio.run(fragile(1)) == 1
    assert calls == [1, 1]


@pytest.mark.parametrize("decorator", [cachelib.cache_data, cachelib.cache_resource])
def test_an_async_generator_function_is_refused_when_decorating(
    decorator: Callable[..., Any],
) -> None:
    async def numbers():
        yield 1

    with pytest.raises((TypeError, ValueError)):
        decorator(numbers)


# --- clear ------------------------------------------------------------------------------


def test_clear_without_arguments_removes_every_entry_of_the_function() -> None:
    ident, calls = counted()
    other, other_calls = cachelib.cache_data(lambda x: [x]), []
    ident(1)
    ident(2)
    other(1)

    ident.clear()
    ident(1)
    ident(2)

    assert calls == [1, 2, 1, 2]
    assert other_calls == []


def test_clear_with_arguments_removes_only_the_entry_they_bind_to() -> None:
    calls = []

    @cachelib.cache_data
    def scaled(x, factor=2):
        calls.append((x, factor))
        return x * factor

    scaled(1)
    scaled(2)
    scaled(1, 3)

    scaled.clear(x=1, factor=2)  # the entry of scaled(1), defaults applied (D9)
    scaled(1)
    scaled(2)
    scaled(1, 3)

    assert calls == [(1, 2), (2, 2), (1, 3), (1, 2)]


def test_clear_through_an_instance_binds_self_as_the_call_does() -> None:
    calls = []

    class Doubler:
        @cachelib.cache_data
        def double(_self, x):
            calls.append(x)
            return 2 * x

    first, second = Doubler(), Doubler()
    first.double(1)
    first.double(2)

    first.double.clear(1)  # the entry of double(_self, 1): _self is left out of the key
    second.double(1)
    second.double(2)

    assert calls == [1, 2, 1]


def test_clear_with_arguments_that_do_not_fit_raises_type_error() -> None:
    ident, _ = counted()

    with pytest.raises(TypeError, match="ident"):
        ident.clear(1, 2, 3)


def test_cache_data_clear_empties_every_cache_data_function_and_no_resource() -> None:
    data_calls: list[int] = []
    resource_calls: list[int] = []

    @cachelib.cache_data
    def data(x):
        data_calls.append(x)
        return x

    @cachelib.cache_resource
    def resource(x):
        resource_calls.append(x)
        return object()

    ident, ident_calls = counted()
    data(1)
    ident(1)
    shared = resource(1)

    cachelib.cache_data.clear()
    data(1)
    ident(1)

    assert data_calls == [1, 1]
    assert ident_calls == [1, 1]
    assert resource(1) is shared
    assert resource_calls == [1]


def test_cache_resource_clear_leaves_cache_data_alone() -> None:
    ident, calls = counted()
    ident(1)

    cachelib.cache_resource.clear()
    ident(1)

    assert calls == [1]


def test_legacy_clear_cache_leaves_modern_caches_alone_and_vice_versa(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ident, calls = counted()

    @cachelib.cache_resource
    def connect(x):
        calls.append(("resource", x))
        return object()

    @cachelib.cache
    def legacy(x):
        print("legacy ran", x)
        return x

    ident(1)
    conn = connect(1)
    legacy(1)

    cachelib.clear_cache()
    assert ident(1) == {"value": 1}
    assert connect(1) is conn
    assert calls == [1, ("resource", 1)]

    cachelib.cache_data.clear()
    cachelib.cache_resource.clear()
    legacy(1)
    assert capsys.readouterr().out.count("legacy ran") == 2  # once, and after clear_cache only


# --- keys: bound arguments, underscores -------------------------------------------------


def test_positional_keyword_and_default_calls_share_one_entry() -> None:
    calls = []

    @cachelib.cache_data
    def power(base, exponent=2):
        calls.append((base, exponent))
        return base**exponent

    assert power(3) == power(3, 2) == power(3, exponent=2) == power(base=3) == 9
    assert power(exponent=2, base=3) == 9
    assert power(3, 3) == 27
    assert calls == [(3, 2), (3, 3)]


def test_underscore_parameters_are_left_out_of_the_key() -> None:
    calls = []

    @cachelib.cache_data
    def query(sql, _connection, _retries=3):
        calls.append(sql)
        return [sql]

    assert query("select 1", Plain(1)) == ["select 1"]
    assert query("select 1", Plain(2), _retries=9) == ["select 1"]  # unhashable, ignored
    assert query("select 2", lambda: None) == ["select 2"]
    assert calls == ["select 1", "select 2"]


def test_keyword_arguments_named_with_an_underscore_are_left_out_of_the_key() -> None:
    calls = []

    @cachelib.cache_data
    def options(**kwargs):
        calls.append(sorted(kwargs))
        return len(kwargs)

    options(a=1, _session=Plain())
    options(a=1, _session=Plain(), _other=lambda: 0)
    options(a=1)
    options(a=2, _session=Plain())

    assert calls == [["_session", "a"], ["_session", "a"]]


def test_positional_extras_are_keyed_in_order() -> None:
    calls = []

    @cachelib.cache_data
    def total(*numbers):
        calls.append(numbers)
        return sum(numbers)

    assert total(1, 2) == total(1, 2) == 3
    assert total(2, 1) == 3
    assert calls == [(1, 2), (2, 1)]


# --- keys: what cannot be hashed --------------------------------------------------------


REFUSED: dict[str, Callable[[], Any]] = {
    "function": lambda: fqn,
    "lambda": lambda: lambda: 1,
    "plain-instance": lambda: Plain(),
    "object": object,
    "bound-method": lambda: Plain().__init__,
    "lock": threading.Lock,
    "partial-of-lambda": lambda: functools.partial(lambda a: a, 1),
}


@pytest.mark.parametrize("make", REFUSED.values(), ids=REFUSED.keys())
def test_an_unhashable_argument_raises_unhashable_param_error_naming_the_parameter(
    make: Callable[[], Any],
) -> None:
    value = make()

    @cachelib.cache_data
    def describe(conn):
        return "ran"

    with pytest.raises(cachelib.UnhashableParamError) as caught:
        describe(value)

    error = caught.value
    assert error.param_name == "conn"
    assert error.func_name == "describe"
    assert error.decorator == "st.cache_data"
    message = str(error)
    assert "`conn`" in message
    assert "describe" in message
    assert "def describe(_conn, ...)" in message  # the fix: a leading underscore
    assert "hash_funcs" in message
    assert message.rstrip().endswith("#unhashable-param-error")


def test_unhashable_param_error_names_the_type() -> None:
    @cachelib.cache_data
    def describe(conn):
        return "ran"

    with pytest.raises(cachelib.UnhashableParamError) as plain:
        describe(Plain())
    with pytest.raises(cachelib.UnhashableParamError) as function:
        describe(lambda: 1)

    assert plain.value.type_name == fqn(Plain)
    assert f"`{fqn(Plain)}`" in str(plain.value)
    assert function.value.type_name == "builtins.function"


def test_an_unhashable_value_inside_a_container_names_the_parameter_and_the_chain() -> None:
    @cachelib.cache_data
    def describe(config):
        return "ran"

    with pytest.raises(cachelib.UnhashableParamError) as caught:
        describe({"callback": [lambda: 1]})

    assert caught.value.param_name == "config"
    assert caught.value.type_name == "builtins.function"
    assert len(caught.value.chain) == 3  # the lambda, the list, the dict


def test_unhashable_extra_arguments_are_named_by_their_star_parameter() -> None:
    @cachelib.cache_data
    def many(first, *rest, **options):
        return "ran"

    with pytest.raises(cachelib.UnhashableParamError) as positional:
        many(1, 2, Plain())
    with pytest.raises(cachelib.UnhashableParamError) as keyword:
        many(1, hook=Plain())

    assert positional.value.param_name == "*rest"
    assert keyword.value.param_name == "**options"


def test_an_unhashable_argument_never_runs_the_function() -> None:
    calls = []

    @cachelib.cache_data
    def describe(conn):
        calls.append(conn)

    with pytest.raises(cachelib.UnhashableParamError):
        describe(Plain())
    assert calls == []


def test_an_argument_pickle_cannot_reduce_is_an_unhashable_param_error() -> None:
    # 1.67 hashes such an object through __reduce__(), which raises: UnhashableParamError.
    @cachelib.cache_data
    def describe(value):
        return "ran"

    with pytest.raises(cachelib.UnhashableParamError) as caught:
        describe(complex(1, 2))

    assert caught.value.param_name == "value"
    assert caught.value.type_name == "builtins.complex"


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Color(enum.Enum):
    RED = 1
    BLUE = 2


ACCEPTED: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {
    "dataclass": (lambda: Point(1, 2), lambda: Point(1, 3)),
    "enum": (lambda: Color.RED, lambda: Color.BLUE),
    "datetime": (
        lambda: datetime.datetime(2024, 1, 1, 12),
        lambda: datetime.datetime(2024, 1, 1, 13),
    ),
    "date": (lambda: datetime.date(2024, 1, 1), lambda: datetime.date(2024, 1, 2)),
    "timedelta": (lambda: datetime.timedelta(hours=1), lambda: datetime.timedelta(hours=2)),
    "decimal": (lambda: decimal.Decimal("1.10"), lambda: decimal.Decimal("1.1")),
    "uuid": (lambda: uuid.UUID(int=5), lambda: uuid.UUID(int=6)),
    "partial-of-builtin": (lambda: functools.partial(max, 1), lambda: functools.partial(max, 2)),
    "bytearray": (lambda: bytearray(b"ab"), lambda: bytearray(b"ba")),
    "nested-containers": (
        lambda: {"a": [1, (2.5, None)], "b": {3}},
        lambda: {"a": [1, (2.5, None)], "b": {4}},
    ),
}


@pytest.mark.parametrize(("make", "make_other"), ACCEPTED.values(), ids=ACCEPTED.keys())
def test_values_that_describe_themselves_are_hashed_by_content(
    make: Callable[[], Any], make_other: Callable[[], Any]
) -> None:
    calls = []

    @cachelib.cache_data
    def describe(value):
        calls.append(1)
        return len(calls)

    first = describe(make())
    assert describe(make()) == first  # an equal, distinct object: a hit
    assert describe(make_other()) != first
    assert len(calls) == 2


@pytest.mark.parametrize("key", [Plain, fqn(Plain)], ids=["type", "name"])
def test_hash_funcs_makes_a_refused_type_hashable(key: Any) -> None:
    calls = []

    @cachelib.cache_data(hash_funcs={key: lambda plain: plain.x})
    def describe(value):
        calls.append(value.x)
        return value.x

    assert describe(Plain(1)) == describe(Plain(1)) == 1
    assert describe(Plain(2)) == 2
    assert calls == [1, 2]


def test_hash_funcs_applies_inside_containers() -> None:
    calls = []

    @cachelib.cache_data(hash_funcs={Plain: lambda plain: plain.x})
    def describe(values):
        calls.append(len(values))
        return [v.x for v in values]

    assert describe([Plain(1), Plain(2)]) == describe([Plain(1), Plain(2)]) == [1, 2]
    assert calls == [2]


def test_hash_funcs_for_a_builtin_type_replace_its_default_hashing() -> None:
    calls = []

    # D10: the result is hashed with the default rules, even when it has the same type.
    @cachelib.cache_data(hash_funcs={str: str.lower, int: lambda n: n % 2})
    def describe(name, n=0):
        calls.append((name, n))
        return name

    describe("Ada")
    describe("ADA")
    describe(name="ada", n=2)
    describe("ada", 1)

    assert calls == [("Ada", 0), ("ada", 1)]


def test_a_raising_hash_func_is_a_user_hash_error_naming_cache_data() -> None:
    def broken(plain):
        raise ValueError("no hash today")

    @cachelib.cache_data(hash_funcs={Plain: broken})
    def describe(value):
        return "ran"

    with pytest.raises(cachelib.UserHashError) as caught:
        describe(Plain())

    assert isinstance(caught.value.__cause__, ValueError)
    assert caught.value.func_name == "describe"
    message = str(caught.value)
    assert "broken" in message
    assert "@st.cache_data" in message  # the decorator the reader wrote, not st.cache


# --- keys: floats by their bits (D2) ----------------------------------------------------


def _bits(value: float) -> bytes:
    return struct.pack("<d", value)


def _nan(negative: bool, payload: int) -> float:
    sign = 1 << 63 if negative else 0
    value: float = struct.unpack("<d", struct.pack("<Q", sign | 0x7FF << 52 | payload))[0]
    return value


ANY_FLOAT = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, math.nan, -math.nan, math.inf, 0.5, 2.0**60, -1.0, -2.0]),
    st.builds(_nan, st.booleans(), st.integers(min_value=1, max_value=2**52 - 1)),
)
# The float alone (the shortcut key), and inside containers (the hashed key).
WRAPPINGS: dict[str, Callable[[float], Any]] = {
    "alone": lambda v: v,
    "in-a-list": lambda v: [v],
    "in-a-dict": lambda v: {"k": (1, v)},
}

_float_calls: list[Any] = []


@cachelib.cache_data
def _float_key(value):
    _float_calls.append(1)
    return len(_float_calls)


@settings(max_examples=150, deadline=None)
@given(a=ANY_FLOAT, b=ANY_FLOAT, wrapping=st.sampled_from(sorted(WRAPPINGS)))
def test_floats_share_an_entry_exactly_when_their_ieee_bits_match(
    a: float, b: float, wrapping: str
) -> None:
    wrap = WRAPPINGS[wrapping]
    _float_key.clear()
    _float_calls.clear()

    _float_key(wrap(a))
    _float_key(wrap(struct.unpack("<d", _bits(b))[0]))  # a distinct float object

    assert len(_float_calls) == (1 if _bits(a) == _bits(b) else 2)


@pytest.mark.parametrize("wrapping", sorted(WRAPPINGS))
@pytest.mark.parametrize(
    ("a", "b"),
    [
        (0.0, -0.0),
        (math.nan, -math.nan),
        (_nan(False, 1), _nan(False, 2)),
        (0.5, 2.0**60),
        (-1.0, -2.0),
        (1.0, 1),
        (1.0, True),
    ],
    ids=[
        "zero-signs",
        "nan-signs",
        "nan-payloads",
        "python-hash-collision",
        "minus-one",
        "int",
        "bool",
    ],
)
def test_float_pairs_that_python_confuses_are_different_keys(a: Any, b: Any, wrapping: str) -> None:
    wrap = WRAPPINGS[wrapping]
    _float_key.clear()
    _float_calls.clear()

    _float_key(wrap(a))
    _float_key(wrap(b))

    assert len(_float_calls) == 2


# --- the function key: source text, not globals (1.67) ----------------------------------


def _load(path: Path, name: str, source: str) -> ModuleType:
    path.write_text(textwrap.dedent(source))
    sys.modules.pop(name, None)
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_SCALED_V1 = """
import cachelib as st

FACTOR = 2

@st.cache_data
def scaled(x):
    print("ran", x)
    return x * FACTOR
"""


def test_editing_the_source_of_a_function_changes_its_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "edited_app.py"
    first = _load(path, "edited_app", _SCALED_V1)
    assert first.scaled(1) == 2
    assert first.scaled(1) == 2
    assert capsys.readouterr().out == "ran 1\n"

    commented = _SCALED_V1.replace('    print("ran", x)', '    # a comment\n    print("ran", x)')
    second = _load(path, "edited_app", commented)

    assert second.scaled(1) == 2
    assert capsys.readouterr().out == "ran 1\n"  # same behaviour, new source: a new entry


def test_rerunning_the_same_source_finds_the_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "rerun_app.py"
    _load(path, "rerun_app", _SCALED_V1).scaled(1)
    rerun = _load(path, "rerun_app", _SCALED_V1)  # decorated again, as a script rerun does

    assert rerun.scaled(1) == 2
    assert capsys.readouterr().out == "ran 1\n"


def test_a_changed_global_is_not_part_of_the_key_and_the_result_stays_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "global_app.py"
    module = _load(path, "global_app", _SCALED_V1)
    assert module.scaled(1) == 2

    module.FACTOR = 3
    assert module.scaled(1) == 2  # stale, as in 1.67

    rerun = _load(path, "global_app", _SCALED_V1.replace("FACTOR = 2", "FACTOR = 300"))
    assert rerun.FACTOR == 300
    assert rerun.scaled(1) == 2  # the function's source did not change: still stale
    assert capsys.readouterr().out == "ran 1\n"


def test_a_changed_closure_is_not_part_of_the_key() -> None:
    factor = 2

    @cachelib.cache_data
    def scaled(x):
        return x * factor

    assert scaled(1) == 2
    factor = 3
    assert scaled(1) == 2
    assert factor == 3


def test_two_apis_never_share_a_cache() -> None:
    calls = []

    def make(x):
        calls.append(x)
        return [x]

    data = cachelib.cache_data(make)
    resource = cachelib.cache_resource(make)
    legacy = cachelib.cache(make)

    data(1)
    resource(1)
    legacy(1)
    data(1)
    resource(1)
    legacy(1)

    assert calls == [1, 1, 1]


def test_two_wrappers_of_one_function_share_entries() -> None:
    calls = []

    def make(x):
        calls.append(x)
        return [x]

    cachelib.cache_data(make)(1)
    cachelib.cache_data(make)(1)

    assert calls == [1]


# --- return values: a fresh copy on every hit -------------------------------------------


def test_every_hit_returns_a_fresh_copy() -> None:
    calls = []

    @cachelib.cache_data
    def rows(n):
        calls.append(n)
        return {"rows": list(range(n))}

    first = rows(3)
    second = rows(3)
    third = rows(3)

    assert first == second == third == {"rows": [0, 1, 2]}
    assert second is not first
    assert third is not second
    assert calls == [3]


def test_mutating_a_result_never_changes_the_cache() -> None:
    @cachelib.cache_data
    def rows(n):
        return {"rows": list(range(n))}

    missed = rows(3)
    missed["rows"].append("changed on the miss")
    hit = rows(3)
    hit["rows"].append("changed on a hit")

    assert rows(3) == {"rows": [0, 1, 2]}


def test_an_unpicklable_return_value_raises_and_caches_nothing() -> None:
    calls = []

    @cachelib.cache_data
    def make_lock():
        calls.append(1)
        return threading.Lock()

    with pytest.raises(cachelib.UnserializableReturnValueError) as caught:
        make_lock()
    with pytest.raises(cachelib.UnserializableReturnValueError):
        make_lock()

    assert calls == [1, 1]  # the function ran again: nothing was cached
    error = caught.value
    assert error.type_name == "_thread.lock"
    assert error.func_name == "make_lock"
    assert isinstance(error.__cause__, (TypeError, pickle.PicklingError))
    message = str(error)
    assert "make_lock" in message
    assert "_thread.lock" in message
    assert "cache_resource" in message  # the fix


def test_a_function_that_raises_caches_nothing() -> None:
    calls = []

    @cachelib.cache_data
    def fragile(x):
        calls.append(x)
        if len(calls) == 1:
            raise KeyError(x)
        return [x]

    with pytest.raises(KeyError):
        fragile(1)
    assert fragile(1) == fragile(1) == [1]
    assert calls == [1, 1]


# --- output: replayed on every hit ------------------------------------------------------


def test_st_write_is_replayed_on_every_hit_and_print_is_not(
    capsys: pytest.CaptureFixture[str],
) -> None:
    @cachelib.cache_data
    def load(x):
        cachelib.write("loading", x)
        print("printed", x)
        return x

    load(1)
    assert capsys.readouterr().out == "loading 1\nprinted 1\n"
    load(1)
    load(x=1)
    assert capsys.readouterr().out == "loading 1\nloading 1\n"


def test_output_is_replayed_per_entry(capsys: pytest.CaptureFixture[str]) -> None:
    @cachelib.cache_data
    def load(x):
        cachelib.write("loading", x)
        return x

    load(1)
    load(2)
    capsys.readouterr()
    load(2)
    load(1)

    assert capsys.readouterr().out == "loading 2\nloading 1\n"


def test_an_outer_cached_function_replays_what_an_inner_one_wrote(
    capsys: pytest.CaptureFixture[str],
) -> None:
    calls = []

    @cachelib.cache_data
    def inner(x):
        calls.append(("inner", x))
        cachelib.write("inner", x)
        return x

    @cachelib.cache_data
    def outer(x):
        calls.append(("outer", x))
        cachelib.write("outer", x)
        return inner(x) + 1

    assert outer(1) == 2
    assert capsys.readouterr().out == "outer 1\ninner 1\n"
    assert outer(1) == 2
    assert capsys.readouterr().out == "outer 1\ninner 1\n"
    assert inner(1) == 1
    assert capsys.readouterr().out == "inner 1\n"
    assert calls == [("outer", 1), ("inner", 1)]


def test_an_outer_miss_records_the_replay_of_an_inner_hit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    @cachelib.cache_data
    def inner(x):
        cachelib.write("inner", x)
        return x

    @cachelib.cache_data
    def outer(x):
        return inner(x) + 1

    inner(1)  # cached before outer runs
    outer(1)
    capsys.readouterr()
    outer(1)

    assert capsys.readouterr().out == "inner 1\n"


def test_output_written_in_other_threads_is_not_recorded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    entered, written = threading.Event(), threading.Event()

    def chatter() -> None:
        entered.wait(5)
        cachelib.write("from another thread")
        written.set()

    @cachelib.cache_data
    def load(x):
        entered.set()
        written.wait(5)
        cachelib.write("own", x)
        return x

    thread = threading.Thread(target=chatter)
    thread.start()
    load(1)
    thread.join(5)
    capsys.readouterr()
    load(1)

    assert capsys.readouterr().out == "own 1\n"


# --- show_spinner and show_time --------------------------------------------------------


@pytest.fixture
def quick_spinner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spinner, "DELAY", 0.02)


@pytest.mark.usefixtures("quick_spinner")
def test_the_spinner_shows_the_default_text_on_a_long_miss_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    @cachelib.cache_data
    def slow_load(x):
        time.sleep(0.2)
        return x

    slow_load(1)
    qualname = slow_load.__qualname__
    assert capsys.readouterr().err == f"Running `{qualname}(...)`.\n"

    slow_load(1)
    time.sleep(0.1)  # time for a (wrong) spinner on the hit
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("quick_spinner")
def test_the_spinner_shows_custom_text_and_the_time_taken(
    capsys: pytest.CaptureFixture[str],
) -> None:
    @cachelib.cache_resource(show_spinner="Connecting...", show_time=True)
    def connect():
        time.sleep(0.2)
        return object()

    connect()

    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "Connecting..."
    assert lines[1].startswith("Finished `")
    assert "connect()`" in lines[1]
    assert lines[1].endswith(" s.")


@pytest.mark.usefixtures("quick_spinner")
def test_only_the_outermost_cached_function_shows_a_spinner(
    capsys: pytest.CaptureFixture[str],
) -> None:
    @cachelib.cache_data(show_spinner="inner")
    def inner(x):
        time.sleep(0.15)
        return x

    @cachelib.cache_data(show_spinner="outer")
    def outer(x):
        return inner(x) + 1

    outer(1)

    assert capsys.readouterr().err == "outer\n"


@pytest.mark.usefixtures("quick_spinner")
def test_show_spinner_false_never_shows(capsys: pytest.CaptureFixture[str]) -> None:
    @cachelib.cache_data(show_spinner=False)
    def slow_load(x):
        time.sleep(0.15)
        return x

    slow_load(1)

    assert capsys.readouterr().err == ""


# --- max_entries and max_size -----------------------------------------------------------


def test_max_entries_evicts_the_least_recently_used_entry() -> None:
    ident, calls = counted(max_entries=2)

    ident(1)
    ident(2)
    ident(1)  # 1 is now more recent than 2
    ident(3)  # evicts 2
    ident(1)
    ident(3)
    assert calls == [1, 2, 3]

    ident(2)  # runs again, evicting 1
    ident(3)
    ident(1)
    assert calls == [1, 2, 3, 2, 1]


@pytest.mark.parametrize("limit", [1024, "1KiB", "1KB", "1 kb", "0.001MiB"])
def test_max_size_evicts_the_least_recently_used_values_beyond_the_byte_budget(
    limit: int | str,
) -> None:
    calls = []

    @cachelib.cache_data(max_size=limit)
    def blob(tag):
        calls.append(tag)
        return tag * 400  # about 400 pickled bytes: two fit in 1 KiB, three do not

    blob("a")
    blob("b")
    blob("a")  # a is now more recent than b
    blob("c")  # evicts b
    blob("a")
    blob("c")
    assert calls == ["a", "b", "c"]

    blob("b")
    assert calls == ["a", "b", "c", "b"]


def test_max_size_keeps_a_single_oversized_value_alone() -> None:
    calls = []

    @cachelib.cache_data(max_size=100)
    def blob(tag, n):
        calls.append(tag)
        return b"x" * n

    blob("small", 10)
    blob("big", 1000)  # larger than the whole budget: kept, alone
    blob("big", 1000)
    assert calls == ["small", "big"]

    blob("small", 10)  # was evicted by the big one
    assert calls == ["small", "big", "small"]


def test_max_size_counts_the_pickled_bytes_not_the_number_of_entries() -> None:
    calls = []

    @cachelib.cache_data(max_size="64KiB")
    def small(x):
        calls.append(x)
        return x

    for x in range(200):
        small(x)
    for x in range(200):
        small(x)

    assert calls == list(range(200))


# --- ttl --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ttl",
    [10, 10.0, datetime.timedelta(seconds=10), "10s", "10 seconds", "10000ms", "00:00:10"],
)
def test_ttl_expires_entries_counted_from_insertion(fake_clock: list[float], ttl: Any) -> None:
    ident, calls = counted(ttl=ttl)

    ident(1)
    fake_clock[0] += 9.9
    ident(1)  # a read does not extend its life
    assert calls == [1]

    fake_clock[0] += 0.1  # 10 s after insertion
    ident(1)
    assert calls == [1, 1]

    fake_clock[0] += 9.9
    ident(1)  # the new entry lives 10 s from its own insertion
    assert calls == [1, 1]


@pytest.mark.parametrize(
    ("ttl", "seconds"),
    [("1h", 3600), ("2 days", 172800), ("1h30m", 5400), ("1d", 86400), ("1w", 604800)],
)
def test_ttl_strings_are_read_as_durations(
    fake_clock: list[float], ttl: str, seconds: float
) -> None:
    ident, calls = counted(ttl=ttl)

    ident(1)
    fake_clock[0] += seconds - 1
    ident(1)
    fake_clock[0] += 1
    ident(1)

    assert calls == [1, 1]


def test_no_ttl_never_expires(fake_clock: list[float]) -> None:
    ident, calls = counted()

    ident(1)
    fake_clock[0] += 10**9
    ident(1)

    assert calls == [1]


def test_redecorating_with_another_ttl_starts_an_empty_cache() -> None:
    calls = []

    def make(x):
        calls.append(x)
        return x

    cachelib.cache_data(make, ttl=10)(1)
    cachelib.cache_data(make, ttl=20)(1)
    cachelib.cache_data(make, ttl=20)(1)

    assert calls == [1, 1]


# --- scope ------------------------------------------------------------------------------


def test_session_scope_keeps_a_cache_separate_from_the_global_one() -> None:
    calls = []

    def make(x):
        calls.append(x)
        return [x]

    shared = cachelib.cache_data(make, scope="global")
    session = cachelib.cache_data(make, scope="session")

    shared(1)
    session(1)
    shared(1)
    session(1)
    assert calls == [1, 1]

    session.clear()
    shared(1)
    session(1)
    assert calls == [1, 1, 1]


def test_cache_data_clear_empties_session_caches_too() -> None:
    calls = []

    @cachelib.cache_data(scope="session")
    def make(x):
        calls.append(x)
        return x

    make(1)
    cachelib.cache_data.clear()
    make(1)

    assert calls == [1, 1]


# --- refresh_mode="background" ----------------------------------------------------------


def _wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_background_refresh_serves_the_stale_value_while_one_refresh_runs(
    fake_clock: list[float],
) -> None:
    runs: list[int] = []
    release = threading.Event()
    done: list[int] = []

    @cachelib.cache_data(ttl=10, refresh_mode="background")
    def version(x):
        runs.append(x)
        if len(runs) > 1:
            release.wait(5)
        done.append(len(runs))
        return len(runs)

    assert version(1) == 1
    fake_clock[0] += 10  # stale now

    stale = [version(1) for _ in range(5)]  # served at once, while one refresh runs

    assert stale == [1] * 5
    _wait_until(lambda: len(runs) >= 2)
    time.sleep(0.05)  # time for (wrong) further refreshes to start
    assert len(runs) == 2  # one refresh, not one per hit
    release.set()
    _wait_until(lambda: len(done) == 2)
    _wait_until(lambda: version(1) == 2)
    assert len(runs) == 2


def test_background_refresh_expires_hard_at_twice_the_ttl(fake_clock: list[float]) -> None:
    runs: list[int] = []

    @cachelib.cache_data(ttl=10, refresh_mode="background")
    def version(x):
        runs.append(x)
        return len(runs)

    assert version(1) == 1
    fake_clock[0] += 20  # no hit in between: past the hard expiry

    assert version(1) == 2  # computed in the caller, not served stale
    assert len(runs) == 2


def test_background_refresh_serves_the_stale_value_until_just_before_twice_the_ttl(
    fake_clock: list[float],
) -> None:
    release = threading.Event()
    runs: list[int] = []

    @cachelib.cache_data(ttl=10, refresh_mode="background")
    def version(x):
        runs.append(x)
        if len(runs) > 1:
            release.wait(5)
        return len(runs)

    version(1)
    fake_clock[0] += 19.9

    try:
        assert version(1) == 1
    finally:
        release.set()
    _wait_until(lambda: version(1) == 2)


def test_a_miss_during_a_background_refresh_waits_for_it_instead_of_running_again(
    fake_clock: list[float],
) -> None:
    release = threading.Event()
    runs: list[str] = []

    @cachelib.cache_data(ttl=10, refresh_mode="background")
    def version(x):
        runs.append(threading.current_thread().name)
        if len(runs) > 1:
            release.wait(5)
        return len(runs)

    version(1)
    fake_clock[0] += 10
    assert version(1) == 1  # stale: served, and one refresh starts
    _wait_until(lambda: len(runs) == 2)
    fake_clock[0] += 10  # past the hard expiry while the refresh still runs
    results: list[int] = []
    caller = threading.Thread(target=lambda: results.append(version(1)))
    caller.start()
    time.sleep(0.05)  # time for a (wrong) second run to start
    release.set()
    caller.join(5)

    assert results == [2]  # the refresh's value
    assert runs == ["MainThread", "cachelib-refresh"]


@pytest.mark.parametrize("clear", ["function", "key", "everything"])
def test_a_background_refresh_that_was_running_when_the_cache_was_cleared_is_dropped(
    fake_clock: list[float], clear: str
) -> None:
    release = threading.Event()
    runs: list[int] = []

    @cachelib.cache_data(ttl=10, refresh_mode="background")
    def version(x):
        runs.append(x)
        if len(runs) == 2:
            release.wait(5)  # the refresh reads the data before it changes
        return len(runs)

    version(1)
    fake_clock[0] += 10
    version(1)  # stale: one refresh starts
    _wait_until(lambda: len(runs) == 2)
    {
        "function": version.clear,
        "key": lambda: version.clear(1),
        "everything": cachelib.cache_data.clear,
    }[clear]()
    release.set()  # a call now waits for the refresh (it holds the key's lock), then looks

    assert version(1) == 3  # computed after the clear, not the refresh's old value


@pytest.mark.usefixtures("quick_spinner")
def test_a_background_refresh_shows_no_spinner(
    fake_clock: list[float], capsys: pytest.CaptureFixture[str]
) -> None:
    runs: list[int] = []

    @cachelib.cache_data(ttl=10, refresh_mode="background")
    def slow_version():
        time.sleep(0.1)
        runs.append(1)
        return len(runs)

    slow_version()
    assert capsys.readouterr().err != ""  # the first miss keeps a caller waiting: a spinner
    fake_clock[0] += 10
    slow_version()  # stale: served, refreshed in the background, where nobody waits
    _wait_until(lambda: len(runs) == 2)
    time.sleep(0.05)

    assert capsys.readouterr().err == ""


def test_a_fresh_entry_in_background_mode_starts_no_refresh(fake_clock: list[float]) -> None:
    runs: list[int] = []

    @cachelib.cache_data(ttl=10, refresh_mode="background")
    def version(x):
        runs.append(x)
        return len(runs)

    version(1)
    fake_clock[0] += 9.9
    version(1)
    time.sleep(0.05)

    assert runs == [1]


def test_background_mode_warns_about_output_and_does_not_replay_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    @cachelib.cache_data(ttl=60, refresh_mode="background")
    def chatty(x):
        cachelib.write("computing", x)
        return x

    with pytest.warns(cachelib.CachedStFunctionInBackgroundModeWarning) as caught:
        chatty(1)
    assert "chatty" in str(caught[0].message)
    assert capsys.readouterr().out == "computing 1\n"

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chatty(1)
    assert capsys.readouterr().out == ""


def test_background_mode_without_output_does_not_warn() -> None:
    @cachelib.cache_data(ttl=60, refresh_mode="background")
    def quiet(x):
        return x

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert quiet(1) == quiet(1) == 1


# --- awaitables -------------------------------------------------------------------------


async def _answer() -> int:
    return 42


@pytest.mark.parametrize("decorator", [cachelib.cache_data, cachelib.cache_resource])
def test_a_plain_function_returning_a_coroutine_raises_and_closes_it(
    decorator: Callable[..., Any],
) -> None:
    calls = []

    @decorator
    def start():
        calls.append(1)
        return _answer()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(cachelib.CachedFunctionReturnedAwaitableError) as error:
            start()
        type_name, func_name, message = (
            error.value.type_name,
            error.value.func_name,
            str(error.value),
        )
        del error  # its traceback would keep the coroutine alive past the check
        with pytest.raises(cachelib.CachedFunctionReturnedAwaitableError):
            start()
        gc.collect()

    assert [str(w.message) for w in caught] == []  # no "coroutine was never awaited"
    assert calls == [1, 1]  # nothing cached
    assert type_name == "builtins.coroutine"
    assert func_name == "start"
    assert "async def start" in message


def test_a_plain_function_returning_a_future_raises() -> None:
    @cachelib.cache_data
    def start(_loop):
        return _loop.create_future()

    loop = asyncio.new_event_loop()
    try:
        with pytest.raises(cachelib.CachedFunctionReturnedAwaitableError) as caught:
            start(loop)
    finally:
        loop.close()

    assert caught.value.type_name.endswith(".Future")


# --- threads ----------------------------------------------------------------------------


def test_concurrent_misses_on_one_key_run_the_function_once() -> None:
    calls = []

    @cachelib.cache_data(show_spinner=False)
    def slow(x):
        calls.append(x)
        time.sleep(0.2)
        return [x]

    count = 8
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def call(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = slow(1)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert calls == [1]
    assert results == [[1]] * count
    assert len({id(result) for result in results}) == count  # each caller its own copy


def test_concurrent_calls_on_many_keys_keep_every_result_right() -> None:
    @cachelib.cache_data(max_entries=16)
    def square(x):
        return x * x

    errors: list[BaseException] = []

    def hammer(seed: int) -> None:
        try:
            for i in range(300):
                x = (i * 7 + seed) % 40
                assert square(x) == x * x
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=hammer, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
