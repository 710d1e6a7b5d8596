"""False cache hits: inputs on which Streamlit's legacy keys collide, and cachelib's answer.

For each pair of different arguments A and B, a cached function is called with A and then
with B, in bare mode, under Streamlit 1.35's ``st.cache`` and under ``cachelib.cache``; the
second call must run the function and return B's result. The keys of both hashers are also
compared directly. A last check mutates a returned frame in place, outside Streamlit's
sample, and asks whether the next hit warns.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import cases


@dataclass(frozen=True)
class Pair:
    """Two different arguments that a sampled or lossy hasher may confuse."""

    title: str
    why: str
    make: Callable[[], tuple[Any, Any]]


def _array_pair() -> tuple[Any, Any]:
    a = cases.array(1_000_000)
    return a, cases.changed_array(a)


def _frame_pair() -> tuple[Any, Any]:
    df = cases.frame(100_000)
    return df, cases.changed_frame(df)


def _reversed_pair() -> tuple[Any, Any]:
    df = cases.frame(100)
    return df, df.iloc[::-1]


def _renamed_pair() -> tuple[Any, Any]:
    df = cases.frame(100)
    return df, df.rename(columns={"f": "g"})


def _dtype_pair() -> tuple[Any, Any]:
    import numpy as np

    return np.zeros(10), np.zeros(10, dtype=np.int64)


PAIRS = [
    Pair(
        "ndarray of 1e6 float64: one unsampled element +1000",
        "hashes a fixed-seed sample of 100,000 elements",
        _array_pair,
    ),
    Pair(
        "DataFrame of 1e5 rows: one unsampled cell +1000",
        "hashes a fixed-seed sample of 10,000 rows",
        _frame_pair,
    ),
    Pair(
        "DataFrame of 100 rows vs the same rows reversed",
        "sums the row hashes: order is lost",
        _reversed_pair,
    ),
    Pair(
        "DataFrame of 100 rows vs column `f` renamed `g`",
        "row hashes do not include column names",
        _renamed_pair,
    ),
    Pair("`np.zeros(10)` float64 vs int64", "the dtype is not hashed", _dtype_pair),
    Pair(
        "float `-1.0` vs `-2.0`", "floats are hashed by `hash()`: both are -2", lambda: (-1.0, -2.0)
    ),
    Pair("float `1.0` vs `2.0**61`", "`hash(2.0**61) == 1`", lambda: (1.0, 2.0**61)),
]


def describe(x: Any) -> str:
    """A short summary of a value that differs between the two arguments of every pair."""
    if hasattr(x, "columns"):
        second = x.iloc[:, 1]
        columns = ",".join(map(str, x.columns))
        return f"columns={columns} first={second.iloc[0]:.6g} sum={second.sum():.6g}"
    if hasattr(x, "dtype"):
        return f"{x.dtype} sum={x.sum():.6g}"
    return repr(x)


def _cached(decorator: Callable[..., Any], tag: str) -> tuple[Callable[[Any], Any], list[int]]:
    runs = [0]

    def summarize(x: Any) -> tuple[str, str]:
        runs[0] += 1
        return tag, describe(x)  # the tag gives every cached function its own key

    return decorator(summarize), runs


def _end_to_end(decorator: Callable[..., Any], tag: str, a: Any, b: Any) -> dict[str, Any]:
    func, runs = _cached(decorator, tag)
    func(a)
    got = func(b)[1]
    expected = describe(b)
    return {"served_from_cache": runs[0] == 1, "stale": got != expected, "got": got}


def run() -> dict[str, Any]:
    """Run every pair through both libraries, and the mutation check."""
    import streamlit as st

    import cachelib

    from .contenders import CACHELIB, STREAMLIT, key_functions, quiet_streamlit

    quiet_streamlit()
    keys = key_functions()
    rows = []
    for index, pair in enumerate(PAIRS):
        a, b = pair.make()
        rows.append(
            {
                "title": pair.title,
                "why": pair.why,
                "correct": describe(b),
                "streamlit": {
                    "same_key": keys[STREAMLIT](a) == keys[STREAMLIT](b),
                    **_end_to_end(st.cache(show_spinner=False), f"st-{index}", a, b),
                },
                "cachelib": {
                    "same_key": keys[CACHELIB](a) == keys[CACHELIB](b),
                    **_end_to_end(cachelib.cache(show_spinner=False), f"cl-{index}", a, b),
                },
            }
        )
    return {"pairs": rows, "mutation": _mutation_check()}


class _Capture(logging.Handler):
    """Collects the exceptions Streamlit reports through its ``streamlit.error_util`` logger."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors: list[BaseException] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.errors.append(record.exc_info[1])


def _mutation_check() -> dict[str, Any]:
    """Mutate one unsampled cell of a returned 1e5-row frame: does the next hit warn?"""
    import streamlit as st

    import cachelib

    rows = 100_000
    column = 1  # "f", float64

    def load_st(n: int) -> Any:
        return cases.frame(n)

    def load_cl(n: int) -> Any:
        return cases.frame(n)

    row = cases.unsampled_row(cases.frame(rows))
    result: dict[str, Any] = {"title": f"returned frame of {rows:,} rows, one unsampled cell +1000"}

    capture = _Capture()
    logger = logging.getLogger("streamlit.error_util")
    logger.addHandler(capture)
    try:
        func = st.cache(show_spinner=False)(load_st)
        func(rows).iloc[row, column] += 1000.0
        again = func(rows)
        result["streamlit"] = {
            "warned": any(
                type(e).__name__ == "CachedObjectMutationWarning" for e in capture.errors
            ),
            "returned_mutated": bool(again.iloc[row, column] > 100.0),
        }
    finally:
        logger.removeHandler(capture)

    func = cachelib.cache(show_spinner=False)(load_cl)
    func(rows).iloc[row, column] += 1000.0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        again = func(rows)
    result["cachelib"] = {
        "warned": any(issubclass(w.category, cachelib.CachedObjectMutationWarning) for w in caught),
        "returned_mutated": bool(again.iloc[row, column] > 100.0),
    }
    return result
