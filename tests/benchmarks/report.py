"""The Performance page, written from a results JSON when the site is built.

``docs/performance.md`` holds the page's title and the line ``[[cachelib:performance-page]]``,
which ``tools/placeholders.py`` replaces by `page_lines`: the text, tables and chart made from
the committed ``docs/performance-results.json``. Pure Python and the standard library: the
docs build needs neither NumPy nor matplotlib. A run of ``nox -s bench`` writes its JSON and a
preview of the page under ``build/benchmarks/``; only ``-- --update`` replaces the committed
JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import cases, chart, redis_bench, targets
from .chart import read_time
from .contenders import CACHELIB, STREAMLIT
from .environment import ROOT
from .modern import CL_DATA, CL_RESOURCE, PAIRS, PICKLE_LOADS, ST_DATA, ST_RESOURCE

RESULTS = "performance-results.json"
COMMITTED = ROOT / "docs" / RESULTS
"""The results the site shows (written by ``nox -s bench -- --update`` only)."""
PREVIEW = "performance.md"

# How each target is reached, and what would close it when missed: mechanisms, stated
# without figures (the figures come from the run). Keyed by target id.
WHY = {
    "array": (
        "cachelib hands the array's buffer to xxh3-128 without a copy (pickle protocol 5, out"
        " of band), on one thread; xxh3 reads at close to the memory's speed.",
        "hash buffers of more than a few MB in two halves on two threads (python-xxhash"
        " releases the GIL) and combine the two digests.",
    ),
    "dicts": (
        "the C pickler walks the list and streams into xxh3-128, with no Python code per"
        " element; to find sets (whose order needs a canonical pass) the fast pass records"
        " every object it visits and checks their types afterwards, a large share of the time"
        " when the objects are many and small.",
        "make the set check cheaper than one recorded object per visited value (for example,"
        " skip recording the atoms of containers that cannot hold a set).",
    ),
    "hit": (
        "a hit binds the arguments, builds a type-tagged tuple key for simple values and looks"
        " it up in a dict; no hashing, logging or threads on the hit path.",
        "the hit path is a few Python calls: a miss of this target on a loaded machine is the"
        " machine, check the CPU-time column.",
    ),
    "mutation": (
        "every hit re-hashes the returned frame exactly (its numeric columns as raw buffers"
        " into xxh3-128) and compares the digest with the one stored on the miss; the cost is"
        " one read of the frame.",
        "the re-hash is bound by reading the frame; only hashing on two threads would lower it.",
    ),
    "import": (
        "`import cachelib` loads xxhash and the standard library only; NumPy and pandas support"
        " is imported when the first array or frame is hashed.",
        "defer the modules that only a miss, persistence or an error message needs.",
    ),
    "modern_hit_data": (
        "the modern wrapper binds the arguments, makes a type-tagged tuple key for simple"
        " values, finds the entry in the function's store and unpickles the stored bytes (a"
        " few bytes for `1`); no hashing, logging or threads on the hit path.",
        "the hit is a few Python calls and one small `pickle.loads`: on a loaded machine check"
        " the CPU-time column; otherwise profile the wrapper (binding, key, store lookup).",
    ),
    "modern_hit_resource": (
        "the same hit path as `cache_data`, without the copy: the stored object is returned.",
        "profile the wrapper: binding, key and store lookup are all a hit does.",
    ),
    "modern_frame": (
        "the return value is pickled once, when stored (protocol 5); a hit unpickles those"
        " bytes, so it costs one `pickle.loads` plus the key of `f(n)` and the lookup.",
        "only the unpickling should remain: look for a second copy of the stored bytes or of"
        " the value, or for hit-path work that grows with the value.",
    ),
    "modern_array": (
        "the modern key uses the same hasher as `cache`: the array's buffer goes to xxh3-128"
        " without a copy, on one thread, at close to the memory's speed.",
        "hash buffers of more than a few MB in two halves on two threads (python-xxhash"
        " releases the GIL) and combine the two digests.",
    ),
}


def _time(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    if seconds < 0:
        return "−" + _time(-seconds)
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms" if seconds < 0.1 else f"{seconds * 1e3:.0f} ms"
    if seconds >= 1e-6:
        return f"{seconds * 1e6:.2f} µs" if seconds < 1e-5 else f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1e9:.0f} ns"


def _ratio(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 0.01:
        return "<0.01×"
    return chart.multiple(value)


def _bytes(nbytes: float) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if nbytes >= size:
            return f"{nbytes / size:,.1f} {unit}"
    return f"{nbytes:.0f} B"


def _yes(flag: bool | None, good: bool = True) -> str:
    if flag is None:
        return "—"
    text = "yes" if flag else "no"
    return text if flag == good else f"**{text}**"


def _table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append(
        "|" + "|".join("---:" if a == "r" else ":---:" if a == "c" else "---" for a in align) + "|"
    )
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _read_text(case: dict[str, Any], floor: float | None) -> str:
    limit = case.get("limit")
    if not floor or not limit:
        return ""
    return (
        f"One-core read time of the {_bytes(case['payload_bytes'])} payload: {_time(floor)}"
        f" (read speed measured in this case's rounds: {limit['bytes_per_s'] / 1e9:.1f} GB/s)."
    )


def _key_section(
    results: dict[str, Any], case: dict[str, Any], base_name: str = CACHELIB
) -> list[str]:
    base = case["results"][base_name].get("median_s")
    floor = read_time(results, case, case["payload_bytes"])
    in_place = any("detects_change_in_place" in e for e in case["results"].values())
    rows = []
    for name, entry in case["results"].items():
        if entry["status"] != "ok":
            rows.append([name, f"n/a: {entry['reason']}", "", "", "", "", "", ""] + [""] * in_place)
            continue
        median = entry["median_s"]
        label = f"{name} (sampled)" if entry.get("sampled") else name
        if entry.get("reference"):
            label = f"*{name}*"
        rows.append(
            [
                label,
                _time(median),
                _ratio(median / base if base else None),
                _ratio(median / floor if floor else None),
                f"{case['payload_bytes'] / median / 1e9:.2f}"
                + (" †" if entry.get("sampled") else ""),
                _yes(entry.get("equal_copy_same_key")),
                _yes(entry.get("detects_change")),
                *([_yes(entry.get("detects_change_in_place"))] if in_place else []),
                str(entry["samples"]),
            ]
        )
    header = [
        "contender",
        "median",
        f"× {base_name}",
        "× read time",
        "GB/s",
        "equal copy → same key",
        "one change → new key",
        *(["changed in place → new key"] if in_place else []),
        "samples",
    ]
    lines = [
        f"### {case['title']}",
        "",
        f"Change probe: {case['change']}. {_read_text(case, floor)}",
        "",
        *_table(header, rows, "lrrrrcc" + "c" * in_place + "r"),
    ]
    copies = [n for n, e in case["results"].items() if e.get("equal_copy_same_key") is False]
    if copies and "DataFrame" in case["title"]:
        lines += [
            f"Equal copy, different key ({', '.join(copies)}): keys made from the pickle of a"
            " frame depend on pandas internals that `.copy()` does not preserve byte for byte"
            " (a false miss, not a false hit).",
            "",
        ]
    return lines


def _hit_section(results: dict[str, Any], case: dict[str, Any]) -> list[str]:
    base = case["results"].get("cachelib.cache", {}).get("median_s")
    floor = read_time(results, case, case.get("payload_bytes"))
    rows = []
    for name, entry in case["results"].items():
        if entry["status"] != "ok":
            row = [name, f"n/a: `{entry['reason']}`", ""] + ([""] if floor else [])
            rows.append([*row, "", "", entry.get("note", "")])
            continue
        median = entry["median_s"]
        runs = entry.get("runs")
        row = [name, _time(median), _ratio(median / base if base else None)]
        if floor:
            row.append(_ratio(median / floor))
        runs_text = "—" if runs is None else str(runs)
        rows.append([*row, runs_text, str(entry["samples"]), entry.get("note", "")])
    header = ["contender", "median per call", "× cachelib"]
    header += ["× read time"] if floor else []
    header += ["runs", "samples", "configuration"]
    intro = "`runs`: how many times the function really ran (the untimed miss counts 1)."
    if floor:
        intro += f" {_read_text(case, floor)}"
    return [
        f"### {case['title']}",
        "",
        intro,
        "",
        *_table(header, rows, "lrr" + "r" * bool(floor) + "rrl"),
    ]


def _import_section(case: dict[str, Any]) -> list[str]:
    modules = case["modules"]
    base = modules["cachelib"]["cpu_over_bare_s"]
    rows = []
    for name, entry in modules.items():
        bare = name.startswith("(")
        over = entry["cpu_over_bare_s"]
        rows.append(
            [
                name if bare else f"`import {name}`",
                _time(entry["median_s"]),
                "0" if bare else _time(entry["over_bare_s"]),
                _time(entry["cpu_median_s"]),
                "0" if bare else _time(over),
                "—" if bare or base <= 0 or over <= 0 else _ratio(over / base),
            ]
        )
    heavy = ", ".join(case["cachelib_heavy_imports"]) or "none"
    header = [
        "module",
        "wall time",
        "wall, over bare",
        "CPU time",
        "CPU, over bare",
        "× cachelib (CPU)",
    ]
    return [
        "### Import time",
        "",
        f'`python -I -c "import X"` in a fresh process, {case["rounds"]} rounds, medians of the'
        " wall time and of the process's CPU time (user + system; load from other processes"
        " inflates the wall time, not the CPU time). `import cachelib` adds"
        f" {case['cachelib_added_modules']} modules; heavy modules among them (numpy, pandas,"
        f" pyarrow, streamlit, joblib): **{heavy}**.",
        "",
        *_table(header, rows, "lrrrrr"),
    ]


def _false_hits_section(results: dict[str, Any]) -> list[str]:
    data = results["false_hits"]

    def verdict(side: dict[str, Any]) -> str:
        if side["stale"]:
            return f"**stale**: `{side['got']}`"
        return "correct" if not side["served_from_cache"] else "served from cache (correct)"

    rows = [
        [
            pair["title"],
            pair["why"],
            _yes(pair["streamlit"]["same_key"], good=False),
            verdict(pair["streamlit"]),
            _yes(pair["cachelib"]["same_key"], good=False),
            verdict(pair["cachelib"]),
        ]
        for pair in data["pairs"]
    ]
    header = [
        "argument B differs from A by",
        "why Streamlit confuses them",
        "Streamlit: same key",
        "Streamlit: `f(B)` returns",
        "cachelib: same key",
        "cachelib: `f(B)` returns",
    ]
    mutation = data["mutation"]
    mutation_rows = [
        [
            library,
            _yes(mutation[key]["warned"]),
            "yes" if mutation[key]["returned_mutated"] else "no",
        ]
        for library, key in (
            ("Streamlit 1.35 `st.cache`", "streamlit"),
            ("`cachelib.cache`", "cachelib"),
        )
    ]
    return [
        "## False hits of sampled hashing",
        "",
        "A function cached with `st.cache` (Streamlit 1.35) or `cachelib.cache` is called with A,"
        " then with B; B should run the function again. “Same key” compares the two hashers'"
        " keys directly. Both libraries ran in this process, on the same inputs.",
        "",
        *_table(header, rows, "llcccc"[:6]),
        f"Mutation check on a hit: the {mutation['title']}; does the next hit warn?",
        "",
        *_table(
            ["library", "the next hit warns", "returns the mutated object"], mutation_rows, "lcc"
        ),
    ]


def _peer_text(
    entries: dict[str, Any], best: str | None, peers: dict[str, float], mine: float
) -> str:
    if best is None:
        missing = [name for name, entry in entries.items() if entry["status"] != "ok"]
        return f"{', '.join(missing)}: n/a" if missing else "—"
    text = f"{best}: {_time(peers[best])} ({_ratio(peers[best] / mine)})"
    if entries[best].get("equal_copy_same_key") is False:
        text += ", equal copy → other key"
    return text


def _summary_section(results: dict[str, Any]) -> list[str]:
    """One line per case: cachelib, the fastest exact peer and Streamlit, as ratios."""
    rows = []
    for case in results["cases"]:
        if case["group"] not in ("key", "hit"):
            continue
        entries = case["results"]
        own = CACHELIB if case["group"] == "key" else "cachelib.cache"
        mine = entries.get(own, {}).get("median_s")
        if mine is None:
            continue
        floor = read_time(results, case, case.get("payload_bytes"))
        peers = {
            name: entry["median_s"]
            for name, entry in entries.items()
            if entry["status"] == "ok"
            and not name.startswith("cachelib")
            and not entry.get("sampled")
            and not entry.get("reference")
            and not name.startswith("st.cache")
            and name not in (STREAMLIT, "plain call (no cache)")
            and entry.get("detects_change", True)
            and "no check" not in entry.get("note", "")
        }
        streamlit = next(
            (
                (name, entry)
                for name, entry in entries.items()
                if entry["status"] == "ok" and (name == STREAMLIT or name.startswith("st.cache"))
            ),
            None,
        )
        best = min(peers, key=peers.__getitem__) if peers else None
        title = case["title"]
        st_text = "—"
        if streamlit is not None:
            entry = streamlit[1]
            st_text = f"{_time(entry['median_s'])} ({_ratio(entry['median_s'] / mine)})"
            if entry.get("sampled") or entry.get("detects_change") is False:
                st_text += ", sampled: misses changes"
        rows.append(
            [
                title,
                _time(mine),
                _ratio(mine / floor) if floor else "—",
                _peer_text(entries, best, peers, mine),
                st_text,
            ]
        )
    header = [
        "case",
        "cachelib",
        "cachelib × read time",
        "fastest other exact contender (× cachelib)",
        "Streamlit 1.35 (× cachelib)",
    ]
    return [
        "## Summary",
        "",
        "The legacy API, `cachelib.cache`, against Streamlit 1.35 and peers (the modern API has"
        " its own section below). Medians of this run; “× cachelib” is the contender's time"
        " divided by cachelib's (above 1: cachelib is faster). Details per case below.",
        "",
        *_table(header, rows, "lrrll"),
    ]


def _verdict(target: dict[str, Any]) -> str:
    margin = target["margin"]
    if target.get("absent"):
        return "not measured (these results predate the modern API's cases)"
    if margin is None:
        return "**missed** (not measured)"
    if target["met"]:
        verdict = f"met ({_ratio(margin)} of the limit)"
    elif target["met_cpu"]:
        verdict = f"**missed** by {_ratio(margin)} in wall time; met in CPU time"
    else:
        verdict = f"**missed** by {_ratio(margin)}"
    if target.get("heavy_imports"):
        verdict += f"; imports {', '.join(target['heavy_imports'])}"
    return verdict


def _targets_section(results: dict[str, Any]) -> list[str]:
    evaluated = targets.evaluate(results)  # re-evaluated, so --report-only follows code changes

    def shown(target: dict[str, Any], value: float | None) -> str:
        return _ratio(value) if target["unit"].startswith("×") else _time(value)

    rows = [
        [
            target["target"],
            shown(target, target["limit"]),
            shown(target, target["measured"]),
            shown(target, target["measured_cpu"]),
            _verdict(target),
        ]
        for target in evaluated
    ]
    lines = [
        "## Targets",
        "",
        "The speeds `cachelib` is designed for, for the legacy API and for the modern one"
        " (the last four, measured in the second environment), checked on the wall-time"
        " medians of this run; the medians of the process's CPU time are beside them.",
        "",
        *_table(["target", "limit", "measured", "CPU time", "verdict"], rows, "lrrrl"),
    ]
    cpus = results["environment"]["logical_cpus"] or 1
    peak = max(load[1][0] for load in results["load_average"])
    if peak > cpus:
        lines += [
            '!!! warning "A loaded machine"',
            f"    The 1-minute load average reached {peak:.1f} on {cpus} logical CPUs during this"
            " run: wall times include waiting for a core, and absolute figures are inflated."
            " Ratios within a case stay comparable; the CPU-time column shows the work itself.",
            "",
        ]
    for target in evaluated:
        how, closing = WHY[target["id"]]
        lines.append(f"- **{target['id']}**: {how}")
        if target.get("absent"):
            continue
        if not target["met"] and not target["met_cpu"]:
            lines.append(f"  To close it: {closing}")
        elif not target["met"]:
            lines.append("  Missed in wall time only: the CPU time meets it (see the load above).")
    return [*lines, ""]


def _median_of(case: dict[str, Any], name: str, key: str = "median_s") -> float | None:
    entry = case["results"].get(name, {})
    return entry.get(key) if entry.get("status") == "ok" else None


def _over(a: float | None, b: float | None) -> str:
    return _ratio(None if a is None or not b else a / b)


def _modern_summary(results: dict[str, Any], modern: dict[str, Any]) -> list[str]:
    """One line per case and API: cachelib, Streamlit 1.67, their ratio, and the floor."""
    rows = []
    for case in modern["cases"]:
        if case["group"] == "modern-hit":
            loads = _median_of(case, PICKLE_LOADS)
            pairs = [
                (CL_DATA, ST_DATA, loads, f"one `pickle.loads`: {_time(loads)}"),
                (CL_RESOURCE, ST_RESOURCE, None, "—"),
            ]
        else:
            floor = read_time(results, case, case["payload_bytes"])
            pairs = [(CL_DATA, ST_DATA, floor, f"one read: {_time(floor)}")]
        for mine, theirs, floor, floor_text in pairs:
            own, other = _median_of(case, mine), _median_of(case, theirs)
            st_text = _time(other)
            if case["results"].get(theirs, {}).get("detects_change") is False:
                st_text += ", sampled: misses changes"
            rows.append(
                [
                    case["title"],
                    f"`{mine.split('.')[1]}`",
                    _time(own),
                    st_text,
                    f"**{_over(other, own)}**",
                    floor_text if floor else "—",
                    _over(own, floor) if floor else "—",
                    _over(other, floor) if floor else "—",
                ]
            )
    header = [
        "case",
        "API",
        "cachelib",
        "Streamlit 1.67",
        "Streamlit 1.67 ÷ cachelib",
        "floor",
        "cachelib ÷ floor",
        "Streamlit 1.67 ÷ floor",
    ]
    return _table(header, rows, "llrrrlrr")


def _modern_hit_section(case: dict[str, Any]) -> list[str]:
    rows = []
    for name, entry in case["results"].items():
        if entry["status"] != "ok":
            rows.append([name, f"n/a: `{entry['reason']}`", "", "", "", entry.get("note", "")])
            continue
        mine = next((m for m, t in PAIRS.items() if t == name), None)
        runs = entry.get("runs")
        rows.append(
            [
                name,
                _time(entry["median_s"]),
                _over(entry["median_s"], _median_of(case, mine)) if mine else "—",
                "—" if runs is None else str(runs),
                str(entry["samples"]),
                entry.get("note", ""),
            ]
        )
    header = ["contender", "median per call", "÷ cachelib (same API)", "runs", "samples"]
    intro = "`runs`: how many times the function really ran (the untimed miss counts 1)."
    if case.get("pickle_bytes"):
        intro += (
            f" The frame takes {_bytes(case['payload_bytes'])} in memory and"
            f" {_bytes(case['pickle_bytes'])} pickled; `pickle.loads` unpickles that same pickle"
            " (protocol 5), the least work a hit that returns a fresh copy can do. cachelib"
            " stores its entries at protocol 5; Streamlit 1.67 stores `pickle.dumps(entry)`, at"
            " Python's default protocol (4 up to Python 3.13), timed here as well."
        )
    if case.get("warm"):
        intro += (
            " Each sample follows one untimed call of the same contender, so that each finds"
            " the memory its own previous copy freed, whatever ran before it (a copy into fresh"
            " memory also pays the page faults of a first touch)."
        )
    return [
        f"### {case['title']}",
        "",
        intro,
        "",
        *_table([*header, "configuration"], rows, "lrrrrl"),
    ]


def _answer(check: dict[str, Any]) -> str:
    if check["correct"]:
        return "correct (served from the cache)" if check["served_from_cache"] else "correct (ran)"
    if check["served_from_cache"]:
        return f"**stale** (served from the cache): `{check['got']}`"
    return f"**wrong**: `{check['got']}`"


def _modern_false_hits(modern: dict[str, Any]) -> list[str]:
    rows = []
    for case in modern["cases"]:
        if case["group"] != "modern-key":
            continue
        theirs, mine = case["results"][ST_DATA], case["results"][CL_DATA]
        for label, text in (
            ("changed_copy", f"a copy, {case['change']}"),
            ("changed_in_place", "the same object changed in place (+2000 at that position)"),
        ):
            rows.append(
                [
                    case["title"],
                    text,
                    _answer(theirs["checks"][label]),
                    _answer(mine["checks"][label]),
                ]
            )
    header = ["`f(A)`, then `f(B)` with A", "B", f"`{ST_DATA}`: `f(B)`", f"`{CL_DATA}`: `f(B)`"]
    return [
        "### False hits of 1.67's sampled keys",
        "",
        f"Streamlit 1.67 hashes a fixed-seed sample of {cases.NP_SAMPLE_SIZE:,} elements of an"
        f" array of {cases.ST167_NP_SAMPLED_FROM:,} elements or more, and of"
        f" {cases.PD_SAMPLE_SIZE:,} rows of a frame of {cases.ST167_PD_SAMPLED_FROM:,} rows or"
        " more (from 1,000,000 and 100,000 in 1.35). Its key is faster than an exact one on"
        " large inputs, but a change outside the sample leaves the key as it was, and the"
        " cached result of the old value is returned. Each function below summarises its"
        " argument (dtype or columns, size, exact sum), so a stale answer shows the old sum.",
        "",
        *_table(header, rows, "llll"),
    ]


def _modern_section(results: dict[str, Any]) -> list[str]:
    """The modern API against Streamlit 1.67, from the second environment's results."""
    title = "## Modern API: `cache_data` and `cache_resource` against Streamlit 1.67"
    modern = results.get("modern")
    if not modern:
        return [title, "", "Not measured: these results predate the modern API's cases.", ""]
    versions = ", ".join(f"{name} {v}" for name, v in modern["versions"].items() if v)
    lines = [
        title,
        "",
        "Streamlit 1.67.0 needs NumPy 2 and pandas 3, which Streamlit 1.35 cannot share an"
        " environment with: these cases run in a second environment (Python"
        f" {modern['python']}; {versions}), in a subprocess that this same run started between"
        " its cache-hit and import cases. cachelib's `cache_data` and `cache_resource` and"
        " Streamlit 1.67's"
        " `st.cache_data` and `st.cache_resource` run in that one process, with their"
        " defaults, on the same values and in the same rounds (Streamlit 1.67 caches in a plain"
        " process; its log lines are silenced). Under pandas 3 the frames' `s` column holds"
        " Arrow-backed strings. “Streamlit 1.67 ÷ cachelib” above 1: cachelib is faster.",
        "",
        "A key case times hits of `f(x)` that return a small summary of `x`: the time of a hit"
        " is the time of the key. Its floor is one core's read of `x`, at the read speed"
        " measured in the case's rounds. A hit of `cache_data` returns a fresh copy, whose floor"
        " is one `pickle.loads` of the stored value, timed in the same rounds.",
        "",
        *_modern_summary(results, modern),
    ]
    for case in modern["cases"]:
        if case["group"] == "modern-hit":
            lines += _modern_hit_section(case)
        else:
            lines += _key_section(results, case, CL_DATA)
    return [*lines, *_modern_false_hits(modern)]


