"""The modern API: cachelib's ``cache_data`` / ``cache_resource`` against Streamlit 1.67's.

Streamlit 1.67.0 needs NumPy 2 and pandas 3, while the bench environment holds Streamlit 1.35
(NumPy < 2), so this module runs in a second environment that the ``bench`` session creates
(Streamlit 1.67.0 and cachelib)::

    python -m tests.benchmarks.modern --mode quick --out modern.json

The main run starts it as a subprocess between its own cases and reads the JSON it writes, so
that every figure of the page comes from one run on one machine state. Both libraries run in
this one process, on the same values and in the same rounds: the ratios compare like with like
(same NumPy, same pandas, same frames). Streamlit 1.67 caches in a plain process ("bare
mode"); its log lines are silenced.

Every cached function counts its own runs and every answer is checked: a timed hit must
return the right value (a fresh copy for ``cache_data``, the one shared object for
``cache_resource``) without running the function; cachelib must also run the function again
for an argument changed in one element, in a copy or in place. Streamlit 1.67 is expected to
miss those changes where it samples the argument, and to give no other wrong answer. Whatever
goes against these expectations is listed under ``problems``, and the main run then fails.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import pickle
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from . import cases, limit
from .contenders import quiet_streamlit
from .timer import Plan, Run, calls, round_robin

CL_DATA = "cachelib.cache_data"
CL_RESOURCE = "cachelib.cache_resource"
ST_DATA = "st.cache_data (1.67)"
ST_RESOURCE = "st.cache_resource (1.67)"
PICKLE_LOADS = "pickle.loads of the stored frame"
PICKLE_DEFAULT_LOADS = "pickle.loads at the default protocol"
PLAIN = "plain call (no cache)"
LRU = "functools.lru_cache"
# The contenders whose hits are compared: cachelib's, and Streamlit's of the same API.
PAIRS = {CL_DATA: ST_DATA, CL_RESOURCE: ST_RESOURCE}
VERSIONS = ["cachelib-reference", "xxhash", "streamlit", "numpy", "pandas", "pyarrow"]
DEFAULTS = "defaults"

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _decorators() -> dict[str, Decorator]:
    """The four cache decorators, with their defaults (spinner on, no limits)."""
    import streamlit as st

    import cachelib

    quiet_streamlit()
    return {
        CL_DATA: cachelib.cache_data,
        ST_DATA: st.cache_data,
        CL_RESOURCE: cachelib.cache_resource,
        ST_RESOURCE: st.cache_resource,
    }


def _clear() -> None:
    """Empty every cache of both libraries (each case starts from empty caches)."""
    import streamlit as st

    import cachelib

    for api in (st.cache_data, st.cache_resource, cachelib.cache_data, cachelib.cache_resource):
        api.clear()
    gc.collect()


def _counted(qualname: str, body: Callable[[Any], Any]) -> tuple[Callable[[Any], Any], list[int]]:
    """A function that counts its runs, under a name of its own.

    Both libraries key a function by its module, qualified name and source text: the functions
    made here share their source, so each gets its own qualified name (and caches are cleared
    between cases as well).
    """
    runs = [0]

    def cached(x: Any) -> Any:
        runs[0] += 1
        return body(x)

    cached.__qualname__ = cached.__name__ = qualname
    return cached, runs


class Checks:
    """The answers that went against expectations, as sentences."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def expect(self, ok: bool, text: str) -> bool:
        """Record ``text`` as a problem unless ``ok``; return ``ok``."""
        if not ok:
            self.problems.append(text)
        return ok


def summary(x: Any) -> str:
    """A short description of an array or frame that any one-element change alters."""
    if hasattr(x, "columns"):
        columns = ",".join(map(str, x.columns))
        return f"columns={columns} rows={len(x)} sum(f)={float(x['f'].sum())!r}"
    return f"{x.dtype} shape={x.shape} sum={float(x.sum())!r}"


