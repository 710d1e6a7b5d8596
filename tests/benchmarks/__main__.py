"""Run the benchmarks and write their results (the Performance page renders them at build time).

Usage (from the repository root, in the bench environment: ``nox -s bench``)::

    python -m tests.benchmarks                    # full run into build/benchmarks/
    python -m tests.benchmarks --quick            # CI: smaller sizes, every case, same place
    python -m tests.benchmarks --update           # full run into docs/performance-results.json

A run writes ``performance-results.json`` and ``performance.md``, a preview of the page its
figures make, into ``build/benchmarks/`` (untracked), or into ``--out``. Only ``--update``
writes the committed ``docs/performance-results.json``, the figures the site shows: the
Performance page is rendered from it when the site is built (``tests/benchmarks/report.py``),
so no run rewrites a tracked Markdown file, and a quick run can never replace it.

``BENCH_QUICK=1`` in the environment is the same as ``--quick``. The modern API's cases run
in a second environment, with Streamlit 1.67 (``nox -s bench`` creates it): its interpreter is
``--modern-python``, by default ``$BENCH_MODERN_PYTHON``. The run ends with shared storage on
Redis (``redis_bench.py``), against a private redis-server.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import redis_bench, report
from .environment import ROOT
from .run import FULL, QUICK, measure

MODERN_PYTHON = "BENCH_MODERN_PYTHON"
PREVIEW = ROOT / "build" / "benchmarks"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run, write; exit status 1 if a contender gave a wrong answer."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="CI mode: small sizes, few rounds")
    parser.add_argument(
        "--update",
        action="store_true",
        help=f"write the committed docs/{report.RESULTS} (a full run only)",
    )
    parser.add_argument("--out", type=Path, help="output folder (default: build/benchmarks/)")
    parser.add_argument(
        "--modern-python",
        default=os.environ.get(MODERN_PYTHON),
        help=f"interpreter with Streamlit 1.67 and cachelib (default: ${MODERN_PYTHON})",
    )
    args = parser.parse_args(argv)
    quick = args.quick or os.environ.get("BENCH_QUICK", "") not in ("", "0")
    if args.update and (quick or args.out):
        parser.error("--update writes the figures of a full run into docs/: no --quick, no --out")
    if not args.modern_python:
        parser.error(
            f"no interpreter for the Streamlit 1.67 cases: pass --modern-python or set"
            f" {MODERN_PYTHON} (`nox -s bench` creates that environment and sets it)"
        )
    start = time.perf_counter()

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - start:7.1f} s] {message}", file=sys.stderr, flush=True)

    results = measure(QUICK if quick else FULL, progress, args.modern_python)
    out = args.out or PREVIEW
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=1) + "\n"
    (out / report.RESULTS).write_text(text, encoding="utf-8")
    page = report.write_preview(results, out)
    print(f"wrote {out / report.RESULTS} and a preview of the page, {page}", file=sys.stderr)
    if args.update:
        report.COMMITTED.write_text(text, encoding="utf-8")
        print(f"wrote {report.COMMITTED}: the site shows these figures", file=sys.stderr)
    if "error" not in results["redis"]:
        print(redis_bench.table(results["redis"]))
    problems = report.problems(results)
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
