"""Functions and methods met while hashing: by name, by code, through wrappers, never their owner.

A builtin function or method (``conn.execute``, ``random.random``, ``big_dict.get``) is keyed
by its name, a library function or method by module and name, the app's own functions and
methods by their code; the object a method is bound to is never hashed as a whole. A
wrapper that sets ``__wrapped__`` is hashed through the function it wraps, an import in a
body by the module it names, and a function met as a value by its code and defaults, not
its name. These are Streamlit 1.35's rules (issue 11, items 1, 2, 4 and 5).
"""

from __future__ import annotations

import functools
import io
import json
import random
import sqlite3
import sys
import textwrap
import threading
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cachelib
from cachelib._internal.hashing import Hasher

np = pytest.importorskip("numpy")

_APP = "cachelib_test_app"


@pytest.fixture
def app_module(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., dict[str, Any]]]:
    """Run an app's source as a Streamlit rerun does: a fresh module each time.

    The module is registered in ``sys.modules`` (as ``__main__`` is in an app), and its
    code is compiled under a relative file name, which counts as the app's own code.
    Namespaces are kept alive until the test ends, so objects of one rerun (connections,
    return values) are never freed and their ids never reused by the next.
    """
    kept: list[dict[str, Any]] = []

    def run(source: str, **namespace: Any) -> dict[str, Any]:
        module = types.ModuleType(_APP)
        module.__dict__.update(namespace)
        monkeypatch.setitem(sys.modules, _APP, module)
        exec(compile(textwrap.dedent(source), "app.py", "exec"), module.__dict__)
        kept.append(module.__dict__)
        return module.__dict__

    yield run
    kept.clear()


def rerun_hits(run: Callable[..., dict[str, Any]], source: str, **namespace: Any) -> bool:
    """Run the app twice; whether the second run's `result` is the first one's stored object."""
    first = run(source, **namespace)["result"]
    second = run(source, **namespace)["result"]
    return first is second


def digest(value: object, where: str = "arguments") -> bytes:
    return Hasher({}, where, "f").digest(value)


# --- item 1: builtin methods by name, the bound object never hashed ---------------------

SQLITE_APP = """
import sqlite3
import cachelib

conn = sqlite3.connect(":memory:")

@cachelib.cache{options}
def total():
    return [conn.execute("SELECT 40 + 2").fetchone()[0]]

result = total()
"""