def _hit_case(
    case_id: str,
    title: str,
    argument: Any,
    body: Callable[[Any], Any],
    names: list[str],
    check: Callable[[str, Any, Any], str | None],
    plan: Plan,
    checks: Checks,
    extra: dict[str, tuple[Run, str]] | None = None,
    warm: bool = False,
) -> dict[str, Any]:
    """Time hits of one function per contender, then check their answers and run counts.

    Args:
        case_id: The case's id in the results.
        title: Its title on the page.
        argument: The one argument of every call.
        body: What the cached function computes.
        names: Cache contenders (keys of ``_decorators()``), plus ``PLAIN`` or ``LRU``.
        check: ``check(name, first_hit, second_hit)`` returns what is wrong, or None.
        plan: Rounds and budgets.
        checks: Where problems go.
        extra: Other timed operations of the same rounds (name to run and note).
        warm: One untimed call before each sample (see ``timer.round_robin``).
    """
    _clear()
    decorators = _decorators()
    notes = {
        PLAIN: "baseline: the function itself",
        LRU: "maxsize=None; in C, keys by `hash()` and `==`",
        CL_DATA: "defaults; returns a fresh copy (unpickled)",
        ST_DATA: "defaults; returns a fresh copy (unpickled)",
        CL_RESOURCE: "defaults; returns the one shared object",
        ST_RESOURCE: "defaults; returns the one shared object",
    }
    contenders: dict[str, Run] = {}
    counters: dict[str, list[int]] = {}
    cached_funcs: dict[str, Callable[[Any], Any]] = {}
    for name in names:
        func, counters[name] = _counted(f"{case_id}_{len(counters)}", body)
        if name == PLAIN:
            cached = func
        elif name == LRU:
            cached = functools.lru_cache(maxsize=None)(func)
        else:
            cached = decorators[name](func)
        cached(argument)  # the miss (a plain call runs every time)
        first, second = cached(argument), cached(argument)
        if name != PLAIN:
            problem = check(name, first, second)
            checks.expect(problem is None, f"{case_id}: {name}: {problem}")
        del first, second
        cached_funcs[name] = cached
        contenders[name] = calls(cached, argument)
    for name, (run, note) in (extra or {}).items():
        contenders[name] = run
        notes[name] = note
    timings = round_robin(contenders, plan, warm)
    results: dict[str, Any] = {}
    for name in contenders:
        entry = {**timings[name].as_json(), "note": notes[name]}
        checks.expect(entry["status"] == "ok", f"{case_id}: {name} could not run: {entry}")
        if name in counters and name != PLAIN:
            entry["runs"] = counters[name][0]
            checks.expect(
                entry["runs"] == 1, f"{case_id}: {name} ran the function {entry['runs']} times"
            )
            last = cached_funcs[name](argument)
            problem = check(name, last, cached_funcs[name](argument))
            if problem is None and counters[name][0] != entry["runs"]:
                problem = "ran the function again"
            checks.expect(problem is None, f"{case_id}: {name}, after timing: {problem}")
        results[name] = entry
    return {"id": case_id, "group": "modern-hit", "title": title, "results": results}


def _hit_int(plan: Plan, checks: Checks) -> dict[str, Any]:
    def check(name: str, first: Any, second: Any) -> str | None:
        return None if first == second == 1 else f"returned {first!r}, {second!r} instead of 1"

    names = [PLAIN, CL_DATA, ST_DATA, CL_RESOURCE, ST_RESOURCE, LRU]
    return _hit_case("modern_hit_int", "cache hit, `f(1)`", 1, _one, names, check, plan, checks)


def _one(x: Any) -> int:
    return 1


def _hit_frame(rows: int, plan: Plan, checks: Checks) -> dict[str, Any]:
    """Hits returning a frame of ``rows`` rows, and ``pickle.loads`` of that frame's pickle."""
    frame = cases.frame(rows)
    stored = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
    stored_default = pickle.dumps(frame)  # as Streamlit 1.67 stores its entries
    for pickled in (stored, stored_default):
        checks.expect(pickle.loads(pickled).equals(frame), "pickle.loads gave another frame")

    def check(name: str, first: Any, second: Any) -> str | None:
        if not (first.equals(frame) and second.equals(frame)):
            return "returned a frame that is not equal to the one the function returned"
        if name in (CL_DATA, ST_DATA) and (first is second or first is frame):
            return "returned the same object twice (cache_data must return a fresh copy)"
        if name in (CL_RESOURCE, ST_RESOURCE) and not (first is second is frame):
            return "returned another object (cache_resource must return the one object)"
        return None

    case = _hit_case(
        "modern_hit_frame",
        f"cache hit returning a DataFrame of {rows:,} rows × 5 columns (mixed)",
        rows,
        lambda n: frame,
        [CL_DATA, ST_DATA, CL_RESOURCE, ST_RESOURCE],
        check,
        plan,
        checks,
        {
            PICKLE_LOADS: (calls(pickle.loads, stored), "the floor of a copy: one unpickling"),
            PICKLE_DEFAULT_LOADS: (
                calls(pickle.loads, stored_default),
                f"the same frame pickled at protocol {pickle.DEFAULT_PROTOCOL}, this Python's"
                " default",
            ),
        },
        warm=True,
    )
    case["warm"] = True
    case["rows"] = rows
    case["payload_bytes"] = cases.payload_bytes(frame)
    case["pickle_bytes"] = len(stored)
    return case


