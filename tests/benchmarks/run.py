"""The benchmark run: every case, contender and probe, in one process, into one results dict."""

from __future__ import annotations

import copy
import gc
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import cases, environment, falsehits, importtime, limit, redis_bench, targets
from .contenders import SAMPLED, cache_decorators, key_functions, output_check_decorators
from .timer import Plan, Run, calls, round_robin


@dataclass(frozen=True)
class Mode:
    """Sizes and sampling effort of one mode."""

    name: str
    sizes: cases.Sizes
    keys: Plan
    hits: Plan
    limit: Plan
    import_rounds: int


FULL = Mode(
    "full",
    cases.FULL,
    keys=Plan(rounds=9, sample_s=0.05, budget_s=30.0),
    hits=Plan(rounds=11, sample_s=0.05, budget_s=5.0),
    limit=Plan(rounds=9, sample_s=0.05, budget_s=10.0),
    import_rounds=15,
)
QUICK = Mode(
    "quick",
    cases.QUICK,
    keys=Plan(rounds=3, sample_s=0.01, budget_s=0.5),
    hits=Plan(rounds=5, sample_s=0.01, budget_s=0.3),
    limit=Plan(rounds=3, sample_s=0.01, budget_s=1.0),
    import_rounds=5,
)


PLAIN = "plain call (no cache)"


def _mb(nbytes: int) -> str:
    return f"{nbytes / 1e6:,.0f} MB" if nbytes >= 1e6 else f"{nbytes / 1e3:,.0f} kB"


def _key_case(
    case_id: str,
    title: str,
    build: Callable[[], Any],
    equal: Callable[[Any], Any],
    change: Callable[[Any], Any],
    change_text: str,
    plan: Plan,
    probe: limit.Probe,
    sampled: bool,
    read_scan: bool = False,
) -> dict[str, Any]:
    """Time every key contender on one value, then check its keys on an equal and a changed copy."""
    value = build()
    payload = cases.payload_bytes(value)
    keys = key_functions()
    contenders: dict[str, Run] = {name: calls(key, value) for name, key in keys.items()}
    if read_scan:
        contenders[limit.PAYLOAD_SCAN] = calls(limit.read_scan, value)
    contenders[limit.NAME] = probe.contender()
    timings = round_robin(contenders, plan)
    bandwidth = probe.result(timings.pop(limit.NAME))
    results: dict[str, Any] = {name: timing.as_json() for name, timing in timings.items()}
    copy, changed = equal(value), change(value)
    for name, key in keys.items():
        if results[name]["status"] != "ok":
            continue
        original = key(value)
        results[name]["sampled"] = sampled and name in SAMPLED
        results[name]["equal_copy_same_key"] = key(copy) == original
        results[name]["detects_change"] = key(changed) != original
    if read_scan:
        results[limit.PAYLOAD_SCAN]["reference"] = True
    return {
        "id": case_id,
        "group": "key",
        "limit": bandwidth,
        "title": f"{title} ({_mb(payload)})",
        "payload_bytes": payload,
        "change": change_text,
        "sampled_by_streamlit": sampled,
        "results": results,
    }


def _counted(tag: str, body: Callable[[Any], Any]) -> tuple[Callable[[Any], Any], list[int]]:
    runs = [0]

    def cached(x: Any) -> Any:
        runs[0] += 1
        tag  # noqa: B018 (referenced, so every cached function gets its own key)
        return body(x)

    return cached, runs


