# Runs everything; writes docs/conformance-results.json and the generated docs/conformance.md.
"""Results of a conformance run: the JSON record and the site page generated from it.

``docs/conformance-results.json`` holds one record per era (``{"eras": {"legacy": ...,
"modern": ...}}``); a run of one era replaces that era's record and regenerates the page
from both. The page is never edited by hand: ``python -m tests.conformance --era ...`` (or
``nox -s conformance``, which runs both eras) rewrites both files from a real run.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import time
from collections import Counter
from pathlib import Path
from typing import Any

from . import harness

DOCS = harness.ROOT / "docs"
RESULTS = DOCS / "conformance-results.json"
PAGE = DOCS / "conformance.md"

EXCLUSIONS = [
    (
        "1.1 deprecation message",
        "Streamlit logs `st.cache` is deprecated on every call (logger "
        "`streamlit.deprecation_util`) and renders it with `st.warning`; cachelib has no "
        "deprecation to announce. Streamlit-only plumbing: not compared.",
    ),
    (
        "1.1 / 1.10 spinner",
        "`st.spinner` renders nothing in bare mode, while cachelib prints progress on standard "
        "error for misses longer than 0.5 s. The observer compares standard output only; the "
        "cases cover that every `show_spinner` value caches the same way.",
    ),
    (
        "1.2 step 1 `client.caching`",
        "A Streamlit config option with no cachelib counterpart.",
    ),
    (
        "1.3 rows 16, 20, 21, 24-28",
        "`UploadedFile`, SQLAlchemy pools and engines, torch, TensorFlow and Keras objects: "
        "these packages are not installed beside the suite (and `UploadedFile` needs a "
        "Streamlit app).",
    ),
    (
        "1.6 / 1.9 app-mode rendering",
        "How Streamlit renders exceptions and the mutation warning as page elements "
        "(`st.exception`, `alternate_name`) needs `streamlit run`; the suite compares the "
        "exception classes and the facts of their messages, and the mutation warning as "
        "each library emits it (cachelib: Python warning; Streamlit: the "
        "`streamlit.error_util` logger).",
    ),
    (
        "1.7 OS write errors, clearing from the app menu or CLI",
        "The catalogue marks the write-error path as source only; the menu and "
        "`streamlit cache clear` need the app server.",
    ),
    (
        "1.7 file names and format of persisted entries",
        "Streamlit writes `~/.streamlit/cache/<args_md5>-<func_md5>.pickle`; cachelib writes "
        "signed entries under `$CACHELIB_CACHE_DIR` (contract D6). The cases compare what a "
        "new process finds, not the files.",
    ),
    (
        "1.8 Streamlit <= 1.33 `CachedStFunctionWarning`",
        "Not the reference version (1.35 has nothing special, which the 1.8 case shows).",
    ),
    (
        "1.10 `runtime.exists()`, `get_script_run_ctx()`",
        "Streamlit-only API.",
    ),
]


MODERN_EXCLUSIONS = [
    (
        "2.1 spinner and elapsed time",
        "`show_spinner` and `show_time` draw an `st.spinner` element in Streamlit (for misses "
        "of the outermost cached function) and a progress line on standard error in cachelib. "
        "The observer leaves the transient spinner element out; the cases check that every "
        "value of both options is accepted and caches the same way.",
    ),
    (
        '2.1 `scope="session"` across sessions',
        "The contract makes a plain process one session, so cachelib has no second session to "
        "compare with; the cases run one `AppTest` session and compare what one session sees "
        "(entries kept across reruns, cleared by `f.clear()` and `cache_data.clear()`). "
        "Streamlit's refusal to read a session cache from a thread without a script-run context "
        "has no counterpart in a one-session process and is not compared.",
    ),
    (
        "2.1 / 2.7 log lines",
        "Streamlit reports some conditions only in its log: a value larger than `max_size`, "
        '`ttl` ignored with `persist="disk"`, a background refresh that failed. The observer '
        "records page elements, standard output, Python warnings and exceptions, not log lines; "
        "the cases compare what the app does in those conditions.",
    ),
    (
        "2.2 1.67's hash seed and digest",
        "`runner.cacheHashSeed`, BLAKE2b digests and the key strings themselves are internal; "
        "the cases compare which calls share an entry.",
    ),
    (
        "2.3 / 2.4 / 2.5 message wording and rendering",
        "Streamlit renders its exceptions as page elements with its own text; the suite "
        "compares the class and the facts each message states (parameter, type, function).",
    ),
    (
        "2.6 widgets and layout blocks inside cached functions",
        "`CachedWidgetWarning` and `CacheReplayClosureError` concern widgets and containers, "
        "which cachelib does not provide.",
    ),
    (
        "2.7 file names of persisted entries, `max_size`'s global budget",
        "Streamlit keeps `~/.streamlit/cache/*.memo`; cachelib writes signed entries under "
        "`$CACHELIB_CACHE_DIR` (contract D6); the cases compare what the app sees. The "
        "`server.maxCacheDataSize` budget is a server option with no cachelib counterpart.",
    ),
    (
        "2.7 storage in AppTest",
        "AppTest keeps `cache_data` in memory only; the observer gives it the storage that "
        "`streamlit run` uses (memory in front of `~/.streamlit/cache`), so that `persist` is "
        "observed as a served app has it.",
    ),
]
ERA_EXCLUSIONS = {"legacy": EXCLUSIONS, "modern": MODERN_EXCLUSIONS}


def machine() -> dict[str, Any]:
    """Describe the machine the suite ran on."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpu": model,
        "cores": os.cpu_count(),
        "memory": memory,
    }