def _redis_target(name: str) -> str:
    """A target's name as redis_bench states it, in the page's typography."""
    return name.replace("<=", "≤").replace(" x ", "× ").replace("GET", "`GET`")


def _redis_section(results: dict[str, Any]) -> list[str]:
    """Shared storage on Redis: a shared hit against redis-py, and a cold start of processes."""
    title = "## Shared storage on Redis"
    redis = results.get("redis")
    if not redis:
        return [
            title,
            "",
            "Not measured: these results predate the benchmark of shared storage on Redis.",
            "",
        ]
    if "error" in redis:
        return [title, "", f"Not measured: the run could not use Redis (`{redis['error']}`).", ""]

    def ratio(hit: dict[str, Any], field: str, judged: str) -> str:
        shown = f"{hit[field]:.2f}×"
        return f"**{shown}**" if hit.get("judged_against") == judged else shown

    rows = [
        [
            size,
            _bytes(hit["bytes"]),
            _time(hit["cachelib_hit"]),
            _time(hit["get"]),
            _time(hit["get_loads"]),
            _time(hit["get_held"]) if "get_held" in hit else "–",
            ratio(hit, "ratio_get", "get"),
            ratio(hit, "ratio_get_loads", "get_loads"),
            f"{hit['ratio_get_held']:.2f}×" if "ratio_get_held" in hit else "–",
        ]
        for size, hit in redis["hits"].items()
    ]
    header = [
        "value",
        "pickled",
        "cachelib: shared hit",
        "`GET`",
        "`GET` + `pickle.loads`",
        "`GET` on a held connection",
        "hit ÷ `GET`",
        "hit ÷ (`GET` + loads)",
        "hit ÷ held `GET`",
    ]
    cold = redis["cold"]
    verdicts = [
        f"- {_redis_target(name)}: {'met' if met else '**missed**'}"
        for name, met in redis["targets"].items()
    ]
    return [
        title,
        "",
        '`cache_data(persist="redis://...")` keeps the entries in a Redis server that every'
        " replica of an app shares (see [Scaling out](kb/scaling-out.md)). Measured in this run,"
        f" after the cases above, against a private {redis['server']} on 127.0.0.1.",
        "",
        "**A shared hit.** A call of a function whose value another process stored: this"
        " process's memory of the entry is emptied before each sample (untimed), so every timed"
        " call fetches the entry from Redis, checks its signature and unpickles it. Beside it, a"
        " plain redis-py `GET` of the same pickled value on the same server, alone and followed"
        " by `pickle.loads` (what a hand-written cache does to return the value). The values are"
        " lists of small dicts (rows of a table); medians of alternating rounds. The target is"
        f" a shared hit within {redis_bench.HIT_TARGET}× of the plain `GET` (in bold where it"
        " applies). For the larger values, unpickling costs several times the `GET` itself, so"
        " no cache that returns the value can come that close: they are held to"
        f" {redis_bench.HIT_TARGET}× of `GET` + `pickle.loads` instead (in bold). The last"
        " column compares with the cheapest read redis-py offers, a `GET` sent on a connection"
        " the caller keeps (no pool checkout, no retry wrapper): cachelib reads on such a"
        " connection of its own, so what remains there is the signature check, unpickling and"
        " the cache's own work.",
        "",
        *_table(header, rows, "lrrrrrrrr"),
        f"**A cold start.** {cold['processes']} processes call the same {cold['keys']} keys at"
        f" the same moment, and the function sleeps {_time(cold['one_run'])} per run: it ran"
        f" **{cold['runs']} times** ({cold['distinct_runs']} distinct keys), and the last process"
        f" had its last value {_time(cold['wall'])} after the start,"
        f" {_ratio(cold['wall'] / cold['one_run'])} the time of one run (the processes that did"
        " not run a key waited for its value).",
        "",
        "Targets:",
        "",
        *verdicts,
        "",
    ]