def _hit_case(
    case_id: str,
    title: str,
    argument: Any,
    body: Callable[[Any], Any],
    decorators: dict[str, tuple[Callable[[], Any], str]],
    plan: Plan,
    probe: limit.Probe,
    payload: int | None,
    plain: bool = True,
) -> dict[str, Any]:
    """Time hits of one cached function per contender (the first call, a miss, is not timed)."""
    contenders: dict[str, Run] = {}
    runs: dict[str, list[int]] = {}
    notes: dict[str, str] = {}
    setup_errors: dict[str, str] = {}
    if plain:
        func, runs[PLAIN] = _counted(case_id, body)
        contenders[PLAIN] = calls(func, argument)
        notes[PLAIN] = "baseline: the function itself"
    for name, (make, note) in decorators.items():
        func, counter = _counted(f"{case_id}-{name}", body)
        notes[name] = note
        try:
            cached = make()(func)
            cached(argument)  # the miss
        except Exception as error:
            setup_errors[name] = f"{type(error).__name__}: {error}"
            continue
        runs[name] = counter
        contenders[name] = calls(cached, argument)
    if payload:
        contenders[limit.NAME] = probe.contender()
    timings = round_robin(contenders, plan)
    bandwidth = probe.result(timings.pop(limit.NAME)) if payload else None
    results: dict[str, Any] = {}
    for name in notes:
        if name in setup_errors:
            results[name] = {"status": "n/a", "reason": setup_errors[name], "note": notes[name]}
            continue
        entry = {**timings[name].as_json(), "note": notes[name]}
        if name != PLAIN:
            entry["runs"] = runs[name][0]
        results[name] = entry
    return {
        "id": case_id,
        "group": "hit",
        "title": title,
        "limit": bandwidth,
        "payload_bytes": payload,
        "results": results,
    }


def _load_numeric(n: int) -> Any:
    return cases.numeric_frame(n)


def _one(x: Any) -> int:
    return 1


def _key_cases(mode: Mode, probe: limit.Probe) -> list[tuple[str, Callable[[], Any]]]:
    """The key cases of ``mode``, as (id, function running the case)."""
    sizes = mode.sizes
    small, large = sizes.small_array, sizes.large_array
    array_change = "one element +1000, at a position Streamlit's sample skips"
    frame_change = "one cell +1000, in a row Streamlit's sample skips"
    columns = "5 columns (int64, float64, str, bool, datetime64)"

    def array_case(case_id: str, n: int, read_scan: bool) -> tuple[str, Callable[[], Any]]:
        return case_id, lambda: _key_case(
            case_id,
            f"ndarray float64, {n:,} elements",
            lambda: cases.array(n),
            lambda a: a.copy(),
            cases.changed_array,
            array_change,
            mode.keys,
            probe,
            sampled=n >= cases.NP_SAMPLED_FROM,
            read_scan=read_scan,
        )

    def frame_case(case_id: str, rows: int) -> tuple[str, Callable[[], Any]]:
        return case_id, lambda: _key_case(
            case_id,
            f"DataFrame, {rows:,} rows × {columns}",
            lambda: cases.frame(rows),
            lambda df: df.copy(),
            cases.changed_frame,
            frame_change,
            mode.keys,
            probe,
            sampled=rows >= cases.PD_SAMPLED_FROM,
        )

    return [
        array_case("array_small", small, read_scan=False),
        array_case("array_large", large, read_scan=True),
        frame_case("frame_small", sizes.small_frame),
        frame_case("frame_large", sizes.large_frame),
        (
            "dicts",
            lambda: _key_case(
                "dicts",
                f"list of {sizes.dicts:,} small dicts",
                lambda: cases.dicts(sizes.dicts),
                copy.deepcopy,
                cases.changed_dicts,
                "the last dict's score +1",
                mode.keys,
                probe,
                sampled=False,
            ),
        ),
        (
            "string",
            lambda: _key_case(
                "string",
                f"str, {sizes.string:,} ASCII characters",
                lambda: cases.string(sizes.string),
                cases.equal_string,
                cases.changed_string,
                "the middle character changed",
                mode.keys,
                probe,
                sampled=False,
            ),
        ),
    ]


