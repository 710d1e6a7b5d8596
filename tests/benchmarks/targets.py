"""The cachelib issue's "Speed to design for" targets, checked against one run's figures."""

from __future__ import annotations

from typing import Any

FULL_DICTS = 100_000


def _case(results: dict[str, Any], case_id: str) -> dict[str, Any]:
    return next(case for case in results["cases"] if case["id"] == case_id)


def _median(
    results: dict[str, Any], case_id: str, contender: str, key: str = "median_s"
) -> float | None:
    entry = _case(results, case_id)["results"].get(contender, {})
    return entry.get(key) if entry.get("status") == "ok" else None


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
    return out