def _modern_environment(results: dict[str, Any]) -> str:
    modern = results.get("modern")
    if not modern:
        return "not measured"
    versions = ", ".join(f"{name} {v}" for name, v in modern["versions"].items() if v)
    return (
        f"a second virtualenv: Python {modern['python']}, {versions}"
        f" (subprocess of this run, {modern['duration_s']:.0f} s)"
    )


def _environment_section(results: dict[str, Any]) -> list[str]:
    env = results["environment"]
    versions = ", ".join(
        f"{name} {version}" for name, version in env["versions"].items() if version
    )
    loads = [load[1][0] for load in results["load_average"]]
    git = env["git"]
    commit = (
        "unknown"
        if not git["commit"]
        else git["commit"][:10] + (" (with local changes)" if git["dirty"] else "")
    )
    rows = [
        ["date (UTC)", env["date"]],
        ["mode", f"{results['mode']} (run time {results['duration_s'] / 60:.1f} min)"],
        [
            "CPU",
            f"{env['cpu_model']}, {env['logical_cpus']} logical CPUs ({env['usable_cpus']} usable)",
        ],
        ["memory", f"{env['memory_gib']} GiB"],
        ["OS", env["os"]],
        ["Python", f"{env['python_implementation']} {env['python']}"],
        ["packages", versions],
        ["modern API's environment", _modern_environment(results)],
        ["repository", commit],
        ["1-minute load average", f"{min(loads):.2f}–{max(loads):.2f} during the run"],
    ]
    return ["## Where these figures come from", "", *_table(["", ""], rows, "ll")]