def _hit_cases(mode: Mode, probe: limit.Probe) -> list[tuple[str, Callable[[], Any]]]:
    """The cache-hit cases of ``mode``, as (id, function running the case)."""
    sizes = mode.sizes

    def frame_argument() -> dict[str, Any]:
        argument = cases.frame(sizes.hit_frame)
        return _hit_case(
            "hit_frame",
            f"cache hit, `f(df)` with a DataFrame of {sizes.hit_frame:,} rows (mixed columns)",
            argument,
            _one,
            cache_decorators(),
            mode.hits,
            probe,
            cases.payload_bytes(argument),
        )

    rows = sizes.returned_frame
    return [
        (
            "hit_int",
            lambda: _hit_case(
                "hit_int", "cache hit, `f(1)`", 1, _one, cache_decorators(), mode.hits, probe, None
            ),
        ),
        ("hit_frame", frame_argument),
        (
            "mutation",
            lambda: _hit_case(
                "mutation",
                f"cache hit returning a {rows:,}-row numeric DataFrame, re-checked for mutation",
                rows,
                _load_numeric,
                output_check_decorators(),
                mode.hits,
                probe,
                cases.payload_bytes(cases.numeric_frame(rows)),
                plain=False,
            ),
        ),
    ]


def modern(mode: Mode, python: str) -> dict[str, Any]:
    """Run the modern API's cases (tests/benchmarks/modern.py) with the interpreter ``python``.

    ``python`` belongs to the second environment (Streamlit 1.67, NumPy 2, pandas 3, and
    cachelib) that ``nox -s bench`` creates. The subprocess writes its progress to this
    process's standard error and its results to a JSON file; it failing fails the run.
    """
    with tempfile.TemporaryDirectory(prefix="cachelib-bench-") as folder:
        out = os.path.join(folder, "modern.json")
        command = [python, "-m", "tests.benchmarks.modern", "--mode", mode.name, "--out", out]
        subprocess.run(command, cwd=environment.ROOT, check=True)
        with open(out, encoding="utf-8") as handle:
            results: dict[str, Any] = json.load(handle)
    return results


def _redis(mode: Mode) -> dict[str, Any]:
    """Shared storage on Redis (``redis_bench.measure``), or the error that prevented it.

    A failure here comes after the long cases: it is recorded (and reported as a problem)
    rather than raised, so that the run's other figures are still written.
    """
    try:
        return redis_bench.measure(quick=mode is QUICK)
    except Exception as error:  # any failure: keep the other figures
        return {"error": f"{type(error).__name__}: {error}"}


def measure(mode: Mode, progress: Callable[[str], None], modern_python: str) -> dict[str, Any]:
    """Run every case of ``mode``; return the results (the content of the JSON file).

    ``modern_python`` is the interpreter of the second environment, which runs the cases of
    the modern API against Streamlit 1.67 (see ``modern``).
    """
    started = time.time()
    loads: list[tuple[str, list[float]]] = [("start", list(os.getloadavg()))]

    def step(label: str, func: Callable[[], Any]) -> Any:
        progress(f"{label} ...")
        t0 = time.perf_counter()
        value = func()
        gc.collect()
        loads.append((label, list(os.getloadavg())))
        progress(f"{label}: {time.perf_counter() - t0:.1f} s")
        return value

    results: dict[str, Any] = {
        "schema": 2,
        "mode": mode.name,
        "sizes": vars(mode.sizes),
        "plans": {"keys": vars(mode.keys), "hits": vars(mode.hits), "limit": vars(mode.limit)},
        "environment": environment.describe(),
    }
    probe = limit.Probe(mode.sizes.limit_bytes)
    results["limit"] = step("memory-read limit", lambda: probe.measure(mode.limit))
    case_list = [step(case_id, run) for case_id, run in _key_cases(mode, probe)]
    case_list += [step(case_id, run) for case_id, run in _hit_cases(mode, probe)]
    probe.close()
    results["modern"] = step(
        "modern API vs Streamlit 1.67 (second environment)", lambda: modern(mode, modern_python)
    )
    imports = step("import", lambda: importtime.measure(mode.import_rounds))
    case_list.append({"id": "import", "group": "import", "title": "import time", **imports})
    results["cases"] = case_list
    results["false_hits"] = step("false hits", falsehits.run)
    results["redis"] = step("shared storage on Redis", lambda: _redis(mode))
    results["targets"] = targets.evaluate(results)
    results["load_average"] = [*loads, ("end", list(os.getloadavg()))]
    results["duration_s"] = time.time() - started
    return results
