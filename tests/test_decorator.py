"""The `cache` decorator: its forms and options, `write`, `clear_cache`, hits and misses."""

from __future__ import annotations

import datetime
import importlib
import inspect
import math
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cachelib
from cachelib._internal import spinner

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

DECORATOR_FORMS: dict[str, Decorator] = {
    "cache(f)": lambda f: cachelib.cache(f),
    "cache()(f)": lambda f: cachelib.cache()(f),
    "cache(**options)(f)": lambda f: cachelib.cache(
        persist=False,
        allow_output_mutation=False,
        show_spinner=True,
        suppress_st_warning=False,
        hash_funcs={},
        max_entries=10,
        ttl=60,
    )(f),
    "cache(f, **options)": lambda f: cachelib.cache(f, max_entries=5, ttl=None),
}


def _run_python(
    args: list[str], tmp_path: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CACHELIB_CACHE_DIR": str(tmp_path / "subprocess-cache")}
    return subprocess.run(
        [sys.executable, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )


# --- forms ------------------------------------------------------------------------------


@pytest.mark.parametrize("decorate", DECORATOR_FORMS.values(), ids=DECORATOR_FORMS.keys())
def test_every_decorator_form_caches_the_function(decorate: Decorator) -> None:
    calls = []

    def double(x):
        calls.append(x)
        return x * 2

    cached = decorate(double)

    assert cached(3) == 6
    assert cached(3) == 6
    assert cached(4) == 8
    assert calls == [3, 4]


def test_bare_decorator_syntax_caches() -> None:
    calls = []

    @cachelib.cache
    def square(x):
        calls.append(x)
        return x * x

    assert [square(2), square(2), square(3)] == [4, 4, 9]
    assert calls == [2, 3]


def test_called_decorator_syntax_caches() -> None:
    calls = []

    @cachelib.cache()
    def square(x):
        calls.append(x)
        return x * x

    assert [square(2), square(2)] == [4, 4]
    assert calls == [2]


def test_decorator_with_options_syntax_caches() -> None:
    calls = []

    @cachelib.cache(max_entries=3, ttl=datetime.timedelta(hours=1), show_spinner=False)
    def square(x):
        calls.append(x)
        return x * x

    assert [square(2), square(2)] == [4, 4]
    assert calls == [2]


def test_signature_has_the_eight_parameters_in_streamlit_order() -> None:
    parameters = inspect.signature(cachelib.cache).parameters

    assert list(parameters) == [
        "func",
        "persist",
        "allow_output_mutation",
        "show_spinner",
        "suppress_st_warning",
        "hash_funcs",
        "max_entries",
        "ttl",
    ]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in parameters.values())
    defaults = {name: p.default for name, p in parameters.items()}
    assert defaults == {
        "func": None,
        "persist": False,
        "allow_output_mutation": False,
        "show_spinner": True,
        "suppress_st_warning": False,
        "hash_funcs": None,
        "max_entries": None,
        "ttl": None,
    }


def test_options_can_be_passed_positionally() -> None:
    calls = []
    decorate = cachelib.cache(None, False, True, False, True, None, 4, 30.0)

    @decorate
    def ident(x):
        calls.append(x)
        return [x]

    first = ident(1)
    first.append("mutated")  # allow_output_mutation=True (third positional): no warning
    assert ident(1) is first
    assert calls == [1]


def test_suppress_st_warning_is_accepted_and_changes_nothing() -> None:
    calls = []

    @cachelib.cache(suppress_st_warning=True)
    def ident(x):
        calls.append(x)
        return x

    assert ident(1) == ident(1) == 1
    assert calls == [1]


def test_builtin_and_lambda_can_be_cached() -> None:
    cached_len = cachelib.cache(len)
    cached_lambda = cachelib.cache(lambda x: x + 1)

    assert cached_len([1, 2, 3]) == 3
    assert cached_len("ab") == 2
    assert cached_lambda(1) == 2


def test_decorating_a_non_callable_raises_type_error() -> None:
    with pytest.raises(TypeError):
        cachelib.cache(42)  # type: ignore[call-overload]


# --- the wrapper ------------------------------------------------------------------------


def test_wrapper_keeps_name_doc_module_qualname_and_wrapped() -> None:
    def documented(x):
        """Return x."""
        return x

    cached = cachelib.cache(documented)

    assert cached.__name__ == "documented"
    assert cached.__doc__ == "Return x."
    assert cached.__module__ == documented.__module__
    assert cached.__qualname__ == documented.__qualname__
    assert cached.__wrapped__ is documented


def test_hit_returns_the_very_object_stored() -> None:
    @cachelib.cache
    def make(x):
        return {"x": [x]}

    first = make(1)

    assert make(1) is first
    assert make(2) is not first


def test_none_result_is_cached_like_any_other() -> None:
    calls = []

    @cachelib.cache
    def nothing(x):
        calls.append(x)

    assert nothing(1) is None
    assert nothing(1) is None
    assert calls == [1]


def test_exception_propagates_and_nothing_is_cached() -> None:
    calls = []

    @cachelib.cache
    def flaky(x):
        calls.append(x)
        if len(calls) == 1:
            raise RuntimeError("first call fails")
        return x

    with pytest.raises(RuntimeError, match="first call fails"):
        flaky(1)
    assert flaky(1) == 1
    assert flaky(1) == 1
    assert calls == [1, 1]


def test_call_that_does_not_fit_the_signature_raises_pythons_type_error() -> None:
    calls = []

    @cachelib.cache
    def one(x):
        calls.append(x)
        return x

    with pytest.raises(TypeError):
        one()
    with pytest.raises(TypeError):
        one(1, 2)
    with pytest.raises(TypeError):
        one(1, y=2)
    assert calls == []


def test_different_arguments_are_different_entries() -> None:
    calls = []

    @cachelib.cache
    def ident(x):
        calls.append(x)
        return x

    assert [ident(1), ident(2), ident(1), ident(2)] == [1, 2, 1, 2]
    assert calls == [1, 2]


# --- write and clear_cache --------------------------------------------------------------


def test_write_prints_its_arguments_separated_by_spaces(capsys: pytest.CaptureFixture[str]) -> None:
    cachelib.write("rows:", 3, [1, 2], None)

    assert capsys.readouterr().out == "rows: 3 [1, 2] None\n"


def test_write_inside_a_cached_function_prints_on_misses_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    @cachelib.cache
    def load(name):
        cachelib.write("loading", name)
        return name.upper()

    assert load("a") == "A"
    assert load("a") == "A"
    assert load("b") == "B"

    assert capsys.readouterr().out == "loading a\nloading b\n"


def test_clear_cache_makes_every_function_run_again() -> None:
    calls = []

    @cachelib.cache
    def first(x):
        calls.append(("first", x))
        return x

    @cachelib.cache(max_entries=5)
    def second(x):
        calls.append(("second", x))
        return x

    first(1)
    second(1)
    cachelib.clear_cache()
    first(1)
    second(1)

    assert calls == [("first", 1), ("second", 1)] * 2


def test_clear_cache_reports_whether_the_cache_folder_existed(tmp_path: Path) -> None:
    @cachelib.cache(persist=True)
    def stored(x):
        return x

    assert cachelib.clear_cache() is False  # nothing persisted yet: no folder
    stored(1)
    assert cachelib.clear_cache() is True


# --- options checked when decorating (D11) ----------------------------------------------

BAD_OPTIONS = [
    ("max_entries", "3", TypeError),
    ("max_entries", [3], TypeError),
    ("max_entries", True, TypeError),
    ("max_entries", 0, ValueError),
    ("max_entries", -2, ValueError),
    ("max_entries", 2.5, ValueError),
    ("max_entries", math.nan, ValueError),
    ("ttl", "10", TypeError),
    ("ttl", True, TypeError),
    ("ttl", object(), TypeError),
    ("ttl", -1, ValueError),
    ("ttl", math.nan, ValueError),
    ("ttl", datetime.timedelta(seconds=-5), ValueError),
    ("hash_funcs", [(int, id)], TypeError),
    ("hash_funcs", {3: id}, TypeError),
    ("hash_funcs", {int: "id"}, TypeError),
]


@pytest.mark.parametrize(
    ("name", "value", "error"), BAD_OPTIONS, ids=[f"{n}={v!r}" for n, v, _ in BAD_OPTIONS]
)
def test_bad_option_fails_when_decorating_and_names_the_parameter(
    name: str, value: object, error: type[Exception]
) -> None:
    calls = []

    def func():
        calls.append(1)
        return 1

    with pytest.raises(error, match=name):
        cachelib.cache(**{name: value})
    with pytest.raises(error, match=name):
        cachelib.cache(func, **{name: value})
    assert calls == []


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("max_entries", 1),
        ("max_entries", 2.0),
        ("max_entries", math.inf),
        ("ttl", 0),
        ("ttl", 0.5),
        ("ttl", math.inf),
        ("ttl", datetime.timedelta(days=1)),
        ("hash_funcs", {"builtins.int": id}),
    ],
)
def test_valid_option_values_are_accepted(name: str, value: object) -> None:
    @cachelib.cache(**{name: value})
    def ident(x):
        return x

    assert ident(1) == 1