def _bandwidths(results: dict[str, Any]) -> str:
    speeds = [case["limit"]["bytes_per_s"] for case in results["cases"] if case.get("limit")]
    if not speeds:
        return "not measured"
    return f"{min(speeds) / 1e9:.1f}–{max(speeds) / 1e9:.1f} GB/s across cases"


def body_lines(results: dict[str, Any]) -> list[str]:
    """The page's Markdown lines below its title, for one run's results.

    Args:
        results: The content of a results JSON.

    Returns:
        The lines: targets, summary, chart, the cases, Redis, the environment.
    """
    limit = results["limit"]
    lines = [
        f"How fast `cachelib` computes exact keys and serves hits, next to the tools people use"
        f" instead: `joblib.hash`, `pickle` + MD5, Streamlit 1.35's legacy hasher and `st.cache`,"
        f" `functools.lru_cache` and `cachetools`; and, for the modern API (`cache_data`,"
        f" `cache_resource`), next to Streamlit 1.67's. All measured in **one {results['mode']}"
        f" run** on {results['environment']['date'][:10]} (machine and versions at the end; raw"
        f" figures in [{RESULTS}]({RESULTS})).",
        "",
        "**Method.** Every contender takes one sample per round, in rotating order, so background"
        " noise hits all alike; each figure is the median over rounds. Fast operations are looped"
        " inside a sample and reported per call. Ratios compare figures of the same run only."
        " Contenders that take seconds per call get fewer samples (a time budget per contender).",
        "",
        f"**The memory-read limit.** An exact key must read every byte once. One core reads a"
        f" {_bytes(limit['bytes'])} buffer (`np.max`, one thread) at"
        f" **{limit['bytes_per_s'] / 1e9:.1f} GB/s** (alone at the start of the run: median of"
        f" {limit['samples']} scans, {_time(limit['median_s'])} each). The same scan also runs in"
        f" the rounds of every case ({_bandwidths(results)}), and “× read time” divides a"
        " figure by the time that case's read speed needs for the payload. † marks a sampled"
        " hasher: it does not read the whole payload, so its GB/s is nominal and its key misses"
        " changes outside the sample. Payloads of up to a few hundred MB may be partly served"
        " from the processor's shared last-level cache, where reading beats the memory's speed:"
        " ratios below 1× are possible there.",
        "",
        *_targets_section(results),
        *_summary_section(results),
        "## Exact keys of values",
        "",
        "Each contender turns the value into a key. “Equal copy → same key”: an equal but distinct"
        " object gets the same key; “one change → new key”: a copy with one element changed gets a"
        " different key.",
        "",
    ]
    lines += [*chart.html_lines(results), ""]
    for case in results["cases"]:
        if case["group"] == "key":
            lines += _key_section(results, case)
    lines += [
        "## Cache hits",
        "",
        "Hits in bare mode (a plain Python process), where Streamlit 1.35's `st.cache` caches"
        " normally. Streamlit's per-call deprecation logging is silenced during timing.",
        "",
    ]
    for case in results["cases"]:
        if case["group"] == "hit":
            lines += _hit_section(results, case)
        elif case["group"] == "import":
            lines += _import_section(case)
    lines += _false_hits_section(results)
    lines += _modern_section(results)
    lines += _redis_section(results)
    lines += _environment_section(results)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def page_lines() -> list[str]:
    """The Performance page below its title, from the committed results (the site's generator).

    Returns:
        The Markdown lines that replace ``[[cachelib:performance-page]]``.
    """
    return body_lines(json.loads(COMMITTED.read_text(encoding="utf-8")))