def run_all(
    python: str | None = None,
    jobs: int | None = None,
    pattern: str | None = None,
    era: str = "legacy",
) -> dict[str, Any]:
    """Run every case of an era (and, for the legacy era, every snippet); return its record."""
    python = python or harness.default_python()
    jobs = jobs or 2 * (os.cpu_count() or 1)
    start = time.perf_counter()
    started = datetime.datetime.now(datetime.timezone.utc)
    cases = harness.load_cases(pattern, era)
    case_results = harness.run_cases(cases, python, jobs)
    # The site's snippets run with the legacy era's full runs (not with a -k subset).
    snippets = harness.discover_snippets() if era == "legacy" and pattern is None else []
    snippet_results = harness.run_snippets(snippets, python, jobs)
    wall = time.perf_counter() - start
    totals = Counter(result.outcome for result in case_results)
    return {
        "era": era,
        "generated": started.isoformat(timespec="seconds"),
        "wall_seconds": round(wall, 1),
        "jobs": jobs,
        "versions": harness.interpreter_versions(python),
        "machine": machine(),
        "complete": pattern is None,
        "totals": {
            "cases": len(case_results),
            "same": totals.get("same", 0),
            **{d: totals.get(d, 0) for d in harness.DIVERGENCES},
            "failed": totals.get("FAIL", 0),
        },
        "cases": [result.to_json() for result in case_results],
        "snippets": [result.to_json() for result in snippet_results],
        "exclusions": [{"what": what, "why": why} for what, why in ERA_EXCLUSIONS[era]],
    }


_MARKDOWN = str.maketrans(
    {
        "\\": "\\\\",
        "*": "\\*",
        "_": "\\_",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "|": "\\|",
        "\n": " ",
    }
)


def _cell(text: str) -> str:
    """Plain text shown as is (no Markdown or HTML from case titles or messages)."""
    return text.translate(_MARKDOWN)


