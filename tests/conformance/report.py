# Runs everything; writes docs/conformance-results.json and the generated docs/conformance.md.
"""Results of a conformance run: the JSON record and the site page generated from it.

The page is never edited by hand: ``python -m tests.conformance`` (or ``nox -s
conformance``) rewrites both files from a real run.
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
    python: str | None = None, jobs: int | None = None, pattern: str | None = None
) -> dict[str, Any]:
    """Run every case and every snippet; return the results record."""
    python = python or harness.default_python()
    jobs = jobs or 2 * (os.cpu_count() or 1)
    start = time.perf_counter()
    started = datetime.datetime.now(datetime.timezone.utc)
    cases = harness.load_cases(pattern)
    case_results = harness.run_cases(cases, python, jobs)
    snippet_results = harness.run_snippets(harness.discover_snippets(), python, jobs)
    wall = time.perf_counter() - start
    totals = Counter(result.outcome for result in case_results)
    return {
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
        "exclusions": [{"what": what, "why": why} for what, why in EXCLUSIONS],
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


def render_page(record: dict[str, Any]) -> str:
    """The Markdown of the Conformance page, from a results record."""
    versions, host, totals = record["versions"], record["machine"], record["totals"]
    generated = datetime.datetime.fromisoformat(record["generated"])
    lines = [
        "# Conformance with Streamlit 1.35",
        "",
        "<!-- Generated by `nox -s conformance` (python -m tests.conformance) from",
        "     docs/conformance-results.json. Do not edit: rerun the suite. -->",
        "",
        "Every rule of Streamlit 1.35's legacy `st.cache` is checked by running small app "
        "scripts twice, each in a fresh process: once with `import cachelib as st`, once with "
        "`import streamlit as st` against the real Streamlit 1.35.0. Both runs are observed "
        "the same way: which calls executed, results, object identity, exceptions (their class "
        "and the facts their message states) and mutation warnings. Each case expects either "
        "the *same* observation from both libraries, or exactly one of the contract's required "
        "divergences (D1 to D12), checked both ways: cachelib does what the contract says, and "
        "Streamlit really shows the flaw.",
        "",
        "Bare-mode Streamlit shows nothing for `st.write`, so the observer makes it print its "
        "arguments as cachelib's `st.write` does, and maps `st.clear_cache()` to "
        "`streamlit.runtime.legacy_caching.clear_cache()`. Each run starts in a fresh "
        "temporary folder, with its own `HOME` and cache folder. The case files live in "
        "`tests/conformance/cases/`; each declares its expected observations.",
        "",
    ]
    if (DOCS / "differences.md").is_file():
        lines += [
            "The divergences are explained on [Differences from Streamlit](differences.md).",
            "",
        ]
    lines += [
        "Two classifications read the contract's table beyond its words, and are marked so in "
        "their cases: a `hash_funcs` key that is neither a type nor a fully qualified name is "
        "refused when decorating, counted as D11 (the library's issue lists `hash_funcs` "
        "checks with the option checks of D11); and a class is hashed by module and qualified "
        "name, the way pickle refers to it, counted as D4 (Streamlit hashes a class by its bare "
        "`__name__`, so two classes named alike share an entry).",
        "",
    ]
    lines += [
        "## This run",
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
        "## Totals",
        "",
        "| outcome | cases |",
        "|---|---:|",
        f"| same | {totals['same']} |",
    ]
    lines += [f"| {d} | {totals[d]} |" for d in harness.DIVERGENCES]
    lines += [
        f"| **failed** | **{totals['failed']}** |",
        f"| total | {totals['cases']} |",
        "",
    ]
    if not record.get("complete", True):
        lines += ["!!! warning", "    A partial run (a subset of the cases).", ""]
    by_section: dict[str, list[dict[str, Any]]] = {}
    for case in record["cases"]:
        by_section.setdefault(case["section"], []).append(case)
    for section, name in harness.SECTIONS.items():
        cases = by_section.get(section, [])
        lines += [f"## {section} {name}", ""]
        if not cases:
            lines += ["No case.", ""]
            continue
        lines += ["| case | expectation | outcome |", "|---|---|---|"]
        for case in cases:
            outcome = case["outcome"]
            shown = "**FAIL**" if outcome == "FAIL" else outcome
            lines.append(
                f"| {_cell(case['title'])} <br>`{case['id']}` | {case['expect']} | {shown} |"
            )
        lines.append("")
    failures = [case for case in record["cases"] if not case["ok"]]
    if failures:
        lines += ["## Failures", ""]
        for case in failures:
            lines += [f"### `{case['id']}`", "", _cell(case["title"]), ""]
            lines += [f"- {_cell(problem.splitlines()[0])}" for problem in case["problems"]]
            lines.append("")
            for lib, observation in case["observations"].items():
                lines += [f"{lib}:", "", "```text", *observation["events"], "```", ""]
    lines += [
        "## Site snippets under Streamlit 1.35",
        "",
        "Every example of this site, run as written and with its import swapped to "
        "`import streamlit as st` (bare mode, `python snippet.py`, with the same `st.write` "
        "shim). A difference is explained by a divergence, by an API or setup that only "
        "cachelib has, or by what needs `streamlit run`.",
        "",
    ]
    snippets = record["snippets"]
    if snippets:
        counts = Counter(s["outcome"] for s in snippets)
        lines += [
            ", ".join(f"{name}: {count}" for name, count in sorted(counts.items())),
            "",
            "| snippet | outcome | why |",
            "|---|---|---|",
        ]
        lines += [f"| `{s['path']}` | {s['outcome']} | {_md_cell(s['reason'])} |" for s in snippets]
    else:
        lines.append("No snippet found.")
    lines += ["", "## Not compared", ""]
    lines += [f"- **{_md_cell(item['what'])}**: {item['why']}" for item in record["exclusions"]]
    lines.append("")
    return _clean("\n".join(lines))


def write(record: dict[str, Any], results: Path = RESULTS, page: Path = PAGE) -> None:
    """Write the JSON record and the page generated from it."""
    results.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    page.write_text(render_page(record), encoding="utf-8")
