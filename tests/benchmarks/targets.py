"""The speed targets, checked against one run's figures.

Five come from the cachelib issue ("Speed to design for"), four from the modern API's
benchmark against Streamlit 1.67 (whose figures are under ``results["modern"]``).
"""

from __future__ import annotations

from typing import Any

from .modern import CL_DATA, CL_RESOURCE, PICKLE_LOADS

FULL_DICTS = 100_000


def _case(results: dict[str, Any], case_id: str) -> dict[str, Any]:
    return next(case for case in results["cases"] if case["id"] == case_id)


def _modern_case(results: dict[str, Any], case_id: str) -> dict[str, Any] | None:
    """A case of the modern API, or None when the results have none (an older results file)."""
    modern = results.get("modern") or {"cases": []}
    return next((case for case in modern["cases"] if case["id"] == case_id), None)


def _median(
    results: dict[str, Any], case_id: str, contender: str, key: str = "median_s"
) -> float | None:
    entry = _case(results, case_id)["results"].get(contender, {})
    return entry.get(key) if entry.get("status") == "ok" else None


def _entry(case: dict[str, Any] | None, contender: str, key: str) -> float | None:
    entry = (case or {"results": {}})["results"].get(contender, {})
    return entry.get(key) if entry.get("status") == "ok" else None


def _quotient(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def _target(
    target_id: str,
    case_id: str,
    text: str,
    measured: tuple[float | None, float | None],
    limit: float,
    unit: str,
) -> dict[str, Any]:
    """A target's verdict on the wall-time median, with the CPU-time median beside it."""
    wall, cpu = measured
    return {
        "id": target_id,
        "case": case_id,
        "target": text,
        "limit": limit,
        "measured": wall,
        "measured_cpu": cpu,
        "unit": unit,
        "met": wall is not None and wall <= limit,
        "met_cpu": cpu is not None and cpu <= limit,
        "margin": None if wall is None else wall / limit,
    }


def _both(results: dict[str, Any], case_id: str, contender: str) -> tuple[Any, Any]:
    return (
        _median(results, case_id, contender),
        _median(results, case_id, contender, "cpu_median_s"),
    )


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Check the five targets (scaled to the mode's sizes where they differ).

    Returns:
        One entry per target: the limit, the measured figure, met or not, and measured/limit.
    """
    array = _case(results, "array_large")
    probe = array.get("limit") or results["limit"]  # the read scan in the case's own rounds
    floor = array["payload_bytes"] / probe["bytes_per_s"]
    cpu_floor = array["payload_bytes"] / probe["cpu_bytes_per_s"]
    array_time, array_cpu = _both(results, "array_large", "cachelib")
    n_dicts = results["sizes"]["dicts"]
    dict_limit = 0.100 * n_dicts / FULL_DICTS
    imports = _case(results, "import")
    over_bare = imports["modules"]["cachelib"]["over_bare_s"]
    cpu_over_bare = imports["modules"]["cachelib"]["cpu_over_bare_s"]
    heavy = imports["cachelib_heavy_imports"]
    out = [
        _target(
            "array",
            "array_large",
            "exact key of a large float64 array within 1.5× of one core's memory-read time",
            (
                None if array_time is None else array_time / floor,
                None if array_cpu is None else array_cpu / cpu_floor,
            ),
            1.5,
            "× read time",
        ),
        _target(
            "dicts",
            "dicts",
            f"exact key of {n_dicts:,} small dicts in at most {dict_limit * 1e3:.0f} ms"
            + ("" if n_dicts == FULL_DICTS else " (100 ms per 100,000, scaled)"),
            _both(results, "dicts", "cachelib"),
            dict_limit,
            "s",
        ),
        _target(
            "hit",
            "hit_int",
            "cache hit `f(1)` in at most 5 µs",
            _both(results, "hit_int", "cachelib.cache"),
            5e-6,
            "s",
        ),
        _target(
            "mutation",
            "mutation",
            "hit re-checking a returned 1,000,000-row numeric DataFrame in at most 10 ms",
            _both(results, "mutation", "cachelib.cache"),
            0.010,
            "s",
        ),
        _target(
            "import",
            "import",
            "`import cachelib` at most 15 ms over a bare interpreter,"
            " numpy and pandas not imported",
            (over_bare, cpu_over_bare),
            0.015,
            "s",
        ),
    ]
    out[-1]["heavy_imports"] = heavy
    if heavy:
        out[-1]["met"] = out[-1]["met_cpu"] = False
    return out + _modern(results)


def _modern(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The modern API's four targets; "not measured" when the results have no such cases."""
    hits = _modern_case(results, "modern_hit_int")
    frame = _modern_case(results, "modern_hit_frame")
    array = _modern_case(results, "modern_key_array_large")
    both = ("median_s", "cpu_median_s")
    rows = 1_000_000 if frame is None else frame["rows"]
    size = "800 MB" if array is None else f"{array['payload_bytes'] / 1e6:,.0f} MB"
    absent = hits is None and frame is None and array is None  # an older results file
    floors: tuple[float | None, float | None] = (None, None)
    if array is not None:
        probe = array["limit"]  # the read scan, in the case's own rounds
        floors = (
            array["payload_bytes"] / probe["bytes_per_s"],
            array["payload_bytes"] / probe["cpu_bytes_per_s"],
        )
    out = [
        _target(
            "modern_hit_data",
            "modern_hit_int",
            "`cache_data` hit `f(1)` in at most 5 µs",
            (_entry(hits, CL_DATA, both[0]), _entry(hits, CL_DATA, both[1])),
            5e-6,
            "s",
        ),
        _target(
            "modern_hit_resource",
            "modern_hit_int",
            "`cache_resource` hit `f(1)` in at most 2 µs",
            (_entry(hits, CL_RESOURCE, both[0]), _entry(hits, CL_RESOURCE, both[1])),
            2e-6,
            "s",
        ),
        _target(
            "modern_frame",
            "modern_hit_frame",
            f"`cache_data` hit returning a {rows:,}-row DataFrame within 1.2× of one"
            " `pickle.loads` of it (measured in the same rounds)",
            (
                _quotient(_entry(frame, CL_DATA, both[0]), _entry(frame, PICKLE_LOADS, both[0])),
                _quotient(_entry(frame, CL_DATA, both[1]), _entry(frame, PICKLE_LOADS, both[1])),
            ),
            1.2,
            "× pickle.loads",
        ),
        _target(
            "modern_array",
            "modern_key_array_large",
            f"exact `cache_data` key of a float64 array of {size} (a hit of `f(a)`) within 1.5×"
            " of one core's memory-read time",
            (
                _quotient(_entry(array, CL_DATA, both[0]), floors[0]),
                _quotient(_entry(array, CL_DATA, both[1]), floors[1]),
            ),
            1.5,
            "× read time",
        ),
    ]
    for target in out:
        target["absent"] = absent
    return out