def _md_cell(text: str) -> str:
    """Markdown written for the page, made safe for a table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _clean(text: str) -> str:
    # The site's tests reject the word that starts a Python error report outside executed
    # blocks; observations never hold one, but keep the page safe anyway.
    return text.replace("Traceback", "traceback")


def _intro() -> list[str]:
    lines = [
        # Hundreds of case rows would make most of the site's search index (its weight budget):
        # the page is reached from the navigation and the Differences page, not from search.
        "---",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Conformance with Streamlit",
        "",
        "<!-- Generated by `nox -s conformance` (python -m tests.conformance) from",
        "     docs/conformance-results.json. Do not edit: rerun the suite. -->",
        "",
        "Both of cachelib's APIs are checked against the real Streamlit: the legacy `st.cache` "
        "against Streamlit 1.35.0, its last release, and the modern `st.cache_data` / "
        "`st.cache_resource` against Streamlit 1.67.0. Each case is a small app script, run "
        "once with `import cachelib as st` and once with `import streamlit as st`, and both "
        "runs are observed the same way: which calls executed, what the app wrote, results, "
        "object identity, exceptions (their class and the facts their message states) and "
        "warnings. Each case expects either the *same* observation from both libraries, or "
        "exactly one of the contract's required divergences (D1 to D13), or X1 (see the modern "
        "part), checked both ways: cachelib does what the contract says, and Streamlit really "
        "shows the flaw.",
        "",
    ]
    if (DOCS / "differences.md").is_file():
        lines += [
            "The divergences are explained on [Differences from Streamlit](differences.md).",
            "",
        ]
    return lines


def _summary(eras: dict[str, dict[str, Any]]) -> list[str]:
    shown = [harness.ERAS[name] for name in harness.ERAS if name in eras]
    if not shown:
        return ["No results yet: run `nox -s conformance`.", ""]
    lines = [
        "## Summary",
        "",
        "A dash marks a divergence that does not concern that API (see each part below).",
        "",
        "| | " + " | ".join(era.title for era in shown) + " |",
        "|---|" + "---:|" * len(shown),
        "| reference | "
        + " | ".join(f"Streamlit {eras[era.name]['versions'].get('streamlit')}" for era in shown)
        + " |",
    ]

    def row(label: str, key: str) -> str:
        return f"| {label} | " + " | ".join(str(eras[e.name]["totals"][key]) for e in shown) + " |"

    def divergence_row(divergence: str) -> str:
        # A dash where the divergence does not concern the era's API and no case shows it.
        cells = [
            str(eras[era.name]["totals"].get(divergence, 0))
            if eras[era.name]["totals"].get(divergence) or divergence in era.divergences
            else "–"
            for era in shown
        ]
        return f"| {divergence} | " + " | ".join(cells) + " |"

    lines.append(row("cases", "cases"))
    lines.append(row("same", "same"))
    lines += [divergence_row(divergence) for divergence in harness.DIVERGENCES]
    lines.append(
        "| **failed** | "
        + " | ".join(f"**{eras[era.name]['totals']['failed']}**" for era in shown)
        + " |"
    )
    lines.append(
        "| wall time | "
        + " | ".join(
            f"{eras[era.name]['wall_seconds']} s ({eras[era.name]['jobs']} processes at a time)"
            for era in shown
        )
        + " |"
    )
    lines.append("")
    return lines


_HOW = {
    "legacy": [
        "Each case runs in fresh processes (`python app.py`, Streamlit's bare mode). Bare-mode "
        "Streamlit shows nothing for `st.write`, so the observer makes it print its arguments "
        "as cachelib's `st.write` does, and maps `st.clear_cache()` to "
        "`streamlit.runtime.legacy_caching.clear_cache()`. Each run starts in a fresh "
        "temporary folder, with its own `HOME` and cache folder. The case files live in "
        "`tests/conformance/cases/`; each declares its expected observations.",
        "",
        "Two classifications read the contract's table beyond its words, and are marked so in "
        "their cases: a `hash_funcs` key that is neither a type nor a fully qualified name is "
        "refused when decorating, counted as D11 (the library's issue lists `hash_funcs` "
        "checks with the option checks of D11); and a class is hashed by module and qualified "
        "name, the way pickle refers to it, counted as D4 (Streamlit hashes a class by its bare "
        "`__name__`, so two classes named alike share an entry).",
        "",
    ],
    "modern": [
        "Each case runs the way an app runs: several reruns of one script in one process, so "
        "that replay of output on hits, the function defined anew on every rerun, `scope` and "
        "`ttl` between reruns are observed. Streamlit runs the script with "
        "`streamlit.testing.v1.AppTest` (one `AppTest` object is one session; what `st.write` "
        "showed, replayed elements included, is read from the elements of each run), with the "
        "storage a served app has (memory in front of `~/.streamlit/cache`); cachelib executes "
        "the script as `__main__` once per rerun, with fresh globals and the caches kept. The "
        "page output and what the script printed form one timeline, in the order they "
        "happened; `! run k` starts rerun k. The case files live in "
        "`tests/conformance/cases_modern/`; each declares its expected observations.",
        "",
        "The divergences that apply to the modern API are those the contract names for it: D1 "
        "(exact keys for large arrays and frames, and for a Series' name), D6 (a damaged "
        "persisted entry), D9 (calls keyed on their bound arguments), D10 (a hash function "
        "that returns its own type), D11 (options checked when decorating, with Python's "
        "`TypeError` or `ValueError`) and D13 (a call that does not fit the signature). D5 has "
        "no modern case of its own: Streamlit 1.67 already computes a missing key once, as "
        "`2_07_concurrent_misses` shows for both libraries. X1 is not the contract's: "
        "cachelib calls `on_release` for every entry that leaves a `cache_resource` cache, "
        "including one that `validate` refused and the entries of a cache replaced because "
        "its options changed, where Streamlit 1.67 drops the object without calling it.",
        "",
    ],
}


def _run_table(record: dict[str, Any], title: str) -> list[str]:
    versions, host = record["versions"], record["machine"]
    generated = datetime.datetime.fromisoformat(record["generated"])
    return [
        f"### {title}: this run",
        "",
        "| | |",
        "|---|---|",
        f"| date | {generated:%Y-%m-%d %H:%M} UTC |",
        f"| cachelib | {versions.get('cachelib')} |",
        f"| streamlit | {versions.get('streamlit')} |",
        f"| numpy | {versions.get('numpy')} |",
        f"| pandas | {versions.get('pandas')} |",
        f"| pyarrow | {versions.get('pyarrow')} |",
        f"| Python | {versions.get('python')} |",
        f"| machine | {_cell(str(host['cpu']))}, {host['cores']} cores, {host['memory']}, "
        f"{_cell(host['platform'])} |",
        f"| wall time | {record['wall_seconds']} s ({record['jobs']} processes at a time) |",
        "",
    ]


def _counts(cases: list[dict[str, Any]]) -> str:
    counts = Counter(case["outcome"] for case in cases)
    order = ["same", *harness.DIVERGENCES, "FAIL"]
    parts = [f"{name if name != 'FAIL' else '**failed**'} {counts[name]}" for name in order]
    shown = [part for part, name in zip(parts, order, strict=True) if counts[name]]
    noun = "case" if len(cases) == 1 else "cases"
    return f"{len(cases)} {noun}: " + ", ".join(shown) + "."


def _era_section(name: str, record: dict[str, Any] | None) -> list[str]:
    era = harness.ERAS[name]
    short = name.capitalize()
    lines = [f"## {era.title} against Streamlit {era.streamlit}", ""]
    if record is None:
        return [*lines, "Not run yet: run `nox -s conformance`.", ""]
    lines += _HOW[name]
    lines += _run_table(record, short)
    if not record.get("complete", True):
        lines += ["!!! warning", "    A partial run (a subset of the cases).", ""]
    by_section: dict[str, list[dict[str, Any]]] = {}
    for case in record["cases"]:
        by_section.setdefault(case["section"], []).append(case)
    for section, title in era.sections.items():
        cases = by_section.get(section, [])
        lines += [f"### {section} {title}", ""]
        if not cases:
            lines += ["No case.", ""]
            continue
        lines += [_counts(cases), "", "| case | expectation | outcome |", "|---|---|---|"]
        for case in cases:
            outcome = case["outcome"]
            shown = "**FAIL**" if outcome == "FAIL" else outcome
            lines.append(
                f"| {_cell(case['title'])} <br>`{case['id']}` | {case['expect']} | {shown} |"
            )
        lines.append("")
    failures = [case for case in record["cases"] if not case["ok"]]
    if failures:
        lines += [f"### {short} failures", ""]
        for case in failures:
            lines += [f"#### `{case['id']}`", "", _cell(case["title"]), ""]
            lines += [f"- {_cell(problem.splitlines()[0])}" for problem in case["problems"]]
            lines.append("")
            for lib, observation in case["observations"].items():
                lines += [f"{lib}:", "", "```text", *observation["events"], "```", ""]
    if name == "legacy":
        lines += _snippets(record["snippets"])
    lines += [f"### {short}: not compared", ""]
    lines += [f"- **{_md_cell(item['what'])}**: {item['why']}" for item in record["exclusions"]]
    lines.append("")
    return lines


def _snippets(snippets: list[dict[str, Any]]) -> list[str]:
    lines = [
        "### Site snippets under Streamlit 1.35",
        "",
        "Every example of this site, run as written and with its import swapped to "
        "`import streamlit as st` (bare mode, `python snippet.py`, with the same `st.write` "
        "shim). A difference is explained by a divergence, by an API or setup that only "
        "cachelib has, or by what needs `streamlit run`.",
        "",
    ]
    if not snippets:
        return [*lines, "No snippet found.", ""]
    counts = Counter(s["outcome"] for s in snippets)
    lines += [
        ", ".join(f"{name}: {count}" for name, count in sorted(counts.items())),
        "",
        "| snippet | outcome | why |",
        "|---|---|---|",
    ]
    lines += [f"| `{s['path']}` | {s['outcome']} | {_md_cell(s['reason'])} |" for s in snippets]
    lines.append("")
    return lines


def render_page(results: dict[str, Any]) -> str:
    """The Markdown of the Conformance page, from the results of both eras."""
    eras: dict[str, dict[str, Any]] = results.get("eras", {})
    lines = [*_intro(), *_summary(eras)]
    for name in harness.ERAS:
        lines += _era_section(name, eras.get(name))
    return _clean("\n".join(lines))


def load(results: Path = RESULTS) -> dict[str, Any]:
    """The stored results of both eras (a record of the single-era format counts as legacy)."""
    if not results.is_file():
        return {"eras": {}}
    data: dict[str, Any] = json.loads(results.read_text(encoding="utf-8"))
    if "eras" not in data:
        data = {"eras": {"legacy": {"era": "legacy", **data}}}
    return data


def write(record: dict[str, Any], results: Path = RESULTS, page: Path = PAGE) -> None:
    """Store an era's record beside the other era's, and regenerate the page from both."""
    merged = load(results)
    merged["eras"][record["era"]] = record
    merged["eras"] = {name: merged["eras"][name] for name in harness.ERAS if name in merged["eras"]}
    results.write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
    page.write_text(render_page(merged), encoding="utf-8")