def _changed(value: Any, delta: float, in_place: bool = False) -> Any:
    """``value`` (or a copy) with one element, at a position Streamlit skips, ``+ delta``."""
    target = value if in_place else value.copy()
    if hasattr(value, "columns"):
        row, column = cases.unsampled_row(value), value.columns.get_loc("f")
        target.iloc[row, column] += delta
    else:
        target.flat[cases.unsampled_element(value.size)] += delta
    return target


def _probe_call(
    func: Callable[[Any], Any], runs: list[int], value: Any, expected: str
) -> dict[str, Any]:
    """Call ``func(value)``: was it served from the cache, and is the answer right?"""
    before = runs[0]
    got = func(value)
    return {
        "served_from_cache": runs[0] == before,
        "correct": got == expected,
        "got": got,
        "expected": expected,
    }


def _key_case(
    case_id: str,
    title: str,
    value: Any,
    sampled: bool,
    change: str,
    plan: Plan,
    probe: limit.Probe,
    checks: Checks,
    read_scan: bool,
) -> dict[str, Any]:
    """Hits of ``f(value)`` (a small result): the key's cost; then the key's answers.

    After the timing, each ``cache_data`` function is called with an equal copy (it must be
    served from the cache), with a copy changed in one element (it must run again), and with
    the value itself changed in place by another amount (it must run again).
    """
    _clear()
    decorators = _decorators()
    expected = summary(value)
    contenders: dict[str, Run] = {}
    funcs: dict[str, tuple[Callable[[Any], Any], list[int]]] = {}
    for index, name in enumerate((CL_DATA, ST_DATA)):
        func, runs = _counted(f"{case_id}_{index}", summary)
        cached = decorators[name](func)
        checks.expect(cached(value) == expected, f"{case_id}: {name}: wrong answer on the miss")
        checks.expect(cached(value) == expected, f"{case_id}: {name}: wrong answer on a hit")
        funcs[name] = (cached, runs)
        contenders[name] = calls(cached, value)
    if read_scan:
        contenders[limit.PAYLOAD_SCAN] = calls(limit.read_scan, value)
    contenders[limit.NAME] = probe.contender()
    timings = round_robin(contenders, plan)
    bandwidth = probe.result(timings.pop(limit.NAME))
    results: dict[str, Any] = {name: timing.as_json() for name, timing in timings.items()}
    if read_scan:
        results[limit.PAYLOAD_SCAN]["reference"] = True
    for name, (_, runs) in funcs.items():
        entry = results[name]
        checks.expect(entry["status"] == "ok", f"{case_id}: {name} could not run: {entry}")
        entry["runs"] = runs[0]
        checks.expect(runs[0] == 1, f"{case_id}: {name} ran the function {runs[0]} times")
        entry["sampled"] = sampled and name == ST_DATA
    probes: dict[str, dict[str, Any]] = {name: {} for name in funcs}
    for label, make in (
        ("equal_copy", lambda: value.copy()),
        ("changed_copy", lambda: _changed(value, 1000.0)),
    ):
        other = make()
        wanted = expected if label == "equal_copy" else summary(other)
        for name, (cached, runs) in funcs.items():
            probes[name][label] = _probe_call(cached, runs, other, wanted)
        del other
        gc.collect()
    _changed(value, 2000.0, in_place=True)
    wanted = summary(value)
    for name, (cached, runs) in funcs.items():
        probes[name]["changed_in_place"] = _probe_call(cached, runs, value, wanted)
    for name, found in probes.items():
        entry = results[name]
        entry["checks"] = found
        entry["equal_copy_same_key"] = found["equal_copy"]["served_from_cache"]
        entry["detects_change"] = not found["changed_copy"]["served_from_cache"]
        entry["detects_change_in_place"] = not found["changed_in_place"]["served_from_cache"]
        missed = sampled and name == ST_DATA  # the expected false hits of a sampled key
        checks.expect(
            found["equal_copy"]["served_from_cache"] and found["equal_copy"]["correct"],
            f"{case_id}: {name} did not serve an equal copy from the cache: {found['equal_copy']}",
        )
        for label in ("changed_copy", "changed_in_place"):
            answer = found[label]
            if missed:
                checks.expect(
                    answer["served_from_cache"] and not answer["correct"],
                    f"{case_id}: {name} was expected to miss the {label} (Streamlit samples"
                    f" this input and skips the changed position): {answer}",
                )
            else:
                checks.expect(
                    answer["correct"] and not answer["served_from_cache"],
                    f"{case_id}: {name} gave a wrong answer for the {label}: {answer}",
                )
    return {
        "id": case_id,
        "group": "modern-key",
        "title": f"{title} ({cases.payload_bytes(value) / 1e6:,.0f} MB)",
        "payload_bytes": cases.payload_bytes(value),
        "change": change,
        "sampled_by_streamlit": sampled,
        "limit": bandwidth,
        "results": results,
    }


