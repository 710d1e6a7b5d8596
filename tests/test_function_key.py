"""The function key: module, qualified name, body and the values the body refers to."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import textwrap
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cachelib
from cachelib._internal.hashing import Hasher

_MODULE = "cachelib_test_generated"


def define(source: str, name: str = "f", **namespace: Any) -> Callable[..., Any]:
    """Define a function from source, in module ``_MODULE``, with the given globals."""
    scope: dict[str, Any] = {"__name__": _MODULE, **namespace}
    exec(textwrap.dedent(source), scope)
    return scope[name]  # type: ignore[no-any-return]


def share_a_cache(first: Callable[..., Any], second: Callable[..., Any]) -> bool:
    """Whether two wrapped functions hit each other's entries.

    Each function returns a new list on every run, and a hit returns the stored object
    itself, so the second call returns the first call's object exactly when the two
    functions have the same key.
    """
    return cachelib.cache(first)() is cachelib.cache(second)()


def body_digest(func: Callable[..., Any]) -> bytes:
    return Hasher({}, "body", getattr(func, "__name__", "f")).digest(func)


BASE = """
def f():
    return [1]
"""


# --- what changes the key ---------------------------------------------------------------


def test_identical_functions_with_same_module_and_qualname_share_a_cache() -> None:
    assert share_a_cache(define(BASE), define(BASE))


def test_functions_with_other_qualname_do_not_share_a_cache() -> None:
    other = define(BASE.replace("def f", "def g"), name="g")

    assert not share_a_cache(define(BASE), other)


def test_functions_in_another_module_do_not_share_a_cache() -> None:
    scope: dict[str, Any] = {"__name__": "another_module"}
    exec(textwrap.dedent(BASE), scope)

    assert not share_a_cache(define(BASE), scope["f"])


@pytest.mark.parametrize(
    "changed",
    [
        "def f():\n    return [2]\n",
        "def f():\n    return [1, 1]\n",
        "def f():\n    return [1.0]\n",
        "def f():\n    return [-1]\n",
        "def f():\n    x = [1]\n    x.append(0)\n    x.pop()\n    return x\n",
        'def f():\n    """Docstring."""\n    return [1]\n',
        "def f(unused=None):\n    return [1]\n",
        "def f():\n    return [(lambda: 1)()]\n",
    ],
    ids=[
        "constant",
        "logic",
        "float-constant",
        "negative",
        "statements",
        "docstring",
        "param",
        "lambda",
    ],
)
def test_body_change_gives_a_new_key(changed: str) -> None:
    assert not share_a_cache(define(BASE), define(changed))


def test_string_constant_change_gives_a_new_key() -> None:
    first = define('def f():\n    return ["a"]\n')
    second = define('def f():\n    return ["b"]\n')

    assert not share_a_cache(first, second)


def test_docstring_change_gives_a_new_key() -> None:
    first = define('def f():\n    """One."""\n    return [1]\n')
    second = define('def f():\n    """Two."""\n    return [1]\n')

    assert not share_a_cache(first, second)


def test_default_value_change_gives_a_new_key() -> None:
    first = define("def f(x=1):\n    return [x]\n")
    second = define("def f(x=2):\n    return [1]\n")

    assert not share_a_cache(first, second)


def test_keyword_only_default_change_gives_a_new_key() -> None:
    first = define("def f(*, x=1):\n    return [1]\n")
    second = define("def f(*, x=2):\n    return [1]\n")

    assert not share_a_cache(first, second)


def test_nested_function_body_change_gives_a_new_key() -> None:
    first = define("def f():\n    def inner():\n        return 1\n    return [inner()]\n")
    second = define("def f():\n    def inner():\n        return 2\n    return [1]\n")

    assert not share_a_cache(first, second)


# --- what does not change the key -------------------------------------------------------


@pytest.mark.parametrize(
    "same",
    [
        "def f():\n    # a comment\n    return [1]  # another\n",
        "\n\n\ndef f():\n\n    return [1]\n\n",
        "def f():\n    return [\n        1,\n    ]\n",
    ],
    ids=["comments", "blank-lines-and-moved", "reformatted"],
)
def test_comments_blank_lines_and_layout_do_not_change_the_key(same: str) -> None:
    assert share_a_cache(define(BASE), define(same))


def test_renaming_parameters_and_locals_does_not_change_the_key() -> None:
    first = define("def f(x=1):\n    total = x\n    return [total]\n")
    second = define("def f(y=1):\n    result = y\n    return [result]\n")

    assert share_a_cache(first, second)


# --- referenced values ------------------------------------------------------------------

READS_GLOBAL = "def f():\n    return [SETTING]\n"


def test_global_value_is_part_of_the_key() -> None:
    assert not share_a_cache(define(READS_GLOBAL, SETTING=1), define(READS_GLOBAL, SETTING=2))
    assert share_a_cache(define(READS_GLOBAL, SETTING=[1]), define(READS_GLOBAL, SETTING=[1]))


def test_global_value_of_another_type_is_a_new_key() -> None:
    assert not share_a_cache(define(READS_GLOBAL, SETTING=1), define(READS_GLOBAL, SETTING=1.0))


def test_undefined_global_does_not_prevent_hashing() -> None:
    first = define("def f(flag=False):\n    return [UNDEFINED_NAME] if flag else [1]\n")

    assert cachelib.cache(first)() == [1]


def _closing_over(value: object) -> Callable[[], list[object]]:
    def f() -> list[object]:
        return [value]

    return f


def test_closure_values_are_part_of_the_key() -> None:
    assert not share_a_cache(_closing_over(1), _closing_over(2))
    assert not share_a_cache(_closing_over("1"), _closing_over(1))
    assert share_a_cache(_closing_over((1, "a")), _closing_over((1, "a")))


@pytest.mark.parametrize(
    "source",
    [
        "def f():\n    return [x * SETTING for x in range(2)]\n",
        "def f():\n    def inner():\n        return SETTING\n    return [inner()]\n",
        "def f():\n    return [(lambda: SETTING)()]\n",
    ],
    ids=["comprehension", "nested-function", "lambda"],
)
def test_global_used_only_in_nested_code_is_part_of_the_key(source: str) -> None:
    assert not share_a_cache(define(source, SETTING=1), define(source, SETTING=2))
    assert share_a_cache(define(source, SETTING=1), define(source, SETTING=1))


READS_ATTRIBUTE = "def f():\n    return [CONFIG.url]\n"


def test_attribute_chain_resolves_only_the_attribute_read() -> None:
    def config(url: str, other: object) -> types.SimpleNamespace:
        return types.SimpleNamespace(url=url, other=other)

    same_url = define(READS_ATTRIBUTE, CONFIG=config("db://a", 1))
    same_url_other_rest = define(READS_ATTRIBUTE, CONFIG=config("db://a", 2))
    other_url = define(READS_ATTRIBUTE, CONFIG=config("db://b", 1))

    assert share_a_cache(same_url, same_url_other_rest)
    assert not share_a_cache(same_url, other_url)


def test_attribute_chain_over_an_unhashable_owner_hashes_only_the_attribute() -> None:
    import threading

    owner = types.SimpleNamespace(url="db://a", lock=threading.RLock())

    assert cachelib.cache(define(READS_ATTRIBUTE, CONFIG=owner))() == ["db://a"]


def test_deep_attribute_chain_resolves_the_last_attribute() -> None:
    source = "def f():\n    return [APP.db.url]\n"

    def app(url: str, name: str) -> types.SimpleNamespace:
        return types.SimpleNamespace(db=types.SimpleNamespace(url=url, name=name))

    assert share_a_cache(define(source, APP=app("a", "x")), define(source, APP=app("a", "y")))
    assert not share_a_cache(define(source, APP=app("a", "x")), define(source, APP=app("b", "x")))


def test_whole_object_passed_to_a_call_is_hashed() -> None:
    source = "def f():\n    return [len(vars(CONFIG))]\n"

    def config(other: object) -> types.SimpleNamespace:
        return types.SimpleNamespace(url="u", other=other)

    assert not share_a_cache(define(source, CONFIG=config(1)), define(source, CONFIG=config(2)))


HELPER_CALLER = """
def helper():
    return HELPER_RESULT

