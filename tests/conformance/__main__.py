# Command line: run the conformance suite, print a summary, write the results and the page.
"""Run one era of the conformance suite against real Streamlit.

Usage (from the repository root, in an environment with cachelib and the era's Streamlit:
streamlit==1.35.0 for ``legacy``, streamlit==1.67.0 for ``modern``)::

    python -m tests.conformance              # the legacy era; writes its record into
                                             # build/conformance/conformance-results.json
    python -m tests.conformance --era modern # the modern era (cases and site examples)
    python -m tests.conformance --update     # also write docs/conformance-results.json,
                                             # the committed record the page shows
    python -m tests.conformance -k 1_03      # only the cases (and, modern, the examples)
                                             # whose name contains 1_03; no file written

Exits 1 if any case fails.
"""

from __future__ import annotations

import argparse
import sys

from . import harness, report


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m tests.conformance")
    parser.add_argument("--era", choices=tuple(harness.ERAS), default="legacy")
    parser.add_argument("-k", dest="pattern", help="only the cases whose id contains this")
    parser.add_argument("--jobs", type=int, help="processes at a time (default: CPU count)")
    parser.add_argument("--python", help="interpreter that runs the cases (default: this one)")
    parser.add_argument("--no-write", action="store_true", help="write no record")
    parser.add_argument(
        "--update",
        action="store_true",
        help="also write the committed docs/conformance-results.json",
    )
    options = parser.parse_args(argv)
    record = report.run_all(options.python, options.jobs, options.pattern, options.era)
    for case in record["cases"]:
        mark = "ok  " if case["ok"] else "FAIL"
        print(f"{mark} {case['outcome']:<5} {case['id']}")
        for problem in case["problems"]:
            print(f"        {problem}")
        if not case["ok"]:
            for lib, observation in case["observations"].items():
                print(f"        {lib}: {observation['events']}")
    for snippet in record["snippets"]:
        why = snippet.get("reason") or snippet.get("declared") or ""
        print(f"snippet {snippet['outcome']:<18} {snippet['path']}: {why}")
        for problem in snippet.get("problems", []):
            print(f"        {problem}")
        if not snippet.get("ok", True):
            for lib, observation in snippet["observations"].items():
                print(f"        {lib}: {observation['events']}")
    totals = record["totals"]
    summary = ", ".join(f"{key} {value}" for key, value in totals.items() if value)
    print(f"{summary}; snippets {len(record['snippets'])}; {record['wall_seconds']} s")
    failed = totals["failed"] + sum(not s.get("ok", True) for s in record["snippets"])
    if options.pattern is None and not options.no_write:
        for path in report.write(record, update=options.update):
            print(f"wrote {path.relative_to(harness.ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