def _key_cases(
    sizes: cases.Sizes, plan: Plan, probe: limit.Probe, checks: Checks
) -> list[tuple[str, Callable[[], dict[str, Any]]]]:
    array_change = "one element +1000, at a position Streamlit 1.67's sample skips"

    def array_case(case_id: str, n: int, read_scan: bool) -> dict[str, Any]:
        return _key_case(
            case_id,
            f"`f(a)`, ndarray float64 of {n:,} elements",
            cases.array(n),
            n >= cases.ST167_NP_SAMPLED_FROM,
            array_change,
            plan,
            probe,
            checks,
            read_scan,
        )

    rows = sizes.small_frame
    return [
        ("modern_key_array_small", lambda: array_case("modern_key_array_small", 1_000_000, False)),
        (
            "modern_key_array_large",
            lambda: array_case("modern_key_array_large", sizes.large_array, True),
        ),
        (
            "modern_key_frame",
            lambda: _key_case(
                "modern_key_frame",
                f"`f(df)`, DataFrame of {rows:,} rows × 5 columns (mixed)",
                cases.frame(rows),
                rows >= cases.ST167_PD_SAMPLED_FROM,
                "one cell +1000, in a row Streamlit 1.67's sample skips",
                plan,
                probe,
                checks,
                False,
            ),
        ),
    ]


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def measure(mode_name: str, progress: Callable[[str], None]) -> dict[str, Any]:
    """Run every modern case of the mode named ``mode_name``; return the results."""
    from .run import FULL, QUICK

    mode = {FULL.name: FULL, QUICK.name: QUICK}[mode_name]
    started = time.perf_counter()
    quiet_streamlit()
    checks = Checks()
    probe = limit.Probe(mode.sizes.limit_bytes)
    steps: list[tuple[str, Callable[[], dict[str, Any]]]] = [
        ("modern_hit_int", lambda: _hit_int(mode.hits, checks)),
        ("modern_hit_frame", lambda: _hit_frame(mode.sizes.returned_frame, mode.hits, checks)),
        *_key_cases(mode.sizes, mode.keys, probe, checks),
    ]
    found = []
    for case_id, run in steps:
        t0 = time.perf_counter()
        found.append(run())
        gc.collect()
        progress(f"{case_id}: {time.perf_counter() - t0:.1f} s")
    probe.close()
    _clear()
    return {
        "mode": mode.name,
        "python": sys.version.split()[0],
        "versions": {name: _version(name) for name in VERSIONS},
        "cases": found,
        "problems": checks.problems,
        "duration_s": time.perf_counter() - started,
    }


def main(argv: list[str] | None = None) -> int:
    """Measure and write the JSON file; wrong answers are in it, not in the exit status."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.modern", description=__doc__)
    parser.add_argument("--mode", choices=["full", "quick"], default="full")
    parser.add_argument("--out", type=Path, required=True, help="the JSON file to write")
    args = parser.parse_args(argv)
    start = time.perf_counter()

    def progress(message: str) -> None:
        print(f"    [{time.perf_counter() - start:6.1f} s] {message}", file=sys.stderr, flush=True)

    results = measure(args.mode, progress)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
