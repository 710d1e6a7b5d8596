# The record of a conformance run (build/, or docs/ on --update) and the page made from it.
"""Results of a conformance run: the JSON record, and the Conformance page generated from it.

A run writes its era's record into ``build/conformance/conformance-results.json`` (untracked:
``{"eras": {"legacy": ..., "modern": ...}}``, timings included), and the tests judge from
it. Only the explicit update mode (``nox -s conformance -- --update``, or ``python -m
tests.conformance --update``) also writes it into the committed
``docs/conformance-results.json``, without what varies from run to run (date, durations).
The page is never written: ``docs/conformance.md`` holds the placeholder
``[[cachelib:conformance-page]]``, which ``page_lines`` replaces when the site is built
(``tools/placeholders.py``), from the committed record.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from . import harness, modern_snippets

DOCS = harness.ROOT / "docs"
RESULTS = DOCS / "conformance-results.json"
"""The committed record, which the page shows (written by the update mode only)."""
BUILD_RESULTS = harness.ROOT / "build" / "conformance" / "conformance-results.json"
"""The record of the last run of each era, with its timings (untracked)."""
VARYING = ("generated", "wall_seconds")
"""Fields of an era's record that change from run to run, left out of the committed record
(with each observation's ``seconds``)."""
COMMITTED_MASKS: dict[str, tuple[re.Pattern[str], str]] = {
    # Streamlit's log lines start with the time (bare mode prints them on standard output).
    "log time": (re.compile(r"\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+"), "<time>"),
    # sqlite3's ProgrammingError names the threads by their ids.
    "thread id": (re.compile(r"\bthread id \d+"), "thread id <n>"),
    # A repr's address.
    "address": (re.compile(r"0x[0-9a-f]{6,16}"), "0x…"),
    # The clone the run happened in (tracebacks quote the environment's files).
    "repository": (re.compile(re.escape(str(harness.ROOT))), "<repository>"),
}
"""What changes between two runs in the observations' events, masked in the committed record
only (the record under build/ and the verdicts keep the events as observed)."""

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
    # The site's snippets: every one in the legacy era (bare mode, not with a -k subset); the
    # modern ones in the modern era (those whose path contains the -k pattern).
    if era == "legacy":
        snippets = harness.discover_snippets() if pattern is None else []
        snippet_work = [job for path in snippets for job in harness.snippet_jobs(path)]
    else:
        snippets = [p for p in modern_snippets.discover() if pattern is None or pattern in str(p)]
        snippet_work = [job for path in snippets for job in modern_snippets.jobs(path)]
    case_work = [job for case in cases for job in harness.case_jobs(case)]
    # One pool for the cases and the snippets: one set of zygotes, no idle tail between them.
    observations = harness.observe_all([*case_work, *snippet_work], python, jobs)
    case_results = harness.judge_cases(cases, observations[: len(case_work)])
    snippet_observations = observations[len(case_work) :]
    snippet_results: list[Any] = (
        harness.classify_snippets(snippets, snippet_observations)
        if era == "legacy"
        else modern_snippets.judge(snippets, snippet_observations)
    )
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
        "| site examples compared | "
        + " | ".join(_snippet_summary(eras[era.name]) for era in shown)
        + " |"
    )
    lines.append("")
    return lines