def test_method_of_a_global_sqlite_connection_in_the_body_hits_on_rerun(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    assert rerun_hits(app_module, SQLITE_APP.format(options=""))


def test_hash_funcs_by_id_for_the_connection_does_not_make_every_rerun_miss(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    # The connection is never hashed, so the rule the error used to suggest is never used.
    source = SQLITE_APP.format(options="(hash_funcs={sqlite3.Connection: id})")

    assert rerun_hits(app_module, source)


@pytest.mark.parametrize(
    "call",
    ["random.random()", "np.random.randn()", "RNG.random()", "np.random.default_rng(0).random()"],
)
def test_random_generator_method_in_the_body_hits_on_rerun(
    call: str, app_module: Callable[..., dict[str, Any]]
) -> None:
    source = f"""
    import random
    import numpy as np
    import cachelib

    RNG = random.Random()

    @cachelib.cache
    def draw():
        return [{call}]

    result = draw()
    """

    assert rerun_hits(app_module, source)


def test_write_method_of_the_standard_output_in_the_body_is_hashed_by_name(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    # sys.__stdout__ is the real standard output (pytest captures sys.stdout): its name,
    # "<stdout>", is no file path, which made hashing the object fail.
    source = """
    import sys
    import cachelib

    @cachelib.cache
    def report():
        sys.__stdout__.write("")
        return [1]

    result = report()
    """

    assert rerun_hits(app_module, source)


class _Refuses:
    """Any attempt to hash this object fails loudly."""

    def __reduce__(self) -> Any:
        raise AssertionError("the object a builtin method is bound to was hashed")


def test_builtin_method_of_a_global_dict_never_hashes_the_dict(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    big = {index: index for index in range(1000)}
    big["refuses"] = _Refuses()
    source = """
    import cachelib

    @cachelib.cache
    def lookup(key=1):
        return [BIG.get(key)]

    result = lookup()
    """

    assert rerun_hits(app_module, source, BIG=big)


def test_builtin_methods_are_keyed_by_owner_type_and_name_not_by_the_owner() -> None:
    assert digest({1: 1}.get) == digest({2: 2}.get)
    assert digest({}.get) != digest({}.pop)
    assert digest({}.get) != digest(types.MappingProxyType({}).get)
    assert digest(len) == digest(len)
    assert digest(len) != digest(abs)
    assert digest((1).__add__) == digest((2).__add__)
    with sqlite3.connect(":memory:") as first, sqlite3.connect(":memory:") as second:
        assert digest(first.execute) == digest(second.execute)


def test_builtin_method_argument_never_hashes_its_owner() -> None:
    assert cachelib.cache(lambda method: [method])(threading.RLock().acquire) is not None


class Model:
    def __init__(self, weight: int, other: object) -> None:
        self.weight = weight
        self.other = other
        self.lock = threading.RLock()

    def predict(self) -> int:
        return self.weight


MODEL_APP = """
import cachelib

@cachelib.cache
def predict():
    return [MODEL.predict()]

result = predict()
"""


def test_app_method_is_hashed_by_its_code_and_the_attributes_it_reads(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    # The model holds a lock: hashing the whole object would fail.
    first = app_module(MODEL_APP, MODEL=Model(1, "a"))["result"]
    unread_attribute_changed = app_module(MODEL_APP, MODEL=Model(1, "b"))["result"]
    read_attribute_changed = app_module(MODEL_APP, MODEL=Model(2, "a"))["result"]

    assert unread_attribute_changed is first
    assert read_attribute_changed is not first


class Counter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0

    def add(self) -> int:
        with self._lock:
            self.count += 1
            return self.count


COUNTER_APP = """
import cachelib

@cachelib.cache{options}
def counted():
    COUNTER.add()
    return [1]

result = counted()
"""


def test_an_attribute_a_method_reads_is_hashed_and_named_in_the_chain() -> None:
    scope: dict[str, Any] = {"__name__": _APP, "COUNTER": Counter()}
    exec("def counted():\n    COUNTER.add()\n    return [1]\n", scope)

    with pytest.raises(cachelib.UnhashableTypeError) as info:
        cachelib.cache(scope["counted"])()

    assert info.value.type_name == "_thread.lock"
    assert "`self._lock`, used in `Counter.add()`" in str(info.value)


def test_hash_funcs_for_the_object_a_method_is_bound_to_hashes_it_instead(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    source = COUNTER_APP.format(options="(hash_funcs={Counter: lambda _: 'one counter'})")

    assert rerun_hits(app_module, source, COUNTER=Counter(), Counter=Counter)


def test_library_method_bound_to_an_unhashable_object_is_hashed_by_name(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    encoder = json.JSONEncoder()
    encoder.lock = threading.RLock()  # type: ignore[attr-defined]
    source = """
    import cachelib

    @cachelib.cache
    def encode():
        return [ENCODER.encode([1, 2])]

    result = encode()
    """

    assert rerun_hits(app_module, source, ENCODER=encoder)


def test_local_alias_of_a_connection_uses_only_its_method(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    source = """
    import sqlite3
    import cachelib

    CONN = sqlite3.connect(":memory:")

    @cachelib.cache
    def total():
        connection = CONN
        return [connection.execute("SELECT 1").fetchone()[0]]

    result = total()
    """

    assert rerun_hits(app_module, source)


def test_connection_passed_whole_to_a_call_in_the_body_is_still_refused() -> None:
    def fetch(connection: sqlite3.Connection) -> int:
        return int(connection.execute("SELECT 1").fetchone()[0])

    scope: dict[str, Any] = {"__name__": _APP, "fetch": fetch}
    with sqlite3.connect(":memory:") as conn:
        scope["conn"] = conn
        exec("def total():\n    return [fetch(conn)]\n", scope)
        with pytest.raises(cachelib.UnhashableTypeError) as info:
            cachelib.cache(scope["total"])()

    assert info.value.type_name == "sqlite3.Connection"
    assert info.value.where == "body"


# --- item 2: wrappers hashed through __wrapped__ ----------------------------------------

LRU_APP = """
import functools
import cachelib

@functools.lru_cache
def helper():
    return VALUE

@cachelib.cache
def cached():
    return [helper()]

result = cached()
"""


def test_editing_a_helper_behind_lru_cache_changes_the_key(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    first = app_module(LRU_APP.replace("VALUE", "1"))["result"]
    edited = app_module(LRU_APP.replace("VALUE", "2"))["result"]
    same = app_module(LRU_APP.replace("VALUE", "1"))["result"]

    assert edited is not first
    assert edited == [2]
    assert same is first


def test_lru_cache_helper_of_a_module_that_cannot_be_imported_is_hashed() -> None:
    scope: dict[str, Any] = {"__name__": "not_an_importable_module"}
    exec(textwrap.dedent(LRU_APP.replace("VALUE", "3")), scope)

    assert scope["result"] == [3]


def test_editing_a_helper_behind_functools_wraps_changes_the_key(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    source = """
    import functools
    import cachelib

    def logged(func):
        @functools.wraps(func)
        def wrapper(*args):
            return func(*args)
        return wrapper

    @logged
    def helper():
        return VALUE

    @cachelib.cache
    def cached():
        return [helper()]

    result = cached()
    """

    first = app_module(source.replace("VALUE", "1"))["result"]
    assert app_module(source.replace("VALUE", "2"))["result"] is not first
    assert app_module(source.replace("VALUE", "1"))["result"] is first


def test_wrapper_objects_are_hashed_as_the_function_they_wrap() -> None:
    def helper() -> int:
        return 1

    assert digest(functools.lru_cache(helper)) == digest(helper)
    assert digest(functools.cache(helper)) == digest(helper)
    assert digest(staticmethod(helper)) == digest(helper)


# --- item 4: an import in the body ------------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "import colorsys",
        "import colorsys as other_name",
        "from colorsys import rgb_to_hsv",
        "import xml.dom.minidom",
        "from xml.dom import minidom",
    ],
)
def test_import_in_the_body_gives_the_first_call_the_key_of_the_next(
    statement: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("colorsys", "xml.dom.minidom"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    scope: dict[str, Any] = {"__name__": _APP}
    exec(f"def f():\n    {statement}\n    return [1]\n", scope)

    first = cachelib.cache(scope["f"])()  # the key is computed before the body imports
    second = cachelib.cache(scope["f"])()

    assert second is first


def test_import_of_a_missing_module_in_the_body_is_keyed_by_its_name() -> None:
    source = (
        "def f(flag=False):\n    if flag:\n        import cachelib_no_such_module\n    return [1]\n"
    )
    scope: dict[str, Any] = {"__name__": _APP}
    exec(source, scope)

    assert cachelib.cache(scope["f"])() is cachelib.cache(scope["f"])()


def test_imports_of_different_modules_give_different_keys() -> None:
    def body(statement: str) -> Callable[..., Any]:
        scope: dict[str, Any] = {"__name__": _APP}
        exec(f"def f():\n    {statement}\n    return [1]\n", scope)
        return scope["f"]  # type: ignore[no-any-return]

    assert digest(body("import json as m"), "body") != digest(body("import pickle as m"), "body")


# --- item 5: a function met as a value: code and defaults, not its name -------------------


def _compile(source: str, name: str) -> Callable[..., Any]:
    scope: dict[str, Any] = {"__name__": _APP}
    exec(textwrap.dedent(source), scope)
    return scope[name]  # type: ignore[no-any-return]


def test_function_arguments_with_the_same_code_and_other_names_share_a_key() -> None:
    one = _compile("def one(x, scale=2):\n    return x * scale\n", "one")
    two = _compile("def two(x, scale=2):\n    return x * scale\n", "two")
    other_default = _compile("def two(x, scale=3):\n    return x * scale\n", "two")
    other_code = _compile("def one(x, scale=2):\n    return x + scale\n", "one")

    @cachelib.cache
    def apply(func: Callable[[int], int], value: int) -> list[int]:
        return [func(value)]

    first = apply(one, 5)
    assert apply(two, 5) is first
    assert apply(other_default, 5) == [15]
    assert apply(other_code, 5) == [7]


def test_global_function_with_the_same_code_under_another_name_shares_a_key(
    app_module: Callable[..., dict[str, Any]],
) -> None:
    source = """
    import cachelib

    def NAME(x):
        return x + 1

    HANDLER = NAME

    @cachelib.cache
    def handle():
        return [HANDLER(1)]

    result = handle()
    """

    first = app_module(source.replace("NAME", "increment"))["result"]
    assert app_module(source.replace("NAME", "add_one"))["result"] is first


def test_cached_functions_of_other_names_still_have_their_own_keys() -> None:
    one = _compile("def one():\n    return [1]\n", "one")
    two = _compile("def two():\n    return [1]\n", "two")

    assert cachelib.cache(one)() is not cachelib.cache(two)()


identifiers = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda name: name not in {"if", "in", "is", "or", "and", "not", "def", "for", "as", "lambda"}
)
expressions = st.recursive(
    st.sampled_from(["a", "b", "len(c)", "SCALE"]) | st.integers(-50, 50).map(str),
    lambda inner: st.tuples(inner, st.sampled_from(["+", "-", "*", "%"]), inner).map(
        lambda parts: f"({parts[0]} {parts[1]} {parts[2] if parts[1] != '%' else '7'})"
    ),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None)
@given(
    first=identifiers,
    second=identifiers,
    expression=expressions,
    default=st.integers(-5, 5) | st.text(max_size=3) | st.none(),
)
def test_functions_compiled_from_one_source_text_share_a_key(
    first: str, second: str, expression: str, default: object
) -> None:
    template = "def {name}(a, b={default!r}, *, c=()):\n    return {expression}\n"
    scope: dict[str, Any] = {"__name__": _APP, "SCALE": 3}
    exec(template.format(name=first, default=default, expression=expression), scope)
    one = scope[first]
    exec(template.format(name=first, default=default, expression=expression), scope)
    again = scope[first]
    exec(template.format(name=second, default=default, expression=expression), scope)
    renamed = scope[second]

    assert digest(one) == digest(again) == digest(renamed)
    assert digest(one, "body") == digest(renamed, "body")


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), draws=st.integers(1, 5))
def test_a_random_generator_used_in_a_body_never_changes_the_key(seed: int, draws: int) -> None:
    generator = random.Random(seed)
    scope: dict[str, Any] = {"__name__": _APP, "RNG": generator}
    exec("def f():\n    return [RNG.random()]\n", scope)
    before = digest(scope["f"], "body")
    for _ in range(draws):
        generator.random()

    assert digest(scope["f"], "body") == before


def test_io_write_method_is_hashed_by_name() -> None:
    assert digest(io.StringIO("a").write) == digest(io.StringIO("b").write)