def f():
    return [helper()]
"""


def test_helper_function_edit_changes_the_callers_key() -> None:
    first = define(HELPER_CALLER.replace("HELPER_RESULT", "1"))
    edited = define(HELPER_CALLER.replace("HELPER_RESULT", "2"))
    same = define(HELPER_CALLER.replace("HELPER_RESULT", "1"))

    assert not share_a_cache(first, edited)
    assert share_a_cache(first, same)


def test_helper_of_a_helper_edit_changes_the_key() -> None:
    source = """
    def leaf():
        return LEAF
    def middle():
        return leaf()
    def f():
        return [middle()]
    """

    assert not share_a_cache(
        define(source.replace("LEAF", "1")), define(source.replace("LEAF", "2"))
    )


def _library_function(source: str, qualname: str = "helper") -> Callable[..., Any]:
    """Compile a function as if it came from an installed package."""
    code = compile(textwrap.dedent(source), "/opt/python/lib/site-packages/somelib/core.py", "exec")
    scope: dict[str, Any] = {"__name__": "somelib.core"}
    exec(code, scope)
    return scope[qualname]  # type: ignore[no-any-return]


def test_library_functions_are_hashed_by_name_only() -> None:
    first = _library_function("def helper():\n    return 1\n")
    edited = _library_function("def helper():\n    return 2\n")
    other_name = _library_function("def other():\n    return 1\n", qualname="other")

    assert body_digest(first) == body_digest(edited)
    assert body_digest(first) != body_digest(other_name)


def test_library_function_referenced_in_the_body_is_hashed_by_name() -> None:
    source = "def f():\n    return [LIB()]\n"
    first = define(source, LIB=_library_function("def helper():\n    return 1\n"))
    edited = define(source, LIB=_library_function("def helper():\n    return 2\n"))

    assert share_a_cache(first, edited)


def test_standard_library_functions_differ_by_name() -> None:
    source = "def f():\n    return [FUNC]\n"

    assert share_a_cache(define(source, FUNC=json.dumps), define(source, FUNC=json.dumps))
    assert not share_a_cache(define(source, FUNC=json.dumps), define(source, FUNC=json.loads))


def test_imported_module_is_hashed_by_name() -> None:
    first = define("def f():\n    import json\n    return [json.dumps(1)]\n")
    second = define("def f():\n    import json\n    return [json.dumps(1)]\n")
    other = define("def f():\n    import pickle as json\n    return [json.dumps(1)]\n")

    assert share_a_cache(first, second)
    assert not share_a_cache(first, other)


# --- computed once per wrapper ----------------------------------------------------------

SCALE = 1


def _scaled(x: int) -> int:
    return x * SCALE


def test_key_is_computed_once_so_a_later_global_change_gives_the_stale_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cached = cachelib.cache(_scaled)
    assert cached(2) == 2

    monkeypatch.setattr(sys.modules[__name__], "SCALE", 10, raising=True)

    assert cached(2) == 2  # stale: the key was computed on the first call
    assert cachelib.cache(_scaled)(2) == 20  # a new wrapper sees the new value


def test_global_change_before_the_first_call_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    cached = cachelib.cache(_scaled)
    monkeypatch.setattr(sys.modules[__name__], "SCALE", 7, raising=True)

    assert cached(2) == 14


# --- recursion --------------------------------------------------------------------------


def _factorial(n: int) -> int:
    return 1 if n <= 1 else n * _factorial(n - 1)


def _is_even(n: int) -> bool:
    return True if n == 0 else _is_odd(n - 1)


def _is_odd(n: int) -> bool:
    return False if n == 0 else _is_even(n - 1)


def test_recursive_function_is_hashed_without_looping() -> None:
    assert cachelib.cache(_factorial)(5) == 120
    assert len(body_digest(_factorial)) == 16


def test_mutually_recursive_helpers_are_hashed_without_looping() -> None:
    assert cachelib.cache(_is_even)(10) is True
    assert body_digest(_is_even) == body_digest(_is_even)


def test_recursive_function_edit_still_changes_the_key() -> None:
    source = "def f(n=3):\n    return [] if n == 0 else [f(n - 1), STEP]\n"

    assert not share_a_cache(define(source, STEP=1), define(source, STEP=2))
    assert share_a_cache(define(source, STEP=1), define(source, STEP=1))


# --- errors while resolving the body ----------------------------------------------------

_NEVER = False


def _reads_a_missing_attribute() -> object:
    if _NEVER:
        return os.this_attribute_does_not_exist  # type: ignore[attr-defined]
    return 1


def test_failing_attribute_in_the_body_raises_user_hash_error_naming_file_and_line() -> None:
    source_lines, first_line = inspect.getsourcelines(_reads_a_missing_attribute)
    offset = next(i for i, text in enumerate(source_lines) if "this_attribute" in text)
    line = first_line + offset

    with pytest.raises(cachelib.UserHashError) as info:
        cachelib.cache(_reads_a_missing_attribute)()

    message = str(info.value)
    assert __file__ in message
    assert f"line {line}" in message
    assert "os.this_attribute_does_not_exist" in message  # the source line is shown
    assert isinstance(info.value.__cause__, AttributeError)
    assert info.value.where == "body"
    assert info.value.func_name == "_reads_a_missing_attribute"


def test_failing_attribute_raises_on_every_call_and_never_runs_the_function() -> None:
    calls = []

    def f() -> object:
        calls.append(1)
        return os.missing_attribute_here  # type: ignore[attr-defined]

    cached = cachelib.cache(f)
    for _ in range(2):
        with pytest.raises(cachelib.UserHashError):
            cached()
    assert calls == []


def test_body_referencing_an_unhashable_global_raises_unhashable_type_error() -> None:
    import threading

    source = "def f():\n    return [id(LOCK)]\n"

    with pytest.raises(cachelib.UnhashableTypeError) as info:
        cachelib.cache(define(source, LOCK=threading.RLock()))()

    assert info.value.where == "body"
    assert info.value.type_name == "_thread.RLock"


_SEED_SCRIPT = """
import cachelib

NAMES = frozenset({"alpha", "beta", "gamma", "delta", "epsilon"})
LOOKUP = {"x": {"p", "q", "r"}, "y": {1, 2, 3}}

@cachelib.cache(persist=True)
def classify(word):
    cachelib.write("ran")
    return word in {"a", "b", "c", "d"} or word in NAMES or word in LOOKUP["x"]

print(classify("alpha"))
"""


def test_function_key_is_the_same_in_processes_with_other_hash_seeds(tmp_path: Path) -> None:
    script = tmp_path / "seeded.py"
    script.write_text(_SEED_SCRIPT)
    outputs = []
    for seed in ("1", "2", "3"):
        result = subprocess.run(
            [sys.executable, str(script)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONHASHSEED": seed},
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)

    assert outputs == ["ran\nTrue\n", "True\n", "True\n"]