def _snippet_summary(record: dict[str, Any]) -> str:
    snippets = record.get("snippets", [])
    if record["era"] == "modern":
        same = sum(s["outcome"] == "same" for s in snippets)
        return f"{len(snippets)}: {same} same, {len(snippets) - same} with the reason on the block"
    return f"{len(snippets)} (bare mode)"


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
        "refused when decorating, counted as D11 (cachelib checks `hash_funcs` with the "
        "other options when decorating); and a class is hashed by module and qualified "
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
    return [
        f"### {title}: the recorded run",
        "",
        "| | |",
        "|---|---|",
        f"| cachelib | {versions.get('cachelib')} |",
        f"| streamlit | {versions.get('streamlit')} |",
        f"| numpy | {versions.get('numpy')} |",
        f"| pandas | {versions.get('pandas')} |",
        f"| pyarrow | {versions.get('pyarrow')} |",
        f"| Python | {versions.get('python')} |",
        f"| machine | {_cell(str(host['cpu']))}, {host['cores']} cores, {host['memory']}, "
        f"{_cell(host['platform'])} |",
        f"| processes at a time | {record['jobs']} |",
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
    else:
        lines += _modern_snippets(record["snippets"])
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


_MODERN_OUTCOMES = {
    "same": "same outcome",
    "cachelib-only": "cachelib only",
    "needs a server": "needs `streamlit run`",
    "FAIL": "**failed**",
}


def _modern_snippets(snippets: list[dict[str, Any]]) -> list[str]:
    lines = [
        "### Site examples under Streamlit 1.67",
        "",
        "Every example of this site that uses `st.cache_data` or `st.cache_resource`, run "
        "once as a case is (one run of the script as an app runs it), with `cachelib` and with "
        "its import line swapped to `import streamlit as st`. Their outcomes are compared: the "
        "exceptions that reached the script (class and facts), the warnings (class) and what "
        "it printed or wrote, in order. A message of either library's errors that the script "
        "printed is compared by its class and facts, not its wording. Where the outcomes "
        "differ, the example's block says why, and the page shows it under the example: a "
        "difference from Streamlit, something only `cachelib` has, or a behaviour that needs "
        "`streamlit run`. A difference that no block explains fails the suite, and so does an "
        "explanation whose example now has the same outcome under both.",
        "",
    ]
    if not snippets:
        return [*lines, "No example found.", ""]
    counts = Counter(s["outcome"] for s in snippets)
    order = ["same", *harness.DIVERGENCES, "cachelib-only", "needs a server", "FAIL"]
    lines += [
        ", ".join(
            f"{_MODERN_OUTCOMES.get(name, name)}: {counts[name]}" for name in order if counts[name]
        )
        + ".",
        "",
        "| example | shown on | outcome |",
        "|---|---|---|",
    ]
    for snippet in snippets:
        pages = ", ".join(
            f"[{_cell(shown['block'])}]({shown['page']})" for shown in snippet["shown"]
        )
        outcome = _MODERN_OUTCOMES.get(snippet["outcome"], snippet["outcome"])
        if snippet["outcome"] in harness.DIVERGENCES:
            anchor = "x1" if snippet["outcome"] == "X1" else f"modern-{snippet['outcome'].lower()}"
            outcome = f"[{snippet['outcome']}](differences.md#{anchor})"
        lines.append(f"| `{snippet['path']}` | {pages} | {outcome} |")
    lines.append("")
    return lines


def render_lines(results: dict[str, Any]) -> list[str]:
    """The Markdown lines of the Conformance page (below its front matter), from a record."""
    eras: dict[str, dict[str, Any]] = results.get("eras", {})
    lines = [*_intro(), *_summary(eras)]
    for name in harness.ERAS:
        lines += _era_section(name, eras.get(name))
    return _clean("\n".join(lines)).split("\n")


def page_lines() -> list[str]:
    """The Conformance page, from the committed record (the ``conformance-page`` placeholder).

    Returns:
        The page's Markdown lines, below the stub's front matter.
    """
    return render_lines(load(RESULTS))


def load(results: Path = RESULTS) -> dict[str, Any]:
    """The stored results of both eras (a record of the single-era format counts as legacy)."""
    if not results.is_file():
        return {"eras": {}}
    data: dict[str, Any] = json.loads(results.read_text(encoding="utf-8"))
    if "eras" not in data:
        data = {"eras": {"legacy": {"era": "legacy", **data}}}
    return data


def _masked(event: str) -> str:
    for pattern, replacement in COMMITTED_MASKS.values():
        event = pattern.sub(replacement, event)
    return event


def committed(record: dict[str, Any]) -> dict[str, Any]:
    """An era's record without what varies from run to run (``VARYING``, durations, masks)."""
    kept = {key: value for key, value in record.items() if key not in VARYING}
    for group in ("cases", "snippets"):
        kept[group] = [
            {
                **item,
                "observations": {
                    lib: {
                        "events": [_masked(event) for event in observation["events"]],
                        "status": observation["status"],
                    }
                    for lib, observation in item["observations"].items()
                },
            }
            for item in record.get(group, [])
        ]
    return kept


def _merge(record: dict[str, Any], results: Path) -> None:
    merged = load(results)
    merged["eras"][record["era"]] = record
    merged["eras"] = {name: merged["eras"][name] for name in harness.ERAS if name in merged["eras"]}
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps(merged, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write(record: dict[str, Any], *, update: bool = False) -> list[Path]:
    """Store an era's record beside the other era's: under build/, and in docs/ on update.

    Args:
        record: The era's record, as ``run_all`` returns it.
        update: Also write the committed ``docs/conformance-results.json`` (the page's data).

    Returns:
        The files written.
    """
    _merge(record, BUILD_RESULTS)
    if not update:
        return [BUILD_RESULTS]
    _merge(committed(record), RESULTS)
    return [BUILD_RESULTS, RESULTS]