# --- show_spinner -----------------------------------------------------------------------


def _slow(seconds: float) -> Callable[..., Any]:
    def slow_load(x):
        time.sleep(seconds)
        return x

    return slow_load


def test_spinner_shows_on_stderr_for_a_long_miss(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(spinner, "DELAY", 0.05)
    cached = cachelib.cache(_slow(0.5))

    assert cached(1) == 1

    captured = capsys.readouterr()
    assert "Running" in captured.err
    assert "slow_load(...)" in captured.err
    assert captured.out == ""


def test_spinner_names_a_call_without_arguments_without_ellipsis(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(spinner, "DELAY", 0.05)

    @cachelib.cache
    def slow_constant():
        time.sleep(0.5)
        return 1

    slow_constant()

    err = capsys.readouterr().err
    assert "slow_constant()" in err
    assert "slow_constant(...)" not in err


def test_spinner_stays_silent_on_hits(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(spinner, "DELAY", 0.05)
    calls = []

    @cachelib.cache
    def slow_load(x):
        calls.append(x)
        time.sleep(0.3)
        return x

    slow_load(1)
    assert "Running" in capsys.readouterr().err

    slow_load(1)
    time.sleep(0.2)  # give a (wrong) spinner time to show

    assert calls == [1]
    assert capsys.readouterr().err == ""


def test_spinner_stays_silent_on_a_short_miss(capsys: pytest.CaptureFixture[str]) -> None:
    cached = cachelib.cache(_slow(0.0))

    cached(1)
    time.sleep(0.05)

    assert capsys.readouterr().err == ""


def test_show_spinner_false_never_shows(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(spinner, "DELAY", 0.05)
    cached = cachelib.cache(_slow(0.3), show_spinner=False)

    cached(1)

    assert capsys.readouterr().err == ""


def test_spinner_does_not_start_a_thread_per_call() -> None:
    cached = cachelib.cache(_slow(0.0))
    for x in range(20):
        cached(x)

    spinners = [t for t in threading.enumerate() if "spinner" in t.name]
    assert len(spinners) <= 1


# --- D7: no __main__.__file__ -----------------------------------------------------------

_D7_SCRIPT = textwrap.dedent(
    """
    import cachelib

    @cachelib.cache
    def square(x):
        cachelib.write("ran", x)
        return x * x

    print(square(3), square(3), square(x=3))
    """
)


def test_works_under_python_dash_c_without_main_file(tmp_path: Path) -> None:
    result = _run_python(["-c", _D7_SCRIPT], tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout == "ran 3\n9 9 9\n"


def test_works_with_a_script_read_from_stdin(tmp_path: Path) -> None:
    result = _run_python(["-"], tmp_path, stdin=_D7_SCRIPT)

    assert result.returncode == 0, result.stderr
    assert result.stdout == "ran 3\n9 9 9\n"


def test_body_change_still_changes_the_key_under_python_dash_c(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import cachelib

        def define(body):
            namespace = {"__name__": "__main__"}
            exec(body, namespace)
            return cachelib.cache(namespace["answer"])

        print(define("def answer():\\n    return 1\\n")())
        print(define("def answer():\\n    return 2\\n")())
        """
    )
    result = _run_python(["-c", script], tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout == "1\n2\n"


def test_old_wrapper_keeps_working_after_cachelib_is_imported_again() -> None:
    # Notebook autoreload and `mkdocs serve` import cachelib again while wrappers live on.
    calls = []

    @cachelib.cache
    def wrap(value):
        calls.append(1)
        return [value]

    first = wrap([1, {2, 3}])
    for name in [name for name in sys.modules if name.partition(".")[0] == "cachelib"]:
        del sys.modules[name]
    fresh = importlib.import_module("cachelib")
    assert fresh is not cachelib

    assert wrap([1, {3, 2}]) is first
    assert wrap([4]) == [[4]]
    assert fresh.cache(lambda value: [value])([1, {2}]) == [[1, {2}]]
    assert calls == [1, 1]