def write_preview(results: dict[str, Any], out: Path) -> Path:
    """Write the page a run's results make, as Markdown, into ``out`` (never into docs/).

    Args:
        results: The content of a results JSON.
        out: A folder outside the site's sources (``build/benchmarks/``).

    Returns:
        The path of the preview.
    """
    page = out / PREVIEW
    page.write_text("\n".join(["# Performance", "", *body_lines(results), ""]), encoding="utf-8")
    return page


def problems(results: dict[str, Any]) -> list[str]:
    """Wrong answers in this run (timing targets are reported, not enforced).

    Any wrong answer of cachelib, a cold start on Redis that ran a key twice (or no Redis
    figures because Redis failed); in the modern API's cases, also any unexpected answer of
    Streamlit 1.67 or ``pickle.loads`` (see tests/benchmarks/modern.py).
    """
    found = []
    for case in results["cases"]:
        entries = case.get("results", {})
        for name, entry in entries.items():
            if not name.startswith("cachelib"):
                continue
            if entry["status"] != "ok":
                found.append(f"{case['id']}: {name} could not run: {entry['reason']}")
            if entry.get("equal_copy_same_key") is False:
                found.append(f"{case['id']}: {name} gave an equal copy another key")
            if entry.get("detects_change") is False:
                found.append(f"{case['id']}: {name} missed a one-element change")
            if entry.get("runs", 1) != 1:
                found.append(f"{case['id']}: {name} ran the function {entry['runs']} times")
        if case["id"] == "import" and case["cachelib_heavy_imports"]:
            found.append(f"import cachelib imports {case['cachelib_heavy_imports']}")
    for pair in results["false_hits"]["pairs"]:
        side = pair["cachelib"]
        if side["same_key"] or side["stale"] or side["served_from_cache"]:
            found.append(f"false hit in cachelib: {pair['title']}")
    if not results["false_hits"]["mutation"]["cachelib"]["warned"]:
        found.append("cachelib did not warn about a mutated return value")
    redis = results.get("redis")
    if redis is not None:  # results from before the Redis benchmark have none
        if "error" in redis:
            found.append(f"shared storage on Redis not measured: {redis['error']}")
        elif redis["cold"]["runs"] != redis["cold"]["keys"]:
            found.append(
                f"Redis cold start: {redis['cold']['runs']} runs for {redis['cold']['keys']} keys"
            )
    modern = results.get("modern")
    if modern is not None:  # results from before the modern API's cases have none
        found += [f"modern API: {problem}" for problem in modern["problems"]]
        version = modern["versions"].get("streamlit")
        if version != "1.67.0":
            found.append(f"modern API: the second environment has Streamlit {version}, not 1.67.0")
    return found
